//! The resident's session: holds the keyed pseudonym and the sealed
//! identifier (to log views on the resident), never the BSN itself.

use crate::{config::SessionLimits, crypto::Keys, domain::Bsn, ingest::seal};
use serde::{Deserialize, Serialize};
use tower_sessions::Session;

const KEY: &str = "resident";
/// The pseudonym of the resident whose session ended in this browser: what
/// they typed afterwards is kept for them alone.
const ENDED_KEY: &str = "resident_ended";

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ResidentSession {
    /// Hex of the HMAC pseudonym of ("BSN", bsn).
    pub pseudonym: String,
    /// The BSN sealed under the encryption key, bound to the pseudonym.
    pub sealed_id: Vec<u8>,
    pub naam: Option<String>,
    /// Unix seconds of the login and of the last request that was seen.
    #[serde(default)]
    login_at: i64,
    #[serde(default)]
    last_seen: i64,
}

/// `last_seen` is written back at most this often, so a resident clicking
/// through pages does not cost a session write per page.
const SEEN_GRANULARITY: i64 = 60;

impl ResidentSession {
    pub fn pseudonym_bytes(&self) -> Vec<u8> {
        hex::decode(&self.pseudonym).unwrap_or_default()
    }
}

/// Starts a resident session: a new session id (so a planted one is
/// useless), then the pseudonym.
pub async fn login(
    session: &Session,
    keys: &Keys,
    bsn: &Bsn,
    naam: Option<String>,
) -> Result<(), tower_sessions::session::Error> {
    let (pseudonym, sealed_id) = seal::person(keys, bsn);
    let now = chrono::Utc::now().timestamp();
    session.cycle_id().await?;
    // One person per browser: a staff login in it ends here.
    session.remove_value(super::staff::SESSION_KEY).await?;
    session.remove_value(ENDED_KEY).await?;
    session
        .insert(
            KEY,
            ResidentSession {
                pseudonym: hex::encode(pseudonym),
                sealed_id,
                naam,
                login_at: now,
                last_seen: now,
            },
        )
        .await
}

/// The logged-in resident, if the session is within its idle and absolute
/// limits; an expired one is ended here.
pub async fn current(session: &Session, limits: SessionLimits) -> Option<ResidentSession> {
    let mut me = session.get::<ResidentSession>(KEY).await.ok().flatten()?;
    let now = chrono::Utc::now().timestamp();
    if now - me.last_seen > limits.idle.num_seconds()
        || now - me.login_at > limits.max.num_seconds()
    {
        let _ = session.remove_value(KEY).await;
        let _ = session.insert(ENDED_KEY, &me.pseudonym).await;
        return None;
    }
    if now - me.last_seen >= SEEN_GRANULARITY {
        me.last_seen = now;
        session.insert(KEY, &me).await.ok()?;
    }
    Some(me)
}

/// The pseudonym (hex) of the resident whose session ended in this browser
/// because it was idle or too long; none after "Uitloggen".
pub async fn ended(session: &Session) -> Option<String> {
    session.get::<String>(ENDED_KEY).await.ok().flatten()
}

/// Ends the resident part of a session (a staff login in the same browser).
pub async fn forget(session: &Session) -> Result<(), tower_sessions::session::Error> {
    session.remove_value(KEY).await.map(|_| ())
}

/// Ends the session on the server, not only in the browser.
pub async fn logout(session: &Session) {
    let _ = session.flush().await;
}
