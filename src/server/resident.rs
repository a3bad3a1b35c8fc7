//! The resident's session: holds the keyed pseudonym and the sealed
//! identifier (to log views on the resident), never the BSN itself.

use crate::{crypto::Keys, domain::Bsn, ingest::seal};
use serde::{Deserialize, Serialize};
use tower_sessions::Session;

const KEY: &str = "resident";

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ResidentSession {
    /// Hex of the HMAC pseudonym of ("BSN", bsn).
    pub pseudonym: String,
    /// The BSN sealed under the encryption key, bound to the pseudonym.
    pub sealed_id: Vec<u8>,
    pub naam: Option<String>,
}

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
    let pseudonym = seal::pseudonym(keys, "BSN", bsn.as_str());
    let sealed_id = keys.encryption.seal(bsn.as_str().as_bytes(), &pseudonym);
    session.cycle_id().await?;
    session
        .insert(
            KEY,
            ResidentSession {
                pseudonym: hex::encode(pseudonym),
                sealed_id,
                naam,
            },
        )
        .await
}

pub async fn current(session: &Session) -> Option<ResidentSession> {
    session.get::<ResidentSession>(KEY).await.ok().flatten()
}

/// Ends the session on the server, not only in the browser.
pub async fn logout(session: &Session) {
    let _ = session.flush().await;
}
