//! Local staff passwords: argon2id, hashed off the async runtime and a
//! bounded number at a time; failed attempts counted per account name and
//! per client address in the database.

use crate::store::{Db, StoreError};
use argon2::{
    password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString},
    Argon2,
};
use std::sync::Arc;
use tokio::sync::Semaphore;

/// Failed attempts per account name before that name is refused for the
/// rest of the window, and attempts per client address (failures only: a
/// success takes its count back).
pub const MAX_FAILURES: i64 = 5;
pub const MAX_PER_ADDRESS: i64 = 50;
pub const WINDOW_SECONDS: i64 = 15 * 60;

/// Password checks (argon2, ~19 MiB each) that may run at once; more get
/// 429. Bounds the memory and CPU a flood of logins can take.
pub const PASSWORD_CHECKS: usize = 4;

/// The semaphore for [`PASSWORD_CHECKS`].
pub fn password_checks() -> Arc<Semaphore> {
    Arc::new(Semaphore::new(PASSWORD_CHECKS))
}

/// The key an attempt is counted under: a hash, never the typed name.
pub fn attempt_key(kind: &str, value: &str) -> String {
    use sha2::{Digest, Sha256};
    let hash = Sha256::new()
        .chain_update(kind.as_bytes())
        .chain_update([0])
        .chain_update(value.trim().to_lowercase().as_bytes())
        .finalize();
    format!("{kind}:{}", hex::encode(&hash[..16]))
}

/// Forgets attempt counts whose window has passed.
pub async fn forget_old_attempts(db: &Db) -> Result<(), StoreError> {
    let window_start = chrono::Utc::now().timestamp() - WINDOW_SECONDS;
    db.forget_login_attempts(window_start).await
}

/// An argon2id hash of a new password, computed off the async runtime.
pub async fn hash_password(password: String) -> anyhow::Result<String> {
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| anyhow::anyhow!("hashing failed: {e}"))
    })
    .await?
}

/// Checks a password against a stored hash (or a dummy one, so an unknown
/// name takes as long as a wrong password), off the async runtime.
pub async fn verify_password(password: String, hash: Option<String>) -> bool {
    // A hash of a random password nobody knows.
    const DUMMY: &str = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$J0mOTr6xMRU5ZFDuiqHHbQlpDWdNYSt0pkgpI1VT9oA";
    let known = hash.is_some();
    tokio::task::spawn_blocking(move || {
        let hash = hash.unwrap_or_else(|| DUMMY.to_owned());
        let ok = PasswordHash::new(&hash)
            .map(|h| {
                Argon2::default()
                    .verify_password(password.as_bytes(), &h)
                    .is_ok()
            })
            .unwrap_or(false);
        ok && known
    })
    .await
    .unwrap_or(false)
}
