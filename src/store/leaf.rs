//! What a leaf hashes. A version's leaf commits to three parts apart, so
//! a resident can be shown the part about them without the rest:
//!
//! ```text
//! leaf data = "inzage/actie/1\n" ‖ salt₁ ‖ SHA-256(publiek) ‖ SHA-256(salt₂ ‖ verborgen) ‖ SHA-256(object)…
//! leaf hash = SHA-256(0x00 ‖ leaf data)                       (RFC 6962)
//! ```
//!
//! `publiek` is what the resident may see of the action, `verborgen` the
//! rest (who acted, the system, the source; see docs/architecture.md#who-sees-what),
//! and each `object` one person in it, in `verwerkt_object_id` order: a
//! resident's export gives their own object and only the hashes of the
//! others. The row's 32-byte salt is salt₁ ‖ salt₂: an export shows salt₁,
//! never salt₂, so the hidden part's hash cannot be guessed from who might
//! have acted. Each part is JSON with its keys in a fixed order, so the bytes
//! are the same every time. An audit line is one part.
//!
//! Derived columns (`verwerkt_object.zichtbaar`, `eigen_inzage`, the copied
//! time and activity) are not in the leaf: they are recomputed from it.
//!
//! The writer hashes each new version as it stores it (`leaf_hash` on the
//! row), so the tree grows without reading rows back; `inzage verify`
//! never trusts that column and hashes the row itself.

use crate::crypto::merkle::{leaf_hash, Hash};
use crate::store::{
    log::{ActieFields, NewVersion, SealedObject, Wijziging},
    tree::{SaltedAudit, VersionRow},
};
use serde::Serialize;
use sha2::{Digest, Sha256};

/// Domain tags: a version's leaf can never be read as an audit line's.
pub const ACTIE_TAG: &[u8] = b"inzage/actie/1\n";
pub const AUDIT_TAG: &[u8] = b"inzage/audit/1\n";

/// Why a row has no leaf: its salt is missing or malformed.
#[derive(Debug, thiserror::Error)]
#[error("row {0} has no valid leaf salt")]
pub struct NoSalt(pub i64);

/// What a resident may see of a version.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Publiek<'a> {
    pub seq: i64,
    pub actie_id: &'a str,
    pub wijziging: &'a str,
    pub vervallen: bool,
    pub tijdstip: &'a str,
    pub vertrouwelijkheid: &'a str,
    pub bewaartermijn: Option<&'a str>,
    pub actie_naam: Option<&'a str>,
    pub handeling_naam: Option<&'a str>,
    pub verwerking_naam: Option<&'a str>,
    pub verwerking_id: Option<&'a str>,
    pub verwerkingsactiviteit_id: Option<&'a str>,
    pub verwerkingsactiviteit_url: Option<&'a str>,
    pub uitvoerder: Option<&'a str>,
    pub soort_afnemer_id: Option<&'a str>,
    pub afnemer_id: Option<&'a str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Verborgen<'a> {
    client_id: &'a str,
    registratie_utc: i64,
    tijdstip_utc: i64,
    systeem: Option<&'a str>,
    gebruiker: Option<&'a str>,
    gegevensbron: Option<&'a str>,
    afnemer_id_sealed: Option<String>,
    verwerkingsactiviteit_id_afnemer: Option<&'a str>,
    verwerkingsactiviteit_url_afnemer: Option<&'a str>,
    verwerking_id_afnemer: Option<&'a str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Object<'a> {
    verwerkt_object_id: &'a str,
    pseudonym: String,
    objecttype: &'a str,
    soort_object_id: &'a str,
    object_id_sealed: String,
    betrokkenheid: Option<&'a str>,
    soorten_gegevens: &'a str,
}

#[derive(Serialize)]
struct Audit<'a> {
    seq: i64,
    tijd: i64,
    medewerker: &'a str,
    rol: &'a str,
    actie: &'a str,
    onderwerp: Option<&'a str>,
    details: Option<&'a str>,
    account: Option<&'a str>,
}

fn json(value: &impl Serialize) -> Vec<u8> {
    // Serialising these structs (strings, numbers, options) cannot fail.
    serde_json::to_vec(value).unwrap_or_default()
}

fn sha256(bytes: &[u8]) -> [u8; 32] {
    Sha256::digest(bytes).into()
}

fn salt(seq: i64, salt: &Option<Vec<u8>>) -> Result<&[u8; 32], NoSalt> {
    salt.as_deref()
        .and_then(|s| s.try_into().ok())
        .ok_or(NoSalt(seq))
}

/// A version as its leaf hashes it, borrowed from a stored row or from a
/// version the writer is storing.
pub struct LeafVersion<'a> {
    pub seq: i64,
    pub salt: &'a [u8; 32],
    pub actie_id: &'a str,
    pub wijziging: &'a str,
    pub vervallen: bool,
    pub client_id: &'a str,
    pub registratie_utc: i64,
    pub fields: &'a ActieFields,
    pub objects: &'a [SealedObject],
}

impl VersionRow {
    pub fn leaf(&self) -> Result<LeafVersion<'_>, NoSalt> {
        Ok(LeafVersion {
            seq: self.seq,
            salt: salt(self.seq, &self.leaf_salt)?,
            actie_id: &self.actie_id,
            wijziging: &self.wijziging,
            vervallen: self.vervallen,
            client_id: &self.client_id,
            registratie_utc: self.registratie_utc,
            fields: &self.fields,
            objects: &self.objects,
        })
    }
}

impl NewVersion<'_> {
    /// The version as it will be stored with this `seq`.
    pub fn leaf(&self, seq: i64) -> LeafVersion<'_> {
        LeafVersion {
            seq,
            salt: &self.leaf_salt,
            actie_id: self.actie_id,
            wijziging: self.wijziging.as_str(),
            vervallen: self.wijziging == Wijziging::Delete,
            client_id: self.client_id,
            registratie_utc: self.registratie_utc,
            fields: self.fields,
            objects: self.objects,
        }
    }
}

/// The resident-visible part of a version, as JSON bytes.
pub fn publiek(v: &LeafVersion<'_>) -> Vec<u8> {
    let f = &v.fields;
    json(&Publiek {
        seq: v.seq,
        actie_id: v.actie_id,
        wijziging: v.wijziging,
        vervallen: v.vervallen,
        tijdstip: &f.tijdstip,
        vertrouwelijkheid: f.vertrouwelijkheid.as_str(),
        bewaartermijn: f.bewaartermijn.as_deref(),
        actie_naam: f.actie_naam.as_deref(),
        handeling_naam: f.handeling_naam.as_deref(),
        verwerking_naam: f.verwerking_naam.as_deref(),
        verwerking_id: f.verwerking_id.as_deref(),
        verwerkingsactiviteit_id: f.verwerkingsactiviteit_id.as_deref(),
        verwerkingsactiviteit_url: f.verwerkingsactiviteit_url.as_deref(),
        uitvoerder: f.uitvoerder.as_deref(),
        soort_afnemer_id: f.soort_afnemer_id.as_deref(),
        afnemer_id: f.afnemer_id.as_deref(),
    })
}

fn verborgen(v: &LeafVersion<'_>) -> Vec<u8> {
    let f = &v.fields;
    json(&Verborgen {
        client_id: v.client_id,
        registratie_utc: v.registratie_utc,
        tijdstip_utc: f.tijdstip_utc,
        systeem: f.systeem.as_deref(),
        gebruiker: f.gebruiker.as_deref(),
        gegevensbron: f.gegevensbron.as_deref(),
        afnemer_id_sealed: f.afnemer_id_sealed.as_deref().map(hex::encode),
        verwerkingsactiviteit_id_afnemer: f.verwerkingsactiviteit_id_afnemer.as_deref(),
        verwerkingsactiviteit_url_afnemer: f.verwerkingsactiviteit_url_afnemer.as_deref(),
        verwerking_id_afnemer: f.verwerking_id_afnemer.as_deref(),
    })
}

/// One person of a version, as JSON bytes.
pub fn object(o: &SealedObject) -> Vec<u8> {
    json(&Object {
        verwerkt_object_id: &o.verwerkt_object_id,
        pseudonym: hex::encode(&o.pseudonym),
        objecttype: &o.objecttype,
        soort_object_id: &o.soort_object_id,
        object_id_sealed: hex::encode(&o.object_id_sealed),
        betrokkenheid: o.betrokkenheid.as_deref(),
        soorten_gegevens: &o.soorten_gegevens,
    })
}

/// A version's leaf, in parts: what an export shows of it.
pub struct VersionParts {
    /// The salt's shown half.
    pub salt: Vec<u8>,
    pub publiek: Vec<u8>,
    /// The hash of the hidden part, salted with the salt's other half.
    pub verborgen: [u8; 32],
    /// The persons, in order.
    pub objects: Vec<ObjectPart>,
}

/// One person of a version: its JSON and the hash the leaf holds.
pub struct ObjectPart {
    pub pseudonym: Vec<u8>,
    pub json: Vec<u8>,
    pub hash: [u8; 32],
}

impl VersionParts {
    pub fn of(v: &LeafVersion<'_>) -> VersionParts {
        let mut objects: Vec<&SealedObject> = v.objects.iter().collect();
        objects.sort_by(|a, b| a.verwerkt_object_id.cmp(&b.verwerkt_object_id));
        let (shown, hidden) = v.salt.split_at(16);
        let mut verborgen_salted = hidden.to_vec();
        verborgen_salted.extend(verborgen(v));
        VersionParts {
            salt: shown.to_vec(),
            publiek: publiek(v),
            verborgen: sha256(&verborgen_salted),
            objects: objects
                .into_iter()
                .map(|o| {
                    let json = object(o);
                    ObjectPart {
                        pseudonym: o.pseudonym.clone(),
                        hash: sha256(&json),
                        json,
                    }
                })
                .collect(),
        }
    }

    /// The leaf data the parts make.
    pub fn leaf_data(&self) -> Vec<u8> {
        let mut data = Vec::with_capacity(ACTIE_TAG.len() + 16 + 32 * (2 + self.objects.len()));
        data.extend_from_slice(ACTIE_TAG);
        data.extend_from_slice(&self.salt);
        data.extend_from_slice(&sha256(&self.publiek));
        data.extend_from_slice(&self.verborgen);
        for o in &self.objects {
            data.extend_from_slice(&o.hash);
        }
        data
    }
}

impl LeafVersion<'_> {
    /// The leaf hash of the version with its persons.
    pub fn hash(&self) -> Hash {
        leaf_hash(&VersionParts::of(self).leaf_data())
    }
}

/// The leaf hash of a stored version with its persons.
pub fn version_leaf(v: &VersionRow) -> Result<Hash, NoSalt> {
    Ok(v.leaf()?.hash())
}

/// The leaf hash of an audit line.
pub fn audit_leaf(salted: &SaltedAudit) -> Result<Hash, NoSalt> {
    let a = &salted.line;
    let salt = salt(a.seq, &salted.leaf_salt)?;
    let body = json(&Audit {
        seq: a.seq,
        tijd: a.tijd,
        medewerker: &a.medewerker,
        rol: &a.rol,
        actie: &a.actie,
        onderwerp: a.onderwerp.as_deref(),
        details: a.details.as_deref(),
        account: a.account.as_deref(),
    });
    let mut data = Vec::with_capacity(AUDIT_TAG.len() + 32 + body.len());
    data.extend_from_slice(AUDIT_TAG);
    data.extend_from_slice(salt);
    data.extend_from_slice(&body);
    Ok(leaf_hash(&data))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::log::ActieFields;

    fn version() -> VersionRow {
        VersionRow {
            seq: 7,
            leaf_salt: Some(vec![1; 32]),
            actie_id: "a".into(),
            wijziging: "create".into(),
            vervallen: false,
            client_id: "c".into(),
            registratie_utc: 1,
            fields: ActieFields {
                tijdstip: "2026-01-01T10:00:00+01:00".into(),
                ..Default::default()
            },
            objects: vec![
                SealedObject {
                    verwerkt_object_id: "b".into(),
                    soorten_gegevens: "[]".into(),
                    ..Default::default()
                },
                SealedObject {
                    verwerkt_object_id: "a".into(),
                    soorten_gegevens: "[]".into(),
                    ..Default::default()
                },
            ],
        }
    }

    #[test]
    fn every_part_changes_the_leaf() {
        let base = version_leaf(&version()).unwrap();
        let mut v = version();
        v.fields.gebruiker = Some("x".into());
        assert_ne!(version_leaf(&v).unwrap(), base, "hidden part");
        let mut v = version();
        v.fields.actie_naam = Some("x".into());
        assert_ne!(version_leaf(&v).unwrap(), base, "public part");
        let mut v = version();
        v.objects[0].soorten_gegevens = "[\"x\"]".into();
        assert_ne!(version_leaf(&v).unwrap(), base, "a person");
        let mut v = version();
        v.seq = 8;
        assert_ne!(version_leaf(&v).unwrap(), base, "the seq");
        let mut v = version();
        v.leaf_salt = Some(vec![2; 32]);
        assert_ne!(version_leaf(&v).unwrap(), base, "the salt");
        let mut v = version();
        v.objects.pop();
        assert_ne!(version_leaf(&v).unwrap(), base, "a person less");
    }

    #[test]
    fn persons_count_in_id_order_whatever_order_they_were_read_in() {
        let mut v = version();
        let base = version_leaf(&v).unwrap();
        v.objects.reverse();
        assert_eq!(version_leaf(&v).unwrap(), base);
    }

    #[test]
    fn the_writer_hashes_a_new_version_as_the_tree_hashes_it_stored() {
        let row = version();
        let new = NewVersion {
            actie_id: &row.actie_id,
            wijziging: Wijziging::Create,
            client_id: &row.client_id,
            registratie_utc: row.registratie_utc,
            fields: &row.fields,
            objects: &row.objects,
            idempotency: None,
            replaces: None,
            leaf_salt: [1; 32],
        };
        assert_eq!(new.leaf(row.seq).hash(), version_leaf(&row).unwrap());
        assert_ne!(new.leaf(row.seq + 1).hash(), version_leaf(&row).unwrap());
    }

    #[test]
    fn a_row_without_salt_has_no_leaf() {
        let mut v = version();
        v.leaf_salt = None;
        assert!(version_leaf(&v).is_err());
    }
}
