//! Logging new actions: one at a time, or a batch in one transaction.

use super::{new_id, now_micros, seal, writer, ActieView, Caller, LogError, LogService};
use crate::{
    domain::NewActie,
    store::log::{Appended, IdempotencyKey},
};

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

impl LogService {
    /// Logs one action and answers with it as stored. A new action is
    /// answered from the request itself (nothing to read back); a replay
    /// reads the action its first request created.
    pub async fn create(
        &self,
        caller: &Caller,
        actie: NewActie,
        idempotency: Option<IdempotencyKey>,
    ) -> Result<ActieView, LogError> {
        Self::check_create(caller, &actie)?;
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
            match Self::check_create(caller, &item.actie) {
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
}
