//! Authenticated encryption of an identifier (AES-256-GCM).
//!
//! Format: `0x01` (version) ‖ 12-byte random nonce ‖ ciphertext ‖ 16-byte tag.
//! Callers pass the row's pseudonym bytes as AAD, so a sealed value only
//! opens on the row of the person it belongs to.

use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Key, Nonce};
use rand::RngCore;

use super::keys::EncryptionKey;

/// The version byte that starts every sealed value.
pub const SEALED_VERSION: u8 = 0x01;
const NONCE_LEN: usize = 12;
const TAG_LEN: usize = 16;
/// Bytes a sealed value is longer than its plaintext.
pub const SEALED_OVERHEAD: usize = 1 + NONCE_LEN + TAG_LEN;

/// Why a sealed value could not be opened. Deliberately coarse: it does not
/// say whether the key, the AAD or the ciphertext was wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CryptoError {
    /// Too short to be a sealed value.
    #[error("sealed value is malformed")]
    Malformed,
    /// Starts with a version byte this build does not know.
    #[error("sealed value has unsupported version {0}")]
    UnsupportedVersion(u8),
    /// Authentication failed: wrong key, wrong AAD or altered ciphertext.
    #[error("sealed value could not be opened")]
    Decryption,
}

impl EncryptionKey {
    fn cipher(&self) -> Aes256Gcm {
        Aes256Gcm::new(Key::<Aes256Gcm>::from_slice(self.expose()))
    }

    /// Encrypts `plaintext`, bound to `aad` (the pseudonym bytes), with a fresh
    /// random nonce; two seals of the same value differ.
    pub fn seal(&self, plaintext: &[u8], aad: &[u8]) -> Vec<u8> {
        // The thread's CSPRNG (ChaCha, seeded and reseeded from the OS):
        // a system call per nonce showed in the profile of a bulk ingest.
        let mut nonce = [0u8; NONCE_LEN];
        rand::thread_rng().fill_bytes(&mut nonce);
        let ciphertext = self
            .cipher()
            .encrypt(
                Nonce::from_slice(&nonce),
                Payload {
                    msg: plaintext,
                    aad,
                },
            )
            .expect("AES-GCM encryption fails only above 64 GiB of plaintext");
        let mut out = Vec::with_capacity(1 + NONCE_LEN + ciphertext.len());
        out.push(SEALED_VERSION);
        out.extend_from_slice(&nonce);
        out.extend_from_slice(&ciphertext);
        out
    }

    /// Decrypts a value made by [`seal`](Self::seal) with the same key and AAD.
    pub fn open(&self, sealed: &[u8], aad: &[u8]) -> Result<Vec<u8>, CryptoError> {
        let (&version, rest) = sealed.split_first().ok_or(CryptoError::Malformed)?;
        if version != SEALED_VERSION {
            return Err(CryptoError::UnsupportedVersion(version));
        }
        if rest.len() < NONCE_LEN + TAG_LEN {
            return Err(CryptoError::Malformed);
        }
        let (nonce, ciphertext) = rest.split_at(NONCE_LEN);
        self.cipher()
            .decrypt(
                Nonce::from_slice(nonce),
                Payload {
                    msg: ciphertext,
                    aad,
                },
            )
            .map_err(|_| CryptoError::Decryption)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crypto::Keys;

    #[test]
    fn round_trip() {
        let keys = Keys::for_tests();
        let aad = keys.pseudonym.pseudonym("BSN", "999993653");
        let sealed = keys.encryption.seal(b"999993653", aad.as_bytes());
        assert_eq!(sealed.len(), 9 + SEALED_OVERHEAD);
        assert_eq!(sealed[0], SEALED_VERSION);
        assert_eq!(
            keys.encryption.open(&sealed, aad.as_bytes()).unwrap(),
            b"999993653"
        );
        let empty = keys.encryption.seal(b"", b"");
        assert_eq!(keys.encryption.open(&empty, b"").unwrap(), b"");
    }

    #[test]
    fn two_seals_differ() {
        let k = &Keys::for_tests().encryption;
        let a = k.seal(b"999993653", b"aad");
        let b = k.seal(b"999993653", b"aad");
        assert_ne!(a, b);
        assert_ne!(a[1..1 + NONCE_LEN], b[1..1 + NONCE_LEN]);
    }

    #[test]
    fn tampering_fails() {
        let k = &Keys::for_tests().encryption;
        let sealed = k.seal(b"999993653", b"aad");
        for i in 1..sealed.len() {
            let mut bad = sealed.clone();
            bad[i] ^= 0x01;
            assert_eq!(
                k.open(&bad, b"aad"),
                Err(CryptoError::Decryption),
                "byte {i}"
            );
        }
        let mut bad = sealed.clone();
        bad[0] = 0x02;
        assert_eq!(
            k.open(&bad, b"aad"),
            Err(CryptoError::UnsupportedVersion(2))
        );
        assert_eq!(
            k.open(&sealed[..sealed.len() - 1], b"aad"),
            Err(CryptoError::Decryption)
        );
        assert_eq!(
            k.open(&sealed[..SEALED_OVERHEAD - 1], b"aad"),
            Err(CryptoError::Malformed)
        );
        assert_eq!(k.open(&[], b"aad"), Err(CryptoError::Malformed));
    }

    #[test]
    fn wrong_aad_fails() {
        let keys = Keys::for_tests();
        let alice = keys.pseudonym.pseudonym("BSN", "999993653");
        let bob = keys.pseudonym.pseudonym("BSN", "999990019");
        let sealed = keys.encryption.seal(b"999993653", alice.as_bytes());
        assert_eq!(
            keys.encryption.open(&sealed, bob.as_bytes()),
            Err(CryptoError::Decryption)
        );
        assert_eq!(
            keys.encryption.open(&sealed, b""),
            Err(CryptoError::Decryption)
        );
    }

    #[test]
    fn wrong_key_fails() {
        let keys = Keys::for_tests();
        let tmp = tempfile::tempdir().unwrap();
        let other = Keys::load(None, None, tmp.path()).unwrap();
        let sealed = keys.encryption.seal(b"999993653", b"aad");
        assert_eq!(
            other.encryption.open(&sealed, b"aad"),
            Err(CryptoError::Decryption)
        );
    }
}
