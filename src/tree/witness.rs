//! A witness: someone independent of the portal (the data-protection
//! officer, say) who cosigns a checkpoint only when it extends the last one
//! they cosigned. Two different logs shown to two people (a fork), or a log
//! that lost entries (a rollback), then cannot both carry the witness's
//! signature. `inzage checkpoint cosign` runs this against a portal.

use crate::crypto::{
    merkle::{self, Hash},
    note::{Checkpoint, NoteVerifier, SignedNote},
};
use ed25519_dalek::SigningKey;

#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    #[error("the checkpoint is not signed by the log's key")]
    Unsigned,
    #[error("the checkpoint is malformed")]
    Malformed,
    #[error(
        "rollback: the log now has {offered} entries, fewer than the {cosigned} already cosigned"
    )]
    Rollback { cosigned: u64, offered: u64 },
    #[error("fork: at size {size} the log now shows a different root than the one cosigned")]
    Fork { size: u64 },
    #[error("fork: the checkpoint of size {offered} does not extend the cosigned one of size {cosigned}")]
    Inconsistent { cosigned: u64, offered: u64 },
}

/// The witness's own signing identity.
pub struct Witness<'a> {
    pub name: &'a str,
    pub key: &'a SigningKey,
}

/// The size a cosigned checkpoint needs a consistency proof from, if any.
pub fn proof_from(last: Option<&str>) -> Option<u64> {
    let note = SignedNote::parse(last?).ok()?;
    Some(Checkpoint::parse_body(&note.body).ok()?.size)
}

/// Cosigns `offered` when the log signed it and it extends `last` (the
/// note this witness cosigned before; `proof` leads from its size to the
/// offered one). Returns the offered note with the witness's signature.
pub fn cosign(
    log: &NoteVerifier,
    witness: &Witness<'_>,
    last: Option<&str>,
    offered: &str,
    proof: &[Hash],
) -> Result<String, Refusal> {
    let mut note = SignedNote::parse(offered).map_err(|_| Refusal::Malformed)?;
    if !note.verify(log) {
        return Err(Refusal::Unsigned);
    }
    let new = Checkpoint::parse_body(&note.body).map_err(|_| Refusal::Malformed)?;
    if let Some(last) = last {
        let last = SignedNote::parse(last).map_err(|_| Refusal::Malformed)?;
        let old = Checkpoint::parse_body(&last.body).map_err(|_| Refusal::Malformed)?;
        if old.origin != new.origin {
            return Err(Refusal::Malformed);
        }
        if new.size < old.size {
            return Err(Refusal::Rollback {
                cosigned: old.size,
                offered: new.size,
            });
        }
        if new.size == old.size && new.root != old.root {
            return Err(Refusal::Fork { size: new.size });
        }
        if !merkle::verify_consistency(old.size, new.size, &old.root, &new.root, proof) {
            return Err(Refusal::Inconsistent {
                cosigned: old.size,
                offered: new.size,
            });
        }
    }
    note.add_signature(witness.name, witness.key)
        .map_err(|_| Refusal::Malformed)?;
    Ok(note.to_string())
}
