//! Keyed pseudonyms: how a person is looked up without storing the
//! identifier.
//!
//! `Pseudonym = HMAC-SHA256(pseudonym key, "v1" 0x00 soort 0x00 objectId)`,
//! where `soort` (the `soortObjectId`, e.g. `BSN`) is ASCII-lower-cased and
//! `objectId` is used exactly as given, so the caller normalises it (for a
//! BSN: `Bsn::as_str`, the 9 digits). The `v1` prefix allows a
//! later scheme to live next to this one.

use std::fmt;

use hmac::{Hmac, Mac};
use sha2::Sha256;

use super::keys::PseudonymKey;

const DOMAIN: &[u8] = b"v1\0";

/// The keyed pseudonym of one person identifier (32 bytes).
///
/// Equal identifiers under the same key give equal pseudonyms; without the key
/// a pseudonym cannot be linked back to the identifier. `Debug` shows only the
/// first 8 hex characters.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Pseudonym([u8; 32]);

impl Pseudonym {
    /// Derives the pseudonym of `object_id` of kind `soort_object_id`
    /// (case-insensitive, ASCII). `soort_object_id` should not contain a NUL
    /// character; the ingest layer validates it.
    pub fn derive(key: &PseudonymKey, soort_object_id: &str, object_id: &str) -> Pseudonym {
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key.expose())
            .expect("HMAC accepts a key of any length");
        mac.update(DOMAIN);
        mac.update(soort_object_id.to_ascii_lowercase().as_bytes());
        mac.update(b"\0");
        mac.update(object_id.as_bytes());
        Pseudonym(mac.finalize().into_bytes().into())
    }

    /// The 32 bytes, as stored in the database.
    pub fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }

    /// Reads a stored pseudonym; `None` unless `bytes` is exactly 32 long.
    pub fn from_bytes(bytes: &[u8]) -> Option<Pseudonym> {
        <[u8; 32]>::try_from(bytes).ok().map(Pseudonym)
    }

    /// 64 lower-case hex characters.
    pub fn to_hex(&self) -> String {
        hex::encode(self.0)
    }
}

impl PseudonymKey {
    /// Same as [`Pseudonym::derive`] with this key.
    pub fn pseudonym(&self, soort_object_id: &str, object_id: &str) -> Pseudonym {
        Pseudonym::derive(self, soort_object_id, object_id)
    }
}

impl fmt::Debug for Pseudonym {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Pseudonym({}…)", hex::encode(&self.0[..4]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crypto::Keys;

    #[test]
    fn deterministic() {
        let keys = Keys::for_tests();
        let a = Pseudonym::derive(&keys.pseudonym, "BSN", "999993653");
        let b = keys.pseudonym.pseudonym("BSN", "999993653");
        assert_eq!(a, b);
        assert_eq!(a.to_hex().len(), 64);
    }

    #[test]
    fn matches_the_documented_construction() {
        let keys = Keys::for_tests();
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(keys.pseudonym.expose()).unwrap();
        mac.update(b"v1\0bsn\0999993653");
        let expected: [u8; 32] = mac.finalize().into_bytes().into();
        assert_eq!(
            keys.pseudonym.pseudonym("BSN", "999993653").as_bytes(),
            &expected
        );
    }

    #[test]
    fn differs_per_key() {
        let keys = Keys::for_tests();
        let tmp = tempfile::tempdir().unwrap();
        let other = Keys::load(None, None, tmp.path()).unwrap();
        assert_ne!(
            keys.pseudonym.pseudonym("BSN", "999993653"),
            other.pseudonym.pseudonym("BSN", "999993653")
        );
    }

    #[test]
    fn differs_per_soort_and_object_id() {
        let k = &Keys::for_tests().pseudonym;
        let base = k.pseudonym("BSN", "999993653");
        assert_ne!(base, k.pseudonym("BSN", "999993654"));
        assert_ne!(base, k.pseudonym("KVK", "999993653"));
        // the separator keeps the parts apart
        assert_ne!(k.pseudonym("bsn", "1"), k.pseudonym("bsn1", ""));
    }

    #[test]
    fn soort_is_case_insensitive() {
        let k = &Keys::for_tests().pseudonym;
        assert_eq!(
            k.pseudonym("BSN", "999993653"),
            k.pseudonym("bsn", "999993653")
        );
        assert_eq!(
            k.pseudonym("BsN", "999993653"),
            k.pseudonym("bSn", "999993653")
        );
        // the object id is not altered
        assert_ne!(k.pseudonym("x", "ABC"), k.pseudonym("x", "abc"));
    }

    #[test]
    fn bytes_round_trip_and_debug_is_short() {
        let p = Keys::for_tests().pseudonym.pseudonym("BSN", "999993653");
        assert_eq!(Pseudonym::from_bytes(p.as_bytes()), Some(p));
        assert_eq!(Pseudonym::from_bytes(&p.as_bytes()[..31]), None);
        assert_eq!(Pseudonym::from_bytes(&[0u8; 33]), None);
        let shown = format!("{p:?}");
        assert_eq!(shown, format!("Pseudonym({}…)", &p.to_hex()[..8]));
    }
}
