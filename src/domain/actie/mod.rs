//! The bodies of `POST`/`PUT /verwerkingsacties` (`VerwerkingsactieUitgebreidBasis`)
//! and `PATCH /verwerkingsacties?verwerkingId=` (`PatchRequestBody`), parsed into
//! validated types.
//!
//! Parsing works on a `serde_json::Value` rather than a derived `Deserialize` so
//! that one request yields *every* problem with its JSON path, null counts as
//! absent, unknown fields are ignored (schemathesis sends extra keys; the OAS
//! allows them) and read-only fields a client echoes back (`url`, `actieId`,
//! `tijdstipRegistratie`, `verwerktObjectId`) are simply not read.
//!
//! These types deliberately do not implement `Serialize`, and their `Debug`
//! hides object ids: a BSN must not reach a log line by accident.

use std::fmt;

use uuid::Uuid;

use super::bsn::Bsn;
use super::duration::IsoDuration;
use super::invalid::{InvalidParam, NON_FIELD_ERRORS};
use super::oin::Oin;
use super::timestamp::Tijdstip;
use super::vertrouwelijkheid::{Objecttype, Vertrouwelijkheid};

mod parse;
mod patch;
#[cfg(test)]
mod tests;

pub use patch::PatchBody;

/// The value of `soortObjectId` / `soortAfnemerId` that means "a BSN follows".
const SOORT_BSN: &str = "BSN";

/// `BSN` in any spelling a source system may send (`bsn`, `BSN `).
fn is_bsn_kind(soort: &str) -> bool {
    soort.trim().eq_ignore_ascii_case(SOORT_BSN)
}

/// The kinds of recipient identifier that name an organisation, and so may
/// be kept and shown as they are. Any other kind may be a person's.
const ORGANISATION_KINDS: [&str; 3] = ["OIN", "RSIN", "KvK"];

fn is_organisation_kind(soort: &str) -> bool {
    ORGANISATION_KINDS
        .iter()
        .any(|kind| soort.trim().eq_ignore_ascii_case(kind))
}

/// A validated verwerkingsactie as a client submitted it (docs/architecture.md#verwerkingsactie).
/// Fields the log sets itself (`actieId`, `url`, `tijdstipRegistratie`) are not here.
#[derive(Clone, PartialEq, Eq)]
pub struct NewActie {
    pub actie_naam: Option<String>,
    pub handeling_naam: Option<String>,
    pub verwerking_naam: Option<String>,
    pub verwerking_id: Option<Uuid>,
    pub verwerkingsactiviteit_id: Option<Uuid>,
    pub verwerkingsactiviteit_url: Option<String>,
    /// `normaal` when the client left it out (OAS default).
    pub vertrouwelijkheid: Vertrouwelijkheid,
    pub bewaartermijn: Option<IsoDuration>,
    pub uitvoerder: Option<Oin>,
    pub systeem: Option<String>,
    pub gebruiker: Option<String>,
    pub gegevensbron: Option<String>,
    pub soort_afnemer_id: Option<String>,
    /// An OIN, or a BSN (then canonical 9 digits) when `soort_afnemer_id` is
    /// `BSN`; see [`NewActie::afnemer_bsn`].
    pub afnemer_id: Option<String>,
    pub verwerkingsactiviteit_id_afnemer: Option<Uuid>,
    pub verwerkingsactiviteit_url_afnemer: Option<String>,
    pub verwerking_id_afnemer: Option<Uuid>,
    pub tijdstip: Tijdstip,
    pub verwerkte_objecten: Vec<NewObject>,
}

/// One person (or object) in an action (`VerwerktObjectBasis`).
#[derive(Clone, PartialEq, Eq)]
pub struct NewObject {
    pub objecttype: Objecttype,
    pub soort_object_id: String,
    /// When `soort_object_id` is `BSN` (any case): a BSN that passed the
    /// 11-proef, as 9 digits. Otherwise the identifier as sent.
    pub object_id: String,
    pub betrokkenheid: Option<String>,
    /// The `soortGegeven` of each `verwerkteSoortenGegevens` item, in order.
    pub soorten_gegevens: Vec<String>,
}

impl NewActie {
    /// An action with only the required parts; for actions the portal logs
    /// itself (every view of the log is logged too).
    pub fn new(tijdstip: Tijdstip, verwerkte_objecten: Vec<NewObject>) -> Self {
        NewActie {
            actie_naam: None,
            handeling_naam: None,
            verwerking_naam: None,
            verwerking_id: None,
            verwerkingsactiviteit_id: None,
            verwerkingsactiviteit_url: None,
            vertrouwelijkheid: Vertrouwelijkheid::Normaal,
            bewaartermijn: None,
            uitvoerder: None,
            systeem: None,
            gebruiker: None,
            gegevensbron: None,
            soort_afnemer_id: None,
            afnemer_id: None,
            verwerkingsactiviteit_id_afnemer: None,
            verwerkingsactiviteit_url_afnemer: None,
            verwerking_id_afnemer: None,
            tijdstip,
            verwerkte_objecten,
        }
    }

    /// Whether `afnemer_id` holds a BSN (a person received the data, e.g. at
    /// the counter): then it must be pseudonymised like an object id.
    pub fn afnemer_is_bsn(&self) -> bool {
        self.soort_afnemer_id.as_deref().is_some_and(is_bsn_kind)
    }

    /// Whether the recipient is an organisation (OIN, RSIN, KvK), whose
    /// identifier may be stored readable. Every other recipient, also one
    /// of an unknown kind, is sealed.
    pub fn afnemer_is_organisation(&self) -> bool {
        self.soort_afnemer_id
            .as_deref()
            .is_some_and(is_organisation_kind)
    }

    /// The recipient's BSN, when the recipient is a person.
    pub fn afnemer_bsn(&self) -> Option<Bsn> {
        if !self.afnemer_is_bsn() {
            return None;
        }
        self.afnemer_id.as_deref()?.parse().ok()
    }
}

impl NewObject {
    /// A person identified by BSN, with no role or data categories yet.
    pub fn for_bsn(bsn: &Bsn) -> Self {
        NewObject {
            objecttype: Objecttype::Persoon,
            soort_object_id: SOORT_BSN.to_owned(),
            object_id: bsn.as_str().to_owned(),
            betrokkenheid: None,
            soorten_gegevens: Vec::new(),
        }
    }

    pub fn is_bsn(&self) -> bool {
        is_bsn_kind(&self.soort_object_id)
    }

    /// The BSN, when this object is identified by one.
    pub fn bsn(&self) -> Option<Bsn> {
        if !self.is_bsn() {
            return None;
        }
        self.object_id.parse().ok()
    }
}

fn not_an_object() -> Vec<InvalidParam> {
    vec![InvalidParam::new(
        NON_FIELD_ERRORS,
        "invalid",
        "De body moet een JSON-object zijn.",
    )]
}

impl fmt::Debug for NewObject {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NewObject")
            .field("objecttype", &self.objecttype)
            .field("soort_object_id", &self.soort_object_id)
            .field("object_id", &"***")
            .field("betrokkenheid", &self.betrokkenheid)
            .field("soorten_gegevens", &self.soorten_gegevens)
            .finish()
    }
}

impl fmt::Debug for NewActie {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // An afnemer that is a person is identified by BSN: hide it.
        let afnemer: &dyn fmt::Debug = match (&self.afnemer_id, self.afnemer_is_bsn()) {
            (Some(_), true) => &"***",
            _ => &self.afnemer_id,
        };
        f.debug_struct("NewActie")
            .field("actie_naam", &self.actie_naam)
            .field("handeling_naam", &self.handeling_naam)
            .field("verwerking_naam", &self.verwerking_naam)
            .field("verwerking_id", &self.verwerking_id)
            .field("verwerkingsactiviteit_id", &self.verwerkingsactiviteit_id)
            .field("verwerkingsactiviteit_url", &self.verwerkingsactiviteit_url)
            .field("vertrouwelijkheid", &self.vertrouwelijkheid)
            .field("bewaartermijn", &self.bewaartermijn)
            .field("uitvoerder", &self.uitvoerder)
            .field("systeem", &self.systeem)
            .field("gebruiker", &self.gebruiker)
            .field("gegevensbron", &self.gegevensbron)
            .field("soort_afnemer_id", &self.soort_afnemer_id)
            .field("afnemer_id", afnemer)
            .field(
                "verwerkingsactiviteit_id_afnemer",
                &self.verwerkingsactiviteit_id_afnemer,
            )
            .field(
                "verwerkingsactiviteit_url_afnemer",
                &self.verwerkingsactiviteit_url_afnemer,
            )
            .field("verwerking_id_afnemer", &self.verwerking_id_afnemer)
            .field("tijdstip", &self.tijdstip)
            .field("verwerkte_objecten", &self.verwerkte_objecten)
            .finish()
    }
}
