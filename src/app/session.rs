//! What server functions need from the request: the app state and the
//! logged-in resident. Server only.

use super::error::PortalError;
use crate::server::{resident::ResidentSession, AppState};
use leptos::prelude::expect_context;
use tower_sessions::Session;

pub fn state() -> AppState {
    expect_context::<AppState>()
}

/// The logged-in resident, or `NotLoggedIn` with a redirect to the login.
pub async fn resident() -> Result<ResidentSession, PortalError> {
    let session: Session = leptos_axum::extract()
        .await
        .map_err(PortalError::internal)?;
    match crate::server::resident::current(&session).await {
        Some(me) => Ok(me),
        None => {
            leptos_axum::redirect("/auth/login");
            Err(PortalError::NotLoggedIn)
        }
    }
}
