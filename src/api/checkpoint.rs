//! The verifiable log's public face: signed checkpoints and consistency
//! proofs between them, for witnesses and anyone checking an export. No
//! token: a checkpoint holds only a size and a hash.
//!
//! - `GET /api/v1/checkpoint` — the newest signed checkpoint (a C2SP signed note, `text/plain`)
//! - `GET /api/v1/checkpoints?voor=SIZE&aantal=N` — older ones, newest first
//! - `GET /api/v1/checkpoint/consistentie?van=OLD&tot=NEW` — the proof that NEW extends OLD
//! - `GET /api/v1/checkpoint/sleutel` — the public key (a note verifier key)

use super::problem::ApiError;
use crate::{domain::InvalidParam, state::AppState, store::tree::StoredCheckpoint, tree};
use axum::{
    extract::{Query, State},
    http::header,
    response::{IntoResponse, Response},
    Json,
};
use base64::{engine::general_purpose::STANDARD, Engine as _};
use serde::{Deserialize, Serialize};

const NOTE: &str = "text/plain; charset=utf-8";
const MAX_LIST: i64 = 1000;

fn internal(e: impl std::fmt::Display) -> ApiError {
    ApiError::Internal(e.to_string())
}

pub async fn latest(State(state): State<AppState>) -> Result<Response, ApiError> {
    let latest = state.db.latest_checkpoint().await.map_err(internal)?;
    let checkpoint = latest.ok_or(ApiError::NotFound)?;
    Ok(([(header::CONTENT_TYPE, NOTE)], checkpoint.notitie).into_response())
}

pub async fn key(State(state): State<AppState>) -> Response {
    (
        [(header::CONTENT_TYPE, NOTE)],
        format!("{}\n", state.signer.verifier()),
    )
        .into_response()
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListQuery {
    voor: Option<i64>,
    aantal: Option<i64>,
}

#[derive(Serialize)]
pub struct Listed {
    grootte: i64,
    /// The moment it was signed, RFC 3339 in UTC.
    tijd: String,
    notitie: String,
}

impl From<StoredCheckpoint> for Listed {
    fn from(c: StoredCheckpoint) -> Listed {
        let tijd = chrono::DateTime::from_timestamp_micros(c.tijd)
            .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
            .unwrap_or_default();
        Listed {
            grootte: c.grootte,
            tijd,
            notitie: c.notitie,
        }
    }
}

pub async fn list(
    State(state): State<AppState>,
    query: Result<Query<ListQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<Vec<Listed>>, ApiError> {
    let Query(query) = query
        .map_err(|_| ApiError::invalid("voor", "invalid", "voor and aantal are whole numbers"))?;
    let aantal = query.aantal.unwrap_or(100);
    if !(1..=MAX_LIST).contains(&aantal) {
        return Err(ApiError::invalid("aantal", "range", "aantal is 1 to 1000"));
    }
    let before = query.voor.unwrap_or(i64::MAX);
    let listed = state
        .db
        .checkpoints(before, aantal)
        .await
        .map_err(internal)?;
    Ok(Json(listed.into_iter().map(Listed::from).collect()))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConsistencyQuery {
    van: u64,
    tot: u64,
}

#[derive(Serialize)]
pub struct Consistency {
    van: u64,
    tot: u64,
    /// The proof's hashes, base64 (RFC 9162 §2.1.4).
    bewijs: Vec<String>,
}

pub async fn consistency(
    State(state): State<AppState>,
    query: Result<Query<ConsistencyQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<Consistency>, ApiError> {
    let Query(ConsistencyQuery { van, tot }) = query.map_err(|_| {
        ApiError::Invalid(vec![
            InvalidParam::new("van", "invalid", "a tree size"),
            InvalidParam::new("tot", "invalid", "a tree size"),
        ])
    })?;
    // Only between signed sizes: a proof for any other size proves nothing
    // anyone holds, and would let a caller make the server hash at will.
    let db = &state.db;
    let signed = |size: u64| async move {
        let size = i64::try_from(size).map_err(|_| ApiError::NotFound)?;
        match db.checkpoint_of(size).await.map_err(internal)? {
            Some(_) => Ok(()),
            None => Err(ApiError::NotFound),
        }
    };
    if van > tot {
        return Err(ApiError::invalid("van", "range", "van is at most tot"));
    }
    if van > 0 {
        signed(van).await?;
    }
    signed(tot).await?;
    let proof = tree::proof::consistency(&state.db, &state.upper_levels, van, tot)
        .await
        .map_err(internal)?;
    Ok(Json(Consistency {
        van,
        tot,
        bewijs: proof.iter().map(|h| STANDARD.encode(h)).collect(),
    }))
}
