//! Staff accounts and the audit trail of everything staff do.

use super::{tree::HoldWriters, Db, StoreError};
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
    /// The stable id of the account that acted (lines before it was kept: none).
    pub account: Option<String>,
}

/// What one audit line says.
#[derive(Clone, Copy, Debug)]
pub struct AuditLine<'a> {
    /// "Naam (rol)", as the trail shows it.
    pub medewerker: &'a str,
    pub account: Option<&'a str>,
    pub rol: &'a str,
    pub actie: &'a str,
    pub onderwerp: Option<&'a str>,
    pub details: Option<&'a str>,
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

    /// One line of the audit trail. `account` is the stable id of the
    /// account that acted, when there is one.
    pub async fn audit(&self, line: &AuditLine<'_>) -> Result<(), StoreError> {
        let now = chrono::Utc::now().timestamp_micros();
        let salt = super::log::leaf_salt();
        on_pool!(self, pool => {
            let mut tx = pool.begin().await?;
            tx.hold_writers().await?;
            sqlx::query(
                "INSERT INTO audit (tijd, medewerker, rol, actie, onderwerp, details, account, leaf_salt) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            )
            .bind(now).bind(line.medewerker).bind(line.rol).bind(line.actie)
            .bind(line.onderwerp).bind(line.details).bind(line.account).bind(&salt[..])
            .execute(&mut *tx).await?;
            tx.commit().await?;
        });
        Ok(())
    }

    /// The sealed TOTP secret of an account, when it has enrolled.
    pub async fn totp_of(&self, id: &str) -> Result<Option<Vec<u8>>, StoreError> {
        let sealed: Option<Option<Vec<u8>>> = on_pool!(self, pool => sqlx::query_scalar(
            "SELECT totp_sealed FROM medewerker WHERE id = $1",
        ).bind(id).fetch_optional(pool).await?);
        Ok(sealed.flatten())
    }

    /// Enrols an account that has no second factor yet: its sealed TOTP
    /// secret, the step of the code that confirmed it, and the hashes of
    /// its recovery codes, together. False when it had one already (a
    /// second enrolment at the same time).
    pub async fn enrol_second_factor(
        &self,
        id: &str,
        totp_sealed: &[u8],
        step: i64,
        recovery_hashes: &[[u8; 32]],
    ) -> Result<bool, StoreError> {
        on_pool!(self, pool => {
            let mut tx = pool.begin().await?;
            let enrolled = sqlx::query(
                "UPDATE medewerker SET totp_sealed = $1, totp_stap = $3 \
                 WHERE id = $2 AND totp_sealed IS NULL",
            )
            .bind(totp_sealed).bind(id).bind(step).execute(&mut *tx).await?.rows_affected();
            if enrolled != 1 {
                return Ok(false);
            }
            sqlx::query("DELETE FROM herstelcode WHERE medewerker_id = $1")
                .bind(id).execute(&mut *tx).await?;
            for hash in recovery_hashes {
                sqlx::query("INSERT INTO herstelcode (medewerker_id, code_hash) VALUES ($1, $2)")
                    .bind(id).bind(&hash[..]).execute(&mut *tx).await?;
            }
            tx.commit().await?;
        });
        Ok(true)
    }

    /// Takes a time step's code for an account: true once per step, and
    /// only for a step later than the last one taken (no replay).
    pub async fn claim_totp_step(&self, id: &str, step: i64) -> Result<bool, StoreError> {
        let claimed = on_pool!(self, pool => sqlx::query(
            "UPDATE medewerker SET totp_stap = $1 WHERE id = $2 AND (totp_stap IS NULL OR totp_stap < $1)",
        ).bind(step).bind(id).execute(pool).await?.rows_affected());
        Ok(claimed == 1)
    }

    /// Forgets an account's second factor and recovery codes; false when
    /// there is no such account.
    pub async fn reset_second_factor(&self, naam: &str) -> Result<bool, StoreError> {
        let Some(account) = self.staff_by_name(naam).await? else {
            return Ok(false);
        };
        on_pool!(self, pool => {
            let mut tx = pool.begin().await?;
            sqlx::query("UPDATE medewerker SET totp_sealed = NULL, totp_stap = NULL WHERE id = $1")
                .bind(&account.id).execute(&mut *tx).await?;
            sqlx::query("DELETE FROM herstelcode WHERE medewerker_id = $1")
                .bind(&account.id).execute(&mut *tx).await?;
            tx.commit().await?;
        });
        Ok(true)
    }

    /// Uses a recovery code: true once for each code, false ever after.
    pub async fn use_recovery_code(&self, id: &str, hash: &[u8; 32]) -> Result<bool, StoreError> {
        let now = chrono::Utc::now().timestamp_micros();
        let used = on_pool!(self, pool => sqlx::query(
            "UPDATE herstelcode SET gebruikt = $1 \
             WHERE medewerker_id = $2 AND code_hash = $3 AND gebruikt IS NULL",
        ).bind(now).bind(id).bind(&hash[..]).execute(pool).await?.rows_affected());
        Ok(used == 1)
    }

    /// Counts one login attempt under `key` and answers how many there were
    /// since the count started (this one included); a count that started
    /// before `window_start` starts again. One statement, so attempts made
    /// at the same moment each get their own number.
    pub async fn count_login_attempt(
        &self,
        key: &str,
        now: i64,
        window_start: i64,
    ) -> Result<i64, StoreError> {
        let sql = "INSERT INTO login_poging (sleutel, aantal, sinds) VALUES ($1, 1, $2) \
                   ON CONFLICT (sleutel) DO UPDATE SET \
                   aantal = CASE WHEN login_poging.sinds < $3 THEN 1 ELSE login_poging.aantal + 1 END, \
                   sinds = CASE WHEN login_poging.sinds < $3 THEN $2 ELSE login_poging.sinds END \
                   RETURNING aantal";
        Ok(on_pool!(self, pool => sqlx::query_scalar(sql)
            .bind(key).bind(now).bind(window_start).fetch_one(pool).await?))
    }

    /// Takes back one counted attempt (a successful login).
    pub async fn uncount_login_attempt(&self, key: &str) -> Result<(), StoreError> {
        on_pool!(self, pool => sqlx::query(
            "UPDATE login_poging SET aantal = aantal - 1 WHERE sleutel = $1 AND aantal > 0",
        ).bind(key).execute(pool).await.map(|_| ()))?;
        Ok(())
    }

    /// Ends the count under `key` (a successful login for that name).
    pub async fn reset_login_attempts(&self, key: &str) -> Result<(), StoreError> {
        on_pool!(self, pool => sqlx::query("DELETE FROM login_poging WHERE sleutel = $1")
            .bind(key).execute(pool).await.map(|_| ()))?;
        Ok(())
    }

    /// Forgets counts that started before `window_start`.
    pub async fn forget_login_attempts(&self, window_start: i64) -> Result<(), StoreError> {
        on_pool!(self, pool => sqlx::query("DELETE FROM login_poging WHERE sinds < $1")
            .bind(window_start).execute(pool).await.map(|_| ()))?;
        Ok(())
    }

    /// The audit trail, newest first; only what concerns `onderwerp` when given.
    pub async fn audit_trail(
        &self,
        onderwerp: Option<&str>,
        limit: i64,
    ) -> Result<Vec<AuditRow>, StoreError> {
        Ok(on_pool!(self, pool => sqlx::query_as(
            "SELECT seq, tijd, medewerker, rol, actie, onderwerp, details, account FROM audit \
             WHERE (CAST($1 AS TEXT) IS NULL OR onderwerp = $1) ORDER BY seq DESC LIMIT $2",
        ).bind(onderwerp).bind(limit).fetch_all(pool).await?))
    }
}
