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
const MAX_PER_ADDRESS: i64 = 50;
pub const WINDOW_SECONDS: i64 = 15 * 60;

/// Password checks (argon2, ~19 MiB each) that may run at once; more get
/// 429. Bounds the memory and CPU a flood of logins can take.
pub const PASSWORD_CHECKS: usize = 4;

/// The semaphore for [`PASSWORD_CHECKS`].
pub fn password_checks() -> Arc<Semaphore> {
    Arc::new(Semaphore::new(PASSWORD_CHECKS))
}

/// The key an attempt is counted under: a hash, never the typed name.
fn attempt_key(kind: &str, value: &str) -> String {
    use sha2::{Digest, Sha256};
    let hash = Sha256::new()
        .chain_update(kind.as_bytes())
        .chain_update([0])
        .chain_update(value.trim().to_lowercase().as_bytes())
        .finalize();
    format!("{kind}:{}", hex::encode(&hash[..16]))
}

/// One login attempt, counted under the account name and, when known, the
/// client address before the password is checked: in one statement per
/// key, so guesses sent in parallel cannot slip past the limit.
pub struct Attempt {
    name_key: String,
    address_key: Option<String>,
    by_name: i64,
    by_address: i64,
}

/// Whether an attempt may go on to the password check.
#[derive(Debug, PartialEq, Eq)]
pub enum Verdict {
    Allowed,
    /// Past a limit; `first` for the attempt that crossed it, so the audit
    /// trail gets one line per block instead of one per refused attempt.
    Blocked {
        first: bool,
    },
}

impl Attempt {
    pub async fn count(db: &Db, naam: &str, address: Option<&str>) -> Result<Attempt, StoreError> {
        let now = chrono::Utc::now().timestamp();
        let window_start = now - WINDOW_SECONDS;
        let name_key = attempt_key("naam", naam);
        let address_key = address.map(|a| attempt_key("adres", a));
        let by_name = db.count_login_attempt(&name_key, now, window_start).await?;
        let by_address = match &address_key {
            Some(key) => db.count_login_attempt(key, now, window_start).await?,
            None => 0,
        };
        Ok(Attempt {
            name_key,
            address_key,
            by_name,
            by_address,
        })
    }

    pub fn verdict(&self) -> Verdict {
        verdict(self.by_name, self.by_address)
    }

    /// After a right password: the name starts afresh, and the address gets
    /// this attempt back. A failure here is logged, not shown: it only
    /// costs a later login one try.
    pub async fn succeeded(self, db: &Db) {
        let reset = async {
            db.reset_login_attempts(&self.name_key).await?;
            if let Some(key) = &self.address_key {
                db.uncount_login_attempt(key).await?;
            }
            Ok::<_, StoreError>(())
        };
        if let Err(e) = reset.await {
            tracing::warn!("could not reset the login count: {e}");
        }
    }
}

fn verdict(by_name: i64, by_address: i64) -> Verdict {
    if by_name > MAX_FAILURES || by_address > MAX_PER_ADDRESS {
        Verdict::Blocked {
            first: by_name == MAX_FAILURES + 1 || by_address == MAX_PER_ADDRESS + 1,
        }
    } else {
        Verdict::Allowed
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_or_an_address_past_its_limit_is_blocked_and_says_so_once() {
        assert_eq!(verdict(MAX_FAILURES, MAX_PER_ADDRESS), Verdict::Allowed);
        assert_eq!(
            verdict(MAX_FAILURES + 1, 0),
            Verdict::Blocked { first: true }
        );
        assert_eq!(
            verdict(MAX_FAILURES + 2, 0),
            Verdict::Blocked { first: false }
        );
        assert_eq!(
            verdict(0, MAX_PER_ADDRESS + 1),
            Verdict::Blocked { first: true }
        );
        assert_eq!(
            verdict(1, MAX_PER_ADDRESS + 9),
            Verdict::Blocked { first: false }
        );
    }
}
