//! Server-side privacy cryptography.
//!
//! - [`Keys`]: the two secret keys (pseudonym and encryption), loaded from the
//!   environment or from key files that are created on first start.
//! - [`Pseudonym`]: keyed HMAC-SHA256 pseudonym of a person identifier, so a
//!   person can be looked up without the identifier being stored.
//! - [`EncryptionKey::seal`] / [`EncryptionKey::open`]: AES-256-GCM encryption
//!   of an identifier, bound to the row's pseudonym through the AAD.
//! - [`ApiToken`] / [`TokenHash`]: API client tokens, stored only as a hash.
//! - [`merkle`]: the RFC 6962 Merkle tree of the log, from its stored nodes.
//! - [`note`]: C2SP signed notes and checkpoints with Ed25519 keys.
//!
//! No function in this module logs or prints key material or identifiers.

pub mod jws;
mod keys;
pub mod merkle;
pub mod note;
mod pseudonym;
mod sealed;
mod token;
pub mod totp;

pub use keys::{
    EncryptionKey, KeyError, Keys, LogKey, PseudonymKey, ENCRYPTION_KEY_ENV, ENCRYPTION_KEY_FILE,
    PSEUDONYM_KEY_ENV, PSEUDONYM_KEY_FILE, SIGNING_KEY_ENV, SIGNING_KEY_FILE,
};
pub use pseudonym::Pseudonym;
pub use sealed::{CryptoError, SEALED_OVERHEAD, SEALED_VERSION};
pub use token::{hash_key, ApiToken, TokenHash, TOKEN_PREFIX};
