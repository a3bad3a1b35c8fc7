//! `/verwerkingsactiviteiten` — the register in the VNG VAR shape, with an
//! ETag so clients can cache it.

use super::{
    auth::ApiCaller,
    dto::{Lijst, Links},
    problem::ApiError,
};
use crate::{
    crypto::hash_key,
    ingest::scopes::Operation,
    register::{Activity, RegisteredActivity},
    state::AppState,
};
use axum::{
    extract::{Path, State},
    http::{header, HeaderMap, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
};
use schemars::JsonSchema;
use serde::Serialize;

/// `Verwerkingsactiviteit` (VAR API).
#[derive(Debug, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Verwerkingsactiviteit {
    pub id: String,
    pub url: String,
    pub naam: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gebaseerd_op: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub categorie: Option<String>,
    pub verantwoordelijke_organisatie: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verantwoordelijke_bestuursorgaan: Option<String>,
    pub doel: String,
    pub grondslag: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub toelichting_grondslag: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bewaartermijn: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub herkomst: Option<String>,
    pub afnemende_internationale_derden: Vec<String>,
    pub afnemende_categorie_ontvangers: Vec<String>,
    pub verwerkte_persoonsgegevens: Vec<VerwerktPersoonsgegeven>,
    /// Inzage's additions: the law's address, plain-language texts, and
    /// whether the activity is still in use.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub wet_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bewaartermijn_iso: Option<String>,
    pub vertrouwelijk: bool,
    pub actief: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub titel_nl: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub uitleg_nl: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub titel_en: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub uitleg_en: Option<String>,
}

#[derive(Debug, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct VerwerktPersoonsgegeven {
    pub rol_betrokkene: String,
    pub naam: String,
}

fn var_shape(state: &AppState, r: RegisteredActivity) -> Verwerkingsactiviteit {
    let a: Activity = r.activity;
    let rol = a
        .betrokkenen
        .first()
        .cloned()
        .unwrap_or_else(|| "Betrokkene".into());
    Verwerkingsactiviteit {
        url: format!(
            "{}/api/v1/verwerkingsactiviteiten/{}",
            Links::of(state).base,
            a.id
        ),
        verwerkte_persoonsgegevens: a
            .gegevens
            .iter()
            .map(|naam| VerwerktPersoonsgegeven {
                rol_betrokkene: rol.clone(),
                naam: naam.clone(),
            })
            .collect(),
        id: a.id,
        naam: a.naam,
        gebaseerd_op: a.gebaseerd_op,
        categorie: a.afdeling,
        verantwoordelijke_organisatie: a.verantwoordelijke_organisatie,
        verantwoordelijke_bestuursorgaan: a.bestuursorgaan,
        doel: a.doel,
        grondslag: a.grondslag.var_text().to_owned(),
        toelichting_grondslag: a.wet,
        bewaartermijn: a.bewaartermijn,
        herkomst: a.herkomst,
        afnemende_internationale_derden: a.internationale_ontvangers,
        afnemende_categorie_ontvangers: a.ontvangers,
        wet_url: a.wet_url,
        bewaartermijn_iso: a.bewaartermijn_iso,
        vertrouwelijk: a.vertrouwelijk,
        actief: r.actief,
        titel_nl: a.titel_nl,
        uitleg_nl: a.uitleg_nl,
        titel_en: a.titel_en,
        uitleg_en: a.uitleg_en,
    }
}

fn require_read(caller: &crate::ingest::Caller) -> Result<(), ApiError> {
    caller
        .scopes
        .level(Operation::Read)
        .map(|_| ())
        .ok_or(ApiError::Forbidden(
            "reading the register needs a read scope",
        ))
}

/// Answers 304 when the client already has this version, else the body
/// with its ETag.
fn with_etag<T: Serialize>(headers: &HeaderMap, body: &T) -> Result<Response, ApiError> {
    let bytes = serde_json::to_vec(body).map_err(|e| ApiError::Internal(e.to_string()))?;
    let etag = format!("\"{}\"", hex::encode(&hash_key(&bytes)[..16]));
    let value = HeaderValue::from_str(&etag).map_err(|e| ApiError::Internal(e.to_string()))?;
    let matches = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == etag || t.trim() == "*"));
    let mut response = if matches {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        ([(header::CONTENT_TYPE, "application/json")], bytes).into_response()
    };
    response.headers_mut().insert(header::ETAG, value);
    Ok(response)
}

pub async fn list(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    require_read(&caller)?;
    let now = chrono::Utc::now().timestamp_micros();
    let all = state
        .db
        .activities_at(now)
        .await
        .map_err(|e| ApiError::Internal(e.to_string()))?;
    let results: Vec<_> = all.into_iter().map(|r| var_shape(&state, r)).collect();
    let page = Lijst {
        count: results.len() as i64,
        next: None,
        previous: None,
        results,
    };
    with_etag(&headers, &page)
}

pub async fn read(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    require_read(&caller)?;
    let now = chrono::Utc::now().timestamp_micros();
    let found = state
        .db
        .activity_at(&id.to_lowercase(), now)
        .await
        .map_err(|e| ApiError::Internal(e.to_string()))?
        .ok_or(ApiError::NotFound)?;
    with_etag(&headers, &var_shape(&state, found))
}

/// So the OpenAPI document can describe the answer.
pub type ActiviteitenLijst = Lijst<Verwerkingsactiviteit>;
