//! `/verwerkingsacties` — the Bewerking API.

use super::{
    auth::ApiCaller,
    dto::{Lijst, Links, Verwerkingsactie},
    problem::ApiError,
    request::{idempotency, json_body, no_problems, Params, PAGE_SIZE},
};
use crate::{
    domain::{NewActie, PatchBody},
    state::AppState,
};
use axum::{
    body::Body,
    extract::{Path, Query, State},
    http::{header, HeaderMap, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
    Json,
};

pub async fn create(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    let (bytes, value) = json_body(&headers, body).await?;
    let idempotency = idempotency(&headers, &bytes)?;
    let created = match NewActie::from_json(&value) {
        Ok(actie) => (state.log.create(&caller, actie, idempotency).await).map_err(ApiError::from),
        Err(invalid) => Err(ApiError::Invalid(invalid)),
    };
    super::count_ingest(
        &caller.client_id,
        created.is_ok().into(),
        created.is_err().into(),
    );
    let view = created?;
    let dto = Links::of(&state).verwerkingsactie(view);
    let location =
        HeaderValue::from_str(&dto.url).map_err(|e| ApiError::Internal(e.to_string()))?;
    let mut response = (StatusCode::CREATED, Json(dto)).into_response();
    response.headers_mut().insert(header::LOCATION, location);
    Ok(response)
}

pub async fn read(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Path(actie_id): Path<String>,
) -> Result<Json<Verwerkingsactie>, ApiError> {
    let view = state.log.get(&caller, &actie_id).await?;
    Ok(Json(Links::of(&state).verwerkingsactie(view)))
}

pub async fn list(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Query(pairs): Query<Vec<(String, String)>>,
) -> Result<Json<Lijst<Verwerkingsactie>>, ApiError> {
    let params = Params::new(pairs);
    let mut problems = Vec::new();
    let query = params.person_query(false, &mut problems);
    let (number, page) = params.page(&mut problems);
    no_problems(problems)?;
    let (count, views) = state.log.list_for_person(&caller, &query, page).await?;
    let results = views
        .into_iter()
        .map(|v| Links::of(&state).verwerkingsactie(v))
        .collect();
    Ok(Json(Links::of(&state).page(
        "verwerkingsacties",
        &params,
        number,
        count,
        PAGE_SIZE,
        results,
    )))
}

pub async fn update(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Path(actie_id): Path<String>,
    headers: HeaderMap,
    body: Body,
) -> Result<Json<Verwerkingsactie>, ApiError> {
    let (_, value) = json_body(&headers, body).await?;
    let actie = NewActie::from_json(&value).map_err(ApiError::Invalid)?;
    let view = state.log.update(&caller, &actie_id, actie).await?;
    Ok(Json(Links::of(&state).verwerkingsactie(view)))
}

pub async fn patch(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Query(pairs): Query<Vec<(String, String)>>,
    headers: HeaderMap,
    body: Body,
) -> Result<StatusCode, ApiError> {
    let params = Params::new(pairs);
    let mut problems = Vec::new();
    let verwerking_id = params.uuid("verwerkingId", &mut problems);
    if params.one("verwerkingId").is_none() {
        problems.push(crate::domain::InvalidParam::new(
            "verwerkingId",
            "required",
            "Dit veld is verplicht.",
        ));
    }
    no_problems(problems)?;
    let (_, value) = json_body(&headers, body).await?;
    let patch = PatchBody::from_json(&value).map_err(ApiError::Invalid)?;
    let verwerking_id = verwerking_id.unwrap_or_default();
    state.log.patch(&caller, &verwerking_id, &patch).await?;
    Ok(StatusCode::NO_CONTENT)
}

pub async fn delete(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Path(actie_id): Path<String>,
) -> Result<StatusCode, ApiError> {
    state.log.delete(&caller, &actie_id).await?;
    Ok(StatusCode::NO_CONTENT)
}
