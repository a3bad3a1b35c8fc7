//! Retention: removing whole actions whose term has passed. Their leaves
//! in the verifiable log stay, marked `gewist`, so the tree still holds.

use super::write::LockActions;
use crate::store::{
    tree::{params, HoldWriters},
    Db, StoreError,
};
use sqlx::FromRow;
use std::collections::HashMap;

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
    /// transaction of a few set-wide statements, and marks their leaves
    /// removed at `now`. An action that changed since it was weighed (its
    /// newest version is no longer `seq`) stays. The same transaction
    /// writes an audit line naming the removed versions. Returns the number
    /// of versions removed per action removed.
    pub async fn remove_actions(
        &self,
        actions: &[Expiring],
        now: i64,
    ) -> Result<Vec<(String, i64)>, StoreError> {
        if actions.is_empty() {
            return Ok(Vec::new());
        }
        let weighed: HashMap<&str, i64> = actions
            .iter()
            .map(|a| (a.actie_id.as_str(), a.seq))
            .collect();
        let mut ids: Vec<&str> = weighed.keys().copied().collect();
        ids.sort_unstable();
        let versions_sql = format!(
            "SELECT actie_id, seq FROM actie_versie WHERE actie_id IN ({}) ORDER BY actie_id, seq",
            params(1, ids.len())
        );
        macro_rules! body {
            ($tx:expr) => {{
                $tx.hold_writers().await?;
                $tx.lock_actions(&ids).await?;
                let mut query = sqlx::query_as(&versions_sql);
                for id in &ids {
                    query = query.bind(*id);
                }
                let versions: Vec<(String, i64)> =
                    query.persistent(false).fetch_all(&mut *$tx).await?;
                let (removed, seqs_removed) = unchanged(&weighed, versions);
                for seqs in seqs_removed.chunks(STATEMENT_SEQS) {
                    let (list, after_now) = (params(1, seqs.len()), params(2, seqs.len()));
                    let mark = format!(
                        "UPDATE boom_blad SET gewist = $1 WHERE soort = 'actie' AND seq IN ({after_now})"
                    );
                    let mut statement = sqlx::query(&mark).bind(now);
                    for seq in seqs {
                        statement = statement.bind(*seq);
                    }
                    statement.persistent(false).execute(&mut *$tx).await?;
                    // Persons first: they refer to their version.
                    for table in ["verwerkt_object", "actie_versie"] {
                        let sql = format!("DELETE FROM {table} WHERE seq IN ({list})");
                        let mut statement = sqlx::query(&sql);
                        for seq in seqs {
                            statement = statement.bind(*seq);
                        }
                        statement.persistent(false).execute(&mut *$tx).await?;
                    }
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

/// Seqs bound in one statement: well under either engine's limit.
const STATEMENT_SEQS: usize = 5_000;

/// Of the actions' versions (by action, in seq order), those of the actions
/// whose newest version is still the one weighed: the versions per action,
/// and all their seqs.
fn unchanged(
    weighed: &HashMap<&str, i64>,
    versions: Vec<(String, i64)>,
) -> (Vec<(String, i64)>, Vec<i64>) {
    let mut removed = Vec::new();
    let mut seqs = Vec::new();
    let mut rest = versions.as_slice();
    while let Some((actie_id, _)) = rest.first() {
        let n = rest.iter().take_while(|(id, _)| id == actie_id).count();
        let (own, after) = rest.split_at(n);
        rest = after;
        let newest = own.last().map(|(_, seq)| *seq);
        if newest.is_some() && weighed.get(actie_id.as_str()).copied() == newest {
            removed.push((actie_id.clone(), n as i64));
            seqs.extend(own.iter().map(|(_, seq)| *seq));
        }
    }
    (removed, seqs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_action_changed_since_it_was_weighed_stays() {
        let weighed = HashMap::from([("a", 3), ("b", 4), ("c", 9)]);
        let versions = vec![
            ("a".to_owned(), 1),
            ("a".to_owned(), 3),
            ("b".to_owned(), 4),
            ("b".to_owned(), 7),
            ("c".to_owned(), 9),
        ];
        let (removed, seqs) = unchanged(&weighed, versions);
        assert_eq!(removed, vec![("a".to_owned(), 2), ("c".to_owned(), 1)]);
        assert_eq!(seqs, vec![1, 3, 9]);
    }
}
