//! The verifiable log's tables: the leaves of the Merkle tree in the order
//! they entered it (`boom_blad`), the hashes of complete subtrees every
//! fourth level (`boom_knoop`) and the signed checkpoints. What a leaf
//! hashes is `store/leaf.rs`, the tree itself is `tree`'s; this file only stores.

use super::{
    copy::{copy_in, Binary},
    copy_out,
    log::{ActieFields, SealedObject},
    staff::AuditRow,
    Db, StoreError,
};
use crate::on_pool;
use sqlx::{FromRow, PgConnection, QueryBuilder, SqliteConnection};
use std::collections::{BTreeMap, BTreeSet};

/// A hash in the tree (SHA-256).
pub type Hash = [u8; 32];

/// How long the tree waits for the transactions in flight to end.
const COMMIT_WAIT: std::time::Duration = std::time::Duration::from_secs(10);
/// One sequencer at a time appends leaves (PostgreSQL; SQLite has one writer).
const SEQUENCER_LOCK: i64 = 0x696e_7a61_6765_0002;

/// Which table a leaf's row is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Soort {
    Actie,
    Audit,
}

impl Soort {
    pub fn as_str(self) -> &'static str {
        match self {
            Soort::Actie => "actie",
            Soort::Audit => "audit",
        }
    }
}

impl TryFrom<String> for Soort {
    type Error = String;
    fn try_from(text: String) -> Result<Soort, String> {
        match text.as_str() {
            "actie" => Ok(Soort::Actie),
            "audit" => Ok(Soort::Audit),
            _ => Err(format!("unknown leaf kind {text:?}")),
        }
    }
}

/// One leaf as stored.
#[derive(Clone, Debug, PartialEq, Eq, FromRow)]
pub struct StoredLeaf {
    pub idx: i64,
    #[sqlx(try_from = "String")]
    pub soort: Soort,
    pub seq: i64,
    pub hash: Vec<u8>,
    /// When retention removed the row (microseconds since 1970).
    pub gewist: Option<i64>,
}

/// A new leaf.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewLeaf {
    pub soort: Soort,
    pub seq: i64,
    pub hash: Hash,
}

/// How far the tree has come: its size and the last row of each table in it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, FromRow)]
pub struct TreeHead {
    pub size: i64,
    pub last_actie: i64,
    pub last_audit: i64,
}

/// Every row up to these has committed; none below will appear later.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, FromRow)]
pub struct Committed {
    pub actie: i64,
    pub audit: i64,
}

/// A version with its persons, all its columns, as a leaf hashes it.
#[derive(Clone, Debug, FromRow)]
pub struct VersionRow {
    pub seq: i64,
    pub leaf_salt: Option<Vec<u8>>,
    pub actie_id: String,
    pub wijziging: String,
    pub vervallen: bool,
    pub client_id: String,
    pub registratie_utc: i64,
    #[sqlx(flatten)]
    pub fields: ActieFields,
    #[sqlx(skip)]
    pub objects: Vec<SealedObject>,
}

/// One audit line with its leaf salt.
#[derive(Clone, Debug, PartialEq, Eq, FromRow)]
pub struct SaltedAudit {
    #[sqlx(flatten)]
    pub line: AuditRow,
    pub leaf_salt: Option<Vec<u8>>,
}

/// A signed checkpoint as stored.
#[derive(Clone, Debug, PartialEq, Eq, FromRow)]
pub struct StoredCheckpoint {
    pub grootte: i64,
    pub wortel: Vec<u8>,
    pub notitie: String,
    pub tijd: i64,
}

const VERSION_ROW: &str = "seq, leaf_salt, actie_id, wijziging, vervallen, client_id, registratie_utc, \
    tijdstip, tijdstip_utc, vertrouwelijkheid, bewaartermijn, actie_naam, handeling_naam, \
    verwerking_naam, verwerking_id, verwerkingsactiviteit_id, verwerkingsactiviteit_url, uitvoerder, \
    systeem, gebruiker, gegevensbron, soort_afnemer_id, afnemer_id, afnemer_id_sealed, \
    verwerkingsactiviteit_id_afnemer, verwerkingsactiviteit_url_afnemer, verwerking_id_afnemer";
const AUDIT_ROW: &str = "seq, leaf_salt, tijd, medewerker, rol, actie, onderwerp, details, account";
const OBJECT_ROW: &str = "seq, verwerkt_object_id, pseudonym, objecttype, soort_object_id, \
    object_id_sealed, betrokkenheid, soorten_gegevens";

/// Rows per multi-row INSERT of leaves or nodes (5 and 3 values each).
const LEAVES_PER_INSERT: usize = 2000;

/// Writes leaves from index `start` on.
trait StoreLeaves {
    async fn store_leaves(&mut self, start: i64, leaves: &[NewLeaf]) -> Result<(), sqlx::Error>;
}

impl StoreLeaves for SqliteConnection {
    async fn store_leaves(&mut self, start: i64, leaves: &[NewLeaf]) -> Result<(), sqlx::Error> {
        for (n, chunk) in leaves.chunks(LEAVES_PER_INSERT).enumerate() {
            let first = start + (n * LEAVES_PER_INSERT) as i64;
            let mut insert = QueryBuilder::new("INSERT INTO boom_blad (idx, soort, seq, hash) ");
            insert.push_values(chunk.iter().enumerate(), |mut row, (i, leaf)| {
                row.push_bind(first + i as i64)
                    .push_bind(leaf.soort.as_str())
                    .push_bind(leaf.seq)
                    .push_bind(&leaf.hash[..]);
            });
            insert.build().persistent(false).execute(&mut *self).await?;
        }
        Ok(())
    }
}

impl StoreLeaves for PgConnection {
    /// By COPY: a step's thousands of leaves without a bind parameter each.
    async fn store_leaves(&mut self, start: i64, leaves: &[NewLeaf]) -> Result<(), sqlx::Error> {
        let mut rows = Binary::start(leaves.len() * 80);
        for (i, leaf) in leaves.iter().enumerate() {
            rows.row()
                .value(Some(&(start + i as i64).to_be_bytes()))
                .value(Some(leaf.soort.as_str().as_bytes()))
                .value(Some(&leaf.seq.to_be_bytes()))
                .value(Some(&leaf.hash));
        }
        copy_in(self, "boom_blad", "idx, soort, seq, hash", &rows.finish()).await
    }
}

/// PostgreSQL hands out `seq`s in the order transactions ask, not the order
/// they commit, and the tree must never pass a row that commits late. So
/// every writing transaction takes its transaction id before its first seq;
/// [`Db::committed`] then knows that once every transaction running when the
/// sequences stood at some value has ended, no row at or below it can still
/// appear. Writers never wait for the tree.
pub(crate) trait HoldWriters {
    async fn hold_writers(&mut self) -> Result<(), sqlx::Error>;
}

impl HoldWriters for SqliteConnection {
    /// SQLite has one writer at a time, which commits in `seq` order.
    async fn hold_writers(&mut self) -> Result<(), sqlx::Error> {
        Ok(())
    }
}

impl HoldWriters for PgConnection {
    async fn hold_writers(&mut self) -> Result<(), sqlx::Error> {
        sqlx::query("SELECT pg_current_xact_id()")
            .execute(self)
            .await
            .map(|_| ())
    }
}

/// `$first, $first+1, …`: `n` placeholders, which both engines accept.
pub(crate) fn params(first: usize, n: usize) -> String {
    (first..first + n)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[derive(FromRow)]
struct ObjectOf {
    seq: i64,
    #[sqlx(flatten)]
    object: SealedObject,
}

/// The ids as runs per level, `(level, first, last)`: neighbours a proof
/// needs lie within 16 of each other.
fn ranges(ids: &BTreeSet<(u32, u64)>) -> Vec<(u32, i64, i64)> {
    let mut out: Vec<(u32, i64, i64)> = Vec::new();
    for (level, idx) in ids {
        let idx = *idx as i64;
        match out.last_mut() {
            Some((l, _, last)) if l == level && idx - *last <= 16 => *last = idx,
            _ => out.push((*level, idx, idx)),
        }
    }
    out
}

/// Versions of [`VERSION_ROW`] from binary COPY.
fn read_versions(data: &[u8]) -> Result<Vec<VersionRow>, StoreError> {
    let mut rows = copy_out::Reader::new(data)?;
    let mut versions = Vec::new();
    while rows.next_row(27)? {
        versions.push(VersionRow {
            seq: rows.i64()?,
            leaf_salt: rows.opt_bytes()?,
            actie_id: rows.text()?,
            wijziging: rows.text()?,
            vervallen: rows.bool()?,
            client_id: rows.text()?,
            registratie_utc: rows.i64()?,
            fields: ActieFields {
                tijdstip: rows.text()?,
                tijdstip_utc: rows.i64()?,
                vertrouwelijkheid: crate::domain::Vertrouwelijkheid::try_from(rows.text()?)
                    .map_err(|e| StoreError::Corrupt(e.to_string()))?,
                bewaartermijn: rows.opt_text()?,
                actie_naam: rows.opt_text()?,
                handeling_naam: rows.opt_text()?,
                verwerking_naam: rows.opt_text()?,
                verwerking_id: rows.opt_text()?,
                verwerkingsactiviteit_id: rows.opt_text()?,
                verwerkingsactiviteit_url: rows.opt_text()?,
                uitvoerder: rows.opt_text()?,
                systeem: rows.opt_text()?,
                gebruiker: rows.opt_text()?,
                gegevensbron: rows.opt_text()?,
                soort_afnemer_id: rows.opt_text()?,
                afnemer_id: rows.opt_text()?,
                afnemer_id_sealed: rows.opt_bytes()?,
                verwerkingsactiviteit_id_afnemer: rows.opt_text()?,
                verwerkingsactiviteit_url_afnemer: rows.opt_text()?,
                verwerking_id_afnemer: rows.opt_text()?,
            },
            objects: Vec::new(),
        });
    }
    Ok(versions)
}

/// Persons of [`OBJECT_ROW`] from binary COPY.
fn read_objects(data: &[u8]) -> Result<Vec<ObjectOf>, StoreError> {
    let mut rows = copy_out::Reader::new(data)?;
    let mut objects = Vec::new();
    while rows.next_row(8)? {
        objects.push(ObjectOf {
            seq: rows.i64()?,
            object: SealedObject {
                verwerkt_object_id: rows.text()?,
                pseudonym: rows.bytes()?,
                objecttype: rows.text()?,
                soort_object_id: rows.text()?,
                object_id_sealed: rows.bytes()?,
                betrokkenheid: rows.opt_text()?,
                soorten_gegevens: rows.text()?,
            },
        });
    }
    Ok(objects)
}

/// Puts each person with its version; both lists are in seq order.
fn attach(versions: &mut [VersionRow], objects: Vec<ObjectOf>) {
    let mut at = 0;
    for ObjectOf { seq, object } in objects {
        while at < versions.len() && versions[at].seq < seq {
            at += 1;
        }
        match versions.get_mut(at) {
            Some(v) if v.seq == seq => v.objects.push(object),
            Some(_) => {}
            None => return,
        }
    }
}

impl Db {
    /// The tree's size and the last row of each table in it.
    pub async fn tree_head(&self) -> Result<TreeHead, StoreError> {
        let sql = "SELECT COALESCE((SELECT MAX(idx) + 1 FROM boom_blad), 0) AS size, \
            COALESCE((SELECT MAX(seq) FROM boom_blad WHERE soort = 'actie'), 0) AS last_actie, \
            COALESCE((SELECT MAX(seq) FROM boom_blad WHERE soort = 'audit'), 0) AS last_audit";
        Ok(on_pool!(self, pool => sqlx::query_as(sql).fetch_one(pool).await?))
    }

    /// Up to which `seq` every version and audit line has committed.
    pub async fn committed(&self) -> Result<Committed, StoreError> {
        let sql = "SELECT COALESCE((SELECT MAX(seq) FROM actie_versie), 0) AS actie, \
            COALESCE((SELECT MAX(seq) FROM audit), 0) AS audit";
        Ok(match self {
            // A reader sees only what committed, and commits are in seq order.
            Db::Sqlite(pool, _) => sqlx::query_as(sql).fetch_one(pool).await?,
            // The sequences first, then which transactions run (see
            // `HoldWriters`); wait until all of those have ended.
            Db::Postgres(pool) => {
                let last = |sequence: &str| {
                    format!("SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM {sequence}")
                };
                let actie: i64 = sqlx::query_scalar(&last("actie_versie_seq_seq"))
                    .fetch_one(pool)
                    .await?;
                let audit: i64 = sqlx::query_scalar(&last("audit_seq_seq"))
                    .fetch_one(pool)
                    .await?;
                // A transaction id of its own, taken after the sequences: every
                // writer that holds one of their values took a lower one. (Not
                // a snapshot's xmax: that is one past the newest *ended*
                // transaction, and a writer still running may be above it.)
                let running_before: i64 =
                    sqlx::query_scalar("SELECT pg_current_xact_id()::text::bigint")
                        .fetch_one(pool)
                        .await?;
                let deadline = tokio::time::Instant::now() + COMMIT_WAIT;
                loop {
                    let oldest: i64 = sqlx::query_scalar(
                        "SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint",
                    )
                    .fetch_one(pool)
                    .await?;
                    if oldest >= running_before {
                        break;
                    }
                    if tokio::time::Instant::now() > deadline {
                        return Err(StoreError::StillWriting(COMMIT_WAIT));
                    }
                    tokio::time::sleep(std::time::Duration::from_millis(5)).await;
                }
                Committed { actie, audit }
            }
        })
    }

    /// The leaf hashes the writer stored with the versions `after < seq <=
    /// upto`, at most `limit`, in seq order; `None` where a row has none.
    pub async fn version_hashes(
        &self,
        after: i64,
        upto: i64,
        limit: i64,
    ) -> Result<Vec<(i64, Option<Vec<u8>>)>, StoreError> {
        let sql = "SELECT seq, leaf_hash FROM actie_versie WHERE seq > $1 AND seq <= $2 \
            ORDER BY seq LIMIT $3";
        Ok(on_pool!(self, pool => sqlx::query_as(sql)
            .bind(after).bind(upto).bind(limit).fetch_all(pool).await?))
    }

    /// Versions with `after < seq <= upto`, at most `limit`, in seq order,
    /// each with its persons in `verwerkt_object_id` order.
    async fn versions_for_leaves(
        &self,
        after: i64,
        upto: i64,
        limit: i64,
    ) -> Result<Vec<VersionRow>, StoreError> {
        let pool = match self {
            Db::Sqlite(_, readers) => {
                // Every column of thousands of rows: rusqlite on a thread of
                // its own reads them several times faster than sqlx hands
                // them over.
                let sql = format!(
                    "SELECT {VERSION_ROW} FROM actie_versie WHERE seq > $1 AND seq <= $2 \
                     ORDER BY seq LIMIT $3"
                );
                let objects_sql = format!(
                    "SELECT {OBJECT_ROW} FROM verwerkt_object WHERE seq >= $1 AND seq <= $2 \
                     ORDER BY seq, verwerkt_object_id"
                );
                let readers = readers.clone();
                let (mut versions, objects) = tokio::task::spawn_blocking(move || {
                    readers.versions_for_leaves((&sql, &objects_sql), after, upto, limit)
                })
                .await
                .map_err(|_| StoreError::Unavailable)??;
                let objects = objects
                    .into_iter()
                    .map(|(seq, object)| ObjectOf { seq, object })
                    .collect();
                attach(&mut versions, objects);
                return Ok(versions);
            }
            Db::Postgres(pool) => pool,
        };
        // The same through binary COPY, which hands the rows over without
        // sqlx decoding each value (store/copy_out.rs). COPY takes no
        // parameters; the bounds are numbers.
        let select = format!(
            "SELECT {VERSION_ROW} FROM actie_versie WHERE seq > {after} AND seq <= {upto} \
             ORDER BY seq LIMIT {limit}"
        );
        let mut versions = read_versions(&copy_out::copy_out(pool, &select).await?)?;
        let (Some(first), Some(last)) = (versions.first(), versions.last()) else {
            return Ok(versions);
        };
        let select = format!(
            "SELECT {OBJECT_ROW} FROM verwerkt_object WHERE seq >= {} AND seq <= {} \
             ORDER BY seq, verwerkt_object_id",
            first.seq, last.seq
        );
        attach(
            &mut versions,
            read_objects(&copy_out::copy_out(pool, &select).await?)?,
        );
        Ok(versions)
    }

    /// The versions with these `seq`s, with their persons, in seq order.
    /// Verification reads runs of seqs; a resident's entries lie far apart,
    /// so they are read by their seqs alone.
    pub async fn versions_by_seq(&self, seqs: &[i64]) -> Result<Vec<VersionRow>, StoreError> {
        let mut seqs = seqs.to_vec();
        seqs.sort_unstable();
        seqs.dedup();
        let (Some(first), Some(last)) = (seqs.first(), seqs.last()) else {
            return Ok(Vec::new());
        };
        if last - first < 4 * seqs.len() as i64 {
            let wanted: BTreeSet<i64> = seqs.iter().copied().collect();
            let mut versions = self.versions_for_leaves(first - 1, *last, i64::MAX).await?;
            versions.retain(|v| wanted.contains(&v.seq));
            return Ok(versions);
        }
        let mut versions = Vec::with_capacity(seqs.len());
        for chunk in seqs.chunks(500) {
            let list = params(1, chunk.len());
            let sql = format!(
                "SELECT {VERSION_ROW} FROM actie_versie WHERE seq IN ({list}) ORDER BY seq"
            );
            let mut found: Vec<VersionRow> = on_pool!(self, pool => {
                let mut query = sqlx::query_as(&sql);
                for seq in chunk {
                    query = query.bind(*seq);
                }
                query.persistent(false).fetch_all(pool).await?
            });
            let sql = format!(
                "SELECT {OBJECT_ROW} FROM verwerkt_object WHERE seq IN ({list}) ORDER BY seq, verwerkt_object_id"
            );
            let objects: Vec<ObjectOf> = on_pool!(self, pool => {
                let mut query = sqlx::query_as(&sql);
                for seq in chunk {
                    query = query.bind(*seq);
                }
                query.persistent(false).fetch_all(pool).await?
            });
            attach(&mut found, objects);
            versions.extend(found);
        }
        Ok(versions)
    }

    /// Gives a salt to rows in these ranges that have none (written by a
    /// build from before the tree, during an upgrade), so they can become leaves.
    pub async fn salt_missing(&self, after: TreeHead, upto: Committed) -> Result<(), StoreError> {
        let salt = match self {
            Db::Sqlite(..) => "randomblob(32)",
            Db::Postgres(_) => "uuid_send(gen_random_uuid()) || uuid_send(gen_random_uuid())",
        };
        for (table, from, to) in [
            ("actie_versie", after.last_actie, upto.actie),
            ("audit", after.last_audit, upto.audit),
        ] {
            let missing = format!(
                "SELECT EXISTS (SELECT 1 FROM {table} WHERE seq > $1 AND seq <= $2 AND leaf_salt IS NULL)"
            );
            let any: bool = on_pool!(self, pool => sqlx::query_scalar(&missing)
                .bind(from).bind(to).fetch_one(pool).await?);
            if any {
                let fill = format!(
                    "UPDATE {table} SET leaf_salt = {salt} WHERE seq > $1 AND seq <= $2 AND leaf_salt IS NULL"
                );
                on_pool!(self, pool => sqlx::query(&fill).bind(from).bind(to).execute(pool).await.map(|_| ()))?;
            }
        }
        Ok(())
    }

    /// Audit lines with `after < seq <= upto`, at most `limit`, in seq order.
    pub async fn audit_for_leaves(
        &self,
        after: i64,
        upto: i64,
        limit: i64,
    ) -> Result<Vec<SaltedAudit>, StoreError> {
        let sql = format!(
            "SELECT {AUDIT_ROW} FROM audit WHERE seq > $1 AND seq <= $2 ORDER BY seq LIMIT $3"
        );
        Ok(on_pool!(self, pool => sqlx::query_as(&sql)
            .bind(after).bind(upto).bind(limit).fetch_all(pool).await?))
    }

    /// Appends leaves at `start` and the subtree hashes they complete, in
    /// one transaction. False, and nothing stored, when the tree is no
    /// longer `start` long (another sequencer came first).
    pub async fn append_leaves(
        &self,
        start: i64,
        leaves: &[NewLeaf],
        nodes: &[((u32, u64), Hash)],
    ) -> Result<bool, StoreError> {
        macro_rules! body {
            ($tx:expr) => {{
                let size: i64 =
                    sqlx::query_scalar("SELECT COALESCE(MAX(idx) + 1, 0) FROM boom_blad")
                        .fetch_one(&mut *$tx)
                        .await?;
                if size != start {
                    return Ok(false);
                }
                $tx.store_leaves(start, leaves).await?;
                for chunk in nodes.chunks(LEAVES_PER_INSERT) {
                    let mut insert =
                        QueryBuilder::new("INSERT INTO boom_knoop (niveau, idx, hash) ");
                    insert.push_values(chunk, |mut row, ((level, idx), hash)| {
                        row.push_bind(*level as i64)
                            .push_bind(*idx as i64)
                            .push_bind(&hash[..]);
                    });
                    insert.build().persistent(false).execute(&mut *$tx).await?;
                }
                $tx.commit().await?;
                Ok(true)
            }};
        }
        match self {
            Db::Sqlite(pool, _) => {
                let mut conn = pool.acquire().await?;
                let mut tx = sqlx::Connection::begin_with(&mut *conn, "BEGIN IMMEDIATE").await?;
                body!(tx)
            }
            Db::Postgres(pool) => {
                let mut tx = pool.begin().await?;
                sqlx::query("SELECT pg_advisory_xact_lock($1)")
                    .bind(SEQUENCER_LOCK)
                    .execute(&mut *tx)
                    .await?;
                body!(tx)
            }
        }
    }

    /// The stored hashes among `ids` (level 0: leaves; higher: subtrees).
    /// A proof needs a few neighbours per level, so SQLite reads them as
    /// short ranges through rusqlite, and PostgreSQL one array per level.
    pub async fn tree_nodes(
        &self,
        ids: &BTreeSet<(u32, u64)>,
    ) -> Result<BTreeMap<(u32, u64), Hash>, StoreError> {
        let rows: Vec<(u32, i64, Vec<u8>)> = match self {
            Db::Sqlite(_, readers) => {
                let readers = readers.clone();
                let ranges = ranges(ids);
                tokio::task::spawn_blocking(move || readers.tree_ranges(&ranges))
                    .await
                    .map_err(|_| StoreError::Unavailable)??
            }
            Db::Postgres(pool) => {
                // One round trip for every level, and a range scan per run
                // of neighbours rather than a look-up per node: a proof's
                // time is mostly the server's.
                let (mut leaf_runs, mut node_runs) = ((vec![], vec![]), (vec![], vec![], vec![]));
                for (level, first, last) in ranges(ids) {
                    if level == 0 {
                        leaf_runs.0.push(first);
                        leaf_runs.1.push(last);
                    } else {
                        node_runs.0.push(level as i64);
                        node_runs.1.push(first);
                        node_runs.2.push(last);
                    }
                }
                let found: Vec<(i64, i64, Vec<u8>)> = sqlx::query_as(
                    "SELECT 0::BIGINT, b.idx, b.hash \
                     FROM unnest($1::BIGINT[], $2::BIGINT[]) AS r(first, last) \
                     JOIN boom_blad b ON b.idx BETWEEN r.first AND r.last \
                     UNION ALL \
                     SELECT k.niveau, k.idx, k.hash \
                     FROM unnest($3::BIGINT[], $4::BIGINT[], $5::BIGINT[]) AS r(niveau, first, last) \
                     JOIN boom_knoop k ON k.niveau = r.niveau AND k.idx BETWEEN r.first AND r.last",
                )
                .bind(&leaf_runs.0)
                .bind(&leaf_runs.1)
                .bind(&node_runs.0)
                .bind(&node_runs.1)
                .bind(&node_runs.2)
                .fetch_all(pool)
                .await?;
                found
                    .into_iter()
                    .map(|(level, idx, hash)| (level as u32, idx, hash))
                    .collect()
            }
        };
        let mut found = BTreeMap::new();
        for (level, idx, hash) in rows {
            if !ids.contains(&(level, idx as u64)) {
                continue;
            }
            let hash = Hash::try_from(hash.as_slice())
                .map_err(|_| StoreError::Corrupt(format!("tree node {level}/{idx}")))?;
            found.insert((level, idx as u64), hash);
        }
        Ok(found)
    }

    /// Leaves `from <= idx < to`, in order.
    pub async fn leaves(&self, from: i64, to: i64) -> Result<Vec<StoredLeaf>, StoreError> {
        let sql = "SELECT idx, soort, seq, hash, gewist FROM boom_blad \
                   WHERE idx >= $1 AND idx < $2 ORDER BY idx";
        if let Db::Sqlite(_, readers) = self {
            let readers = readers.clone();
            return tokio::task::spawn_blocking(move || readers.leaves(sql, from, to))
                .await
                .map_err(|_| StoreError::Unavailable)?;
        }
        Ok(on_pool!(self, pool => sqlx::query_as(sql).bind(from).bind(to).fetch_all(pool).await?))
    }

    /// The leaf index of each of these rows that is in the tree.
    pub async fn leaf_indices(
        &self,
        soort: Soort,
        seqs: &[i64],
    ) -> Result<BTreeMap<i64, i64>, StoreError> {
        let pool = match self {
            Db::Postgres(pool) => {
                // One statement, prepared once: an export's proofs wait for it.
                let rows: Vec<(i64, i64)> = sqlx::query_as(
                    "SELECT seq, idx FROM boom_blad WHERE soort = $1 AND seq = ANY($2)",
                )
                .bind(soort.as_str())
                .bind(seqs)
                .fetch_all(pool)
                .await?;
                return Ok(rows.into_iter().collect());
            }
            Db::Sqlite(pool, _) => pool,
        };
        // SQLite has no arrays: lists of at most 500.
        let mut found = BTreeMap::new();
        for chunk in seqs.chunks(500) {
            let sql = format!(
                "SELECT seq, idx FROM boom_blad WHERE soort = $1 AND seq IN ({})",
                params(2, chunk.len())
            );
            let mut query = sqlx::query_as(&sql).bind(soort.as_str());
            for seq in chunk {
                query = query.bind(*seq);
            }
            let rows: Vec<(i64, i64)> = query.persistent(false).fetch_all(pool).await?;
            found.extend(rows);
        }
        Ok(found)
    }

    /// Rows of `soort` up to `upto` that are not in the tree: rows added
    /// behind the tree's back.
    pub async fn rows_without_leaf(&self, soort: Soort, upto: i64) -> Result<Vec<i64>, StoreError> {
        let table = match soort {
            Soort::Actie => "actie_versie",
            Soort::Audit => "audit",
        };
        let sql = format!(
            "SELECT r.seq FROM {table} r WHERE r.seq <= $1 AND NOT EXISTS \
             (SELECT 1 FROM boom_blad b WHERE b.soort = $2 AND b.seq = r.seq) ORDER BY r.seq LIMIT 1000"
        );
        Ok(on_pool!(self, pool => sqlx::query_scalar(&sql)
            .bind(upto).bind(soort.as_str()).fetch_all(pool).await?))
    }

    pub async fn insert_checkpoint(&self, c: &StoredCheckpoint) -> Result<(), StoreError> {
        on_pool!(self, pool => sqlx::query(
            "INSERT INTO checkpoint (grootte, wortel, notitie, tijd) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (grootte) DO NOTHING",
        )
        .bind(c.grootte).bind(&c.wortel).bind(&c.notitie).bind(c.tijd)
        .execute(pool).await.map(|_| ()))?;
        Ok(())
    }

    /// The newest checkpoint, if any.
    pub async fn latest_checkpoint(&self) -> Result<Option<StoredCheckpoint>, StoreError> {
        Ok(on_pool!(self, pool => sqlx::query_as(
            "SELECT grootte, wortel, notitie, tijd FROM checkpoint ORDER BY grootte DESC LIMIT 1",
        ).fetch_optional(pool).await?))
    }

    /// The checkpoint of exactly this size, if one was signed.
    pub async fn checkpoint_of(&self, size: i64) -> Result<Option<StoredCheckpoint>, StoreError> {
        Ok(on_pool!(self, pool => sqlx::query_as(
            "SELECT grootte, wortel, notitie, tijd FROM checkpoint WHERE grootte = $1",
        ).bind(size).fetch_optional(pool).await?))
    }

    /// Checkpoints smaller than `before`, newest first, at most `limit`.
    pub async fn checkpoints(
        &self,
        before: i64,
        limit: i64,
    ) -> Result<Vec<StoredCheckpoint>, StoreError> {
        Ok(on_pool!(self, pool => sqlx::query_as(
            "SELECT grootte, wortel, notitie, tijd FROM checkpoint WHERE grootte < $1 \
             ORDER BY grootte DESC LIMIT $2",
        ).bind(before).bind(limit).fetch_all(pool).await?))
    }

    /// Every checkpoint of at least `from` in size, smallest first.
    pub async fn checkpoints_from(&self, from: i64) -> Result<Vec<StoredCheckpoint>, StoreError> {
        Ok(on_pool!(self, pool => sqlx::query_as(
            "SELECT grootte, wortel, notitie, tijd FROM checkpoint WHERE grootte >= $1 ORDER BY grootte",
        ).bind(from).fetch_all(pool).await?))
    }
}
