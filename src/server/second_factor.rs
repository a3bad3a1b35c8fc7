//! `POST /medewerker/tweede-stap`: the second step of a local staff login
//! (the checks are in `auth::second_factor`).

use crate::{
    auth::second_factor::{check, pending, StartOver, PAGE, PENDING},
    state::AppState,
};
use axum::{
    extract::State,
    response::{IntoResponse, Redirect, Response},
    Form,
};
use serde::Deserialize;
use tower_sessions::Session;

#[derive(Deserialize)]
pub struct CodeForm {
    code: String,
}

/// `POST /medewerker/tweede-stap`: the code from the app, or a recovery
/// code. Five wrong codes for one account stop its second step for the
/// rest of the window (15 minutes).
pub async fn submit(
    State(state): State<AppState>,
    session: Session,
    Form(form): Form<CodeForm>,
) -> Response {
    let Some(pending) = pending(&session).await else {
        return Redirect::to("/medewerker/inloggen?fout=verlopen").into_response();
    };
    match check(
        &state.db,
        state.log.keys(),
        &session,
        &pending,
        form.code.trim(),
    )
    .await
    {
        Ok(Some((row, rol, enrolled))) => {
            let _ = session.remove_value(PENDING).await;
            let landing = if enrolled {
                "/medewerker/herstelcodes"
            } else {
                "/medewerker"
            };
            super::staff::start(&state, &session, &row, rol, "wachtwoord en code", landing).await
        }
        Ok(None) => Redirect::to(&format!("{PAGE}?fout=code")).into_response(),
        Err(refused) => {
            let _ = session.remove_value(PENDING).await;
            let fout = match refused {
                StartOver::Blocked => "geblokkeerd",
                StartOver::Failed => "storing",
            };
            Redirect::to(&format!("/medewerker/inloggen?fout={fout}")).into_response()
        }
    }
}
