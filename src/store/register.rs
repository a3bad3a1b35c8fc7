//! The register in the database: organisations, departments and versioned
//! processing activities (each version a JSON document).

use super::{Db, StoreError};
use crate::{
    on_pool,
    register::{Activity, RegisteredActivity},
};
use sqlx::FromRow;

#[derive(FromRow)]
struct VersionRow {
    seq: i64,
    geldig_vanaf: i64,
    actief: bool,
    inhoud: String,
}

impl VersionRow {
    fn into_registered(self) -> Result<RegisteredActivity, StoreError> {
        let activity: Activity = serde_json::from_str(&self.inhoud)
            .map_err(|e| StoreError::Corrupt(format!("activity version {}: {e}", self.seq)))?;
        Ok(RegisteredActivity {
            activity,
            seq: self.seq,
            geldig_vanaf: self.geldig_vanaf,
            actief: self.actief,
        })
    }
}

/// A version to add.
pub struct NewActivityVersion<'a> {
    pub activity: &'a Activity,
    pub geldig_vanaf: i64,
    pub actief: bool,
}

/// `a` is the version in force at `$1`.
const IN_FORCE: &str = "a.geldig_vanaf <= $1 AND NOT EXISTS (SELECT 1 FROM activiteit_versie b \
    WHERE b.id = a.id AND b.geldig_vanaf <= $1 \
    AND (b.geldig_vanaf > a.geldig_vanaf OR (b.geldig_vanaf = a.geldig_vanaf AND b.seq > a.seq)))";

impl Db {
    pub async fn upsert_organisation(&self, oin: &str, naam: &str) -> Result<(), StoreError> {
        on_pool!(self, pool => sqlx::query(
            "INSERT INTO organisatie (oin, naam) VALUES ($1, $2) \
             ON CONFLICT (oin) DO UPDATE SET naam = excluded.naam",
        ).bind(oin).bind(naam).execute(pool).await.map(|_| ()))?;
        Ok(())
    }

    pub async fn upsert_afdeling(
        &self,
        code: &str,
        naam: &str,
        naam_en: &str,
        organisatie: &str,
    ) -> Result<(), StoreError> {
        on_pool!(self, pool => sqlx::query(
            "INSERT INTO afdeling (code, naam, naam_en, organisatie) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (code) DO UPDATE SET naam = excluded.naam, naam_en = excluded.naam_en, \
             organisatie = excluded.organisatie",
        ).bind(code).bind(naam).bind(naam_en).bind(organisatie).execute(pool).await.map(|_| ()))?;
        Ok(())
    }

    /// The departments: (code, naam, naam_en).
    pub async fn afdelingen(&self) -> Result<Vec<(String, String, String)>, StoreError> {
        Ok(
            on_pool!(self, pool => sqlx::query_as("SELECT code, naam, naam_en FROM afdeling ORDER BY naam")
            .fetch_all(pool).await?),
        )
    }

    /// Adds activity versions, all in one transaction: all or nothing.
    pub async fn add_activity_versions(
        &self,
        versions: &[NewActivityVersion<'_>],
        door: &str,
    ) -> Result<(), StoreError> {
        let now = chrono::Utc::now().timestamp_micros();
        on_pool!(self, pool => {
            let mut tx = pool.begin().await?;
            for v in versions {
                let inhoud = serde_json::to_string(v.activity).expect("activities serialise");
                sqlx::query(
                    "INSERT INTO activiteit_versie (id, geldig_vanaf, actief, inhoud, gewijzigd_door, geregistreerd) \
                     VALUES ($1, $2, $3, $4, $5, $6)",
                )
                .bind(&v.activity.id)
                .bind(v.geldig_vanaf)
                .bind(v.actief)
                .bind(inhoud)
                .bind(door)
                .bind(now)
                .execute(&mut *tx)
                .await?;
            }
            tx.commit().await?;
        });
        Ok(())
    }

    /// Every activity as it is in force at `at`, active or not, by name.
    pub async fn activities_at(&self, at: i64) -> Result<Vec<RegisteredActivity>, StoreError> {
        let sql = format!(
            "SELECT a.seq, a.geldig_vanaf, a.actief, a.inhoud FROM activiteit_versie a WHERE {IN_FORCE}"
        );
        let rows: Vec<VersionRow> =
            on_pool!(self, pool => sqlx::query_as(&sql).bind(at).fetch_all(pool).await?);
        let mut all = rows
            .into_iter()
            .map(VersionRow::into_registered)
            .collect::<Result<Vec<_>, _>>()?;
        all.sort_by(|a, b| a.activity.naam.cmp(&b.activity.naam));
        Ok(all)
    }

    /// One activity as it is in force at `at`.
    pub async fn activity_at(
        &self,
        id: &str,
        at: i64,
    ) -> Result<Option<RegisteredActivity>, StoreError> {
        let sql = format!(
            "SELECT a.seq, a.geldig_vanaf, a.actief, a.inhoud FROM activiteit_versie a WHERE a.id = $2 AND {IN_FORCE}"
        );
        let row: Option<VersionRow> = on_pool!(self, pool => sqlx::query_as(&sql).bind(at).bind(id).fetch_optional(pool).await?);
        row.map(VersionRow::into_registered).transpose()
    }

    /// Every version of one activity, newest first.
    pub async fn activity_versions(&self, id: &str) -> Result<Vec<RegisteredActivity>, StoreError> {
        let rows: Vec<VersionRow> = on_pool!(self, pool => sqlx::query_as(
            "SELECT seq, geldig_vanaf, actief, inhoud FROM activiteit_versie WHERE id = $1 \
             ORDER BY geldig_vanaf DESC, seq DESC",
        ).bind(id).fetch_all(pool).await?);
        rows.into_iter().map(VersionRow::into_registered).collect()
    }

    /// Activities that current log entries name but the register does not
    /// know, with how many entries name each; for privacy officers.
    pub async fn unknown_activities(&self) -> Result<Vec<(String, i64)>, StoreError> {
        let sql = format!(
            "SELECT v.verwerkingsactiviteit_id, COUNT(*) FROM actie_versie v \
             WHERE v.verwerkingsactiviteit_id IS NOT NULL AND {} \
             AND NOT EXISTS (SELECT 1 FROM activiteit_versie a WHERE a.id = v.verwerkingsactiviteit_id) \
             GROUP BY v.verwerkingsactiviteit_id ORDER BY v.verwerkingsactiviteit_id",
            super::log::IS_CURRENT
        );
        Ok(on_pool!(self, pool => sqlx::query_as(&sql).fetch_all(pool).await?))
    }
}

impl Db {
    /// Organisation names by OIN.
    pub async fn organisations(&self) -> Result<Vec<(String, String)>, StoreError> {
        Ok(
            on_pool!(self, pool => sqlx::query_as("SELECT oin, naam FROM organisatie ORDER BY naam")
            .fetch_all(pool).await?),
        )
    }
}
