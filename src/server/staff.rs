//! Staff login and sessions: local accounts (argon2, hashed off the async
//! runtime), the staff OpenID Connect provider, and in demo mode a choice of
//! role. Sessions end after the idle and absolute limits; failed logins are
//! rate-limited per account name; every login is in the audit trail.

use super::{
    oidc::{Callback, OidcError, Pending},
    AppState,
};
use crate::{model::Rol, store::staff::StaffRow};
use argon2::{
    password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString},
    Argon2,
};
use axum::{
    extract::{Query, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
    Form,
};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::{
    collections::HashMap,
    sync::Mutex,
    time::{Duration, Instant},
};
use tower_sessions::Session;

const KEY: &str = "staff";
const PENDING: &str = "oidc_staff";
const LOGIN_PAGE: &str = "/medewerker/inloggen";

/// A logged-in member of staff, kept in the session.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct StaffSession {
    pub id: String,
    pub naam: String,
    pub weergavenaam: String,
    pub rol: Rol,
    login_at: i64,
    last_seen: i64,
    /// Residents this member of staff looked up: look-up id → (pseudonym
    /// hex, sealed BSN). Keeps the BSN out of URLs.
    #[serde(default)]
    pub lookups: HashMap<String, (String, Vec<u8>)>,
}

impl StaffSession {
    /// "Naam (rol)", as the audit trail and request history show it.
    pub fn label(&self) -> String {
        format!("{} ({})", self.weergavenaam, self.rol.as_str())
    }
}

/// Starts a staff session with a fresh session id.
pub async fn login(
    session: &Session,
    row: &StaffRow,
    rol: Rol,
) -> Result<(), tower_sessions::session::Error> {
    let now = chrono::Utc::now().timestamp();
    session.cycle_id().await?;
    session
        .insert(
            KEY,
            StaffSession {
                id: row.id.clone(),
                naam: row.naam.clone(),
                weergavenaam: row.weergavenaam.clone(),
                rol,
                login_at: now,
                last_seen: now,
                lookups: HashMap::new(),
            },
        )
        .await
}

/// The logged-in member of staff, if the session is still within its idle
/// and absolute limits; an expired staff session is ended here.
pub async fn current(session: &Session, state: &AppState) -> Option<StaffSession> {
    let mut me = session.get::<StaffSession>(KEY).await.ok().flatten()?;
    let now = chrono::Utc::now().timestamp();
    let idle = state.config.staff_idle.num_seconds();
    let max = state.config.staff_max.num_seconds();
    if now - me.last_seen > idle || now - me.login_at > max {
        let _ = session.remove::<StaffSession>(KEY).await;
        return None;
    }
    me.last_seen = now;
    session.insert(KEY, &me).await.ok()?;
    Some(me)
}

/// Saves a changed staff session (its look-ups).
pub async fn save(
    session: &Session,
    me: &StaffSession,
) -> Result<(), tower_sessions::session::Error> {
    session.insert(KEY, me).await
}

/// Failed logins per account name: after `MAX_FAILURES` within `WINDOW`,
/// further attempts are refused until the window has passed.
#[derive(Debug, Default)]
pub struct LoginThrottle(Mutex<HashMap<String, (u32, Instant)>>);

const MAX_FAILURES: u32 = 5;
const WINDOW: Duration = Duration::from_secs(15 * 60);

impl LoginThrottle {
    fn key(naam: &str) -> String {
        naam.trim().to_lowercase()
    }

    pub fn blocked(&self, naam: &str) -> bool {
        let mut map = self.0.lock().unwrap_or_else(|e| e.into_inner());
        match map.get(&Self::key(naam)) {
            Some((n, since)) if since.elapsed() < WINDOW => *n >= MAX_FAILURES,
            Some(_) => {
                map.remove(&Self::key(naam));
                false
            }
            None => false,
        }
    }

    pub fn failed(&self, naam: &str) {
        let mut map = self.0.lock().unwrap_or_else(|e| e.into_inner());
        // Bounded: a flood of made-up names cannot grow this without end.
        if map.len() > 100_000 {
            map.retain(|_, (_, since)| since.elapsed() < WINDOW);
        }
        let entry = map.entry(Self::key(naam)).or_insert((0, Instant::now()));
        if entry.1.elapsed() >= WINDOW {
            *entry = (0, Instant::now());
        }
        entry.0 += 1;
    }

    pub fn succeeded(&self, naam: &str) {
        self.0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(&Self::key(naam));
    }
}

/// An argon2id hash of a new password, computed off the async runtime.
pub async fn hash_password(password: String) -> anyhow::Result<String> {
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| anyhow::anyhow!("hashing failed: {e}"))
    })
    .await?
}

/// Checks a password against a stored hash (or a dummy one, so an unknown
/// name takes as long as a wrong password), off the async runtime.
async fn verify_password(password: String, hash: Option<String>) -> bool {
    // A hash of a random password nobody knows.
    const DUMMY: &str = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$J0mOTr6xMRU5ZFDuiqHHbQlpDWdNYSt0pkgpI1VT9oA";
    let known = hash.is_some();
    tokio::task::spawn_blocking(move || {
        let hash = hash.unwrap_or_else(|| DUMMY.to_owned());
        let ok = PasswordHash::new(&hash)
            .map(|h| {
                Argon2::default()
                    .verify_password(password.as_bytes(), &h)
                    .is_ok()
            })
            .unwrap_or(false);
        ok && known
    })
    .await
    .unwrap_or(false)
}

fn to_login(fout: &str) -> Response {
    Redirect::to(&format!("{LOGIN_PAGE}?fout={fout}")).into_response()
}

async fn start(
    state: &AppState,
    session: &Session,
    row: &StaffRow,
    rol: Rol,
    how: &str,
) -> Response {
    if let Err(e) = login(session, row, rol).await {
        tracing::error!("could not start a staff session: {e}");
        return to_login("storing");
    }
    audit(
        state,
        &format!("{} ({})", row.weergavenaam, rol.as_str()),
        rol,
        "inloggen",
        None,
        Some(how),
    )
    .await;
    Redirect::to("/medewerker").into_response()
}

/// Writes one audit line; a failure is logged, never shown.
pub async fn audit(
    state: &AppState,
    door: &str,
    rol: Rol,
    actie: &str,
    onderwerp: Option<&str>,
    details: Option<&str>,
) {
    if let Err(e) = state
        .db
        .audit(door, rol.as_str(), actie, onderwerp, details)
        .await
    {
        tracing::error!("could not write the audit trail: {e}");
    }
}

#[derive(Deserialize)]
pub struct PasswordLogin {
    naam: String,
    wachtwoord: String,
}

/// `POST /medewerker/inloggen`: a local account.
pub async fn password_login(
    State(state): State<AppState>,
    session: Session,
    Form(form): Form<PasswordLogin>,
) -> Response {
    let naam: String = form.naam.trim().chars().take(100).collect();
    let row = match state.db.staff_by_name(&naam).await {
        Ok(row) => row,
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
    if state.login_throttle.blocked(&naam) {
        let why = Some("te veel pogingen");
        audit(&state, &who, Rol::Clerk, "inloggen geweigerd", None, why).await;
        return to_login("geblokkeerd");
    }
    let row = row.filter(|r| r.actief);
    let hash = row.as_ref().and_then(|r| r.wachtwoord_hash.clone());
    let rol = row.as_ref().and_then(|r| Rol::parse(&r.rol));
    match (verify_password(form.wachtwoord, hash).await, row, rol) {
        (true, Some(row), Some(rol)) => {
            state.login_throttle.succeeded(&naam);
            start(&state, &session, &row, rol, "wachtwoord").await
        }
        _ => {
            state.login_throttle.failed(&naam);
            audit(&state, &who, Rol::Clerk, "inloggen mislukt", None, None).await;
            to_login("onjuist")
        }
    }
}

#[derive(Deserialize)]
pub struct DemoStaffLogin {
    rol: String,
}

/// The demo staff accounts: one per role, no password (demo mode only).
pub fn demo_account(rol: Rol) -> StaffRow {
    let (naam, weergavenaam) = match rol {
        Rol::Clerk => ("demo-klantcontact", "Kim de Klant"),
        Rol::PrivacyOfficer => ("demo-privacy", "Priya Privacy"),
        Rol::Admin => ("demo-beheer", "Bas Beheer"),
    };
    StaffRow {
        id: format!("demo-{}", rol.as_str()),
        naam: naam.into(),
        weergavenaam: weergavenaam.into(),
        rol: rol.as_str().into(),
        wachtwoord_hash: None,
        actief: true,
        aangemaakt: 0,
    }
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
    start(&state, &session, &row, rol, "demo").await
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
    start(&state, &session, &row, rol, "oidc").await
}

/// `POST /medewerker/uitloggen`.
pub async fn logout(State(state): State<AppState>, session: Session) -> Redirect {
    if let Some(me) = session.get::<StaffSession>(KEY).await.ok().flatten() {
        audit(&state, &me.label(), me.rol, "uitloggen", None, None).await;
    }
    let _ = session.flush().await;
    Redirect::to(LOGIN_PAGE)
}
