//! Sessions live in the application database, so app servers keep no state
//! of their own and several can run behind one load balancer.

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

#[async_trait]
impl SessionStore for SessionBackend {
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        match self {
            SessionBackend::Sqlite(s, _) => s.create(record).await,
            SessionBackend::Postgres(s) => s.create(record).await,
        }
    }

    async fn save(&self, record: &Record) -> session_store::Result<()> {
        match self {
            SessionBackend::Sqlite(s, _) => s.save(record).await,
            SessionBackend::Postgres(s) => s.save(record).await,
        }
    }

    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        match self {
            SessionBackend::Sqlite(_, readers) => {
                let data = readers
                    .session_data(&id.to_string())
                    .map_err(|e| session_store::Error::Backend(e.to_string()))?;
                let Some(data) = data else { return Ok(None) };
                // Encoded as SqliteStore encodes it; an expired one is absent.
                let record: Record = rmp_serde::from_slice(&data)
                    .map_err(|e| session_store::Error::Decode(e.to_string()))?;
                let now = tower_sessions::cookie::time::OffsetDateTime::now_utc();
                Ok((record.expiry_date > now).then_some(record))
            }
            SessionBackend::Postgres(s) => s.load(id).await,
        }
    }

    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        match self {
            SessionBackend::Sqlite(s, _) => s.delete(id).await,
            SessionBackend::Postgres(s) => s.delete(id).await,
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
