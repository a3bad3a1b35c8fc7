//! The processing log as a service: the VNG rules (scopes, confidentiality,
//! append-only history, idempotency) between the edges (API, import) and the
//! store. Edges parse; this module decides; the store only stores.

pub mod bulk_slots;
pub mod scopes;
pub mod seal;
mod writer;

use crate::{
    crypto::{hash_key, Keys},
    domain::{InvalidParam, NewActie, PatchBody, Tijdstip, Vertrouwelijkheid},
    store::{
        log::{Appended, IdempotencyKey, NewVersion, PersonFilter, StoredVersion, Wijziging},
        Db, StoreError,
    },
};
pub use bulk_slots::BulkSlots;
use scopes::{Level, Operation, Scopes};
pub use seal::{ActieView, ObjectView};
use std::sync::Arc;
use uuid::Uuid;

/// The register activity "Inzage in gegevensgebruik": the portal's own use
/// of the log (the demo register carries it; a municipality adds it to its own).
pub const VIEW_ACTIVITY_ID: &str = "15215f9e-b934-4b7f-832b-b2e9ffc28a82";
/// The client id under which the portal logs its own actions.
pub const PORTAL_CLIENT: &str = "inzage-portal";

/// Who is calling: an API client, or the command-line import.
#[derive(Clone, Debug)]
pub struct Caller {
    pub client_id: String,
    pub organisation: String,
    pub scopes: Scopes,
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

/// The answer to a create: the action, and whether it is a replay of an
/// earlier request with the same idempotency key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Created {
    pub actie_id: String,
    pub replayed: bool,
}

/// One item of a batch: the parsed body and its optional idempotency key.
pub struct BatchItem {
    pub actie: NewActie,
    pub idempotency: Option<IdempotencyKey>,
}

/// A batch checked and sealed, ready for its transaction.
pub struct PreparedBatch {
    /// One per item; `None` until the store has answered.
    results: Vec<Option<Result<Created, LogError>>>,
    /// (position in `results`, actieId) of every item that goes to the store.
    stored: Vec<(usize, String)>,
    versions: Vec<writer::Owned>,
}

impl PreparedBatch {
    /// Adds the items of `later` after this batch's own, so parts prepared
    /// side by side go into one transaction in their input order.
    pub fn append(&mut self, later: PreparedBatch) {
        let offset = self.results.len();
        self.results.extend(later.results);
        self.stored.extend(
            later
                .stored
                .into_iter()
                .map(|(index, actie_id)| (index + offset, actie_id)),
        );
        self.versions.extend(later.versions);
    }
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
    fn check_create(caller: &Caller, v: Vertrouwelijkheid) -> Result<(), LogError> {
        match (v, caller.scopes.level(Operation::Create)) {
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

    /// Logs one action and answers with it as stored. A new action is
    /// answered from the request itself (nothing to read back); a replay
    /// reads the action its first request created.
    pub async fn create(
        &self,
        caller: &Caller,
        actie: NewActie,
        idempotency: Option<IdempotencyKey>,
    ) -> Result<ActieView, LogError> {
        Self::check_create(caller, actie.vertrouwelijkheid)?;
        let version = self.prepare(caller, &actie, idempotency, now_micros());
        let view = seal::view_of_new(
            &version.actie_id,
            version.registratie_utc,
            &version.fields,
            &version.objects,
            &actie,
        );
        let outcome = self.writer.append(vec![version]).await?.pop();
        match outcome.expect("one outcome per version") {
            Appended::Stored => Ok(view),
            Appended::Replayed { actie_id } => self.get_any(&actie_id).await,
            Appended::KeyReused => Err(LogError::KeyReused),
        }
    }

    /// The stored form of a new action, under a fresh `actieId`.
    fn prepare(
        &self,
        caller: &Caller,
        actie: &NewActie,
        idempotency: Option<IdempotencyKey>,
        registratie_utc: i64,
    ) -> writer::Owned {
        let actie_id = new_id();
        let (fields, objects) = seal::seal(&self.keys, &actie_id, actie);
        writer::Owned {
            actie_id,
            client_id: caller.client_id.clone(),
            registratie_utc,
            fields,
            objects,
            idempotency,
        }
    }

    /// Logs many actions in one transaction. Every item gets its own answer;
    /// items that break a rule are refused without affecting the others.
    pub async fn create_batch(
        &self,
        caller: &Caller,
        items: Vec<BatchItem>,
    ) -> Result<Vec<Result<Created, LogError>>, LogError> {
        self.store_batch(self.prepare_batch(caller, items)).await
    }

    /// The first half of [`Self::create_batch`], all CPU: checks the rules
    /// and seals every item. A stream of batches can prepare the next one
    /// while the store is busy with this one.
    pub fn prepare_batch(&self, caller: &Caller, items: Vec<BatchItem>) -> PreparedBatch {
        let registratie_utc = now_micros();
        let mut batch = PreparedBatch {
            results: Vec::with_capacity(items.len()),
            stored: Vec::new(),
            versions: Vec::new(),
        };
        for item in items {
            match Self::check_create(caller, item.actie.vertrouwelijkheid) {
                Err(e) => batch.results.push(Some(Err(e))),
                Ok(()) => {
                    let version =
                        self.prepare(caller, &item.actie, item.idempotency, registratie_utc);
                    batch
                        .stored
                        .push((batch.results.len(), version.actie_id.clone()));
                    batch.versions.push(version);
                    batch.results.push(None);
                }
            }
        }
        batch
    }

    /// The second half of [`Self::create_batch`]: one transaction, then an
    /// answer per item in the order they came.
    pub async fn store_batch(
        &self,
        batch: PreparedBatch,
    ) -> Result<Vec<Result<Created, LogError>>, LogError> {
        let PreparedBatch {
            mut results,
            stored,
            versions,
        } = batch;
        let outcomes = if versions.is_empty() {
            Vec::new()
        } else {
            self.writer.append(versions).await?
        };
        for ((index, actie_id), outcome) in stored.into_iter().zip(outcomes) {
            results[index] = Some(match outcome {
                Appended::Stored => Ok(Created {
                    actie_id,
                    replayed: false,
                }),
                Appended::Replayed { actie_id } => Ok(Created {
                    actie_id,
                    replayed: true,
                }),
                Appended::KeyReused => Err(LogError::KeyReused),
            });
        }
        Ok(results
            .into_iter()
            .map(|r| r.expect("every item answered"))
            .collect())
    }

    /// One current action, opened, if the caller may read it.
    pub async fn get(&self, caller: &Caller, actie_id: &str) -> Result<ActieView, LogError> {
        let level = Self::read_level(caller)?;
        let version = self
            .db
            .current_version(actie_id)
            .await?
            .ok_or(LogError::NotFound)?;
        if level_needed(version.fields.vertrouwelijkheid) > level {
            // A normal-level reader does not learn that a confidential action exists.
            return Err(LogError::NotFound);
        }
        Ok(seal::open(&self.keys, version)?)
    }

    /// `GET /verwerkingsacties`: the current actions of one person, with
    /// only that person's object in each.
    pub async fn list_for_person(
        &self,
        caller: &Caller,
        query: &PersonQuery,
        page: Page,
    ) -> Result<(i64, Vec<ActieView>), LogError> {
        let level = Self::read_level(caller)?;
        if level == Level::Normal
            && (query.vertrouwelijkheid.is_empty()
                || query
                    .vertrouwelijkheid
                    .iter()
                    .any(|v| *v != Vertrouwelijkheid::Normaal))
        {
            return Err(LogError::Forbidden(
                "with the read:normal scope, ask for vertrouwelijkheid=normaal",
            ));
        }
        self.person_page(query, &query.vertrouwelijkheid, page)
            .await
    }

    /// The Inzage API: one person's occurrences in actions they may see:
    /// `normaal`, and `opgeheven` for clients with read:confidential.
    pub async fn objects_for_person(
        &self,
        caller: &Caller,
        query: &PersonQuery,
        page: Page,
    ) -> Result<(i64, Vec<ActieView>), LogError> {
        let visible = match Self::read_level(caller)? {
            Level::Normal => vec![Vertrouwelijkheid::Normaal],
            Level::Confidential => vec![Vertrouwelijkheid::Normaal, Vertrouwelijkheid::Opgeheven],
        };
        self.person_page(query, &visible, page).await
    }

    /// One page of a person's current actions at these confidentiality levels, opened.
    async fn person_page(
        &self,
        query: &PersonQuery,
        vertrouwelijkheid: &[Vertrouwelijkheid],
        page: Page,
    ) -> Result<(i64, Vec<ActieView>), LogError> {
        let filter = self.person_filter(query, vertrouwelijkheid);
        let (count, versions) = self
            .db
            .versions_for_person(&filter, page.offset, page.limit)
            .await?;
        let views = versions
            .into_iter()
            .map(|v| seal::open(&self.keys, v))
            .collect::<Result<Vec<_>, _>>()?;
        Ok((count, views))
    }

    /// One occurrence by its `verwerktObjectId`, under the same visibility.
    pub async fn object(
        &self,
        caller: &Caller,
        verwerkt_object_id: &str,
    ) -> Result<ActieView, LogError> {
        let level = Self::read_level(caller)?;
        let version = self
            .db
            .current_object(verwerkt_object_id)
            .await?
            .ok_or(LogError::NotFound)?;
        let visible = matches!(
            (version.fields.vertrouwelijkheid, level),
            (Vertrouwelijkheid::Normaal, _) | (Vertrouwelijkheid::Opgeheven, Level::Confidential)
        );
        if !visible {
            return Err(LogError::NotFound);
        }
        Ok(seal::open(&self.keys, version)?)
    }

    fn person_filter(
        &self,
        query: &PersonQuery,
        vertrouwelijkheid: &[Vertrouwelijkheid],
    ) -> PersonFilter {
        PersonFilter {
            pseudonym: seal::pseudonym(&self.keys, &query.soort_object_id, &query.object_id),
            from_utc: query.from_utc,
            until_utc: query.until_utc,
            vertrouwelijkheid: vertrouwelijkheid.to_vec(),
            verwerkingsactiviteit_id: query.verwerkingsactiviteit_id.clone(),
        }
    }

    /// `PUT`: a correction. Adds a version with the new content; the
    /// action keeps its id.
    pub async fn update(
        &self,
        caller: &Caller,
        actie_id: &str,
        actie: NewActie,
    ) -> Result<ActieView, LogError> {
        retrying(|| self.update_once(caller, actie_id, &actie)).await?;
        self.get_any(actie_id).await
    }

    /// One attempt at [`Self::update`]: decided on the current version and
    /// appended only while that is still the newest.
    async fn update_once(
        &self,
        caller: &Caller,
        actie_id: &str,
        actie: &NewActie,
    ) -> Result<(), LogError> {
        let level = Self::level(caller, Operation::Update)?;
        self.check_owner(caller, actie_id).await?;
        let current = self
            .db
            .current_version(actie_id)
            .await?
            .ok_or(LogError::NotFound)?;
        let from = current.fields.vertrouwelijkheid;
        let to = actie.vertrouwelijkheid;
        if level_needed(from) > level {
            // A normal-level client does not learn that a confidential action exists.
            return Err(LogError::NotFound);
        }
        if to == Vertrouwelijkheid::Opgeheven && from != Vertrouwelijkheid::Opgeheven {
            return Err(LogError::Forbidden(
                "lift confidentiality with PATCH, not with PUT",
            ));
        }
        if level_needed(to) > level {
            return Err(LogError::Forbidden(
                "with the update:normal scope only normaal actions can be changed",
            ));
        }
        let (fields, objects) = seal::seal(&self.keys, actie_id, actie);
        let version = NewVersion {
            actie_id,
            wijziging: Wijziging::Update,
            client_id: &caller.client_id,
            registratie_utc: now_micros(),
            fields: &fields,
            objects: &objects,
            idempotency: None,
            replaces: Some(current.seq),
        };
        self.db.append_versions(&[version]).await?;
        Ok(())
    }

    /// `PATCH ?verwerkingId=`: new retention and/or confidentiality for every
    /// action of one verwerking, each as a new version.
    pub async fn patch(
        &self,
        caller: &Caller,
        verwerking_id: &str,
        body: &PatchBody,
    ) -> Result<usize, LogError> {
        retrying(|| self.patch_once(caller, verwerking_id, body)).await
    }

    async fn patch_once(
        &self,
        caller: &Caller,
        verwerking_id: &str,
        body: &PatchBody,
    ) -> Result<usize, LogError> {
        let level = Self::level(caller, Operation::Update)?;
        if level == Level::Normal && body.vertrouwelijkheid.is_some() {
            return Err(LogError::Forbidden(
                "changing vertrouwelijkheid needs the update:confidential scope",
            ));
        }
        // Only the caller's organisation's own actions of this verwerking.
        let mut current = Vec::new();
        for version in self
            .db
            .current_versions_of_verwerking(verwerking_id)
            .await?
        {
            if self.owned_by(caller, &version.actie_id).await? {
                current.push(version);
            }
        }
        if current.is_empty()
            || current
                .iter()
                .any(|v| level_needed(v.fields.vertrouwelijkheid) > level)
        {
            // Also when one of them is confidential: a normal-level client
            // does not learn that it exists.
            return Err(LogError::NotFound);
        }
        self.append_patch(&caller.client_id, &current, body).await
    }

    /// Lifts confidentiality for a privacy officer (`by` names them): every
    /// `vertrouwelijk` action of the verwerking, or with `only`, only those
    /// that person is in. The portal's own decision, so no organisation
    /// check: the officer acts for the controller of all of them.
    pub async fn lift(
        &self,
        by: &str,
        verwerking_id: &str,
        only: Option<&[u8]>,
    ) -> Result<usize, LogError> {
        retrying(|| self.lift_once(by, verwerking_id, only)).await
    }

    async fn lift_once(
        &self,
        by: &str,
        verwerking_id: &str,
        only: Option<&[u8]>,
    ) -> Result<usize, LogError> {
        let current: Vec<StoredVersion> = self
            .db
            .current_versions_of_verwerking(verwerking_id)
            .await?
            .into_iter()
            .filter(|v| v.fields.vertrouwelijkheid == Vertrouwelijkheid::Vertrouwelijk)
            .filter(|v| only.is_none_or(|p| v.objects.iter().any(|o| o.pseudonym == p)))
            .collect();
        if current.is_empty() {
            return Err(LogError::NotFound);
        }
        let body = PatchBody {
            bewaartermijn: None,
            vertrouwelijkheid: Some(Vertrouwelijkheid::Opgeheven),
        };
        self.append_patch(by, &current, &body).await
    }

    /// New versions of `current` with the patch applied.
    async fn append_patch(
        &self,
        client_id: &str,
        current: &[StoredVersion],
        body: &PatchBody,
    ) -> Result<usize, LogError> {
        let registratie_utc = now_micros();
        let changed: Vec<_> = current
            .iter()
            .map(|v| {
                let mut fields = v.fields.clone();
                if let Some(term) = &body.bewaartermijn {
                    fields.bewaartermijn = Some(term.as_str().to_owned());
                }
                if let Some(vertrouwelijkheid) = body.vertrouwelijkheid {
                    fields.vertrouwelijkheid = vertrouwelijkheid;
                }
                (v, fields)
            })
            .collect();
        let versions: Vec<NewVersion> = changed
            .iter()
            .map(|(v, fields)| NewVersion {
                actie_id: &v.actie_id,
                wijziging: Wijziging::Patch,
                client_id,
                registratie_utc,
                fields,
                objects: &v.objects,
                idempotency: None,
                replaces: Some(v.seq),
            })
            .collect();
        self.db.append_versions(&versions).await?;
        Ok(versions.len())
    }

    /// `DELETE`: marks the action vervallen with a new version; its history stays.
    pub async fn delete(&self, caller: &Caller, actie_id: &str) -> Result<(), LogError> {
        retrying(|| self.delete_once(caller, actie_id)).await
    }

    async fn delete_once(&self, caller: &Caller, actie_id: &str) -> Result<(), LogError> {
        let level = Self::level(caller, Operation::Delete)?;
        self.check_owner(caller, actie_id).await?;
        let current = self
            .db
            .current_version(actie_id)
            .await?
            .ok_or(LogError::NotFound)?;
        if level_needed(current.fields.vertrouwelijkheid) > level {
            return Err(LogError::NotFound);
        }
        let version = NewVersion {
            actie_id,
            wijziging: Wijziging::Delete,
            client_id: &caller.client_id,
            registratie_utc: now_micros(),
            fields: &current.fields,
            objects: &[],
            idempotency: None,
            replaces: Some(current.seq),
        };
        self.db.append_versions(&[version]).await?;
        Ok(())
    }

    /// Whether an API client of the caller's organisation logged this
    /// action. The portal's own actions, the demo's and the file import's
    /// belong to no API client.
    async fn owned_by(&self, caller: &Caller, actie_id: &str) -> Result<bool, LogError> {
        let owner = self.db.action_owner(actie_id).await?;
        Ok(!caller.organisation.is_empty() && owner.as_deref() == Some(&*caller.organisation))
    }

    /// 404 unless the caller's organisation owns the action: a 403 would
    /// tell another organisation that it exists.
    async fn check_owner(&self, caller: &Caller, actie_id: &str) -> Result<(), LogError> {
        if self.owned_by(caller, actie_id).await? {
            Ok(())
        } else {
            Err(LogError::NotFound)
        }
    }

    /// Viewing the log is processing too: logs a view on the resident, as
    /// an action of the portal itself, so the resident sees it as well.
    pub async fn log_view(
        &self,
        pseudonym: &[u8],
        sealed_id: &[u8],
        actie_naam: &str,
    ) -> Result<(), LogError> {
        let fields = crate::store::log::ActieFields {
            actie_naam: Some(actie_naam.to_owned()),
            handeling_naam: Some("Inzage".into()),
            verwerking_naam: Some("Inzage in gegevensgebruik".into()),
            verwerkingsactiviteit_id: Some(VIEW_ACTIVITY_ID.into()),
            ..Default::default()
        };
        self.log_portal_action(pseudonym, sealed_id, fields).await
    }

    /// A member of staff looked at a resident's log: logged on the resident
    /// under `activity_id`, with the reason they see and the member of staff
    /// as `gebruiker` (which residents never see, privacy officers do).
    pub async fn log_staff_view(
        &self,
        pseudonym: &[u8],
        sealed_id: &[u8],
        activity_id: &str,
        door: &str,
        reden: &str,
    ) -> Result<(), LogError> {
        let fields = crate::store::log::ActieFields {
            actie_naam: Some(format!("Bekeken door een medewerker: {reden}")),
            handeling_naam: Some("Beantwoorden van uw vraag".into()),
            verwerking_naam: Some("Beantwoorden van vragen over gegevensgebruik".into()),
            verwerkingsactiviteit_id: Some(activity_id.into()),
            gebruiker: Some(door.to_owned()),
            ..Default::default()
        };
        self.log_portal_action(pseudonym, sealed_id, fields).await
    }

    /// An action of the portal itself on one resident, now.
    async fn log_portal_action(
        &self,
        pseudonym: &[u8],
        sealed_id: &[u8],
        fields: crate::store::log::ActieFields,
    ) -> Result<(), LogError> {
        let now = Tijdstip::now();
        // One verwerking per resident, activity and day: a day's views show
        // as one case ("12 keer gebruikt voor: Inzage in gegevensgebruik").
        let day = now.as_str().get(..10).unwrap_or_default();
        let activity = fields
            .verwerkingsactiviteit_id
            .as_deref()
            .unwrap_or_default();
        let verwerking_id = day_verwerking(pseudonym, activity, day);
        let fields = crate::store::log::ActieFields {
            tijdstip: now.as_str().to_owned(),
            tijdstip_utc: now.utc_micros(),
            vertrouwelijkheid: Vertrouwelijkheid::Normaal,
            bewaartermijn: Some("P1Y".into()),
            systeem: Some(format!("Inzage {}", env!("CARGO_PKG_VERSION"))),
            gegevensbron: Some("Verwerkingenlog".into()),
            verwerking_id: Some(verwerking_id),
            ..fields
        };
        let object = crate::store::log::SealedObject {
            verwerkt_object_id: new_id(),
            pseudonym: pseudonym.to_vec(),
            objecttype: "persoon".into(),
            soort_object_id: "BSN".into(),
            object_id_sealed: sealed_id.to_vec(),
            betrokkenheid: Some("Betrokkene".into()),
            soorten_gegevens: r#"["Gegevensgebruik"]"#.into(),
        };
        // Through the group-commit writer, like the API's creates: views
        // that arrive together share one commit instead of queueing for
        // SQLite's write lock one by one. Each is answered after its commit.
        let version = writer::Owned {
            actie_id: new_id(),
            client_id: PORTAL_CLIENT.to_owned(),
            registratie_utc: now_micros(),
            fields,
            objects: vec![object],
            idempotency: None,
        };
        self.writer.append(vec![version]).await?;
        Ok(())
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

/// How often a change is decided again when another change of the same
/// action came first.
const CHANGE_ATTEMPTS: usize = 8;

/// Runs `attempt` until it does not meet a concurrent change.
async fn retrying<T, F, Fut>(mut attempt: F) -> Result<T, LogError>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<T, LogError>>,
{
    for _ in 1..CHANGE_ATTEMPTS {
        match attempt().await {
            Err(LogError::Store(StoreError::Conflict)) => continue,
            outcome => return outcome,
        }
    }
    attempt().await
}

/// A stable verwerking id for the portal's own actions on one resident, per
/// activity and day (a UUID made from a hash, so it reveals nothing).
fn day_verwerking(pseudonym: &[u8], activity: &str, day: &str) -> String {
    use sha2::{Digest, Sha256};
    let hash = Sha256::new()
        .chain_update(pseudonym)
        .chain_update(activity.as_bytes())
        .chain_update(day.as_bytes())
        .finalize();
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&hash[..16]);
    uuid::Builder::from_random_bytes(bytes)
        .into_uuid()
        .to_string()
}
