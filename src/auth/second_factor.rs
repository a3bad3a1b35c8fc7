//! The second factor of local staff accounts: after the password, a code
//! from an authenticator app (TOTP, RFC 6238) or a recovery code; the first
//! time, enrolment with a QR code and ten recovery codes shown once.
//! Required outside demo mode unless `INZAGE_STAFF_REQUIRE_2FA=0`; accounts
//! of the staff identity provider rely on the provider's own. Until an
//! account has enrolled, its password is all it takes to enrol, so give a
//! new account its password in person.

use super::{password, staff};
use crate::{
    crypto::{totp, Keys},
    model::{Rol, SecondStep},
    store::{staff::StaffRow, Db},
};
use axum::response::{IntoResponse, Redirect, Response};
use serde::{Deserialize, Serialize};
use tower_sessions::Session;

/// The session key of a login between its password and its code.
pub const PENDING: &str = "staff_second_factor";
/// The session key of recovery codes not yet shown.
const RECOVERY: &str = "staff_recovery_codes";
/// The page of the second step.
pub const PAGE: &str = "/medewerker/tweede-stap";
/// How long the second step may take after the password.
const PENDING_SECONDS: i64 = 5 * 60;

/// A login whose password was right, waiting for its code.
#[derive(Debug, Serialize, Deserialize)]
pub struct Pending {
    account: String,
    naam: String,
    at: i64,
    /// During enrolment: the new secret, sealed under the account id, until
    /// a code from the app confirms it.
    enrolling: Option<Vec<u8>>,
}

/// The password was right: the second step starts, in a new session id.
pub async fn begin(session: &Session, row: &StaffRow) -> Response {
    let pending = Pending {
        account: row.id.clone(),
        naam: row.naam.clone(),
        at: chrono::Utc::now().timestamp(),
        enrolling: None,
    };
    let started = async {
        session.cycle_id().await?;
        session.insert(PENDING, pending).await
    };
    match started.await {
        Ok(()) => Redirect::to(PAGE).into_response(),
        Err(e) => {
            tracing::error!("could not keep the second step: {e}");
            Redirect::to("/medewerker/inloggen?fout=storing").into_response()
        }
    }
}

pub async fn pending(session: &Session) -> Option<Pending> {
    let pending = session.get::<Pending>(PENDING).await.ok().flatten()?;
    (chrono::Utc::now().timestamp() - pending.at <= PENDING_SECONDS).then_some(pending)
}

/// What the second-step page shows: a code field, or the enrolment with a
/// new secret (kept, sealed, in the session until a code confirms it).
/// `None` when no login waits for its second step.
pub async fn step(session: &Session, db: &Db, keys: &Keys) -> Option<SecondStep> {
    let mut pending = pending(session).await?;
    match db.totp_of(&pending.account).await {
        Ok(Some(_)) => return Some(SecondStep::Code),
        Ok(None) => {}
        Err(e) => {
            tracing::error!("second step: {e}");
            return None;
        }
    }
    let secret = match pending.enrolling.as_ref().and_then(|sealed| {
        keys.encryption
            .open(sealed, pending.account.as_bytes())
            .ok()
    }) {
        Some(secret) => secret,
        None => {
            let secret = totp::new_secret().to_vec();
            pending.enrolling = Some(keys.encryption.seal(&secret, pending.account.as_bytes()));
            session.insert(PENDING, &pending).await.ok()?;
            secret
        }
    };
    let uri = totp::otpauth_uri("Inzage", &pending.naam, &secret);
    let grouped = totp::base32(&secret)
        .as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join(" ");
    Some(SecondStep::Enrol {
        qr_svg: totp::qr_svg(&uri)?,
        secret: grouped,
    })
}

/// Why the login starts over: too many wrong codes, or something failed.
pub enum StartOver {
    Blocked,
    Failed,
}

impl<E: std::fmt::Display> From<E> for StartOver {
    fn from(e: E) -> Self {
        tracing::error!("second step: {e}");
        StartOver::Failed
    }
}

/// The account and role when the code is right (and whether this was the
/// enrolment); `None` when it is wrong.
pub async fn check(
    db: &Db,
    keys: &Keys,
    session: &Session,
    pending: &Pending,
    code: &str,
) -> Result<Option<(StaffRow, Rol, bool)>, StartOver> {
    let now = chrono::Utc::now().timestamp();
    let key = format!("code:{}", pending.account);
    let attempts = db
        .count_login_attempt(&key, now, now - password::WINDOW_SECONDS)
        .await?;
    if attempts > password::MAX_FAILURES {
        return Err(StartOver::Blocked);
    }
    let row = db
        .staff_by_name(&pending.naam)
        .await?
        .filter(|r| r.actief && r.id == pending.account);
    let Some((row, rol)) = row.and_then(|r| Rol::parse(&r.rol).map(|rol| (r, rol))) else {
        return Err(StartOver::Blocked);
    };
    let account = pending.account.as_bytes();
    let right = match db.totp_of(&pending.account).await? {
        Some(sealed) => {
            let secret = keys.encryption.open(&sealed, account)?;
            let by_app = match totp::verify(&secret, code, now) {
                Some(step) => db.claim_totp_step(&pending.account, step).await?,
                None => false,
            };
            let by_recovery = !by_app
                && code.len() >= 12
                && db
                    .use_recovery_code(&pending.account, &totp::recovery_hash(code))
                    .await?;
            (by_app || by_recovery).then_some(false)
        }
        None => {
            let sealed = pending.enrolling.as_ref().ok_or(StartOver::Failed)?;
            let secret = keys.encryption.open(sealed, account)?;
            match totp::verify(&secret, code, now) {
                Some(step) => {
                    let codes = totp::recovery_codes();
                    let hashes: Vec<[u8; 32]> =
                        codes.iter().map(|c| totp::recovery_hash(c)).collect();
                    if !db
                        .enrol_second_factor(&pending.account, sealed, step, &hashes)
                        .await?
                    {
                        return Err(StartOver::Failed);
                    }
                    // Sealed: the session row is in the database too.
                    let shown = keys.encryption.seal(codes.join(" ").as_bytes(), account);
                    session.insert(RECOVERY, shown).await?;
                    Some(true)
                }
                None => None,
            }
        }
    };
    match right {
        Some(enrolled) => {
            let _ = db.reset_login_attempts(&key).await;
            Ok(Some((row, rol, enrolled)))
        }
        None => {
            staff::audit_attempt(db, &row.naam, Some(&row.id), "tweede stap mislukt", None).await;
            Ok(None)
        }
    }
}

/// The recovery codes of `account`'s enrolment that just happened, once:
/// they are taken out of the session as they are read.
pub async fn take_recovery_codes(session: &Session, keys: &Keys, account: &str) -> Vec<String> {
    let sealed = session.remove::<Vec<u8>>(RECOVERY).await.ok().flatten();
    sealed
        .and_then(|sealed| keys.encryption.open(&sealed, account.as_bytes()).ok())
        .map(|codes| {
            String::from_utf8_lossy(&codes)
                .split(' ')
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default()
}
