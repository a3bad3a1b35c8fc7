//! The log's signing key (Ed25519): it signs the checkpoints of the
//! verifiable log and the residents' exports. Loaded like the other keys:
//! `INZAGE_SIGNING_KEY` (64 hex characters or base64 of the 32-byte seed)
//! or `signing.key` in the key directory, created on first start.

use super::{create_key_file, load_one, read_key_file, wipe, KeyError};
use ed25519_dalek::SigningKey;
use std::fmt;
use std::path::Path;

/// Environment variable that holds the log's signing key.
pub const SIGNING_KEY_ENV: &str = "INZAGE_SIGNING_KEY";
/// File name of the log's signing key in the key directory.
pub const SIGNING_KEY_FILE: &str = "signing.key";

/// The log's Ed25519 key. Not `Clone`; `ed25519-dalek` wipes it when dropped.
pub struct LogKey(SigningKey);

impl LogKey {
    pub fn load(env_value: Option<String>, key_dir: &Path) -> Result<LogKey, KeyError> {
        let mut seed = load_one(env_value, SIGNING_KEY_ENV, key_dir, SIGNING_KEY_FILE)?;
        let key = SigningKey::from_bytes(&seed);
        wipe(&mut seed);
        Ok(LogKey(key))
    }

    /// A key of its own file (a witness's), created when missing.
    pub fn load_file(path: &Path) -> Result<LogKey, KeyError> {
        let mut seed = match read_key_file(path)? {
            Some(seed) => seed,
            None => {
                let dir = path.parent().filter(|d| !d.as_os_str().is_empty());
                let losing_it = "this witness's cosignatures can no longer be continued";
                create_key_file(dir.unwrap_or(Path::new(".")), path, losing_it)?
            }
        };
        let key = SigningKey::from_bytes(&seed);
        wipe(&mut seed);
        Ok(LogKey(key))
    }

    /// From a seed; for tests.
    pub fn from_seed(seed: &[u8; 32]) -> LogKey {
        LogKey(SigningKey::from_bytes(seed))
    }

    /// A fixed, publicly known key. Only for tests.
    #[doc(hidden)]
    pub fn for_tests() -> LogKey {
        LogKey::from_seed(&[0x5a; 32])
    }

    pub fn signing(&self) -> &SigningKey {
        &self.0
    }
}

impl fmt::Debug for LogKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("LogKey(<redacted>)")
    }
}
