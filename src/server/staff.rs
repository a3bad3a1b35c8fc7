//! Staff login and sessions: local accounts (argon2, hashed off the async
//! runtime, a bounded number at a time), the staff OpenID Connect provider,
//! and in demo mode a choice of role. Sessions end after the idle and
//! absolute limits, and at once when the account is disabled; attempts are
//! counted per account name and per client address in the database; every
//! login is in the audit trail.

use super::{
    oidc::{Callback, OidcError, Pending},
    AppState,
};
use crate::{
    model::Rol,
    store::staff::{AuditLine, StaffRow},
};
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
use std::{collections::HashMap, net::SocketAddr, sync::Arc};
use tokio::sync::Semaphore;
use tower_sessions::Session;

/// Where the staff member's part of the session is kept.
pub const SESSION_KEY: &str = "staff";
const KEY: &str = SESSION_KEY;
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

    /// Writes one line of the audit trail for this member of staff. Callers
    /// write it before they act and stop when it fails: nothing happens
    /// that the trail does not show.
    pub async fn audit(
        &self,
        state: &AppState,
        actie: &str,
        onderwerp: Option<&str>,
        details: Option<&str>,
    ) -> Result<(), crate::store::StoreError> {
        state
            .db
            .audit(&AuditLine {
                medewerker: &self.label(),
                account: Some(&self.id),
                rol: self.rol.as_str(),
                actie,
                onderwerp,
                details,
            })
            .await
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
    // One person per browser: a resident login in it ends here.
    super::resident::forget(session).await?;
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
/// and absolute limits and the account is still active; otherwise the staff
/// session is ended here. The account is read on every request, so a
/// disabled account or a changed role counts at once.
pub async fn current(session: &Session, state: &AppState) -> Option<StaffSession> {
    let mut me = session.get::<StaffSession>(KEY).await.ok().flatten()?;
    let now = chrono::Utc::now().timestamp();
    let idle = state.config.staff_idle.num_seconds();
    let max = state.config.staff_max.num_seconds();
    let account = match state.db.staff_by_name(&me.naam).await {
        Ok(account) => account.filter(|a| a.actief && a.id == me.id),
        Err(e) => {
            tracing::error!("staff session: {e}");
            return None;
        }
    };
    let Some(account) = account else {
        let _ = session.remove_value(KEY).await;
        return None;
    };
    if now - me.last_seen > idle || now - me.login_at > max {
        let _ = session.remove_value(KEY).await;
        return None;
    }
    // Local accounts carry their role; an identity provider's claim counted
    // at login (its accounts keep the role they were created with).
    if account.wachtwoord_hash.is_some() {
        me.rol = Rol::parse(&account.rol)?;
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

/// Failed attempts per account name before that name is refused for the
/// rest of the window, and attempts per client address (failures only: a
/// success takes its count back).
pub(super) const MAX_FAILURES: i64 = 5;
const MAX_PER_ADDRESS: i64 = 50;
pub(super) const WINDOW_SECONDS: i64 = 15 * 60;

/// Password checks (argon2, ~19 MiB each) that may run at once; more get
/// 429. Bounds the memory and CPU a flood of logins can take.
pub const PASSWORD_CHECKS: usize = 4;

/// The semaphore for [`PASSWORD_CHECKS`].
pub fn password_checks() -> Arc<Semaphore> {
    Arc::new(Semaphore::new(PASSWORD_CHECKS))
}

/// The key an attempt is counted under: a hash, never the typed name.
fn attempt_key(kind: &str, value: &str) -> String {
    use sha2::{Digest, Sha256};
    let hash = Sha256::new()
        .chain_update(kind.as_bytes())
        .chain_update([0])
        .chain_update(value.trim().to_lowercase().as_bytes())
        .finalize();
    format!("{kind}:{}", hex::encode(&hash[..16]))
}

/// Forgets attempt counts whose window has passed.
pub async fn forget_old_attempts(db: &crate::store::Db) -> Result<(), crate::store::StoreError> {
    let window_start = chrono::Utc::now().timestamp() - WINDOW_SECONDS;
    db.forget_login_attempts(window_start).await
}

/// The address a login came from: the peer, or behind a proxy on loopback
/// the address that proxy appended to `X-Forwarded-For`.
pub struct ClientAddress(pub Option<String>);

impl<S: Send + Sync> axum::extract::FromRequestParts<S> for ClientAddress {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        _: &S,
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
            Some(ip) if ip.is_loopback() => forwarded().or(Some(ip.to_string())),
            Some(ip) => Some(ip.to_string()),
            None => None,
        }))
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

/// Starts the staff session after a complete login and sends the browser
/// to `landing`.
pub(super) async fn start(
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

/// An audit line about a login attempt (no session yet). A failure is
/// logged; the attempt is refused anyway.
pub(super) async fn audit_attempt(
    state: &AppState,
    who: &str,
    account: Option<&str>,
    actie: &str,
    why: Option<&str>,
) {
    let line = AuditLine {
        medewerker: who,
        account,
        rol: Rol::Clerk.as_str(),
        actie,
        onderwerp: None,
        details: why,
    };
    if let Err(e) = state.db.audit(&line).await {
        tracing::error!("could not write the audit trail: {e}");
    }
}

#[derive(Deserialize)]
pub struct PasswordLogin {
    naam: String,
    wachtwoord: String,
}

/// `POST /medewerker/inloggen`: a local account. Each attempt is counted
/// before the password is checked, in one statement per key, so guesses
/// sent in parallel cannot slip past the limit.
pub async fn password_login(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    session: Session,
    Form(form): Form<PasswordLogin>,
) -> Response {
    let naam: String = form.naam.trim().chars().take(100).collect();
    let now = chrono::Utc::now().timestamp();
    let window_start = now - WINDOW_SECONDS;
    let name_key = attempt_key("naam", &naam);
    let address_key = address.as_deref().map(|a| attempt_key("adres", a));
    let counted = async {
        let by_name = state
            .db
            .count_login_attempt(&name_key, now, window_start)
            .await?;
        let by_address = match &address_key {
            Some(key) => state.db.count_login_attempt(key, now, window_start).await?,
            None => 0,
        };
        let row = state.db.staff_by_name(&naam).await?;
        Ok::<_, crate::store::StoreError>((by_name, by_address, row))
    };
    let (by_name, by_address, row) = match counted.await {
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
    if by_name > MAX_FAILURES || by_address > MAX_PER_ADDRESS {
        // One line when the block starts, not one per refused attempt.
        if by_name == MAX_FAILURES + 1 || by_address == MAX_PER_ADDRESS + 1 {
            let why = Some("te veel pogingen");
            audit_attempt(&state, &who, account.as_deref(), "inloggen geweigerd", why).await;
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
            let reset = async {
                state.db.reset_login_attempts(&name_key).await?;
                if let Some(key) = &address_key {
                    state.db.uncount_login_attempt(key).await?;
                }
                Ok::<_, crate::store::StoreError>(())
            };
            if let Err(e) = reset.await {
                tracing::warn!("could not reset the login count: {e}");
            }
            if state.config.staff_require_2fa {
                super::second_factor::begin(&session, &row).await
            } else {
                start(&state, &session, &row, rol, "wachtwoord", "/medewerker").await
            }
        }
        _ => {
            audit_attempt(&state, &who, account.as_deref(), "inloggen mislukt", None).await;
            to_login("onjuist")
        }
    }
}

/// 429: more password checks at once than [`PASSWORD_CHECKS`].
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
    if let Some(me) = session.get::<StaffSession>(KEY).await.ok().flatten() {
        if let Err(e) = me.audit(&state, "uitloggen", None, None).await {
            // Logging out still happens: keeping the session would be worse.
            tracing::error!("could not write the audit trail: {e}");
        }
    }
    let _ = session.flush().await;
    Redirect::to(LOGIN_PAGE)
}
