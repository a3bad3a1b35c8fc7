//! Domain layer of the ingest API: "parse, don't validate".
//!
//! Everything that enters through HTTP, the CLI import or a login is turned into
//! these types first; code further in (store, queries, pages) can then trust
//! them. No database, no HTTP, no I/O here.

mod acr;
mod actie;
mod audit_note;
mod bsn;
mod duration;
mod fields;
mod invalid;
mod oin;
#[cfg(test)]
mod properties;
mod timestamp;
mod vertrouwelijkheid;

pub use acr::Acr;
pub use actie::{NewActie, NewObject, PatchBody};
pub use audit_note::{AuditNote, AuditNoteError};
pub use bsn::{may_hold_bsn, Bsn, BsnError};
pub use duration::{DurationError, IsoDuration, Part, Unit};
pub use fields::MAX_INVALID_PARAMS;
pub use invalid::{InvalidParam, NON_FIELD_ERRORS};
pub use oin::{Oin, OinError};
pub use timestamp::{Tijdstip, TijdstipError};
pub use vertrouwelijkheid::{Objecttype, UnknownChoice, Vertrouwelijkheid};
