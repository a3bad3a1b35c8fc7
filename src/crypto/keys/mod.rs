//! The secret keys: loading, creating and protecting them.
//!
//! A key comes from an environment value (`INZAGE_PSEUDONYM_KEY`,
//! `INZAGE_ENCRYPTION_KEY`: 64 hex characters or base64 of 32 bytes) or,
//! when that is not set, from a key file in the key directory
//! (`pseudonym.key`, `encryption.key`: 64 hex characters on one line). A
//! missing key file is created with mode 0600 from the operating system's
//! random generator. Key material is never logged, printed or put in an
//! error message; the key types are not `Clone` or `Copy` and are wiped when
//! dropped.

use std::fmt;
use std::fs::{self, DirBuilder, File, OpenOptions};
use std::io::{self, Read, Write};
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD, URL_SAFE, URL_SAFE_NO_PAD};
use base64::Engine as _;
use rand::rngs::OsRng;
use rand::RngCore;
use subtle::ConstantTimeEq;

/// Environment variable that holds the pseudonym key.
pub const PSEUDONYM_KEY_ENV: &str = "INZAGE_PSEUDONYM_KEY";
/// Environment variable that holds the encryption key.
pub const ENCRYPTION_KEY_ENV: &str = "INZAGE_ENCRYPTION_KEY";
/// File name of the pseudonym key in the key directory.
pub const PSEUDONYM_KEY_FILE: &str = "pseudonym.key";
/// File name of the encryption key in the key directory.
pub const ENCRYPTION_KEY_FILE: &str = "encryption.key";

const KEY_LEN: usize = 32;

/// Why the keys could not be loaded. Messages name the environment variable
/// or the file, never the key.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum KeyError {
    /// An environment value is not a valid key.
    #[error(
        "environment variable {var} does not hold a valid key: {reason} \
         (expected 64 hex characters or base64 of 32 bytes)"
    )]
    MalformedEnv {
        var: &'static str,
        reason: &'static str,
    },
    /// A key file does not hold a valid key.
    #[error(
        "key file {} does not hold a valid key: {reason} (expected 64 hex characters on one line)",
        path.display()
    )]
    MalformedFile { path: PathBuf, reason: &'static str },
    /// A key file can be read by group or others.
    #[error(
        "key file {} can be read by group or others (mode {mode:03o}); \
         restrict it with `chmod 600 {}`",
        path.display(),
        path.display()
    )]
    InsecurePermissions { path: PathBuf, mode: u32 },
    /// Reading or creating a key file or the key directory failed.
    #[error("{action} {}: {source}", path.display())]
    Io {
        action: &'static str,
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    /// The pseudonym key and the encryption key are the same.
    #[error(
        "the pseudonym key and the encryption key are equal; \
         {PSEUDONYM_KEY_ENV} and {ENCRYPTION_KEY_ENV} (or the key files) must differ"
    )]
    EqualKeys,
}

/// Secret key for [`Pseudonym`](super::Pseudonym)s (HMAC-SHA256).
pub struct PseudonymKey([u8; KEY_LEN]);

/// Secret key for sealing identifiers (AES-256-GCM), see
/// [`EncryptionKey::seal`].
pub struct EncryptionKey([u8; KEY_LEN]);

macro_rules! secret_key {
    ($ty:ident) => {
        impl $ty {
            pub(super) fn expose(&self) -> &[u8; KEY_LEN] {
                &self.0
            }
        }

        impl fmt::Debug for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(concat!(stringify!($ty), "(<redacted>)"))
            }
        }

        impl Drop for $ty {
            fn drop(&mut self) {
                wipe(&mut self.0);
            }
        }
    };
}

secret_key!(PseudonymKey);
secret_key!(EncryptionKey);

/// The server's secret keys. Create once at start-up and share by reference
/// (for example in an `Arc`); the type is deliberately not `Clone`.
pub struct Keys {
    pub pseudonym: PseudonymKey,
    pub encryption: EncryptionKey,
}

impl fmt::Debug for Keys {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Keys(<redacted>)")
    }
}

impl Keys {
    /// Loads both keys. An environment value (`INZAGE_PSEUDONYM_KEY`,
    /// `INZAGE_ENCRYPTION_KEY`) wins; otherwise the key is read from
    /// `key_dir/pseudonym.key` or `key_dir/encryption.key`, which is created
    /// (with a warning to back it up) when it does not exist.
    pub fn load(
        env_pseudonym: Option<String>,
        env_encryption: Option<String>,
        key_dir: &Path,
    ) -> Result<Keys, KeyError> {
        let pseudonym = PseudonymKey(load_one(
            env_pseudonym,
            PSEUDONYM_KEY_ENV,
            key_dir,
            PSEUDONYM_KEY_FILE,
        )?);
        let encryption = EncryptionKey(load_one(
            env_encryption,
            ENCRYPTION_KEY_ENV,
            key_dir,
            ENCRYPTION_KEY_FILE,
        )?);
        if bool::from(pseudonym.0.ct_eq(&encryption.0)) {
            return Err(KeyError::EqualKeys);
        }
        Ok(Keys {
            pseudonym,
            encryption,
        })
    }

    /// Fixed, distinct, publicly known keys. Only for tests.
    #[doc(hidden)]
    pub fn for_tests() -> Keys {
        Keys {
            pseudonym: PseudonymKey(std::array::from_fn(|i| 0x11 ^ i as u8)),
            encryption: EncryptionKey(std::array::from_fn(|i| 0xa0 ^ i as u8)),
        }
    }
}

fn load_one(
    env_value: Option<String>,
    var: &'static str,
    key_dir: &Path,
    file_name: &str,
) -> Result<[u8; KEY_LEN], KeyError> {
    if let Some(value) = env_value {
        let parsed = parse_env(&value).map_err(|reason| KeyError::MalformedEnv { var, reason });
        wipe_vec(value.into_bytes());
        let key = parsed?;
        tracing::debug!(source = var, "key loaded from the environment");
        return Ok(key);
    }
    let path = key_dir.join(file_name);
    match read_key_file(&path)? {
        Some(key) => {
            tracing::debug!(path = %path.display(), "key loaded from file");
            Ok(key)
        }
        None => create_key_file(key_dir, &path, consequence(var)),
    }
}

/// 64 hex characters, or base64 (standard or URL-safe, padded or not) of
/// exactly 32 bytes. Surrounding whitespace is ignored.
fn parse_env(value: &str) -> Result<[u8; KEY_LEN], &'static str> {
    let value = value.trim();
    if value.is_empty() {
        return Err("it is empty");
    }
    let key = if value.len() == 2 * KEY_LEN && value.bytes().all(|b| b.is_ascii_hexdigit()) {
        decode_hex(value).ok_or("it is not valid hex")?
    } else {
        let decoded = [STANDARD, URL_SAFE, STANDARD_NO_PAD, URL_SAFE_NO_PAD]
            .iter()
            .find_map(|engine| engine.decode(value).ok())
            .ok_or("it is neither 64 hex characters nor valid base64")?;
        let key = <[u8; KEY_LEN]>::try_from(decoded.as_slice()).ok();
        wipe_vec(decoded);
        key.ok_or("it does not decode to 32 bytes")?
    };
    check_not_zero(&key)?;
    Ok(key)
}

fn decode_hex(text: &str) -> Option<[u8; KEY_LEN]> {
    let mut key = [0u8; KEY_LEN];
    hex::decode_to_slice(text, &mut key).ok()?;
    Some(key)
}

fn check_not_zero(key: &[u8; KEY_LEN]) -> Result<(), &'static str> {
    if bool::from(key.ct_eq(&[0u8; KEY_LEN])) {
        Err("it is all zeros")
    } else {
        Ok(())
    }
}

/// Reads a key file; `Ok(None)` when it does not exist. The permission check
/// uses the opened file, so it is the file that is read.
fn read_key_file(path: &Path) -> Result<Option<[u8; KEY_LEN]>, KeyError> {
    let io_err = |source| KeyError::Io {
        action: "cannot read key file",
        path: path.to_path_buf(),
        source,
    };
    let mut file = match File::open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(io_err(e)),
    };
    let meta = file.metadata().map_err(io_err)?;
    if !meta.is_file() {
        return Err(KeyError::MalformedFile {
            path: path.to_path_buf(),
            reason: "it is not a regular file",
        });
    }
    let mode = meta.permissions().mode() & 0o777;
    if mode & 0o077 != 0 {
        return Err(KeyError::InsecurePermissions {
            path: path.to_path_buf(),
            mode,
        });
    }
    // A valid file is 64 characters plus a line ending; read a little more so
    // an over-long file is reported rather than truncated.
    let mut buf = Vec::with_capacity(2 * KEY_LEN + 2);
    let read = (&mut file)
        .take(4 * KEY_LEN as u64)
        .read_to_end(&mut buf)
        .map_err(io_err);
    let parsed = read.and_then(|_| {
        parse_file_contents(&buf).map_err(|reason| KeyError::MalformedFile {
            path: path.to_path_buf(),
            reason,
        })
    });
    wipe_vec(buf);
    parsed.map(Some)
}

fn parse_file_contents(buf: &[u8]) -> Result<[u8; KEY_LEN], &'static str> {
    let text = std::str::from_utf8(buf).map_err(|_| "it is not text")?;
    let text = text.trim();
    if text.len() != 2 * KEY_LEN {
        return Err("it does not hold exactly 64 characters");
    }
    if !text.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err("it is not hex");
    }
    let key = decode_hex(text).ok_or("it is not hex")?;
    check_not_zero(&key)?;
    Ok(key)
}

/// Creates `key_dir` (mode 0700) if needed and a new key file with mode 0600
/// from the operating system's random generator. If another process created
/// the file in the meantime, that file is read instead.
/// What losing a key means, for the warning when one is created.
fn consequence(var: &str) -> &'static str {
    if var == SIGNING_KEY_ENV {
        "checkpoints signed after that carry a new key, which must be published again"
    } else {
        "stored pseudonyms and encrypted identifiers cannot be matched or read"
    }
}

fn create_key_file(
    key_dir: &Path,
    path: &Path,
    losing_it: &str,
) -> Result<[u8; KEY_LEN], KeyError> {
    DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(key_dir)
        .map_err(|source| KeyError::Io {
            action: "cannot create key directory",
            path: key_dir.to_path_buf(),
            source,
        })?;

    let io_err = |source| KeyError::Io {
        action: "cannot create key file",
        path: path.to_path_buf(),
        source,
    };
    let mut file = match OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
    {
        Ok(file) => file,
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
            return read_key_file(path)?.ok_or_else(|| io_err(e));
        }
        Err(e) => return Err(io_err(e)),
    };

    let mut key = [0u8; KEY_LEN];
    OsRng.fill_bytes(&mut key);
    let mut text = hex::encode(key).into_bytes();
    text.push(b'\n');
    let written = file.write_all(&text).and_then(|()| file.sync_all());
    wipe_vec(text);
    if let Err(e) = written {
        wipe(&mut key);
        drop(file);
        // Do not leave a half-written key behind for the next start.
        let _ = fs::remove_file(path);
        return Err(io_err(e));
    }
    // Make the new directory entry durable; failure here is not fatal.
    if let Ok(dir) = File::open(key_dir) {
        let _ = dir.sync_all();
    }
    tracing::warn!(
        path = %path.display(),
        "created a new secret key in {}; back this file up now: without it, {losing_it}",
        path.display()
    );
    Ok(key)
}

/// Overwrites key material so it does not linger in freed memory (best
/// effort: `black_box` keeps the compiler from removing the writes).
fn wipe(bytes: &mut [u8]) {
    bytes.fill(0);
    std::hint::black_box(bytes);
}

fn wipe_vec(mut bytes: Vec<u8>) {
    let len = bytes.capacity();
    bytes.resize(len, 0);
    wipe(&mut bytes);
}

mod log_key;
pub use log_key::{LogKey, SIGNING_KEY_ENV, SIGNING_KEY_FILE};

#[cfg(test)]
mod tests;
