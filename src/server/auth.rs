//! Login and logout routes. In demo mode a resident picks a demo person;
//! OpenID Connect (DigiD through a broker) is not configured yet.

use super::{resident, AppState};
use crate::domain::Bsn;
use axum::{
    extract::State,
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
    Form,
};
use serde::Deserialize;
use tower_sessions::Session;

#[derive(Deserialize)]
pub struct DemoLogin {
    bsn: String,
}

/// `GET /auth/login`: where "Inloggen" leads.
pub async fn login(State(state): State<AppState>) -> Response {
    if state.config.demo {
        Redirect::to("/auth/demo-login").into_response()
    } else {
        (
            StatusCode::SERVICE_UNAVAILABLE,
            "Inloggen is op dit moment niet mogelijk.",
        )
            .into_response()
    }
}

/// `POST /auth/demo-login`: logs in as a demo resident (demo mode only).
pub async fn demo_login(
    State(state): State<AppState>,
    session: Session,
    Form(form): Form<DemoLogin>,
) -> Response {
    if !state.config.demo {
        return StatusCode::NOT_FOUND.into_response();
    }
    let Ok(bsn) = form.bsn.parse::<Bsn>() else {
        return (
            StatusCode::BAD_REQUEST,
            "Dit is geen geldig burgerservicenummer.",
        )
            .into_response();
    };
    let naam = crate::demo::residents::all()
        .into_iter()
        .find(|r| r.bsn == bsn.as_str())
        .map(|r| r.naam);
    match resident::login(&session, state.log.keys(), &bsn, naam).await {
        Ok(()) => Redirect::to("/mijn").into_response(),
        Err(e) => {
            tracing::error!("could not start a session: {e}");
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                "Inloggen lukte niet. Probeer het opnieuw.",
            )
                .into_response()
        }
    }
}

/// `POST /auth/logout`: ends the session on the server.
pub async fn logout(session: Session) -> Redirect {
    resident::logout(&session).await;
    Redirect::to("/")
}
