//! Retention: removing whole actions whose term has passed. Their leaves
//! in the verifiable log stay, marked `gewist`, so the tree still holds.

use super::write::LockActions;
use crate::store::{tree::HoldWriters, Db, StoreError};
use sqlx::FromRow;

/// The audit line of one removal, naming every removed version's `seq`:
/// `verify` accepts a leaf marked removed only when such a line names it.
pub const REMOVED_VERSIONS: &str = "bewaartermijn: versies verwijderd";

/// The details of a [`REMOVED_VERSIONS`] line.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
pub struct Removed {
    pub seqs: Vec<i64>,
}

/// The newest version of an action, as retention weighs it.
#[derive(Clone, Debug, PartialEq, Eq, FromRow)]
pub struct Expiring {
    pub actie_id: String,
    pub seq: i64,
    pub tijdstip_utc: i64,
    pub bewaartermijn: Option<String>,
    pub verwerkingsactiviteit_id: Option<String>,
}

impl Db {
    /// The newest versions with `after < seq <= upto`, at most `limit`, in
    /// seq order: a page of the actions retention may end.
    pub async fn newest_versions(
        &self,
        after: i64,
        upto: i64,
        limit: i64,
    ) -> Result<Vec<Expiring>, StoreError> {
        let sql = "SELECT v.actie_id, v.seq, v.tijdstip_utc, v.bewaartermijn, v.verwerkingsactiviteit_id \
            FROM actie_versie v WHERE v.seq > $1 AND v.seq <= $2 AND NOT EXISTS \
            (SELECT 1 FROM actie_versie n WHERE n.actie_id = v.actie_id AND n.seq > v.seq) \
            ORDER BY v.seq LIMIT $3";
        Ok(crate::on_pool!(self, pool => sqlx::query_as(sql)
            .bind(after).bind(upto).bind(limit).fetch_all(pool).await?))
    }

    /// How many versions each of these actions has (a dry run's count).
    pub async fn count_versions(
        &self,
        actions: &[Expiring],
    ) -> Result<Vec<(String, i64)>, StoreError> {
        if actions.is_empty() {
            return Ok(Vec::new());
        }
        let sql = format!(
            "SELECT actie_id, COUNT(*) FROM actie_versie WHERE actie_id IN ({}) GROUP BY actie_id",
            crate::store::tree::params(1, actions.len())
        );
        Ok(crate::on_pool!(self, pool => {
            let mut query = sqlx::query_as(&sql);
            for a in actions {
                query = query.bind(&a.actie_id);
            }
            query.persistent(false).fetch_all(pool).await?
        }))
    }

    /// Removes these actions, all their versions and persons, in one
    /// transaction, and marks their leaves removed at `now`. An action that
    /// changed since it was weighed (its newest version is no longer
    /// `seq`) stays. The same transaction writes an audit line naming the
    /// removed versions. Returns the number of versions removed per action removed.
    pub async fn remove_actions(
        &self,
        actions: &[Expiring],
        now: i64,
    ) -> Result<Vec<(String, i64)>, StoreError> {
        macro_rules! body {
            ($tx:expr) => {{
                $tx.hold_writers().await?;
                let mut ids: Vec<&str> = actions.iter().map(|a| a.actie_id.as_str()).collect();
                ids.sort_unstable();
                $tx.lock_actions(&ids).await?;
                let mut removed = Vec::new();
                let mut seqs_removed = Vec::new();
                for a in actions {
                    let seqs: Vec<i64> = sqlx::query_scalar(
                        "SELECT seq FROM actie_versie WHERE actie_id = $1 ORDER BY seq",
                    )
                    .bind(&a.actie_id)
                    .fetch_all(&mut *$tx)
                    .await?;
                    if seqs.last() != Some(&a.seq) {
                        continue;
                    }
                    for seq in &seqs {
                        sqlx::query("DELETE FROM verwerkt_object WHERE seq = $1")
                            .bind(seq)
                            .execute(&mut *$tx)
                            .await?;
                        sqlx::query(
                            "UPDATE boom_blad SET gewist = $1 WHERE soort = 'actie' AND seq = $2",
                        )
                        .bind(now)
                        .bind(seq)
                        .execute(&mut *$tx)
                        .await?;
                    }
                    sqlx::query("DELETE FROM actie_versie WHERE actie_id = $1")
                        .bind(&a.actie_id)
                        .execute(&mut *$tx)
                        .await?;
                    removed.push((a.actie_id.clone(), seqs.len() as i64));
                    seqs_removed.extend(seqs);
                }
                if !seqs_removed.is_empty() {
                    let details =
                        serde_json::to_string(&Removed { seqs: seqs_removed }).unwrap_or_default();
                    sqlx::query(
                        "INSERT INTO audit (tijd, medewerker, rol, actie, details, leaf_salt) \
                         VALUES ($1, 'Inzage (bewaartermijn)', 'systeem', $2, $3, $4)",
                    )
                    .bind(now)
                    .bind(REMOVED_VERSIONS)
                    .bind(details)
                    .bind(&super::leaf_salt()[..])
                    .execute(&mut *$tx)
                    .await?;
                }
                $tx.commit().await?;
                Ok(removed)
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
                body!(tx)
            }
        }
    }
}
