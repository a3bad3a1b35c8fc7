//! Residents' requests (verzoeken) and their statutory deadline.

use super::{Db, StoreError};
use crate::on_pool;
use sqlx::FromRow;

#[derive(Clone, Debug, PartialEq, Eq, FromRow)]
pub struct RequestRow {
    pub id: String,
    pub zaaknummer: String,
    pub soort: String,
    pub actie_id: Option<String>,
    pub bericht_sealed: Vec<u8>,
    pub status: String,
    pub ontvangen: i64,
    pub termijn: i64,
}

impl Db {
    pub async fn add_request(&self, pseudonym: &[u8], r: &RequestRow) -> Result<(), StoreError> {
        on_pool!(self, pool => sqlx::query(
            "INSERT INTO verzoek (id, zaaknummer, pseudonym, soort, actie_id, bericht_sealed, status, ontvangen, termijn) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(&r.id).bind(&r.zaaknummer).bind(pseudonym).bind(&r.soort).bind(&r.actie_id)
        .bind(&r.bericht_sealed).bind(&r.status).bind(r.ontvangen).bind(r.termijn)
        .execute(pool).await.map(|_| ()))?;
        Ok(())
    }

    /// One resident's requests, newest first.
    pub async fn requests_of(&self, pseudonym: &[u8]) -> Result<Vec<RequestRow>, StoreError> {
        Ok(on_pool!(self, pool => sqlx::query_as(
            "SELECT id, zaaknummer, soort, actie_id, bericht_sealed, status, ontvangen, termijn FROM verzoek \
             WHERE pseudonym = $1 ORDER BY ontvangen DESC",
        ).bind(pseudonym).fetch_all(pool).await?))
    }
}
