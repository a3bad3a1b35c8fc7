//! `/mijn/export.csv` and `/mijn/export.json`: the resident's own overview
//! to keep, under the same visibility rules as the page. Logged as a view.

use crate::{auth::resident, state::AppState};
use crate::{i18n::Lang, model::Filter, views::resident as view};
use axum::{
    extract::{Query, State},
    http::{header, HeaderMap, StatusCode},
    response::{IntoResponse, Redirect, Response},
};
use serde::Deserialize;
use tower_sessions::Session;

#[derive(Deserialize)]
pub struct Period {
    periode: Option<u32>,
}

async fn overview(
    state: &AppState,
    session: &Session,
    headers: &HeaderMap,
    period: Period,
) -> Result<(crate::model::Overzicht, Lang), Response> {
    let me = resident::current(session, state.config.resident_limits())
        .await
        .ok_or_else(|| Redirect::to("/auth/login").into_response())?;
    let lang = Lang::from_cookie_headers(
        headers
            .get_all(header::COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok()),
    );
    let filter = Filter {
        maanden: period.periode.unwrap_or(12),
        ..Default::default()
    };
    let fail = |e: &dyn std::fmt::Display| {
        tracing::error!("export failed: {e}");
        (
            StatusCode::INTERNAL_SERVER_ERROR,
            "Het downloaden lukte niet. Probeer het later opnieuw.",
        )
            .into_response()
    };
    let pseudonym = me.pseudonym_bytes();
    let ctx = state
        .register_context
        .get(&state.db, lang)
        .await
        .map_err(|e| fail(&e))?;
    let (entries, capped) = view::entries(&state.db, &pseudonym, view::not_before(&filter))
        .await
        .map_err(|e| fail(&e))?;
    state
        .log
        .log_view(
            &pseudonym,
            &me.sealed_id,
            "Downloaden overzicht gegevensgebruik",
        )
        .await
        .map_err(|e| fail(&e))?;
    Ok((view::overview(&ctx, entries, capped, &filter), lang))
}

fn download(content_type: &'static str, name: &'static str, body: String) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type),
            (header::CONTENT_DISPOSITION, name),
            (header::CACHE_CONTROL, "no-store"),
        ],
        body,
    )
        .into_response()
}

pub async fn json(
    State(state): State<AppState>,
    session: Session,
    headers: HeaderMap,
    Query(period): Query<Period>,
) -> Response {
    match overview(&state, &session, &headers, period).await {
        Ok((o, _)) => download(
            "application/json",
            "attachment; filename=\"mijn-gegevensgebruik.json\"",
            crate::views::export::json(&o),
        ),
        Err(response) => response,
    }
}

pub async fn csv(
    State(state): State<AppState>,
    session: Session,
    headers: HeaderMap,
    Query(period): Query<Period>,
) -> Response {
    let (o, lang) = match overview(&state, &session, &headers, period).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    download(
        "text/csv; charset=utf-8",
        "attachment; filename=\"mijn-gegevensgebruik.csv\"",
        crate::views::export::csv(&o, lang),
    )
}
