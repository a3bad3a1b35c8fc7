//! The rows of the log: what goes in (a new version with its persons) and
//! what comes out (stored versions, the resident's rows, summary counts).

use crate::domain::Vertrouwelijkheid;
use sqlx::FromRow;

/// The stored fields of one version, as they go into and come out of
/// `actie_versie`. Identifiers of persons are not here: they only exist
/// pseudonymised and sealed, in [`SealedObject`] and `afnemer_id_sealed`.
#[derive(Clone, Debug, Default, PartialEq, Eq, FromRow)]
pub struct ActieFields {
    pub tijdstip: String,
    pub tijdstip_utc: i64,
    #[sqlx(try_from = "String")]
    pub vertrouwelijkheid: Vertrouwelijkheid,
    pub bewaartermijn: Option<String>,
    pub actie_naam: Option<String>,
    pub handeling_naam: Option<String>,
    pub verwerking_naam: Option<String>,
    pub verwerking_id: Option<String>,
    pub verwerkingsactiviteit_id: Option<String>,
    pub verwerkingsactiviteit_url: Option<String>,
    pub uitvoerder: Option<String>,
    pub systeem: Option<String>,
    pub gebruiker: Option<String>,
    pub gegevensbron: Option<String>,
    pub soort_afnemer_id: Option<String>,
    pub afnemer_id: Option<String>,
    pub afnemer_id_sealed: Option<Vec<u8>>,
    pub verwerkingsactiviteit_id_afnemer: Option<String>,
    pub verwerkingsactiviteit_url_afnemer: Option<String>,
    pub verwerking_id_afnemer: Option<String>,
}

/// One person in one version of an action.
#[derive(Clone, Default, PartialEq, Eq, FromRow)]
pub struct SealedObject {
    pub verwerkt_object_id: String,
    pub pseudonym: Vec<u8>,
    pub objecttype: String,
    pub soort_object_id: String,
    pub object_id_sealed: Vec<u8>,
    pub betrokkenheid: Option<String>,
    /// JSON array of strings.
    pub soorten_gegevens: String,
}

impl std::fmt::Debug for SealedObject {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SealedObject")
            .field("verwerkt_object_id", &self.verwerkt_object_id)
            .field("soort_object_id", &self.soort_object_id)
            .finish_non_exhaustive()
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Wijziging {
    Create,
    Update,
    Patch,
    Delete,
}

impl Wijziging {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Wijziging::Create => "create",
            Wijziging::Update => "update",
            Wijziging::Patch => "patch",
            Wijziging::Delete => "delete",
        }
    }
}

/// A version to append.
#[derive(Debug)]
pub struct NewVersion<'a> {
    pub actie_id: &'a str,
    pub wijziging: Wijziging,
    pub client_id: &'a str,
    pub registratie_utc: i64,
    pub fields: &'a ActieFields,
    pub objects: &'a [SealedObject],
    pub idempotency: Option<IdempotencyKey>,
    /// For a change: the `seq` of the version it replaces. The append fails
    /// with [`StoreError::Conflict`](crate::store::StoreError::Conflict) when that is no longer the newest, so
    /// a change decided on an older version is decided again.
    pub replaces: Option<i64>,
    /// Random bytes the version's leaf in the verifiable log hashes with its
    /// content ([`leaf_salt`]); removed with the content by retention.
    pub leaf_salt: [u8; 32],
}

/// A fresh salt for a leaf of the verifiable log.
pub fn leaf_salt() -> [u8; 32] {
    rand::random()
}

impl NewVersion<'_> {
    /// Whether a resident sees this version while it is current: not a
    /// deletion, and `normaal` or `opgeheven` (never `vertrouwelijk`).
    pub(crate) fn visible_to_resident(&self) -> bool {
        self.wijziging != Wijziging::Delete && self.fields.vertrouwelijkheid.visible_to_resident()
    }

    /// Whether this is the resident looking at their own log through the
    /// portal, which the overview shows apart from the municipality's use.
    /// Only the portal logs that activity (the API refuses it).
    pub(crate) fn is_own_view(&self) -> bool {
        self.fields.verwerkingsactiviteit_id.as_deref() == Some(crate::register::VIEW_ACTIVITY_ID)
    }
}

/// Hashes only: the key a client sent and a fingerprint of its request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IdempotencyKey {
    pub key_hash: [u8; 32],
    pub request_hash: [u8; 32],
}

/// What happened to one version in a batch.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Appended {
    Stored,
    /// The idempotency key was used before for the same request: nothing
    /// was stored, the first answer was this action.
    Replayed {
        actie_id: String,
    },
    /// The idempotency key was used before for a different request.
    KeyReused,
}

/// A stored version with its persons.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredVersion {
    pub seq: i64,
    pub actie_id: String,
    pub registratie_utc: i64,
    pub fields: ActieFields,
    pub objects: Vec<SealedObject>,
}

#[derive(FromRow)]
pub(super) struct VersionRow {
    pub(super) seq: i64,
    pub(super) actie_id: String,
    pub(super) registratie_utc: i64,
    pub(super) vervallen: bool,
    #[sqlx(flatten)]
    pub(super) fields: ActieFields,
}

/// `aantal` entries of one activity with the same data in one verwerking
/// and hour (`uur`: whole hours since 1970, UTC). The resident's own views
/// are not among them: see [`ResidentSummary`].
#[derive(Clone, Debug, PartialEq, Eq, FromRow)]
pub struct SummaryRow {
    pub verwerkingsactiviteit_id: Option<String>,
    /// JSON array of strings.
    pub soorten_gegevens: String,
    pub verwerking_id: Option<String>,
    pub uur: i64,
    pub aantal: i64,
}

/// `aantal` of the resident's own looks at their log in one hour.
#[derive(Clone, Copy, Debug, PartialEq, Eq, FromRow)]
pub struct OwnViews {
    pub uur: i64,
    pub aantal: i64,
}

/// What a resident's overview counts: the municipality's use of their
/// data, and apart from it their own looks at their log.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ResidentSummary {
    pub uses: Vec<SummaryRow>,
    pub own_views: Vec<OwnViews>,
}

/// A version with the resident's own object, as the resident's page reads
/// it: only what the page shows. `systeem`, `gebruiker`, `gegevensbron` and
/// the sealed identifiers are not read at all (see `RESIDENT_COLUMNS` in log/columns.rs).
#[derive(FromRow)]
pub(crate) struct ResidentRow {
    pub(crate) seq: i64,
    pub(crate) actie_id: String,
    pub(crate) registratie_utc: i64,
    #[sqlx(flatten)]
    pub(crate) fields: ActieFields,
    pub(crate) verwerkt_object_id: String,
    pub(crate) objecttype: String,
    pub(crate) soort_object_id: String,
    pub(crate) betrokkenheid: Option<String>,
    pub(crate) soorten_gegevens: String,
}

#[derive(FromRow)]
pub(super) struct ObjectRow {
    pub(super) seq: i64,
    #[sqlx(flatten)]
    pub(super) object: SealedObject,
}

/// Filters for listing the actions one person appears in.
#[derive(Clone, Debug, Default)]
pub struct PersonFilter {
    pub pseudonym: Vec<u8>,
    /// `tijdstip >= from` (microseconds UTC).
    pub from_utc: Option<i64>,
    /// `tijdstip < until` (microseconds UTC).
    pub until_utc: Option<i64>,
    /// Empty means all.
    pub vertrouwelijkheid: Vec<Vertrouwelijkheid>,
    pub verwerkingsactiviteit_id: Option<String>,
}
