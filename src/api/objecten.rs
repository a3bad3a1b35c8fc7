//! `/verwerkte-objecten` — the Inzage API: one person's view of the log,
//! without `systeem`, `gebruiker`, `gegevensbron` or other persons.

use super::{
    auth::ApiCaller,
    dto::{Lijst, Links, VerwerktObjectUitgebreid},
    problem::ApiError,
    request::{no_problems, Params, PAGE_SIZE},
};
use crate::state::AppState;
use axum::{
    extract::{Path, Query, State},
    Json,
};

pub async fn list(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Query(pairs): Query<Vec<(String, String)>>,
) -> Result<Json<Lijst<VerwerktObjectUitgebreid>>, ApiError> {
    let params = Params::new(pairs);
    let mut problems = Vec::new();
    let query = params.person_query(true, &mut problems);
    let (number, page) = params.page(&mut problems);
    no_problems(problems)?;
    let (count, views) = state.log.objects_for_person(&caller, &query, page).await?;
    let results = views
        .into_iter()
        .flat_map(|v| Links::of(&state).uitgebreid(v))
        .collect();
    Ok(Json(Links::of(&state).page(
        "verwerkte-objecten",
        &params,
        number,
        count,
        PAGE_SIZE,
        results,
    )))
}

pub async fn read(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Path(verwerkt_object_id): Path<String>,
) -> Result<Json<VerwerktObjectUitgebreid>, ApiError> {
    let view = state.log.object(&caller, &verwerkt_object_id).await?;
    Links::of(&state)
        .uitgebreid(view)
        .pop()
        .map(Json)
        .ok_or(ApiError::NotFound)
}
