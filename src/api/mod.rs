//! The VNG Verwerkingenlogging APIs under `/api/v1`: the Bewerking API
//! (`/verwerkingsacties`), the Inzage API (`/verwerkte-objecten`), a bulk
//! endpoint and the OpenAPI document.

mod acties;
pub mod activiteiten;
mod auth;
pub mod bulk;
mod checkpoint;
pub mod dto;
mod objecten;
pub mod openapi;
pub mod problem;
mod request;

use crate::state::AppState;
use axum::{
    http::{HeaderName, HeaderValue},
    routing::{get, post},
    Json, Router,
};
use problem::ApiError;
use tower_http::set_header::SetResponseHeaderLayer;

pub use bulk::NDJSON;

/// Records stored and rejected per client, for `/metrics`
/// (src/server/metrics.rs).
fn count_ingest(client: &str, stored: usize, rejected: usize) {
    let client = client.to_owned();
    metrics::counter!("inzage_ingest_records_total", "client" => client.clone())
        .increment(stored as u64);
    metrics::counter!("inzage_ingest_rejected_total", "client" => client)
        .increment(rejected as u64);
}

pub fn router() -> Router<AppState> {
    let document = openapi::document();
    Router::new()
        .route(
            "/verwerkingsacties",
            get(acties::list).post(acties::create).patch(acties::patch),
        )
        .route("/verwerkingsacties/bulk", post(bulk::bulk))
        .route(
            "/verwerkingsacties/{actie_id}",
            get(acties::read).put(acties::update).delete(acties::delete),
        )
        .route("/verwerkte-objecten", get(objecten::list))
        .route(
            "/verwerkte-objecten/{verwerkt_object_id}",
            get(objecten::read),
        )
        .route("/verwerkingsactiviteiten", get(activiteiten::list))
        .route("/verwerkingsactiviteiten/{id}", get(activiteiten::read))
        .route("/checkpoint", get(checkpoint::latest))
        .route("/checkpoint/sleutel", get(checkpoint::key))
        .route("/checkpoint/consistentie", get(checkpoint::consistency))
        .route("/checkpoints", get(checkpoint::list))
        .route(
            "/openapi.json",
            get(move || async move { Json(document.clone()) }),
        )
        .fallback(|| async { ApiError::NotFound })
        .layer(SetResponseHeaderLayer::overriding(
            HeaderName::from_static("api-version"),
            HeaderValue::from_static(openapi::API_VERSION),
        ))
}
