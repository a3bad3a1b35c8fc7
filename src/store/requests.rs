//! Residents' requests (verzoeken) and their statutory deadline.

use super::{Db, StoreError};
use crate::{
    model::{EventKind, RequestKind, RequestStatus},
    on_pool,
};
use sqlx::FromRow;

#[derive(Clone, Debug, PartialEq, Eq, FromRow)]
pub struct RequestRow {
    pub id: String,
    pub zaaknummer: String,
    #[sqlx(try_from = "String")]
    pub soort: RequestKind,
    pub actie_id: Option<String>,
    pub bericht_sealed: Vec<u8>,
    #[sqlx(try_from = "String")]
    pub status: RequestStatus,
    pub ontvangen: i64,
    pub termijn: i64,
}

/// A request with its handling, for staff.
#[derive(Clone, Debug, PartialEq, Eq, FromRow)]
pub struct CaseRow {
    pub id: String,
    pub zaaknummer: String,
    pub pseudonym: Vec<u8>,
    #[sqlx(try_from = "String")]
    pub soort: RequestKind,
    pub actie_id: Option<String>,
    pub bericht_sealed: Vec<u8>,
    #[sqlx(try_from = "String")]
    pub status: RequestStatus,
    pub ontvangen: i64,
    pub termijn: i64,
    pub behandelaar: Option<String>,
    pub verlengd: bool,
    /// The resident's BSN, sealed to `pseudonym` (none on requests filed
    /// before it was kept).
    pub bsn_sealed: Option<Vec<u8>>,
}

#[derive(Clone, Debug, PartialEq, Eq, FromRow)]
pub struct EventRow {
    pub tijd: i64,
    pub door: String,
    #[sqlx(try_from = "String")]
    pub soort: EventKind,
    pub zichtbaar: bool,
    pub tekst_sealed: Option<Vec<u8>>,
}

/// What changes on a request with one event.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CaseChange {
    pub status: Option<RequestStatus>,
    pub behandelaar: Option<String>,
    /// A new deadline (an extension).
    pub termijn: Option<i64>,
}

const CASE_COLUMNS: &str = "id, zaaknummer, pseudonym, soort, actie_id, bericht_sealed, status, ontvangen, termijn, behandelaar, verlengd, bsn_sealed";

impl Db {
    /// Adds a request of the person `pseudonym` (their BSN sealed to it),
    /// unless they have `max_open` open (not closed) ones already: then
    /// false. Counted and inserted in one statement, and on PostgreSQL under
    /// a lock per person, so requests sent at the same moment cannot pass
    /// the bound together.
    pub async fn add_request(
        &self,
        (pseudonym, bsn_sealed): (&[u8], &[u8]),
        r: &RequestRow,
        max_open: Option<i64>,
    ) -> Result<bool, StoreError> {
        const INSERT: &str = "INSERT INTO verzoek \
             (id, zaaknummer, pseudonym, soort, actie_id, bericht_sealed, status, ontvangen, termijn, bsn_sealed) \
             SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $11 WHERE CAST($10 AS BIGINT) IS NULL OR \
             (SELECT COUNT(*) FROM verzoek WHERE pseudonym = $3 AND status <> 'gesloten') < $10";
        // SQLite: the write lock from the start, so the count stays true.
        let begin = match self {
            Db::Sqlite(..) => "BEGIN IMMEDIATE",
            Db::Postgres(_) => "BEGIN",
        };
        let added = on_pool!(self, pool => {
            let mut conn = pool.acquire().await?;
            let mut tx = sqlx::Connection::begin_with(&mut *conn, begin).await?;
            if matches!(self, Db::Postgres(_)) {
                sqlx::query("SELECT pg_advisory_xact_lock(hashtextextended(encode($1, 'hex'), 1))")
                    .bind(pseudonym)
                    .execute(&mut *tx)
                    .await?;
            }
            let added = sqlx::query(INSERT)
                .bind(&r.id).bind(&r.zaaknummer).bind(pseudonym).bind(r.soort.as_str()).bind(&r.actie_id)
                .bind(&r.bericht_sealed).bind(r.status.as_str()).bind(r.ontvangen).bind(r.termijn)
                .bind(max_open).bind(bsn_sealed)
                .execute(&mut *tx).await
                .map_err(|e| match e {
                    sqlx::Error::Database(d) if d.is_unique_violation() => StoreError::Taken,
                    e => e.into(),
                })?
                .rows_affected();
            tx.commit().await?;
            added
        });
        Ok(added == 1)
    }

    /// One resident's requests, newest first.
    pub async fn requests_of(&self, pseudonym: &[u8]) -> Result<Vec<RequestRow>, StoreError> {
        Ok(on_pool!(self, pool => sqlx::query_as(
            "SELECT id, zaaknummer, soort, actie_id, bericht_sealed, status, ontvangen, termijn FROM verzoek \
             WHERE pseudonym = $1 ORDER BY ontvangen DESC",
        ).bind(pseudonym).fetch_all(pool).await?))
    }

    /// The open requests (not closed), the nearest deadline first.
    pub async fn open_cases(&self) -> Result<Vec<CaseRow>, StoreError> {
        let sql = format!("SELECT {CASE_COLUMNS} FROM verzoek WHERE status <> 'gesloten' ORDER BY termijn, zaaknummer");
        Ok(on_pool!(self, pool => sqlx::query_as(&sql).fetch_all(pool).await?))
    }

    /// Per status of the open requests: how many, and how many of them are
    /// past their deadline at `now` (µs). For the metrics: counts only.
    pub async fn open_case_counts(
        &self,
        now: i64,
    ) -> Result<Vec<(RequestStatus, i64, i64)>, StoreError> {
        let sql = "SELECT status, COUNT(*), SUM(CASE WHEN termijn < $1 THEN 1 ELSE 0 END) \
                   FROM verzoek WHERE status <> 'gesloten' GROUP BY status";
        let rows: Vec<(String, i64, i64)> =
            on_pool!(self, pool => sqlx::query_as(sql).bind(now).fetch_all(pool).await?);
        rows.into_iter()
            .map(|(status, count, late)| {
                let status = RequestStatus::try_from(status)
                    .map_err(|e| StoreError::Corrupt(e.to_string()))?;
                Ok((status, count, late))
            })
            .collect()
    }

    pub async fn case_by_id(&self, id: &str) -> Result<Option<CaseRow>, StoreError> {
        let sql = format!("SELECT {CASE_COLUMNS} FROM verzoek WHERE id = $1");
        Ok(on_pool!(self, pool => sqlx::query_as(&sql).bind(id).fetch_optional(pool).await?))
    }

    /// Records one event on a request and applies its change, together.
    pub async fn case_event(
        &self,
        id: &str,
        change: &CaseChange,
        door: &str,
        soort: EventKind,
        zichtbaar: bool,
        tekst_sealed: Option<&[u8]>,
    ) -> Result<(), StoreError> {
        let now = chrono::Utc::now().timestamp_micros();
        on_pool!(self, pool => {
            let mut tx = pool.begin().await?;
            sqlx::query(
                "UPDATE verzoek SET status = COALESCE($2, status), behandelaar = COALESCE($3, behandelaar), \
                 termijn = COALESCE($4, termijn), verlengd = (verlengd OR $5) WHERE id = $1",
            )
            .bind(id).bind(change.status.map(RequestStatus::as_str)).bind(&change.behandelaar).bind(change.termijn)
            .bind(change.termijn.is_some())
            .execute(&mut *tx).await?;
            sqlx::query(
                "INSERT INTO verzoek_gebeurtenis (verzoek_id, tijd, door, soort, zichtbaar, tekst_sealed) \
                 VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(id).bind(now).bind(door).bind(soort.as_str()).bind(zichtbaar).bind(tekst_sealed)
            .execute(&mut *tx).await?;
            tx.commit().await?;
        });
        Ok(())
    }

    /// A request's history, oldest first; only what the resident may see
    /// when `visible_only`.
    pub async fn case_events(
        &self,
        id: &str,
        visible_only: bool,
    ) -> Result<Vec<EventRow>, StoreError> {
        Ok(on_pool!(self, pool => sqlx::query_as(
            "SELECT tijd, door, soort, zichtbaar, tekst_sealed FROM verzoek_gebeurtenis \
             WHERE verzoek_id = $1 AND (zichtbaar OR NOT $2) ORDER BY seq",
        ).bind(id).bind(visible_only).fetch_all(pool).await?))
    }

    /// A resident's own request by case number, or nothing.
    pub async fn own_case(
        &self,
        pseudonym: &[u8],
        zaaknummer: &str,
    ) -> Result<Option<CaseRow>, StoreError> {
        let sql =
            format!("SELECT {CASE_COLUMNS} FROM verzoek WHERE pseudonym = $1 AND zaaknummer = $2");
        Ok(
            on_pool!(self, pool => sqlx::query_as(&sql).bind(pseudonym).bind(zaaknummer).fetch_optional(pool).await?),
        )
    }
}
