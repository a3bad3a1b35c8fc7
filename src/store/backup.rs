//! Backup and restore of the embedded SQLite database. PostgreSQL has its
//! own tools (`pg_dump`, `pg_restore`; README, "Backup and restore").

use super::{DatabaseUrl, Db, StoreError};
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{ConnectOptions, Connection};
use std::path::{Path, PathBuf};
use std::str::FromStr;

#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error("backup and restore are for the embedded SQLite database; on PostgreSQL use pg_dump and pg_restore (README, \"Backup and restore\")")]
    NotSqlite,
    #[error("{0} exists already; choose a new file name")]
    Exists(String),
    #[error("{0} exists already; restore with --replace to overwrite it (stop the portal first)")]
    WouldReplace(String),
    #[error("{0} is not a usable Inzage backup: {1}")]
    NotABackup(String, String),
    #[error("{0}: {1}")]
    File(String, #[source] std::io::Error),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<sqlx::Error> for BackupError {
    fn from(e: sqlx::Error) -> Self {
        BackupError::Store(StoreError::from(e))
    }
}

impl Db {
    /// Writes a consistent copy of the database to `to` while the portal
    /// keeps running: `VACUUM INTO` reads one snapshot, so a record is in
    /// the copy exactly when it was committed before the backup began.
    pub async fn backup_to(&self, to: &Path) -> Result<(), BackupError> {
        let Db::Sqlite(pool, _) = self else {
            return Err(BackupError::NotSqlite);
        };
        if to.exists() {
            return Err(BackupError::Exists(to.display().to_string()));
        }
        // Half a file never carries the final name.
        let partial = with_suffix(to, ".partial");
        let _ = std::fs::remove_file(&partial);
        sqlx::query("VACUUM INTO $1")
            .bind(partial.to_string_lossy().into_owned())
            .execute(pool)
            .await?;
        std::fs::rename(&partial, to).map_err(|e| BackupError::File(to.display().to_string(), e))
    }
}

/// Puts the backup at `from` in the place of the database `to`, after
/// checking that it is a whole Inzage database. An existing database is
/// only replaced when asked, and the portal must not be running on it.
pub async fn restore(from: &Path, to: &DatabaseUrl, replace: bool) -> Result<(), BackupError> {
    let DatabaseUrl::Sqlite(url) = to else {
        return Err(BackupError::NotSqlite);
    };
    let target = SqliteConnectOptions::from_str(url)
        .map_err(StoreError::Connect)?
        .get_filename()
        .to_owned();
    check_backup(from).await?;
    if target.exists() && !replace {
        return Err(BackupError::WouldReplace(target.display().to_string()));
    }
    if let Some(folder) = target.parent().filter(|f| !f.as_os_str().is_empty()) {
        std::fs::create_dir_all(folder)
            .map_err(|e| BackupError::File(folder.display().to_string(), e))?;
    }
    let copy = with_suffix(&target, ".restoring");
    let file_error = |path: &Path| {
        let path = path.display().to_string();
        move |e| BackupError::File(path, e)
    };
    std::fs::copy(from, &copy).map_err(file_error(&copy))?;
    std::fs::File::open(&copy)
        .and_then(|f| f.sync_all())
        .map_err(file_error(&copy))?;
    // The old database's write-ahead log must not be replayed onto the copy.
    for suffix in ["-wal", "-shm"] {
        let side = with_suffix(&target, suffix);
        if side.exists() {
            std::fs::remove_file(&side).map_err(file_error(&side))?;
        }
    }
    std::fs::rename(&copy, &target).map_err(file_error(&target))
}

/// The backup opens, passes SQLite's integrity check and holds Inzage's
/// migrations.
async fn check_backup(from: &Path) -> Result<(), BackupError> {
    let name = from.display().to_string();
    let not_a_backup = |why: String| BackupError::NotABackup(name.clone(), why);
    if !from.is_file() {
        return Err(not_a_backup("no such file".into()));
    }
    let mut conn = SqliteConnectOptions::new()
        .filename(from)
        .read_only(true)
        .connect()
        .await
        .map_err(|e| not_a_backup(e.to_string()))?;
    let integrity: String = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_one(&mut conn)
        .await
        .map_err(|e| not_a_backup(e.to_string()))?;
    if integrity != "ok" {
        return Err(not_a_backup(format!("integrity check: {integrity}")));
    }
    let migrations: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM _sqlx_migrations WHERE success")
        .fetch_one(&mut conn)
        .await
        .map_err(|_| not_a_backup("it holds no Inzage database".into()))?;
    conn.close().await?;
    if migrations == 0 {
        return Err(not_a_backup("it holds no Inzage database".into()));
    }
    Ok(())
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}
