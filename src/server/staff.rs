//! Staff login routes: local accounts (password, then the second factor),
//! the staff OpenID Connect provider, and in demo mode a choice of role.
//! Every login and every refused attempt is in the audit trail.

use crate::{
    auth::{
        oidc::{Callback, OidcError, Pending},
        password::{verify_password, Attempt, Verdict},
        staff::{audit_attempt, demo_account, login, StaffSession, SESSION_KEY},
    },
    model::Rol,
    state::AppState,
    store::staff::{AuditLine, StaffRow},
};
use axum::{
    extract::{Query, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
    Form,
};
use serde::Deserialize;
use serde_json::Value;
use std::net::SocketAddr;
use tower_sessions::Session;

const PENDING: &str = "oidc_staff";
const LOGIN_PAGE: &str = "/medewerker/inloggen";

/// The address a login came from: the peer, or when the peer is a trusted
/// proxy (`INZAGE_TRUSTED_PROXIES`) the address it appended to
/// `X-Forwarded-For`.
pub struct ClientAddress(pub Option<String>);

impl axum::extract::FromRequestParts<AppState> for ClientAddress {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let peer = parts
            .extensions
            .get::<axum::extract::ConnectInfo<SocketAddr>>()
            .map(|info| info.0.ip());
        let forwarded = || {
            parts
                .headers
                .get("x-forwarded-for")
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.rsplit(',').next())
                .map(|v| v.trim().to_owned())
        };
        Ok(ClientAddress(match peer {
            Some(ip) if state.config.trusted_proxies.contains(&ip) => {
                forwarded().or(Some(ip.to_string()))
            }
            Some(ip) => Some(ip.to_string()),
            None => None,
        }))
    }
}

fn to_login(fout: &str) -> Response {
    Redirect::to(&format!("{LOGIN_PAGE}?fout={fout}")).into_response()
}

/// Starts the staff session after a complete login and sends the browser
/// to `landing`.
pub async fn start(
    state: &AppState,
    session: &Session,
    row: &StaffRow,
    rol: Rol,
    how: &str,
    landing: &str,
) -> Response {
    // The audit line first: a login the trail does not show does not happen.
    let line = AuditLine {
        medewerker: &format!("{} ({})", row.weergavenaam, rol.as_str()),
        account: Some(&row.id),
        rol: rol.as_str(),
        actie: "inloggen",
        onderwerp: None,
        details: Some(how),
    };
    if let Err(e) = state.db.audit(&line).await {
        tracing::error!("could not write the audit trail: {e}");
        return to_login("storing");
    }
    if let Err(e) = login(session, row, rol).await {
        tracing::error!("could not start a staff session: {e}");
        return to_login("storing");
    }
    Redirect::to(landing).into_response()
}

#[derive(Deserialize)]
pub struct PasswordLogin {
    naam: String,
    wachtwoord: String,
}

/// `POST /medewerker/inloggen`: a local account. The attempt is counted
/// before the password is checked (`auth::password::Attempt`).
pub async fn password_login(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    session: Session,
    Form(form): Form<PasswordLogin>,
) -> Response {
    let naam: String = form.naam.trim().chars().take(100).collect();
    let counted = async {
        let attempt = Attempt::count(&state.db, &naam, address.as_deref()).await?;
        let row = state.db.staff_by_name(&naam).await?;
        Ok::<_, crate::store::StoreError>((attempt, row))
    };
    let (attempt, row) = match counted.await {
        Ok(counted) => counted,
        Err(e) => {
            tracing::error!("staff login: {e}");
            return to_login("storing");
        }
    };
    // Only names of real accounts go into the audit trail: a mistyped name
    // could be anything, a BSN included.
    let who = row
        .as_ref()
        .map_or_else(|| "(onbekende naam)".to_owned(), |r| r.naam.clone());
    let account = row.as_ref().map(|r| r.id.clone());
    if let Verdict::Blocked { first } = attempt.verdict() {
        if first {
            let why = Some("te veel pogingen");
            audit_attempt(
                &state.db,
                &who,
                account.as_deref(),
                "inloggen geweigerd",
                why,
            )
            .await;
        }
        return to_login("geblokkeerd");
    }
    // Counted first, so a flood that gets 429 here still counts.
    let Ok(permit) = state.password_checks.clone().try_acquire_owned() else {
        return too_busy();
    };
    let row = row.filter(|r| r.actief);
    let hash = row.as_ref().and_then(|r| r.wachtwoord_hash.clone());
    let rol = row.as_ref().and_then(|r| Rol::parse(&r.rol));
    let verified = verify_password(form.wachtwoord, hash).await;
    drop(permit);
    match (verified, row, rol) {
        (true, Some(row), Some(rol)) => {
            attempt.succeeded(&state.db).await;
            if state.config.staff_require_2fa {
                crate::auth::second_factor::begin(&session, &row).await
            } else {
                start(&state, &session, &row, rol, "wachtwoord", "/medewerker").await
            }
        }
        _ => {
            audit_attempt(
                &state.db,
                &who,
                account.as_deref(),
                "inloggen mislukt",
                None,
            )
            .await;
            to_login("onjuist")
        }
    }
}

/// 429: more password checks at once than
/// [`PASSWORD_CHECKS`](crate::auth::password::PASSWORD_CHECKS).
fn too_busy() -> Response {
    (
        StatusCode::TOO_MANY_REQUESTS,
        [
            (axum::http::header::RETRY_AFTER, "5"),
            (
                axum::http::header::CONTENT_TYPE,
                "text/plain; charset=utf-8",
            ),
        ],
        "Er wordt nu te vaak tegelijk ingelogd. Probeer het over een paar seconden opnieuw. \
         Too many logins at once; please try again in a few seconds.",
    )
        .into_response()
}

#[derive(Deserialize)]
pub struct DemoStaffLogin {
    rol: String,
}

/// `POST /medewerker/demo-login`: logs in with a demo role.
pub async fn demo_login(
    State(state): State<AppState>,
    session: Session,
    Form(form): Form<DemoStaffLogin>,
) -> Response {
    if !state.config.demo {
        return StatusCode::NOT_FOUND.into_response();
    }
    let Some(rol) = Rol::parse(&form.rol) else {
        return to_login("onjuist");
    };
    let row = demo_account(rol);
    if let Ok(None) = state.db.staff_by_name(&row.naam).await {
        if let Err(e) = state.db.add_staff(&row).await {
            tracing::warn!("demo staff account: {e}");
        }
    }
    start(&state, &session, &row, rol, "demo", "/medewerker").await
}

/// `GET /medewerker/oidc`: to the staff identity provider.
pub async fn oidc_login(State(state): State<AppState>, session: Session) -> Response {
    let Some(oidc) = state.staff_oidc.as_deref() else {
        return StatusCode::NOT_FOUND.into_response();
    };
    match oidc.start().await {
        Ok((url, pending)) => match session.insert(PENDING, pending).await {
            Ok(()) => Redirect::to(&url).into_response(),
            Err(e) => {
                tracing::error!("could not keep the pending staff login: {e}");
                to_login("storing")
            }
        },
        Err(e) => {
            tracing::error!("staff login could not start: {e}");
            to_login(e.reason())
        }
    }
}

/// `GET /medewerker/callback`: back from the staff identity provider. The
/// role comes from the configured claim (a string or a list; the first
/// known role counts); an account is created on first login and a disabled
/// account stays out.
pub async fn oidc_callback(
    State(state): State<AppState>,
    session: Session,
    Query(callback): Query<Callback>,
) -> Response {
    let Some(oidc) = state.staff_oidc.as_deref() else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let pending = session.remove::<Pending>(PENDING).await.ok().flatten();
    let claims = match oidc.finish(pending, callback).await {
        Ok(claims) => claims,
        Err(e) => {
            tracing::warn!(reason = e.reason(), "staff login failed: {e}");
            return to_login(e.reason());
        }
    };
    let rol = match claims.get(oidc.claim()) {
        Some(Value::String(s)) => Rol::parse(s),
        Some(Value::Array(list)) => list.iter().filter_map(Value::as_str).find_map(Rol::parse),
        _ => None,
    };
    let (Some(rol), Some(sub)) = (rol, claims.get("sub").and_then(Value::as_str)) else {
        tracing::warn!(
            "staff login failed: {}",
            OidcError::Invalid("no sub or known role".into())
        );
        return to_login("geen_rol");
    };
    let naam = format!("oidc:{sub}");
    let row = match state.db.staff_by_name(&naam).await {
        Ok(Some(row)) if !row.actief => return to_login("onjuist"),
        Ok(Some(row)) => row,
        Ok(None) => {
            let row = StaffRow {
                id: uuid::Uuid::new_v4().to_string(),
                weergavenaam: claims
                    .get("name")
                    .and_then(Value::as_str)
                    .unwrap_or(sub)
                    .chars()
                    .take(100)
                    .collect(),
                naam,
                rol: rol.as_str().into(),
                wachtwoord_hash: None,
                actief: true,
                aangemaakt: chrono::Utc::now().timestamp_micros(),
            };
            if let Err(e) = state.db.add_staff(&row).await {
                tracing::error!("staff account: {e}");
                return to_login("storing");
            }
            row
        }
        Err(e) => {
            tracing::error!("staff login: {e}");
            return to_login("storing");
        }
    };
    start(&state, &session, &row, rol, "oidc", "/medewerker").await
}

/// `POST /medewerker/uitloggen`.
pub async fn logout(State(state): State<AppState>, session: Session) -> Redirect {
    if let Some(me) = session
        .get::<StaffSession>(SESSION_KEY)
        .await
        .ok()
        .flatten()
    {
        if let Err(e) = me.audit(&state.db, "uitloggen", None, None).await {
            // Logging out still happens: keeping the session would be worse.
            tracing::error!("could not write the audit trail: {e}");
        }
    }
    let _ = session.flush().await;
    Redirect::to(LOGIN_PAGE)
}
