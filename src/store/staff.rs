//! Staff accounts and the audit trail of everything staff do.

use super::{Db, StoreError};
use crate::on_pool;
use sqlx::FromRow;

#[derive(Clone, Debug, PartialEq, Eq, FromRow)]
pub struct StaffRow {
    pub id: String,
    /// Login name, unique.
    pub naam: String,
    pub weergavenaam: String,
    pub rol: String,
    /// Argon2 PHC string; `None` for accounts that log in through OIDC.
    pub wachtwoord_hash: Option<String>,
    pub actief: bool,
    pub aangemaakt: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, FromRow)]
pub struct AuditRow {
    pub seq: i64,
    pub tijd: i64,
    pub medewerker: String,
    pub rol: String,
    pub actie: String,
    pub onderwerp: Option<String>,
    pub details: Option<String>,
}

const STAFF_COLUMNS: &str = "id, naam, weergavenaam, rol, wachtwoord_hash, actief, aangemaakt";

impl Db {
    pub async fn add_staff(&self, row: &StaffRow) -> Result<(), StoreError> {
        on_pool!(self, pool => sqlx::query(
            "INSERT INTO medewerker (id, naam, weergavenaam, rol, wachtwoord_hash, actief, aangemaakt) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(&row.id).bind(&row.naam).bind(&row.weergavenaam).bind(&row.rol)
        .bind(&row.wachtwoord_hash).bind(row.actief).bind(row.aangemaakt)
        .execute(pool).await.map(|_| ()))?;
        Ok(())
    }

    pub async fn staff_by_name(&self, naam: &str) -> Result<Option<StaffRow>, StoreError> {
        let sql = format!("SELECT {STAFF_COLUMNS} FROM medewerker WHERE naam = $1");
        Ok(on_pool!(self, pool => sqlx::query_as(&sql).bind(naam).fetch_optional(pool).await?))
    }

    pub async fn staff(&self) -> Result<Vec<StaffRow>, StoreError> {
        let sql = format!("SELECT {STAFF_COLUMNS} FROM medewerker ORDER BY naam");
        Ok(on_pool!(self, pool => sqlx::query_as(&sql).fetch_all(pool).await?))
    }

    /// Disables an account; returns whether it existed.
    pub async fn disable_staff(&self, naam: &str) -> Result<bool, StoreError> {
        let done = on_pool!(self, pool => sqlx::query("UPDATE medewerker SET actief = FALSE WHERE naam = $1")
            .bind(naam).execute(pool).await?.rows_affected());
        Ok(done > 0)
    }

    pub async fn audit(
        &self,
        medewerker: &str,
        rol: &str,
        actie: &str,
        onderwerp: Option<&str>,
        details: Option<&str>,
    ) -> Result<(), StoreError> {
        let now = chrono::Utc::now().timestamp_micros();
        on_pool!(self, pool => sqlx::query(
            "INSERT INTO audit (tijd, medewerker, rol, actie, onderwerp, details) VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(now).bind(medewerker).bind(rol).bind(actie).bind(onderwerp).bind(details)
        .execute(pool).await.map(|_| ()))?;
        Ok(())
    }

    /// The audit trail, newest first; only what concerns `onderwerp` when given.
    pub async fn audit_trail(
        &self,
        onderwerp: Option<&str>,
        limit: i64,
    ) -> Result<Vec<AuditRow>, StoreError> {
        Ok(on_pool!(self, pool => sqlx::query_as(
            "SELECT seq, tijd, medewerker, rol, actie, onderwerp, details FROM audit \
             WHERE (CAST($1 AS TEXT) IS NULL OR onderwerp = $1) ORDER BY seq DESC LIMIT $2",
        ).bind(onderwerp).bind(limit).fetch_all(pool).await?))
    }
}
