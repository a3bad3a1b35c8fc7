//! Resident login and logout: OpenID Connect (DigiD through a broker) when
//! configured, and in demo mode a choice of demo residents. Every failure
//! ends on `/inloggen/mislukt` with a reason code; details go to the log.

use crate::domain::Bsn;
use crate::{
    auth::{
        oidc::{Callback, OidcError, Pending},
        resident,
        return_to::{self, ReturnPath},
    },
    state::AppState,
};
use axum::{
    extract::{Query, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
    Form,
};
use serde::Deserialize;
use serde_json::Value;
use tower_sessions::Session;

/// The session key of a login in progress.
const PENDING: &str = "oidc_resident";

/// Where a failed login lands, with its reason code.
pub fn failed(reason: &str) -> Response {
    Redirect::to(&format!("/inloggen/mislukt?reden={reason}")).into_response()
}

#[derive(Deserialize)]
pub struct LoginQuery {
    /// The page to return to afterwards (`auth::return_to`).
    terug: Option<String>,
}

/// `GET /auth/login`: where "Inloggen met DigiD" leads.
pub async fn login(
    State(state): State<AppState>,
    session: Session,
    Query(query): Query<LoginQuery>,
) -> Response {
    if let Some(to) = query.terug.as_deref().and_then(ReturnPath::parse) {
        if let Err(e) = return_to::remember(&session, to).await {
            tracing::error!("could not keep the page to return to: {e}");
        }
    }
    let Some(oidc) = state.resident_oidc.as_deref() else {
        return if state.config.demo {
            Redirect::to("/auth/demo-login").into_response()
        } else {
            failed("storing")
        };
    };
    match oidc.start().await {
        Ok((url, pending)) => match session.insert(PENDING, pending).await {
            Ok(()) => Redirect::to(&url).into_response(),
            Err(e) => {
                tracing::error!("could not keep the pending login: {e}");
                failed("storing")
            }
        },
        Err(e) => {
            tracing::error!("resident login could not start: {e}");
            failed(e.reason())
        }
    }
}

/// `GET /auth/callback`: the provider sends the resident back here.
pub async fn callback(
    State(state): State<AppState>,
    session: Session,
    Query(callback): Query<Callback>,
) -> Response {
    let Some(oidc) = state.resident_oidc.as_deref() else {
        return StatusCode::NOT_FOUND.into_response();
    };
    // Taken out at once: a code or state can be used only once.
    let pending = session.remove::<Pending>(PENDING).await.ok().flatten();
    let identity = async {
        let claims = oidc.finish(pending, callback).await?;
        let bsn = claims
            .get(oidc.claim())
            .and_then(Value::as_str)
            .ok_or_else(|| OidcError::Invalid(format!("no {} claim", oidc.claim())))?
            .parse::<Bsn>()
            // Not the value: it may be a real BSN with a typo.
            .map_err(|_| OidcError::Invalid("the identifier fails the 11-check".into()))?;
        let naam = claims
            .get("name")
            .and_then(Value::as_str)
            .map(str::to_owned);
        Ok::<_, OidcError>((bsn, naam))
    };
    match identity.await {
        Ok((bsn, naam)) => start(&state, &session, &bsn, naam).await,
        Err(e) => {
            tracing::warn!(reason = e.reason(), "resident login failed: {e}");
            failed(e.reason())
        }
    }
}

#[derive(Deserialize)]
pub struct DemoLogin {
    bsn: String,
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
    // Only the fictional residents the demo lists: any other valid BSN
    // could be a real person's.
    let resident = crate::demo::residents::all()
        .into_iter()
        .find(|r| r.bsn == form.bsn.trim());
    let (Some(resident), Ok(bsn)) = (resident, form.bsn.trim().parse::<Bsn>()) else {
        return (
            StatusCode::FORBIDDEN,
            [(
                axum::http::header::CONTENT_TYPE,
                "text/plain; charset=utf-8",
            )],
            "Alleen de demo-inwoners uit de lijst kunnen inloggen. \
             Only the demo residents in the list can log in.",
        )
            .into_response();
    };
    start(&state, &session, &bsn, Some(resident.naam)).await
}

async fn start(state: &AppState, session: &Session, bsn: &Bsn, naam: Option<String>) -> Response {
    let back = return_to::take(session).await;
    match resident::login(session, state.log.keys(), bsn, naam).await {
        Ok(()) => Redirect::to(&back).into_response(),
        Err(e) => {
            tracing::error!("could not start a session: {e}");
            failed("storing")
        }
    }
}

/// `POST /auth/logout`: ends the session on the server and says so.
pub async fn logout(session: Session) -> Redirect {
    resident::logout(&session).await;
    Redirect::to("/uitgelogd")
}
