//! The processing log in the database: append-only versions of actions and
//! the persons in them. Rows are only ever inserted; the current version of
//! an action is the one with the highest `seq`, and it counts only when it
//! is not `vervallen` (deleted). The one column ever updated is derived:
//! `verwerkt_object.zichtbaar`, cleared when a newer version arrives.

use super::{copy::CopyRows, Db, StoreError};
use crate::on_pool;
use sqlx::{FromRow, PgConnection, QueryBuilder, SqliteConnection};

/// The stored fields of one version, as they go into and come out of
/// `actie_versie`. Identifiers of persons are not here: they only exist
/// pseudonymised and sealed, in [`SealedObject`] and `afnemer_id_sealed`.
#[derive(Clone, Debug, Default, PartialEq, Eq, FromRow)]
pub struct ActieFields {
    pub tijdstip: String,
    pub tijdstip_utc: i64,
    pub vertrouwelijkheid: String,
    pub bewaartermijn: Option<String>,
    pub actie_naam: Option<String>,
    pub handeling_naam: Option<String>,
    pub verwerking_naam: Option<String>,
    pub verwerking_id: Option<String>,
    pub verwerkingsactiviteit_id: Option<String>,
    pub verwerkingsactiviteit_url: Option<String>,
    pub uitvoerder: Option<String>,
    pub systeem: Option<String>,
    pub gebruiker: Option<String>,
    pub gegevensbron: Option<String>,
    pub soort_afnemer_id: Option<String>,
    pub afnemer_id: Option<String>,
    pub afnemer_id_sealed: Option<Vec<u8>>,
    pub verwerkingsactiviteit_id_afnemer: Option<String>,
    pub verwerkingsactiviteit_url_afnemer: Option<String>,
    pub verwerking_id_afnemer: Option<String>,
}

/// One person in one version of an action.
#[derive(Clone, PartialEq, Eq, FromRow)]
pub struct SealedObject {
    pub verwerkt_object_id: String,
    pub pseudonym: Vec<u8>,
    pub objecttype: String,
    pub soort_object_id: String,
    pub object_id_sealed: Vec<u8>,
    pub betrokkenheid: Option<String>,
    /// JSON array of strings.
    pub soorten_gegevens: String,
}

impl std::fmt::Debug for SealedObject {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SealedObject")
            .field("verwerkt_object_id", &self.verwerkt_object_id)
            .field("soort_object_id", &self.soort_object_id)
            .finish_non_exhaustive()
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Wijziging {
    Create,
    Update,
    Patch,
    Delete,
}

impl Wijziging {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Wijziging::Create => "create",
            Wijziging::Update => "update",
            Wijziging::Patch => "patch",
            Wijziging::Delete => "delete",
        }
    }
}

/// A version to append.
#[derive(Debug)]
pub struct NewVersion<'a> {
    pub actie_id: &'a str,
    pub wijziging: Wijziging,
    pub client_id: &'a str,
    pub registratie_utc: i64,
    pub fields: &'a ActieFields,
    pub objects: &'a [SealedObject],
    pub idempotency: Option<IdempotencyKey>,
    /// For a change: the `seq` of the version it replaces. The append fails
    /// with [`StoreError::Conflict`] when that is no longer the newest, so
    /// a change decided on an older version is decided again.
    pub replaces: Option<i64>,
}

impl NewVersion<'_> {
    /// Whether a resident sees this version while it is current: not a
    /// deletion, and `normaal` or `opgeheven` (never `vertrouwelijk`).
    pub(crate) fn visible_to_resident(&self) -> bool {
        self.wijziging != Wijziging::Delete
            && matches!(
                self.fields.vertrouwelijkheid.as_str(),
                "normaal" | "opgeheven"
            )
    }
}

/// Hashes only: the key a client sent and a fingerprint of its request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IdempotencyKey {
    pub key_hash: [u8; 32],
    pub request_hash: [u8; 32],
}

/// What happened to one version in a batch.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Appended {
    Stored,
    /// The idempotency key was used before for the same request: nothing
    /// was stored, the first answer was this action.
    Replayed {
        actie_id: String,
    },
    /// The idempotency key was used before for a different request.
    KeyReused,
}

/// A stored version with its persons.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredVersion {
    pub seq: i64,
    pub actie_id: String,
    pub registratie_utc: i64,
    pub fields: ActieFields,
    pub objects: Vec<SealedObject>,
}

#[derive(FromRow)]
struct VersionRow {
    seq: i64,
    actie_id: String,
    registratie_utc: i64,
    vervallen: bool,
    #[sqlx(flatten)]
    fields: ActieFields,
}

/// `aantal` entries of one activity with the same data in one hour (`uur`:
/// whole hours since 1970, UTC).
#[derive(Clone, Debug, PartialEq, Eq, FromRow)]
pub struct SummaryRow {
    pub verwerkingsactiviteit_id: Option<String>,
    /// JSON array of strings.
    pub soorten_gegevens: String,
    pub uur: i64,
    pub aantal: i64,
}

/// A version with the resident's own object, as the resident's page reads
/// it: only what the page shows. `systeem`, `gebruiker`, `gegevensbron` and
/// the sealed identifiers are not read at all (see [`RESIDENT_COLUMNS`]).
#[derive(FromRow)]
pub(super) struct ResidentRow {
    pub(super) seq: i64,
    pub(super) actie_id: String,
    pub(super) registratie_utc: i64,
    #[sqlx(flatten)]
    pub(super) fields: ActieFields,
    pub(super) verwerkt_object_id: String,
    pub(super) objecttype: String,
    pub(super) soort_object_id: String,
    pub(super) betrokkenheid: Option<String>,
    pub(super) soorten_gegevens: String,
}

#[derive(FromRow)]
struct ObjectRow {
    seq: i64,
    #[sqlx(flatten)]
    object: SealedObject,
}

/// Filters for listing the actions one person appears in.
#[derive(Clone, Debug, Default)]
pub struct PersonFilter {
    pub pseudonym: Vec<u8>,
    /// `tijdstip >= from` (microseconds UTC).
    pub from_utc: Option<i64>,
    /// `tijdstip < until` (microseconds UTC).
    pub until_utc: Option<i64>,
    /// Empty means all.
    pub vertrouwelijkheid: Vec<String>,
    pub verwerkingsactiviteit_id: Option<String>,
}

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

const VERSION_COLUMNS: &str =
    "v.seq, v.actie_id, v.registratie_utc, v.vervallen, v.tijdstip, v.tijdstip_utc, \
    v.vertrouwelijkheid, v.bewaartermijn, v.actie_naam, v.handeling_naam, v.verwerking_naam, \
    v.verwerking_id, v.verwerkingsactiviteit_id, v.verwerkingsactiviteit_url, v.uitvoerder, \
    v.systeem, v.gebruiker, v.gegevensbron, v.soort_afnemer_id, v.afnemer_id, \
    v.afnemer_id_sealed, v.verwerkingsactiviteit_id_afnemer, v.verwerkingsactiviteit_url_afnemer, \
    v.verwerking_id_afnemer";

const OBJECT_COLUMNS: &str = "o.seq, o.verwerkt_object_id, o.pseudonym, o.objecttype, \
    o.soort_object_id, o.object_id_sealed, o.betrokkenheid, o.soorten_gegevens";

/// The columns of a [`ResidentRow`]. What a resident may not see, or the
/// page does not show, comes back empty instead of being read.
const RESIDENT_COLUMNS: &str = "v.seq, v.actie_id, v.registratie_utc, v.tijdstip, v.tijdstip_utc, \
    v.vertrouwelijkheid, NULL AS bewaartermijn, v.actie_naam, v.handeling_naam, v.verwerking_naam, \
    v.verwerking_id, v.verwerkingsactiviteit_id, NULL AS verwerkingsactiviteit_url, \
    NULL AS uitvoerder, NULL AS systeem, NULL AS gebruiker, NULL AS gegevensbron, \
    v.soort_afnemer_id, v.afnemer_id, NULL AS afnemer_id_sealed, \
    NULL AS verwerkingsactiviteit_id_afnemer, NULL AS verwerkingsactiviteit_url_afnemer, \
    NULL AS verwerking_id_afnemer, o.verwerkt_object_id, o.objecttype, o.soort_object_id, \
    o.betrokkenheid, o.soorten_gegevens";

/// The columns a new version fills, in the order both its INSERT here and
/// its COPY (store/copy.rs) write the values.
pub(crate) const NEW_VERSION_COLUMNS: &str =
    "seq, actie_id, wijziging, vervallen, client_id, registratie_utc, tijdstip, tijdstip_utc, \
    vertrouwelijkheid, bewaartermijn, actie_naam, handeling_naam, verwerking_naam, verwerking_id, \
    verwerkingsactiviteit_id, verwerkingsactiviteit_url, uitvoerder, systeem, gebruiker, \
    gegevensbron, soort_afnemer_id, afnemer_id, afnemer_id_sealed, verwerkingsactiviteit_id_afnemer, \
    verwerkingsactiviteit_url_afnemer, verwerking_id_afnemer";

/// The columns a new person row fills, in the same order for INSERT and COPY.
pub(crate) const NEW_OBJECT_COLUMNS: &str =
    "seq, verwerkt_object_id, pseudonym, objecttype, soort_object_id, object_id_sealed, \
    betrokkenheid, soorten_gegevens, tijdstip_utc, zichtbaar, verwerkingsactiviteit_id";

/// `v` is the current version of its action and the action is not deleted.
pub(crate) const IS_CURRENT: &str = "v.vervallen = FALSE AND NOT EXISTS \
    (SELECT 1 FROM actie_versie n WHERE n.actie_id = v.actie_id AND n.seq > v.seq)";

/// Holds the actions a transaction changes until it ends, so two changes of
/// one action run one after the other and each sees the one before.
trait LockActions {
    async fn lock_actions(&mut self, actie_ids: &[&str]) -> Result<(), sqlx::Error>;
}

impl LockActions for SqliteConnection {
    /// `BEGIN IMMEDIATE` already holds the whole database.
    async fn lock_actions(&mut self, _: &[&str]) -> Result<(), sqlx::Error> {
        Ok(())
    }
}

impl LockActions for PgConnection {
    /// A transaction-scoped advisory lock per action, taken in id order so
    /// two transactions never wait for each other in a circle.
    async fn lock_actions(&mut self, actie_ids: &[&str]) -> Result<(), sqlx::Error> {
        for actie_id in actie_ids {
            sqlx::query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))")
                .bind(*actie_id)
                .execute(&mut *self)
                .await?;
        }
        Ok(())
    }
}

/// `seq` numbers for the new versions of one writing transaction, in order.
trait NewSeqs {
    async fn new_seqs(&mut self, n: i64) -> Result<Vec<i64>, sqlx::Error>;
}

impl NewSeqs for SqliteConnection {
    /// Counts on from the highest: the transaction holds the write lock.
    async fn new_seqs(&mut self, n: i64) -> Result<Vec<i64>, sqlx::Error> {
        let last: i64 = sqlx::query_scalar("SELECT COALESCE(MAX(seq), 0) FROM actie_versie")
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
    ($tx:ident, $len:expr, $step:expr, $build:expr) => {{
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
/// multi-row INSERTs with their `seq` allocated up front, so a batch of
/// thousands costs a handful of statements, not thousands.
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
        // Changes: hold their actions, then check each still replaces the
        // newest version (a concurrent change may have come first).
        let mut changed: Vec<(&str, i64)> = versions
            .iter()
            .filter_map(|v| v.replaces.map(|seq| (v.actie_id, seq)))
            .collect();
        if !changed.is_empty() {
            changed.sort_unstable();
            changed.dedup_by_key(|(actie_id, _)| *actie_id);
            let ids: Vec<&str> = changed.iter().map(|(actie_id, _)| *actie_id).collect();
            tx.lock_actions(&ids).await?;
            for (actie_id, seq) in &changed {
                let newest: Option<i64> =
                    sqlx::query_scalar("SELECT MAX(seq) FROM actie_versie WHERE actie_id = $1")
                        .bind(*actie_id)
                        .fetch_one(&mut *tx)
                        .await?;
                if newest != Some(*seq) {
                    return Err(StoreError::Conflict);
                }
            }
        }
        // Keys are claimed in their own order, not the batch's: two
        // transactions claiming the same keys (PostgreSQL runs two at once)
        // then wait for each other instead of deadlocking.
        let mut claims: Vec<(&NewVersion, &IdempotencyKey, usize)> = versions
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
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if claimed == 0 {
                let (request_hash, actie_id): (Vec<u8>, String) = sqlx::query_as(
                    "SELECT request_hash, actie_id FROM idempotency \
                     WHERE client_id = $1 AND key_hash = $2",
                )
                .bind(version.client_id)
                .bind(&key.key_hash[..])
                .fetch_one(&mut *tx)
                .await?;
                outcomes[i] = if request_hash == key.request_hash {
                    Appended::Replayed { actie_id }
                } else {
                    Appended::KeyReused
                };
            }
        }
        let to_store: Vec<&NewVersion> = versions
            .iter()
            .zip(&outcomes)
            .filter(|(_, outcome)| **outcome == Appended::Stored)
            .map(|(version, _)| version)
            .collect();
        if !to_store.is_empty() {
            let seqs = tx.new_seqs(to_store.len() as i64).await?;
            let rows: Vec<(i64, &NewVersion)> = seqs.into_iter().zip(to_store).collect();
            // PostgreSQL takes a large batch by COPY; otherwise multi-row INSERTs.
            let copied = tx.copy_rows(&rows).await?;
            if !copied {
                let versions = |i: usize| {
                    let chunk = &rows[i..rows.len().min(i + VERSION_ROWS_PER_INSERT)];
                    let mut insert = QueryBuilder::new(
                        format!("INSERT INTO actie_versie ({NEW_VERSION_COLUMNS}) "),
                    );
                    insert.push_values(chunk, |mut row, (seq, version)| {
                        let f = version.fields;
                        row.push_bind(*seq)
                            .push_bind(version.actie_id)
                            .push_bind(version.wijziging.as_str())
                            .push_bind(version.wijziging == Wijziging::Delete)
                            .push_bind(version.client_id)
                            .push_bind(version.registratie_utc)
                            .push_bind(&f.tijdstip)
                            .push_bind(f.tijdstip_utc)
                            .push_bind(&f.vertrouwelijkheid)
                            .push_bind(&f.bewaartermijn)
                            .push_bind(&f.actie_naam)
                            .push_bind(&f.handeling_naam)
                            .push_bind(&f.verwerking_naam)
                            .push_bind(&f.verwerking_id)
                            .push_bind(&f.verwerkingsactiviteit_id)
                            .push_bind(&f.verwerkingsactiviteit_url)
                            .push_bind(&f.uitvoerder)
                            .push_bind(&f.systeem)
                            .push_bind(&f.gebruiker)
                            .push_bind(&f.gegevensbron)
                            .push_bind(&f.soort_afnemer_id)
                            .push_bind(&f.afnemer_id)
                            .push_bind(&f.afnemer_id_sealed)
                            .push_bind(&f.verwerkingsactiviteit_id_afnemer)
                            .push_bind(&f.verwerkingsactiviteit_url_afnemer)
                            .push_bind(&f.verwerking_id_afnemer);
                    });
                    (insert, reused(chunk.len(), VERSION_ROWS_PER_INSERT))
                };
                execute_ahead!(tx, rows.len(), VERSION_ROWS_PER_INSERT, versions);
                let mut objects: Vec<(i64, &NewVersion, &SealedObject)> = rows
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
                    let mut insert = QueryBuilder::new(
                        format!("INSERT INTO verwerkt_object ({NEW_OBJECT_COLUMNS}) "),
                    );
                    insert.push_values(chunk, |mut row, (seq, version, o)| {
                        row.push_bind(*seq)
                            .push_bind(&o.verwerkt_object_id)
                            .push_bind(&o.pseudonym)
                            .push_bind(&o.objecttype)
                            .push_bind(&o.soort_object_id)
                            .push_bind(&o.object_id_sealed)
                            .push_bind(&o.betrokkenheid)
                            .push_bind(&o.soorten_gegevens)
                            .push_bind(version.fields.tijdstip_utc)
                            .push_bind(version.visible_to_resident())
                            .push_bind(&version.fields.verwerkingsactiviteit_id);
                    });
                    (insert, reused(chunk.len(), OBJECT_ROWS_PER_INSERT))
                };
                execute_ahead!(tx, objects.len(), OBJECT_ROWS_PER_INSERT, inserts);
            }
            // A newer version takes the older ones out of the resident's
            // view: one statement for the whole batch (a PATCH may touch
            // many actions), none for a batch of creates.
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
                    .execute(&mut *tx)
                    .await?;
            }
        }
        tx.commit().await?;
        Ok(outcomes)
    })
}

impl Db {
    /// The current version of an action, unless it was deleted.
    pub async fn current_version(
        &self,
        actie_id: &str,
    ) -> Result<Option<StoredVersion>, StoreError> {
        let sql = format!(
            "SELECT {VERSION_COLUMNS} FROM actie_versie v WHERE v.actie_id = $1 \
             ORDER BY v.seq DESC LIMIT 1"
        );
        let row: Option<VersionRow> =
            on_pool!(self, pool => sqlx::query_as(&sql).bind(actie_id).fetch_optional(pool).await?);
        match row {
            Some(row) if !row.vervallen => Ok(self.with_objects(vec![row], None).await?.pop()),
            _ => Ok(None),
        }
    }

    /// Every version of an action, oldest first: (seq, wijziging,
    /// registratie_utc, vertrouwelijkheid, client_id).
    pub async fn version_history(
        &self,
        actie_id: &str,
    ) -> Result<Vec<(i64, String, i64, String, String)>, StoreError> {
        Ok(on_pool!(self, pool => sqlx::query_as(
            "SELECT seq, wijziging, registratie_utc, vertrouwelijkheid, client_id FROM actie_versie \
             WHERE actie_id = $1 ORDER BY seq",
        ).bind(actie_id).fetch_all(pool).await?))
    }

    /// The current versions of every action in one verwerking.
    pub async fn current_versions_of_verwerking(
        &self,
        verwerking_id: &str,
    ) -> Result<Vec<StoredVersion>, StoreError> {
        let sql = format!(
            "SELECT {VERSION_COLUMNS} FROM actie_versie v WHERE v.verwerking_id = $1 AND {IS_CURRENT} \
             ORDER BY v.seq"
        );
        let rows: Vec<VersionRow> =
            on_pool!(self, pool => sqlx::query_as(&sql).bind(verwerking_id).fetch_all(pool).await?);
        self.with_objects(rows, None).await
    }

    /// The current actions one person appears in, newest first, with only
    /// that person's object in each. Returns the total count and one page.
    pub async fn versions_for_person(
        &self,
        filter: &PersonFilter,
        offset: i64,
        limit: i64,
    ) -> Result<(i64, Vec<StoredVersion>), StoreError> {
        let (count, rows): (i64, Vec<VersionRow>) = on_pool!(self, pool => {
            let mut count_query = person_query(filter, "COUNT(*)", None);
            let mut page_query = person_query(filter, VERSION_COLUMNS, Some((offset, limit)));
            let count: i64 = count_query.build_query_scalar().fetch_one(pool).await?;
            let rows: Vec<VersionRow> = page_query.build_query_as().fetch_all(pool).await?;
            (count, rows)
        });
        let versions = self.with_objects(rows, Some(&filter.pseudonym)).await?;
        Ok((count, versions))
    }

    /// A resident's own page: current actions they may see (`normaal`,
    /// `opgeheven`), newest first, after the keyset cursor `before`
    /// (`tijdstip_utc`, `seq` of the last row of the previous page), each
    /// with the resident's own object only. One query: the rows are found
    /// through the person index by pseudonym (on PostgreSQL the index
    /// carries them), flagged `zichtbaar`, so the page never reads other
    /// people's rows or older versions.
    pub async fn resident_page(
        &self,
        pseudonym: &[u8],
        before: Option<(i64, i64)>,
        not_before: i64,
        limit: i64,
    ) -> Result<Vec<StoredVersion>, StoreError> {
        let sql = resident_page_sql(before.is_some());
        let (time, seq) = before.unwrap_or((i64::MAX, i64::MAX));
        let rows: Vec<ResidentRow> = match self {
            Db::Sqlite(_, readers) => {
                readers.resident_page(&sql, pseudonym, (time, seq), not_before, limit)?
            }
            Db::Postgres(pool) => {
                sqlx::query_as(&sql)
                    .bind(pseudonym)
                    .bind(time)
                    .bind(seq)
                    .bind(limit)
                    .bind(not_before)
                    .fetch_all(pool)
                    .await?
            }
        };
        let mut page: Vec<StoredVersion> = Vec::with_capacity(rows.len());
        for row in rows {
            let object = SealedObject {
                verwerkt_object_id: row.verwerkt_object_id,
                pseudonym: pseudonym.to_vec(),
                objecttype: row.objecttype,
                soort_object_id: row.soort_object_id,
                object_id_sealed: Vec::new(),
                betrokkenheid: row.betrokkenheid,
                soorten_gegevens: row.soorten_gegevens,
            };
            match page.last_mut() {
                // The resident twice in one action: one entry, both objects.
                Some(last) if last.seq == row.seq => last.objects.push(object),
                _ => page.push(StoredVersion {
                    seq: row.seq,
                    actie_id: row.actie_id,
                    registratie_utc: row.registratie_utc,
                    fields: row.fields,
                    objects: vec![object],
                }),
            }
        }
        Ok(page)
    }

    /// What a resident's summary counts, under the same rules as their page:
    /// the entries since `not_before` per activity, data and hour (see
    /// [`SummaryRow`]). Entries come in bursts, so this is far fewer rows
    /// than entries, counted by the database on the resident's rows alone.
    pub async fn resident_summary(
        &self,
        pseudonym: &[u8],
        not_before: i64,
    ) -> Result<Vec<SummaryRow>, StoreError> {
        const SQL: &str = "SELECT o.verwerkingsactiviteit_id, o.soorten_gegevens, \
            o.tijdstip_utc / 3600000000 AS uur, COUNT(*) AS aantal FROM verwerkt_object o \
            WHERE o.pseudonym = $1 AND o.zichtbaar AND o.tijdstip_utc >= $2 \
            GROUP BY o.verwerkingsactiviteit_id, o.soorten_gegevens, o.tijdstip_utc / 3600000000";
        Ok(match self {
            Db::Sqlite(_, readers) => readers.resident_summary(SQL, pseudonym, not_before)?,
            Db::Postgres(pool) => {
                sqlx::query_as(SQL)
                    .bind(pseudonym)
                    .bind(not_before)
                    .fetch_all(pool)
                    .await?
            }
        })
    }

    /// One person's occurrence in a current action, by its id.
    pub async fn current_object(
        &self,
        verwerkt_object_id: &str,
    ) -> Result<Option<StoredVersion>, StoreError> {
        let sql = format!(
            "SELECT {VERSION_COLUMNS} FROM verwerkt_object o JOIN actie_versie v ON v.seq = o.seq \
             WHERE o.verwerkt_object_id = $1 AND {IS_CURRENT} ORDER BY v.seq DESC LIMIT 1"
        );
        let row: Option<VersionRow> = on_pool!(self, pool => sqlx::query_as(&sql).bind(verwerkt_object_id).fetch_optional(pool).await?);
        let Some(row) = row else { return Ok(None) };
        let mut versions = self.with_objects(vec![row], None).await?;
        let mut version = versions.pop().expect("one version");
        version
            .objects
            .retain(|o| o.verwerkt_object_id == verwerkt_object_id);
        Ok(Some(version))
    }

    /// Loads the objects of the given versions (only one person's when
    /// `pseudonym` is given), keeping the versions' order.
    async fn with_objects(
        &self,
        rows: Vec<VersionRow>,
        pseudonym: Option<&Vec<u8>>,
    ) -> Result<Vec<StoredVersion>, StoreError> {
        if rows.is_empty() {
            return Ok(Vec::new());
        }
        let seqs: Vec<i64> = rows.iter().map(|row| row.seq).collect();
        let objects: Vec<ObjectRow> = on_pool!(self, pool => {
            objects_query(&seqs, pseudonym).build_query_as().fetch_all(pool).await?
        });
        let mut by_seq: std::collections::HashMap<i64, Vec<SealedObject>> = Default::default();
        for o in objects {
            by_seq.entry(o.seq).or_default().push(o.object);
        }
        Ok(rows
            .into_iter()
            .map(|row| StoredVersion {
                objects: by_seq.remove(&row.seq).unwrap_or_default(),
                seq: row.seq,
                actie_id: row.actie_id,
                registratie_utc: row.registratie_utc,
                fields: row.fields,
            })
            .collect())
    }

    /// How many versions are stored in all (history included).
    pub async fn version_count(&self) -> Result<i64, StoreError> {
        Ok(
            on_pool!(self, pool => sqlx::query_scalar("SELECT COUNT(*) FROM actie_versie").fetch_one(pool).await?),
        )
    }
}

/// The resident's page query (see [`Db::resident_page`]); public so tests
/// can check its plan.
pub fn resident_page_sql(with_cursor: bool) -> String {
    let cursor = if with_cursor {
        "AND (o.tijdstip_utc < $2 OR (o.tijdstip_utc = $2 AND o.seq < $3))"
    } else {
        "AND $2 = $2 AND $3 = $3"
    };
    format!(
        "SELECT {RESIDENT_COLUMNS} \
         FROM verwerkt_object o JOIN actie_versie v ON v.seq = o.seq \
         WHERE o.pseudonym = $1 {cursor} AND o.tijdstip_utc >= $5 AND o.zichtbaar \
         ORDER BY o.tijdstip_utc DESC, o.seq DESC LIMIT $4"
    )
}

/// The objects of the versions `seqs`, optionally of one person only.
fn objects_query<'a, DB: sqlx::Database>(
    seqs: &[i64],
    pseudonym: Option<&Vec<u8>>,
) -> QueryBuilder<'a, DB>
where
    Vec<u8>: sqlx::Encode<'a, DB> + sqlx::Type<DB>,
    i64: sqlx::Encode<'a, DB> + sqlx::Type<DB>,
{
    let mut query = QueryBuilder::new(format!(
        "SELECT {OBJECT_COLUMNS} FROM verwerkt_object o WHERE o.seq IN ("
    ));
    let mut list = query.separated(", ");
    for seq in seqs {
        list.push_bind(*seq);
    }
    query.push(")");
    if let Some(pseudonym) = pseudonym {
        query
            .push(" AND o.pseudonym = ")
            .push_bind(pseudonym.clone());
    }
    query.push(" ORDER BY o.seq, o.verwerkt_object_id");
    query
}

/// The query over one person's current actions. Written for both engines:
/// `QueryBuilder` renders `$n` placeholders, which SQLite accepts as well.
fn person_query<'a, DB: sqlx::Database>(
    filter: &'a PersonFilter,
    select: &str,
    page: Option<(i64, i64)>,
) -> QueryBuilder<'a, DB>
where
    Vec<u8>: sqlx::Encode<'a, DB> + sqlx::Type<DB>,
    i64: sqlx::Encode<'a, DB> + sqlx::Type<DB>,
    String: sqlx::Encode<'a, DB> + sqlx::Type<DB>,
{
    let mut q = QueryBuilder::new(format!(
        "SELECT {select} FROM verwerkt_object o JOIN actie_versie v ON v.seq = o.seq WHERE o.pseudonym = "
    ));
    q.push_bind(filter.pseudonym.clone());
    if let Some(from) = filter.from_utc {
        q.push(" AND o.tijdstip_utc >= ").push_bind(from);
    }
    if let Some(until) = filter.until_utc {
        q.push(" AND o.tijdstip_utc < ").push_bind(until);
    }
    if !filter.vertrouwelijkheid.is_empty() {
        q.push(" AND v.vertrouwelijkheid IN (");
        let mut list = q.separated(", ");
        for v in &filter.vertrouwelijkheid {
            list.push_bind(v.clone());
        }
        q.push(")");
    }
    if let Some(activity) = &filter.verwerkingsactiviteit_id {
        q.push(" AND v.verwerkingsactiviteit_id = ")
            .push_bind(activity.clone());
    }
    q.push(" AND ").push(IS_CURRENT);
    if let Some((offset, limit)) = page {
        q.push(" ORDER BY o.tijdstip_utc DESC, o.seq DESC LIMIT ")
            .push_bind(limit)
            .push(" OFFSET ")
            .push_bind(offset);
    }
    q
}
