//! API client tokens. Only the SHA-256 hash of a token is stored; the token
//! text is shown once, when it is made.

use std::fmt;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use rand::rngs::OsRng;
use rand::RngCore;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

/// Every token starts with this, so it is recognisable (e.g. by secret
/// scanners).
pub const TOKEN_PREFIX: &str = "inz_";

/// Length of a token's text: the prefix and 43 base64url characters.
const TOKEN_LEN: usize = 4 + 43;

/// Makes API client tokens. Tokens are plain `String`s; this type only
/// groups the functions.
#[derive(Debug)]
pub struct ApiToken {
    _private: (),
}

impl ApiToken {
    /// A new token (`inz_` + base64url without padding of 32 random bytes,
    /// 47 characters) and its hash. Show the token once; store the hash.
    pub fn generate() -> (String, TokenHash) {
        let mut random = [0u8; 32];
        OsRng.fill_bytes(&mut random);
        let mut token = String::with_capacity(TOKEN_LEN);
        token.push_str(TOKEN_PREFIX);
        URL_SAFE_NO_PAD.encode_string(random, &mut token);
        random.fill(0);
        std::hint::black_box(&mut random);
        let hash = TokenHash::of(&token);
        (token, hash)
    }

    /// Whether `token` has the shape of a generated token. A cheap check before
    /// hashing and looking it up; it says nothing about validity.
    pub fn is_well_formed(token: &str) -> bool {
        token.len() == TOKEN_LEN
            && token.starts_with(TOKEN_PREFIX)
            && token[TOKEN_PREFIX.len()..]
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    }
}

/// SHA-256 of a token's text, as stored for an API client. Compared in
/// constant time.
#[derive(Clone, Copy)]
pub struct TokenHash([u8; 32]);

impl TokenHash {
    /// The hash of the token text as presented (no trimming).
    pub fn of(token: &str) -> TokenHash {
        TokenHash(hash_key(token.as_bytes()))
    }

    /// The 32 bytes, as stored in the database.
    pub fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }

    /// Reads a stored hash; `None` unless `bytes` is exactly 32 long.
    pub fn from_bytes(bytes: &[u8]) -> Option<TokenHash> {
        <[u8; 32]>::try_from(bytes).ok().map(TokenHash)
    }
}

impl ConstantTimeEq for TokenHash {
    fn ct_eq(&self, other: &Self) -> subtle::Choice {
        self.0.ct_eq(&other.0)
    }
}

impl PartialEq for TokenHash {
    /// Constant time.
    fn eq(&self, other: &Self) -> bool {
        self.ct_eq(other).into()
    }
}

impl Eq for TokenHash {}

impl fmt::Debug for TokenHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "TokenHash({}…)", hex::encode(&self.0[..4]))
    }
}

/// Plain SHA-256, for idempotency keys and request fingerprints (not for
/// secrets of low entropy).
pub fn hash_key(bytes: &[u8]) -> [u8; 32] {
    Sha256::digest(bytes).into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_token_has_the_documented_shape() {
        let (token, _) = ApiToken::generate();
        assert!(token.starts_with("inz_"));
        assert_eq!(token.len(), 47);
        assert!(ApiToken::is_well_formed(&token));
        let decoded = URL_SAFE_NO_PAD.decode(&token[4..]).unwrap();
        assert_eq!(decoded.len(), 32);
        assert!(!ApiToken::is_well_formed("inz_short"));
        assert!(!ApiToken::is_well_formed(
            &token.replacen("inz_", "xyz_", 1)
        ));
    }

    #[test]
    fn hash_matches_and_other_token_does_not() {
        let (token, hash) = ApiToken::generate();
        assert_eq!(TokenHash::of(&token), hash);
        assert_eq!(hash.as_bytes(), &hash_key(token.as_bytes()));
        let (other, other_hash) = ApiToken::generate();
        assert_ne!(token, other);
        assert_ne!(TokenHash::of(&other), hash);
        assert_ne!(other_hash, hash);
        assert_ne!(TokenHash::of(&format!("{token} ")), hash);
        assert_eq!(TokenHash::from_bytes(hash.as_bytes()), Some(hash));
        assert_eq!(TokenHash::from_bytes(&[0u8; 31]), None);
    }

    #[test]
    fn hash_key_is_sha256() {
        assert_eq!(
            hex::encode(hash_key(b"abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
