//! Sessions live in the application database, so app servers keep no state
//! of their own and several can run behind one load balancer. The database
//! holds a hash of each session id, never the id the cookie carries: a copy
//! of the database or a backup is not a set of live sessions.

use super::{sqlite_reads::Readers, Db};
use async_trait::async_trait;
use tower_sessions::{
    session::{Id, Record},
    session_store::{self, ExpiredDeletion, SessionStore},
};
use tower_sessions_sqlx_store::{PostgresStore, SqliteStore};

#[derive(Clone, Debug)]
pub enum SessionBackend {
    /// Sessions are loaded on every page, through the pages' own readers.
    Sqlite(SqliteStore, Readers),
    Postgres(PostgresStore),
}

impl SessionBackend {
    pub fn new(db: &Db) -> Self {
        match db {
            Db::Sqlite(pool, readers) => {
                SessionBackend::Sqlite(SqliteStore::new(pool.clone()), readers.clone())
            }
            Db::Postgres(pool) => SessionBackend::Postgres(PostgresStore::new(pool.clone())),
        }
    }

    pub async fn migrate(&self) -> sqlx::Result<()> {
        match self {
            SessionBackend::Sqlite(s, _) => s.migrate().await,
            SessionBackend::Postgres(s) => s.migrate().await,
        }
    }
}

/// The id a session is stored under: SHA-256 of the cookie's id, cut to
/// the id's 128 bits. One-way, so the stored id cannot be sent as a cookie.
pub fn stored_id(id: &Id) -> Id {
    use sha2::{Digest, Sha256};
    let hash = Sha256::digest(id.0.to_le_bytes());
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&hash[..16]);
    Id(i128::from_le_bytes(bytes))
}

/// `record` as it is stored: under the hash of its id.
fn stored(record: &Record) -> Record {
    Record {
        id: stored_id(&record.id),
        ..record.clone()
    }
}

#[async_trait]
impl SessionStore for SessionBackend {
    /// The id is the session's own random one (128 bits); its hash is
    /// stored with an upsert, as a collision is not a practical concern.
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        self.save(record).await
    }

    async fn save(&self, record: &Record) -> session_store::Result<()> {
        let record = stored(record);
        match self {
            SessionBackend::Sqlite(s, _) => s.save(&record).await,
            SessionBackend::Postgres(s) => s.save(&record).await,
        }
    }

    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        let key = stored_id(id);
        let record = match self {
            SessionBackend::Sqlite(_, readers) => {
                let data = readers
                    .session_data(&key.to_string())
                    .map_err(|e| session_store::Error::Backend(e.to_string()))?;
                let Some(data) = data else { return Ok(None) };
                // Encoded as SqliteStore encodes it; an expired one is absent.
                let record: Record = rmp_serde::from_slice(&data)
                    .map_err(|e| session_store::Error::Decode(e.to_string()))?;
                let now = tower_sessions::cookie::time::OffsetDateTime::now_utc();
                (record.expiry_date > now).then_some(record)
            }
            SessionBackend::Postgres(s) => s.load(&key).await?,
        };
        Ok(record.map(|record| Record { id: *id, ..record }))
    }

    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        let key = stored_id(id);
        match self {
            SessionBackend::Sqlite(s, _) => s.delete(&key).await,
            SessionBackend::Postgres(s) => s.delete(&key).await,
        }
    }
}

#[async_trait]
impl ExpiredDeletion for SessionBackend {
    async fn delete_expired(&self) -> session_store::Result<()> {
        match self {
            SessionBackend::Sqlite(s, _) => s.delete_expired().await,
            SessionBackend::Postgres(s) => s.delete_expired().await,
        }
    }
}
