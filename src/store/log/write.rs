//! Appending to the log: versions and their persons in one transaction,
//! idempotency keys claimed, changes checked against the newest version,
//! and older versions taken out of the resident's view.

use super::{
    columns::{self, NEW_OBJECT_COLUMNS, NEW_VERSION_COLUMNS},
    copy::{CopyRows, Rows},
    rows::{Appended, IdempotencyKey, NewVersion, SealedObject, Wijziging},
};
use crate::store::{tree::HoldWriters, Db, StoreError};
use sqlx::{PgConnection, QueryBuilder, SqliteConnection};

/// Rows per multi-row INSERT, well below SQLite's 32,766 bound parameters.
const VERSION_ROWS_PER_INSERT: usize = 500;
const OBJECT_ROWS_PER_INSERT: usize = 1000;

/// Whether a multi-row statement stays prepared on its connection for reuse.
/// Full chunks and the small groups of single requests come back; a large
/// remainder (any of hundreds of sizes) does not, and each one kept holds
/// up to a megabyte per connection: at 1,000,000 bulk records they took the
/// server's memory past 250 MB.
fn reused(rows: usize, full: usize) -> bool {
    rows == full || rows <= 64
}

/// Holds the actions a transaction changes until it ends, so two changes of
/// one action run one after the other and each sees the one before.
pub(super) trait LockActions {
    async fn lock_actions(&mut self, actie_ids: &[&str]) -> Result<(), sqlx::Error>;
}

impl LockActions for SqliteConnection {
    /// `BEGIN IMMEDIATE` already holds the whole database.
    async fn lock_actions(&mut self, _: &[&str]) -> Result<(), sqlx::Error> {
        Ok(())
    }
}

impl LockActions for PgConnection {
    /// A transaction-scoped advisory lock per action, taken in the order
    /// given (the callers sort by id) so two transactions never wait for
    /// each other in a circle; one statement for all.
    async fn lock_actions(&mut self, actie_ids: &[&str]) -> Result<(), sqlx::Error> {
        sqlx::query(
            "SELECT pg_advisory_xact_lock(hashtextextended(id, 0)) \
             FROM unnest($1::text[]) WITH ORDINALITY AS given(id, n) ORDER BY n",
        )
        .bind(actie_ids)
        .execute(&mut *self)
        .await?;
        Ok(())
    }
}

/// `seq` numbers for the new versions of one writing transaction, in order.
trait NewSeqs {
    async fn new_seqs(&mut self, n: i64) -> Result<Vec<i64>, sqlx::Error>;
}

impl NewSeqs for SqliteConnection {
    /// Counts on from the highest: the transaction holds the write lock.
    /// The tree's leaves remember the seq of a version retention removed,
    /// so a number is never given twice.
    async fn new_seqs(&mut self, n: i64) -> Result<Vec<i64>, sqlx::Error> {
        let last: i64 = sqlx::query_scalar(
            "SELECT MAX(COALESCE((SELECT MAX(seq) FROM actie_versie), 0), \
             COALESCE((SELECT MAX(seq) FROM boom_blad WHERE soort = 'actie'), 0))",
        )
        .fetch_one(self)
        .await?;
        Ok((last + 1..=last + n).collect())
    }
}

impl NewSeqs for PgConnection {
    /// Takes them from the sequence, so concurrent writers never collide.
    /// The sequence is named as a literal, which PostgreSQL resolves once
    /// per statement; looking it up by column did so once per number.
    async fn new_seqs(&mut self, n: i64) -> Result<Vec<i64>, sqlx::Error> {
        sqlx::query_scalar(
            "SELECT nextval('actie_versie_seq_seq') FROM generate_series(1, $1) ORDER BY 1",
        )
        .bind(n)
        .fetch_all(self)
        .await
    }
}

/// Runs `$body` with `$conn` bound to the connection of either engine.
macro_rules! on_connection {
    ($connection:expr, $conn:ident => $body:expr) => {
        match $connection {
            Connection::Sqlite($conn) => $body,
            Connection::Postgres($conn) => $body,
        }
    };
}

/// Runs the multi-row statements `$build(0)`, `$build($step)`, … up to
/// `$len` rows on `$tx`, each built while the database runs the one before:
/// sqlx builds a statement on the async worker, and the writer's thread
/// would otherwise wait for it.
macro_rules! execute_ahead {
    ($tx:expr, $len:expr, $step:expr, $build:expr) => {{
        let (len, step, build) = ($len, $step, $build);
        let mut next = (len > 0).then(|| build(0));
        let mut at = step;
        while let Some((mut insert, persistent)) = next.take() {
            let (done, built) = tokio::join!(
                insert.build().persistent(persistent).execute(&mut *$tx),
                async { (at < len).then(|| build(at)) }
            );
            done?;
            next = built;
            at += step;
        }
    }};
}

/// A connection of either engine, borrowed for one append.
enum Connection<'c> {
    Sqlite(&'c mut SqliteConnection),
    Postgres(&'c mut PgConnection),
}

/// The SQLite writer's page cache (32 MiB, against 2 MiB by default): a bulk
/// transaction touches tens of thousands of pages, and each one the cache
/// must let go is written to the log early and read back when touched
/// again. The bulk ingest runs about a tenth faster; its peak memory stays
/// under 200 MB (docs/benchmarks.md).
const WRITER_CACHE: &str = "PRAGMA cache_size = -32768";

/// A connection of the log writer's own, outside the pool: the large
/// multi-row statements are prepared, and the pages they touch cached, on
/// this one connection instead of on every connection of the pool.
pub enum Writing {
    Sqlite(SqliteConnection),
    Postgres(PgConnection),
}

impl Db {
    /// Takes a connection out of the pool for good (the pool opens another).
    pub async fn writing(&self) -> Result<Writing, StoreError> {
        Ok(match self {
            Db::Sqlite(pool, _) => {
                let mut conn = pool.acquire().await?.detach();
                sqlx::query(WRITER_CACHE).execute(&mut conn).await?;
                Writing::Sqlite(conn)
            }
            Db::Postgres(pool) => Writing::Postgres(pool.acquire().await?.detach()),
        })
    }

    /// Appends versions on a connection of the pool; see [`append`].
    pub async fn append_versions(
        &self,
        versions: &[NewVersion<'_>],
    ) -> Result<Vec<Appended>, StoreError> {
        match self {
            Db::Sqlite(pool, _) => {
                append(Connection::Sqlite(&mut *pool.acquire().await?), versions).await
            }
            Db::Postgres(pool) => {
                append(Connection::Postgres(&mut *pool.acquire().await?), versions).await
            }
        }
    }
}

impl Writing {
    pub async fn append_versions(
        &mut self,
        versions: &[NewVersion<'_>],
    ) -> Result<Vec<Appended>, StoreError> {
        match self {
            Writing::Sqlite(conn) => append(Connection::Sqlite(conn), versions).await,
            Writing::Postgres(conn) => append(Connection::Postgres(conn), versions).await,
        }
    }
}

/// Appends versions in one transaction: all are stored or none. An entry
/// whose idempotency key was seen before stores nothing. Rows go in as
/// multi-row INSERTs (or COPY) with their `seq` allocated up front, so a
/// batch of thousands costs a handful of statements, not thousands.
async fn append(
    connection: Connection<'_>,
    versions: &[NewVersion<'_>],
) -> Result<Vec<Appended>, StoreError> {
    // SQLite: take the write lock at once, so the highest seq read in
    // `new_seqs` stays the highest.
    let begin = match connection {
        Connection::Sqlite(_) => "BEGIN IMMEDIATE",
        Connection::Postgres(_) => "BEGIN",
    };
    on_connection!(connection, conn => {
        let mut tx = sqlx::Connection::begin_with(conn, begin).await?;
        tx.hold_writers().await?;
        tx.check_replaces(versions).await?;
        let outcomes = tx.claim_keys(versions).await?;
        let to_store: Vec<&NewVersion<'_>> = versions
            .iter()
            .zip(&outcomes)
            .filter(|(_, outcome)| **outcome == Appended::Stored)
            .map(|(version, _)| version)
            .collect();
        if !to_store.is_empty() {
            let seqs = tx.new_seqs(to_store.len() as i64).await?;
            let rows: Vec<(i64, &NewVersion<'_>)> = seqs.into_iter().zip(to_store).collect();
            // PostgreSQL takes a large batch by COPY; otherwise multi-row INSERTs.
            if !tx.copy_rows(&rows).await? {
                tx.insert_rows(&rows).await?;
            }
            tx.hide_older(&rows).await?;
        }
        tx.commit().await?;
        Ok(outcomes)
    })
}

/// The steps of [`append`] inside its transaction, on either engine's
/// connection: written once, in `steps!`, for both.
trait Steps {
    /// Changes: holds their actions, then checks each still replaces the
    /// newest version (a concurrent change may have come first).
    async fn check_replaces(&mut self, versions: &[NewVersion<'_>]) -> Result<(), StoreError>;
    /// Claims the idempotency keys; says per version whether to store it.
    async fn claim_keys(
        &mut self,
        versions: &[NewVersion<'_>],
    ) -> Result<Vec<Appended>, sqlx::Error>;
    async fn insert_rows(&mut self, rows: &Rows<'_, '_>) -> Result<(), sqlx::Error>;
    /// A newer version takes the older ones out of the resident's view.
    async fn hide_older(&mut self, rows: &Rows<'_, '_>) -> Result<(), sqlx::Error>;
}

macro_rules! steps {
    ($connection:ty) => {
        impl Steps for $connection {
            async fn check_replaces(
                &mut self,
                versions: &[NewVersion<'_>],
            ) -> Result<(), StoreError> {
                let mut changed: Vec<(&str, i64)> = versions
                    .iter()
                    .filter_map(|v| v.replaces.map(|seq| (v.actie_id, seq)))
                    .collect();
                if changed.is_empty() {
                    return Ok(());
                }
                changed.sort_unstable();
                changed.dedup_by_key(|(actie_id, _)| *actie_id);
                let ids: Vec<&str> = changed.iter().map(|(actie_id, _)| *actie_id).collect();
                self.lock_actions(&ids).await?;
                for (actie_id, seq) in &changed {
                    let newest: Option<i64> =
                        sqlx::query_scalar("SELECT MAX(seq) FROM actie_versie WHERE actie_id = $1")
                            .bind(*actie_id)
                            .fetch_one(&mut *self)
                            .await?;
                    if newest != Some(*seq) {
                        return Err(StoreError::Conflict);
                    }
                }
                Ok(())
            }

            async fn claim_keys(
                &mut self,
                versions: &[NewVersion<'_>],
            ) -> Result<Vec<Appended>, sqlx::Error> {
                // Keys are claimed in their own order, not the batch's: two
                // transactions claiming the same keys (PostgreSQL runs two at
                // once) then wait for each other instead of deadlocking.
                let mut claims: Vec<(&NewVersion<'_>, &IdempotencyKey, usize)> = versions
                    .iter()
                    .enumerate()
                    .filter_map(|(i, v)| v.idempotency.as_ref().map(|key| (v, key, i)))
                    .collect();
                claims.sort_by_key(|(version, key, _)| (version.client_id, key.key_hash));
                let mut outcomes = vec![Appended::Stored; versions.len()];
                for (version, key, i) in claims {
                    let claimed = sqlx::query(
                        "INSERT INTO idempotency (client_id, key_hash, request_hash, actie_id, created_utc) \
                         VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING",
                    )
                    .bind(version.client_id)
                    .bind(&key.key_hash[..])
                    .bind(&key.request_hash[..])
                    .bind(version.actie_id)
                    .bind(version.registratie_utc)
                    .execute(&mut *self)
                    .await?
                    .rows_affected();
                    if claimed == 0 {
                        let (request_hash, actie_id): (Vec<u8>, String) = sqlx::query_as(
                            "SELECT request_hash, actie_id FROM idempotency \
                             WHERE client_id = $1 AND key_hash = $2",
                        )
                        .bind(version.client_id)
                        .bind(&key.key_hash[..])
                        .fetch_one(&mut *self)
                        .await?;
                        outcomes[i] = if request_hash == key.request_hash {
                            Appended::Replayed { actie_id }
                        } else {
                            Appended::KeyReused
                        };
                    }
                }
                Ok(outcomes)
            }

            async fn insert_rows(&mut self, rows: &Rows<'_, '_>) -> Result<(), sqlx::Error> {
                let versions = |i: usize| {
                    let chunk = &rows[i..rows.len().min(i + VERSION_ROWS_PER_INSERT)];
                    let mut insert = QueryBuilder::new(format!(
                        "INSERT INTO actie_versie ({}) ",
                        *NEW_VERSION_COLUMNS
                    ));
                    insert.push_values(chunk, |mut row, (seq, version)| {
                        columns::version(&mut row, *seq, version);
                    });
                    (insert, reused(chunk.len(), VERSION_ROWS_PER_INSERT))
                };
                execute_ahead!(self, rows.len(), VERSION_ROWS_PER_INSERT, versions);
                let mut objects: Vec<(i64, &NewVersion<'_>, &SealedObject)> = rows
                    .iter()
                    .flat_map(|(seq, v)| v.objects.iter().map(move |o| (*seq, *v, o)))
                    .collect();
                // In the order of the person index: each of its pages is then
                // changed once per batch, and a resident's rows of one batch
                // lie together in the table.
                objects.sort_unstable_by(|(seq_a, a, x), (seq_b, b, y)| {
                    x.pseudonym
                        .cmp(&y.pseudonym)
                        .then(b.fields.tijdstip_utc.cmp(&a.fields.tijdstip_utc))
                        .then(seq_b.cmp(seq_a))
                });
                let inserts = |i: usize| {
                    let chunk = &objects[i..objects.len().min(i + OBJECT_ROWS_PER_INSERT)];
                    let mut insert = QueryBuilder::new(format!(
                        "INSERT INTO verwerkt_object ({}) ",
                        *NEW_OBJECT_COLUMNS
                    ));
                    insert.push_values(chunk, |mut row, (seq, version, o)| {
                        columns::object(&mut row, *seq, version, o);
                    });
                    (insert, reused(chunk.len(), OBJECT_ROWS_PER_INSERT))
                };
                execute_ahead!(self, objects.len(), OBJECT_ROWS_PER_INSERT, inserts);
                Ok(())
            }

            async fn hide_older(&mut self, rows: &Rows<'_, '_>) -> Result<(), sqlx::Error> {
                // One statement for the whole batch (a PATCH may touch many
                // actions), none for a batch of creates.
                let newer: Vec<i64> = rows
                    .iter()
                    .filter(|(_, v)| v.wijziging != Wijziging::Create)
                    .map(|(seq, _)| *seq)
                    .collect();
                for chunk in newer.chunks(VERSION_ROWS_PER_INSERT) {
                    let mut hide = QueryBuilder::new(
                        "UPDATE verwerkt_object SET zichtbaar = FALSE WHERE zichtbaar AND seq IN \
                         (SELECT prior.seq FROM actie_versie prior JOIN actie_versie later \
                         ON later.actie_id = prior.actie_id AND prior.seq < later.seq WHERE later.seq IN (",
                    );
                    let mut list = hide.separated(", ");
                    for seq in chunk {
                        list.push_bind(*seq);
                    }
                    hide.push("))");
                    hide.build()
                        .persistent(reused(chunk.len(), VERSION_ROWS_PER_INSERT))
                        .execute(&mut *self)
                        .await?;
                }
                Ok(())
            }
        }
    };
}

steps!(SqliteConnection);
steps!(PgConnection);
