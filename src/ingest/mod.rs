//! The processing log as a service: the VNG rules (scopes, confidentiality,
//! append-only history, idempotency) between the edges (API, import) and the
//! store. Edges parse; this module decides; the store only stores.

mod bulk_slots;
mod change;
mod create;
mod portal;
mod read;
pub mod scopes;
pub mod seal;
mod writer;

use crate::{
    crypto::{hash_key, Keys},
    domain::{InvalidParam, NewActie, Vertrouwelijkheid},
    store::{log::IdempotencyKey, Db, StoreError},
};
pub use bulk_slots::{BulkSlot, BulkSlots, BULK_PER_CLIENT};
pub use create::{BatchItem, Created, PreparedBatch};
use scopes::{Level, Operation, Scopes};
pub use seal::{ActieView, ObjectView};
use std::sync::Arc;
use uuid::Uuid;

pub use crate::register::VIEW_ACTIVITY_ID;
/// The client id under which the portal logs its own actions.
pub const PORTAL_CLIENT: &str = "inzage-portal";

/// Who is calling: an API client, or the command-line import.
#[derive(Clone, Debug)]
pub struct Caller {
    pub client_id: String,
    pub organisation: String,
    pub scopes: Scopes,
    /// The portal itself (the demo's history of its own actions): it alone
    /// may log the portal's own activities. Never an API client or an import.
    pub portal: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum LogError {
    #[error("invalid request")]
    Invalid(Vec<InvalidParam>),
    #[error("{0}")]
    Forbidden(&'static str),
    #[error("not found")]
    NotFound,
    #[error("this Idempotency-Key was used before for a different request")]
    KeyReused,
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Unreadable(#[from] seal::Unreadable),
}

/// Page of a listing.
#[derive(Clone, Copy, Debug)]
pub struct Page {
    pub offset: i64,
    pub limit: i64,
}

/// What `GET /verwerkingsacties` and `/verwerkte-objecten` search for.
#[derive(Clone, Debug, Default)]
pub struct PersonQuery {
    pub soort_object_id: String,
    pub object_id: String,
    pub from_utc: Option<i64>,
    pub until_utc: Option<i64>,
    pub vertrouwelijkheid: Vec<Vertrouwelijkheid>,
    pub verwerkingsactiviteit_id: Option<String>,
}

#[derive(Clone, Debug)]
pub struct LogService {
    db: Db,
    keys: Arc<Keys>,
    writer: writer::Writer,
}

/// The fingerprint that tells a retry from a different request.
pub fn idempotency_key(key: &str, request: &[u8]) -> IdempotencyKey {
    IdempotencyKey {
        key_hash: hash_key(key.as_bytes()),
        request_hash: hash_key(request),
    }
}

/// A new `actieId` or `verwerktObjectId`. Time-ordered (UUIDv7): a new row
/// goes to the end of the id indexes instead of to a random page of them, so
/// ingest keeps touching the same few pages. Creation time is no secret: the
/// API shows `tijdstipRegistratie` anyway.
pub(crate) fn new_id() -> String {
    Uuid::now_v7().to_string()
}

fn now_micros() -> i64 {
    chrono::Utc::now().timestamp_micros()
}

/// The register activities only the portal itself logs. A client logging
/// one could pass its use of a resident's data off as the resident's own
/// look at their log (which the overview does not count), or as a staff
/// look-up.
fn check_activity(caller: &Caller, actie: &NewActie) -> Result<(), LogError> {
    let own = [VIEW_ACTIVITY_ID, crate::register::LOOKUP_ACTIVITY_ID];
    match actie.verwerkingsactiviteit_id {
        Some(id) if !caller.portal && own.iter().any(|o| Uuid::try_parse(o) == Ok(id)) => {
            Err(LogError::Forbidden(
                "this verwerkingsactiviteitId is the portal's own; only the portal logs it",
            ))
        }
        _ => Ok(()),
    }
}

fn level_needed(v: Vertrouwelijkheid) -> Level {
    match v {
        Vertrouwelijkheid::Normaal => Level::Normal,
        Vertrouwelijkheid::Vertrouwelijk | Vertrouwelijkheid::Opgeheven => Level::Confidential,
    }
}

impl LogService {
    /// Starts the group-commit writer, so call it inside a Tokio runtime.
    pub fn new(db: Db, keys: Arc<Keys>) -> Self {
        LogService {
            writer: writer::Writer::start(db.clone()),
            db,
            keys,
        }
    }

    pub fn keys(&self) -> &Keys {
        &self.keys
    }

    /// The scope rules for logging an action (docs/architecture.md#scopes).
    fn check_create(caller: &Caller, actie: &NewActie) -> Result<(), LogError> {
        check_activity(caller, actie)?;
        match (
            actie.vertrouwelijkheid,
            caller.scopes.level(Operation::Create),
        ) {
            (Vertrouwelijkheid::Opgeheven, _) => Err(LogError::Forbidden(
                "an action cannot be logged as opgeheven; lift confidentiality with PATCH",
            )),
            (_, None) => Err(LogError::Forbidden(
                "this client may not log actions (create scope)",
            )),
            (Vertrouwelijkheid::Vertrouwelijk, Some(Level::Normal)) => Err(LogError::Forbidden(
                "logging a vertrouwelijk action needs the create:confidential scope",
            )),
            _ => Ok(()),
        }
    }

    /// The level the caller holds for an operation, or 403.
    fn level(caller: &Caller, operation: Operation) -> Result<Level, LogError> {
        caller
            .scopes
            .level(operation)
            .ok_or(LogError::Forbidden(match operation {
                Operation::Create => "this client may not log actions (create scope)",
                Operation::Read => "this client may not read the log (read scope)",
                Operation::Update => "this client may not change the log (update scope)",
                Operation::Delete => "this client may not delete from the log (delete scope)",
            }))
    }

    fn read_level(caller: &Caller) -> Result<Level, LogError> {
        Self::level(caller, Operation::Read)
    }

    /// An action without a scope check, for answering a caller that just
    /// wrote it.
    pub async fn get_any(&self, actie_id: &str) -> Result<ActieView, LogError> {
        let version = self
            .db
            .current_version(actie_id)
            .await?
            .ok_or(LogError::NotFound)?;
        Ok(seal::open(&self.keys, version)?)
    }
}
