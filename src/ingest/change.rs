//! Changing the log: corrections (`PUT`), retention and confidentiality
//! (`PATCH`, and the privacy officer's lift) and deletion, each as a new
//! version so the history stays.

use super::{
    level_needed, now_micros,
    scopes::{Level, Operation},
    seal, ActieView, Caller, LogError, LogService,
};
use crate::{
    domain::{NewActie, PatchBody, Vertrouwelijkheid},
    store::{
        log::{leaf_salt, NewVersion, StoredVersion, Wijziging},
        StoreError,
    },
};

impl LogService {
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
        super::check_activity(caller, actie)?;
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
            leaf_salt: leaf_salt(),
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
        let mut current = self
            .db
            .current_versions_of_verwerking(verwerking_id)
            .await?;
        let owned = if caller.organisation.is_empty() {
            Default::default()
        } else {
            let ids: Vec<&str> = current.iter().map(|v| v.actie_id.as_str()).collect();
            self.db
                .actions_of_organisation(&ids, &caller.organisation)
                .await?
        };
        current.retain(|v| owned.contains(&v.actie_id));
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
        let versions: Vec<NewVersion<'_>> = changed
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
                leaf_salt: leaf_salt(),
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
            leaf_salt: leaf_salt(),
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
