//! The staff member's session: who is logged in, in which role, until the
//! idle and absolute limits pass or the account is disabled; and the one
//! way staff actions reach the audit trail.

use crate::{
    config::SessionLimits,
    model::Rol,
    store::{
        staff::{AuditLine, StaffRow},
        Db, StoreError,
    },
};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use tower_sessions::Session;

/// Where the staff member's part of the session is kept.
pub const SESSION_KEY: &str = "staff";

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
        db: &Db,
        actie: &str,
        onderwerp: Option<&str>,
        details: Option<&str>,
    ) -> Result<(), StoreError> {
        db.audit(&AuditLine {
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
            SESSION_KEY,
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
pub async fn current(session: &Session, db: &Db, limits: SessionLimits) -> Option<StaffSession> {
    let mut me = session
        .get::<StaffSession>(SESSION_KEY)
        .await
        .ok()
        .flatten()?;
    let now = chrono::Utc::now().timestamp();
    let idle = limits.idle.num_seconds();
    let max = limits.max.num_seconds();
    let account = match db.staff_by_name(&me.naam).await {
        Ok(account) => account.filter(|a| a.actief && a.id == me.id),
        Err(e) => {
            tracing::error!("staff session: {e}");
            return None;
        }
    };
    let Some(account) = account else {
        let _ = session.remove_value(SESSION_KEY).await;
        return None;
    };
    if now - me.last_seen > idle || now - me.login_at > max {
        let _ = session.remove_value(SESSION_KEY).await;
        return None;
    }
    // Local accounts carry their role; an identity provider's claim counted
    // at login (its accounts keep the role they were created with).
    if account.wachtwoord_hash.is_some() {
        me.rol = Rol::parse(&account.rol)?;
    }
    me.last_seen = now;
    session.insert(SESSION_KEY, &me).await.ok()?;
    Some(me)
}

/// Saves a changed staff session (its look-ups).
pub async fn save(
    session: &Session,
    me: &StaffSession,
) -> Result<(), tower_sessions::session::Error> {
    session.insert(SESSION_KEY, me).await
}

/// An audit line about a login attempt (no session yet). A failure is
/// logged; the attempt is refused anyway.
pub async fn audit_attempt(
    db: &Db,
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
    if let Err(e) = db.audit(&line).await {
        tracing::error!("could not write the audit trail: {e}");
    }
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
