//! What server functions need from the request: the app state and the
//! logged-in resident. Server only.

use super::error::PortalError;
use crate::{
    auth::{
        resident::ResidentSession,
        return_to::{reports_session_end, ReturnPath},
        staff::StaffSession,
    },
    model::Rol,
    state::AppState,
};
use leptos::prelude::use_context;
use tower_sessions::Session;

/// The logged-in member of staff when their role is one of `allowed`:
/// otherwise a redirect to the staff login, or 403.
pub async fn staff(allowed: &[Rol]) -> Result<StaffSession, PortalError> {
    let session = session().await?;
    let state = state()?;
    match crate::auth::staff::current(&session, &state.db, state.config.staff_limits()).await {
        Some(me) if allowed.contains(&me.rol) => Ok(me),
        Some(_) => {
            set_status(axum::http::StatusCode::FORBIDDEN);
            Err(PortalError::Forbidden)
        }
        None => {
            leptos_axum::redirect("/medewerker/inloggen");
            Err(PortalError::NotLoggedIn)
        }
    }
}

/// `NotFound`, with a 404 status for the page that asked.
pub fn not_found() -> PortalError {
    set_status(axum::http::StatusCode::NOT_FOUND);
    PortalError::NotFound
}

/// The HTTP status of the page or server function being answered.
fn set_status(status: axum::http::StatusCode) {
    if let Some(r) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
        r.set_status(status);
    }
}

pub async fn session() -> Result<Session, PortalError> {
    leptos_axum::extract().await.map_err(PortalError::internal)
}

/// The app state, from the context of the page or server function being
/// answered. Missing only when a resource runs outside its page (one
/// created inside an asynchronous render, after that render was dropped):
/// an error then, not a panic, because a panicking resource never resolves
/// and the page waiting for it would never be sent.
pub fn state() -> Result<AppState, PortalError> {
    use_context::<AppState>().ok_or_else(|| PortalError::internal("no app state in this render"))
}

/// The logged-in resident, or `NotLoggedIn`. A page being loaded then
/// redirects to the login, which returns to that page afterwards; a
/// server function called from an open page answers `NotLoggedIn`, and the
/// page says the session ended and keeps what was typed.
pub async fn resident() -> Result<ResidentSession, PortalError> {
    let session = session().await?;
    match crate::auth::resident::current(&session, state()?.config.resident_limits()).await {
        Some(me) => Ok(me),
        None => {
            // Not a server function, and not the form that was sent back
            // to say the session ended: that page says so.
            let page = use_context::<axum::http::request::Parts>()
                .filter(|parts| !parts.uri.path().starts_with("/api/"))
                .filter(|parts| !reports_session_end(parts.uri.query().unwrap_or_default()))
                .and_then(|parts| ReturnPath::parse(&parts.uri.to_string()));
            if let Some(page) = page {
                let back = crate::app::encode_component(page.as_str());
                leptos_axum::redirect(&format!("/auth/login?terug={back}"));
            }
            Err(PortalError::NotLoggedIn)
        }
    }
}
