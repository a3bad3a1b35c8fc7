//! Operations: Prometheus metrics and the access log.
//!
//! Every request is counted and timed by its route template (`/mijn/actie/{id}`,
//! never the path itself: no identifiers in labels) and logged in one line
//! at `info`, without query string or body. `/metrics` is served on its own
//! listener (`INZAGE_METRICS_ADDR`) or on the portal behind a bearer token
//! (`INZAGE_METRICS_TOKEN`); neither configured, it is not served at all.

use crate::state::AppState;
use axum::{
    extract::{MatchedPath, Request, State},
    http::{header, StatusCode},
    middleware::Next,
    response::{IntoResponse, Response},
};
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};
use std::{sync::OnceLock, time::Instant};

/// Request durations from 5 ms to 10 s.
const BUCKETS: &[f64] = &[
    0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
];

/// The process's recorder, installed once (the facade is global).
pub fn handle() -> &'static PrometheusHandle {
    static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();
    HANDLE.get_or_init(|| {
        let recorder = PrometheusBuilder::new()
            .set_buckets_for_metric(
                Matcher::Full("http_request_duration_seconds".into()),
                BUCKETS,
            )
            .expect("the buckets are not empty")
            .build_recorder();
        let handle = recorder.handle();
        // A second recorder (another in-process server in the tests) keeps the first.
        let _ = metrics::set_global_recorder(recorder);
        handle
    })
}

/// Counts, times and logs each request.
pub async fn track(request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().clone();
    // Unmatched requests (static files, 404s) share one label.
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map(|p| p.as_str().to_owned())
        .unwrap_or_else(|| "other".to_owned());
    let request_id = request
        .headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("-")
        .to_owned();
    let response = next.run(request).await;
    let elapsed = started.elapsed();
    let status = response.status().as_u16();
    let labels = [
        ("method", method.to_string()),
        ("route", route.clone()),
        ("status", status.to_string()),
    ];
    metrics::counter!("http_requests_total", &labels).increment(1);
    metrics::histogram!("http_request_duration_seconds", &labels).record(elapsed.as_secs_f64());
    tracing::info!(
        target: "inzage::access",
        method = %method,
        route = %route,
        status,
        duration_ms = (elapsed.as_secs_f64() * 1000.0 * 10.0).round() / 10.0,
        request_id = %request_id,
        "request"
    );
    response
}

/// `/metrics` on the portal: only with the configured bearer token.
pub async fn scrape_with_token(State(state): State<AppState>, request: Request) -> Response {
    let Some(token) = state.config.metrics.token.as_deref() else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let given = request
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or_default();
    if !bool::from(subtle::ConstantTimeEq::ct_eq(
        given.as_bytes(),
        token.as_bytes(),
    )) {
        return (
            StatusCode::UNAUTHORIZED,
            [(header::WWW_AUTHENTICATE, "Bearer")],
        )
            .into_response();
    }
    scrape(State(state)).await
}

/// The metrics in Prometheus' text format, with the gauges read now.
pub async fn scrape(State(state): State<AppState>) -> Response {
    observe(&state).await;
    (
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        handle().render(),
    )
        .into_response()
}

/// What is read at scrape time: the database pool, the requests' queue and
/// the age of the newest checkpoint.
async fn observe(state: &AppState) {
    let (size, idle) = state.db.pool_connections();
    metrics::gauge!("inzage_db_pool_connections", "state" => "idle").set(idle as f64);
    metrics::gauge!("inzage_db_pool_connections", "state" => "in_use")
        .set((size as usize).saturating_sub(idle) as f64);
    match state
        .db
        .open_case_counts(chrono::Utc::now().timestamp_micros())
        .await
    {
        Ok(counts) => {
            let mut overdue = 0;
            for (status, count, late) in counts {
                metrics::gauge!("inzage_requests_open", "status" => status.as_str())
                    .set(count as f64);
                if status.awaits_decision() {
                    overdue += late;
                }
            }
            metrics::gauge!("inzage_requests_overdue").set(overdue as f64);
        }
        Err(e) => tracing::warn!("metrics: could not count the open requests: {e}"),
    }
    match state.db.latest_checkpoint().await {
        Ok(Some(checkpoint)) => {
            let age = chrono::Utc::now().timestamp_micros() - checkpoint.tijd;
            metrics::gauge!("inzage_checkpoint_age_seconds").set(age as f64 / 1e6);
        }
        Ok(None) => {}
        Err(e) => tracing::warn!("metrics: could not read the newest checkpoint: {e}"),
    }
}
