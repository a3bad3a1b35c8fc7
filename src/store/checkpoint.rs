//! SQLite copies its write-ahead log back into the database file in a
//! checkpoint. Left to itself, it does that inside the commit that crosses
//! the threshold, so every few batches one writer waits for the copy and its
//! fsync: a quarter of the bulk ingest's time. Here a task on its own
//! connection checkpoints beside the writer instead; a PASSIVE checkpoint
//! blocks neither the writer nor readers.

use sqlx::SqlitePool;
use std::time::Duration;

/// How often the task looks at the log.
const EVERY: Duration = Duration::from_millis(100);
/// Log pages (256 MiB of 4 KiB pages) beyond which the task waits for the
/// writer, so the log restarts from the beginning rather than keep growing
/// under a writer that never pauses.
const RESTART_ABOVE: i64 = 65_536;

/// Starts the checkpointer; it stops when the pool closes.
pub fn spawn(pool: SqlitePool) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(EVERY);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            if pool.is_closed() {
                return;
            }
            let outcome = match checkpoint(&pool, "PASSIVE").await {
                Ok(pages) if pages > RESTART_ABOVE => checkpoint(&pool, "RESTART").await,
                other => other,
            };
            if let Err(e) = outcome {
                if pool.is_closed() {
                    return;
                }
                tracing::warn!("WAL checkpoint failed: {e}");
            }
        }
    });
}

/// Runs one checkpoint; returns the pages in the log when it started.
async fn checkpoint(pool: &SqlitePool, mode: &str) -> Result<i64, sqlx::Error> {
    let (_busy, log, _copied): (i64, i64, i64) =
        sqlx::query_as(&format!("PRAGMA wal_checkpoint({mode})"))
            .fetch_one(pool)
            .await?;
    Ok(log)
}
