//! A resident's export that anyone can check: signed as a whole (JWS,
//! EdDSA), and per entry the leaf it is in the log as, with its inclusion
//! proof against a signed checkpoint. An entry's proof shows the resident's
//! own person and what they may see of the action; the rest of the leaf
//! (who acted, other persons) only as hashes. `inzage verify-export` and
//! `scripts/verify-export.py` (Python's standard library only) check it.

use super::{proof, seal, upper::UpperLevels, Signer, TreeError};
use crate::crypto::{
    jws,
    merkle::{self, Hash},
    note::{Checkpoint, NoteVerifier, SignedNote},
};
use crate::store::{leaf, tree::Soort, Db};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::HashMap;

pub const FORMAT: &str = "inzage-export/1";

/// How one entry is in the log.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bewijs {
    /// The leaf's index in the tree.
    pub blad: u64,
    /// The leaf's salt, hex.
    pub zout: String,
    /// What the resident may see of the action, as the leaf holds it (JSON text).
    pub publiek: String,
    /// The hash of the rest of the action (who acted, the system), hex.
    pub verborgen: String,
    /// The persons in the action, in the leaf's order.
    pub personen: Vec<Persoon>,
    /// The inclusion proof (RFC 9162), hex, leaf to root.
    pub pad: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Persoon {
    /// The resident themselves (JSON text).
    U(String),
    /// Someone else: only the hash.
    Hash(String),
}

/// The signed part of an export: the checkpoint and its key, and the rows.
#[derive(Serialize, Deserialize)]
pub struct Export<R> {
    pub formaat: String,
    pub gemaakt: String,
    /// The signed checkpoint the proofs lead to (a C2SP signed note).
    pub checkpoint: String,
    /// The key that signed it and the export (a note verifier key).
    pub sleutel: String,
    pub regels: Vec<R>,
}

/// The proofs for a resident's entries (by `seq`), against the newest
/// checkpoint, which first takes in every committed row.
pub struct Proofs {
    pub checkpoint: String,
    pub size: u64,
    pub by_seq: HashMap<i64, Bewijs>,
}

fn sha256(bytes: &[u8]) -> [u8; 32] {
    Sha256::digest(bytes).into()
}

pub async fn prove(
    db: &Db,
    upper: &UpperLevels,
    signer: &Signer,
    seqs: &[i64],
    pseudonym: &[u8],
) -> Result<Option<Proofs>, TreeError> {
    let Some(checkpoint) = seal(db, signer).await? else {
        return Ok(None);
    };
    let size = checkpoint.grootte as u64;
    let mut seqs = seqs.to_vec();
    seqs.sort_unstable();
    let indices = db.leaf_indices(Soort::Actie, &seqs).await?;
    let versions = db.versions_by_seq(&seqs).await?;
    let proven: Vec<(&crate::store::tree::VersionRow, u64)> = versions
        .iter()
        .filter_map(|v| Some((v, *indices.get(&v.seq)? as u64)))
        .filter(|(_, index)| *index < size)
        .collect();
    let leaves: Vec<u64> = proven.iter().map(|(_, index)| *index).collect();
    let paths = proof::inclusion(db, upper, &leaves, size).await?;
    let mut by_seq = HashMap::new();
    for ((v, index), path) in proven.into_iter().zip(paths) {
        let parts = leaf::VersionParts::of(&v.leaf()?);
        by_seq.insert(
            v.seq,
            Bewijs {
                blad: index,
                zout: hex::encode(&parts.salt),
                publiek: String::from_utf8_lossy(&parts.publiek).into_owned(),
                verborgen: hex::encode(parts.verborgen),
                personen: parts
                    .objects
                    .iter()
                    .map(|o| {
                        if o.pseudonym == pseudonym {
                            Persoon::U(String::from_utf8_lossy(&o.json).into_owned())
                        } else {
                            Persoon::Hash(hex::encode(o.hash))
                        }
                    })
                    .collect(),
                pad: path.iter().map(hex::encode).collect(),
            },
        );
    }
    Ok(Some(Proofs {
        checkpoint: checkpoint.notitie,
        size,
        by_seq,
    }))
}

/// Signs an export's payload with the log's key.
pub fn sign(payload: &[u8], signer: &Signer) -> String {
    jws::sign(
        payload,
        signer.key.signing(),
        &signer.verifier().to_string(),
    )
}

impl Bewijs {
    /// The leaf hash these parts make, if they are well-formed.
    pub fn leaf(&self) -> Option<Hash> {
        let mut data = leaf::ACTIE_TAG.to_vec();
        data.extend(hex::decode(&self.zout).ok().filter(|s| s.len() == 16)?);
        data.extend(sha256(self.publiek.as_bytes()));
        data.extend(
            hex::decode(&self.verborgen)
                .ok()
                .filter(|h| h.len() == 32)?,
        );
        for p in &self.personen {
            match p {
                Persoon::U(json) => data.extend(sha256(json.as_bytes())),
                Persoon::Hash(hash) => {
                    data.extend(hex::decode(hash).ok().filter(|h| h.len() == 32)?)
                }
            }
        }
        Some(merkle::leaf_hash(&data))
    }
}

#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum ExportError {
    #[error("the export is not signed by the key it names: {0}")]
    Signature(#[from] jws::JwsError),
    #[error("the export names a key that is not a valid note key")]
    Key,
    #[error("the export is signed by {found}, not by the expected {expected}")]
    OtherKey { found: String, expected: String },
    #[error("the export's contents are not an Inzage export")]
    Shape,
    #[error("the export's checkpoint is not signed by its key")]
    Checkpoint,
    #[error("entry {0} is not in the log as its proof says")]
    Entry(usize),
    #[error("entry {0} has no proof")]
    Unproven(usize),
}

/// What a checked export holds.
#[derive(Debug, PartialEq, Eq)]
pub struct Checked {
    pub key: String,
    pub size: u64,
    pub entries: usize,
}

#[derive(Deserialize)]
struct ProvenRow {
    bewijs: Option<Bewijs>,
}

/// Checks an export: its signature (by `expected`, when given), its
/// checkpoint's signature, and each entry's proof.
pub fn check(document: &str, expected: Option<&NoteVerifier>) -> Result<Checked, ExportError> {
    let kid = jws::key_id(document)?;
    let key = NoteVerifier::parse(&kid).map_err(|_| ExportError::Key)?;
    if let Some(expected) = expected {
        if expected.to_string() != key.to_string() {
            return Err(ExportError::OtherKey {
                found: key.to_string(),
                expected: expected.to_string(),
            });
        }
    }
    let payload = jws::verify(document, key.key())?;
    let export: Export<ProvenRow> =
        serde_json::from_slice(&payload).map_err(|_| ExportError::Shape)?;
    if export.formaat != FORMAT || export.sleutel != kid {
        return Err(ExportError::Shape);
    }
    let note = SignedNote::parse(&export.checkpoint).map_err(|_| ExportError::Checkpoint)?;
    if !note.verify(&key) {
        return Err(ExportError::Checkpoint);
    }
    let checkpoint = Checkpoint::parse_body(&note.body).map_err(|_| ExportError::Checkpoint)?;
    for (n, row) in export.regels.iter().enumerate() {
        let bewijs = row.bewijs.as_ref().ok_or(ExportError::Unproven(n + 1))?;
        let path: Option<Vec<Hash>> = bewijs
            .pad
            .iter()
            .map(|h| {
                hex::decode(h)
                    .ok()
                    .and_then(|h| Hash::try_from(h.as_slice()).ok())
            })
            .collect();
        let holds = match (bewijs.leaf(), path) {
            (Some(leaf), Some(path)) => merkle::verify_inclusion(
                bewijs.blad,
                checkpoint.size,
                &leaf,
                &path,
                &checkpoint.root,
            ),
            _ => false,
        };
        if !holds {
            return Err(ExportError::Entry(n + 1));
        }
    }
    Ok(Checked {
        key: kid,
        size: checkpoint.size,
        entries: export.regels.len(),
    })
}
