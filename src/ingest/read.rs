//! Reading the log: one action, or one person's actions and occurrences,
//! each under the caller's read scope.

use super::{
    level_needed, scopes::Level, seal, ActieView, Caller, LogError, LogService, Page, PersonQuery,
};
use crate::{domain::Vertrouwelijkheid, store::log::PersonFilter};

impl LogService {
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
}
