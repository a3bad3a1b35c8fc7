//! `/mijn/export.csv` and `/mijn/export.json`: the resident's own overview
//! to keep, under the same visibility rules as the page. Logged as a view.
//! The JSON is signed, with each entry's proof that it is in the log
//! (tree/export.rs).

use crate::{auth::resident, state::AppState, tree};
use crate::{i18n::Lang, model::Filter, views::resident as view};
use axum::{
    extract::{Query, State},
    http::{header, HeaderMap, StatusCode},
    response::{IntoResponse, Redirect, Response},
};
use serde::Deserialize;
use std::collections::HashMap;
use tower_sessions::Session;

#[derive(Deserialize)]
pub struct Period {
    periode: Option<u32>,
}

/// An overview to download, with what the signed JSON adds to it.
struct Download {
    overview: crate::model::Overzicht,
    lang: Lang,
    pseudonym: Vec<u8>,
    /// The shown version of each action.
    seq_of: HashMap<String, i64>,
}

fn failed(e: &dyn std::fmt::Display) -> Response {
    tracing::error!("export failed: {e}");
    (
        StatusCode::INTERNAL_SERVER_ERROR,
        "Het downloaden lukte niet. Probeer het later opnieuw.",
    )
        .into_response()
}

async fn overview(
    state: &AppState,
    session: &Session,
    headers: &HeaderMap,
    period: Period,
) -> Result<Download, Response> {
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
    let fail = failed;
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
    let seq_of = entries
        .iter()
        .map(|v| (v.actie_id.clone(), v.seq))
        .collect();
    Ok(Download {
        overview: view::overview(&ctx, entries, capped, &filter),
        lang,
        pseudonym,
        seq_of,
    })
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
    let d = match overview(&state, &session, &headers, period).await {
        Ok(d) => d,
        Err(response) => return response,
    };
    let seqs: Vec<i64> = d.seq_of.values().copied().collect();
    let proofs = match tree::export::prove(
        &state.db,
        &state.upper_levels,
        &state.signer,
        &seqs,
        &d.pseudonym,
    )
    .await
    {
        Ok(Some(proofs)) => proofs,
        Ok(None) => return failed(&"the log has no checkpoint"),
        Err(e) => return failed(&e),
    };
    download(
        "application/jose+json",
        "attachment; filename=\"mijn-gegevensgebruik.json\"",
        crate::views::export::signed_json(&d.overview, &d.seq_of, &proofs, &state.signer),
    )
}

pub async fn csv(
    State(state): State<AppState>,
    session: Session,
    headers: HeaderMap,
    Query(period): Query<Period>,
) -> Response {
    let d = match overview(&state, &session, &headers, period).await {
        Ok(d) => d,
        Err(response) => return response,
    };
    download(
        "text/csv; charset=utf-8",
        "attachment; filename=\"mijn-gegevensgebruik.csv\"",
        crate::views::export::csv(&d.overview, d.lang),
    )
}
