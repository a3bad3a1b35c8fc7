//! Storage: one interface, two implementations (embedded SQLite and
//! PostgreSQL). Queries are written once in SQL both engines accept and run
//! on whichever pool is configured, so both pass the same test suite. On
//! SQLite the resident pages' reads run the same SQL through rusqlite
//! instead (sqlite_reads.rs).

pub mod backup;
mod checkpoint;
pub mod clients;
mod copy;
mod copy_out;
mod database_url;
pub mod leaf;
pub mod log;
pub mod register;
pub mod requests;
pub mod sessions;
mod sqlite_reads;
pub mod staff;
pub mod tree;

pub use database_url::DatabaseUrl;
use sqlx::{
    postgres::{PgConnectOptions, PgPoolOptions, Postgres},
    sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous},
    PgPool, Sqlite, SqlitePool,
};
use std::{str::FromStr, time::Duration};

static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

/// The database, whichever engine it is.
#[derive(Clone, Debug)]
pub enum Db {
    /// The pool, and the overview's own readers (store/sqlite_reads.rs).
    Sqlite(SqlitePool, sqlite_reads::Readers),
    Postgres(PgPool),
}

/// Runs the same code against whichever pool is configured. The body is
/// compiled once per engine, so a query that one engine cannot bind fails
/// the build rather than production.
#[macro_export]
macro_rules! on_pool {
    ($db:expr, $pool:ident => $body:expr) => {
        match $db {
            $crate::store::Db::Sqlite($pool, _) => $body,
            $crate::store::Db::Postgres($pool) => $body,
        }
    };
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("could not open the database: {0}")]
    Connect(#[source] sqlx::Error),
    #[error("could not create the database folder {0}: {1}")]
    Folder(String, #[source] std::io::Error),
    #[error("database migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error(transparent)]
    Query(#[from] sqlx::Error),
    #[error(transparent)]
    Read(#[from] rusqlite::Error),
    #[error("stored data cannot be read: {0}")]
    Corrupt(String),
    #[error("the log writer has stopped")]
    WriterGone,
    #[error("no database connection was free")]
    Unavailable,
    /// Transactions that began before the verifiable log's step (on
    /// PostgreSQL, in any database of the server) ran longer than it waits.
    #[error(
        "transactions that began earlier still ran after {0:?}; the log grows on the next round"
    )]
    StillWriting(std::time::Duration),
    /// A change was decided on a version that is no longer the newest.
    #[error("the action changed meanwhile")]
    Conflict,
    /// A value that must be unique (a case number) is in use already.
    #[error("the value is in use already")]
    Taken,
}

impl Db {
    /// Opens the database; an embedded SQLite file (and its folder) is
    /// created when missing.
    pub async fn connect(url: &DatabaseUrl, max_connections: u32) -> Result<Db, StoreError> {
        match url {
            DatabaseUrl::Sqlite(url) => {
                let options = SqliteConnectOptions::from_str(url)
                    .map_err(StoreError::Connect)?
                    .create_if_missing(true)
                    // WAL lets readers work while one writer commits.
                    .journal_mode(SqliteJournalMode::Wal)
                    .synchronous(SqliteSynchronous::Normal)
                    .busy_timeout(Duration::from_secs(10))
                    .foreign_keys(true)
                    // A multi-row INSERT keeps a statement journal; in memory
                    // it costs no file writes (a fifth of the bulk's I/O).
                    .pragma("temp_store", "memory")
                    // Not inside a writer's commit: store/checkpoint.rs.
                    .pragma("wal_autocheckpoint", "0");
                if let Some(folder) = options.get_filename().parent() {
                    if !folder.as_os_str().is_empty() {
                        std::fs::create_dir_all(folder)
                            .map_err(|e| StoreError::Folder(folder.display().to_string(), e))?;
                    }
                }
                let readers = sqlite_reads::Readers::new(options.get_filename().to_owned());
                let pool = SqlitePoolOptions::new()
                    .max_connections(max_connections)
                    .connect_with(options)
                    .await
                    .map_err(StoreError::Connect)?;
                checkpoint::spawn(pool.clone());
                Ok(Db::Sqlite(pool, readers))
            }
            DatabaseUrl::Postgres(url) => {
                // No JIT: every query here is short, and a range join over
                // a large table is estimated high enough to be compiled
                // first, which took a proof from 6 ms to 60 ms.
                let options = PgConnectOptions::from_str(url)
                    .map_err(StoreError::Connect)?
                    .options([("jit", "off")]);
                let pool = PgPoolOptions::new()
                    .max_connections(max_connections)
                    .acquire_timeout(Duration::from_secs(10))
                    .connect_with(options)
                    .await
                    .map_err(StoreError::Connect)?;
                Ok(Db::Postgres(pool))
            }
        }
    }

    /// Applies the migrations that have not run yet (safe to repeat).
    pub async fn migrate(&self) -> Result<(), StoreError> {
        match self {
            Db::Sqlite(pool, _) => SQLITE_MIGRATIONS.run(pool).await?,
            Db::Postgres(pool) => POSTGRES_MIGRATIONS.run(pool).await?,
        }
        sessions::SessionBackend::new(self).migrate().await?;
        Ok(())
    }

    /// A cheap round trip, for the readiness probe.
    pub async fn ping(&self) -> Result<(), StoreError> {
        on_pool!(self, pool => sqlx::query("SELECT 1").execute(pool).await.map(|_| ()))?;
        Ok(())
    }

    /// The names of the application's tables, for tests and diagnostics.
    pub async fn table_names(&self) -> Result<Vec<String>, StoreError> {
        let names = match self {
            Db::Sqlite(pool, _) => {
                sqlx::query_scalar::<Sqlite, String>(
                    "SELECT name FROM sqlite_master WHERE type = 'table' \
                     AND name NOT LIKE 'sqlite_%' ORDER BY name",
                )
                .fetch_all(pool)
                .await?
            }
            Db::Postgres(pool) => {
                sqlx::query_scalar::<Postgres, String>(
                    "SELECT table_name::text FROM information_schema.tables \
                     WHERE table_schema = current_schema() ORDER BY table_name",
                )
                .fetch_all(pool)
                .await?
            }
        };
        Ok(names)
    }

    /// The connection pool's connections: all of them, and the idle ones.
    pub fn pool_connections(&self) -> (u32, usize) {
        on_pool!(self, pool => (pool.size(), pool.num_idle()))
    }

    pub fn engine(&self) -> &'static str {
        match self {
            Db::Sqlite(..) => "sqlite",
            Db::Postgres(_) => "postgres",
        }
    }

    /// Writing transactions worth running at once. SQLite has one writer at
    /// a time; PostgreSQL takes two, so its server stores one batch while
    /// this process prepares and sends the next.
    pub fn writers(&self) -> usize {
        match self {
            Db::Sqlite(..) => 1,
            Db::Postgres(_) => 2,
        }
    }

    pub async fn close(&self) {
        if let Db::Sqlite(_, readers) = self {
            readers.close();
        }
        on_pool!(self, pool => pool.close().await)
    }
}
