//! The privacy officer's investigation: every current record about one
//! person, confidential ones included, with the other persons in each
//! action, system, user, source and the version history.

use super::dates::moment;
use crate::{
    crypto::Keys,
    domain::Vertrouwelijkheid,
    i18n::Lang,
    ingest::seal,
    model::{LiftScope, Vastlegging},
    store::{
        log::{PersonFilter, StoredVersion},
        Db, StoreError,
    },
};

/// Enough for any one person; the page says so when the cap is reached.
const CAP: i64 = 1000;

pub async fn records(
    db: &Db,
    keys: &Keys,
    pseudonym: &[u8],
    lang: Lang,
) -> Result<Vec<Vastlegging>, StoreError> {
    let filter = PersonFilter {
        pseudonym: pseudonym.to_vec(),
        ..Default::default()
    };
    let (_, mine) = db.versions_for_person(&filter, 0, CAP).await?;
    let mut out = Vec::with_capacity(mine.len());
    for version in mine {
        if let Some((record, _)) = record(db, keys, &version.actie_id, pseudonym, lang).await? {
            out.push(record);
        }
    }
    Ok(out)
}

/// One current action with every person in it (`pseudonym` first), its
/// system, user, source and versions, and whether `pseudonym` is in it
/// (a later version may have left them out); `None` when it was deleted.
pub async fn record(
    db: &Db,
    keys: &Keys,
    actie_id: &str,
    pseudonym: &[u8],
    lang: Lang,
) -> Result<Option<(Vastlegging, bool)>, StoreError> {
    let Some(mut full) = db.current_version(actie_id).await? else {
        return Ok(None);
    };
    let in_it = full.objects.iter().any(|o| o.pseudonym == pseudonym);
    full.objects.sort_by_key(|o| o.pseudonym != pseudonym);
    let view = seal::open(keys, full).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    let personen = view
        .objects
        .iter()
        .map(|o| {
            let rol = o.betrokkenheid.clone().unwrap_or_default();
            format!("{} {} ({rol})", o.soort_object_id, o.object_id)
        })
        .collect();
    let versies = db
        .version_history(actie_id)
        .await?
        .into_iter()
        .map(|(_, wijziging, registratie, vertrouwelijkheid, client)| {
            let t = lang.staff_texts();
            format!(
                "{}: {}, {} ({client})",
                moment(registratie, lang),
                (t.change_label)(&wijziging),
                (t.confidentiality_label)(&vertrouwelijkheid).to_lowercase()
            )
        })
        .collect();
    let f = view.fields;
    let record = Vastlegging {
        actie_id: view.actie_id,
        wanneer: moment(f.tijdstip_utc, lang),
        wat: f.actie_naam.clone().unwrap_or_default(),
        verwerking_id: f.verwerking_id.clone(),
        verwerking: f.verwerking_naam.clone().unwrap_or_default(),
        vertrouwelijkheid: f.vertrouwelijkheid.as_str().to_owned(),
        liftable: f.vertrouwelijkheid == Vertrouwelijkheid::Vertrouwelijk,
        systeem: f.systeem.clone(),
        gebruiker: f.gebruiker.clone(),
        gegevensbron: f.gegevensbron.clone(),
        personen,
        versies,
    };
    Ok(Some((record, in_it)))
}

/// Whether a record matches the investigation's filter: its confidentiality
/// (`soort`, empty for all) and a text in what happened, the case, system,
/// user or source (any case). Not in the persons: the search is part of the
/// page's address, where no BSN may stand.
pub fn matches(record: &Vastlegging, soort: &str, zoek: &str) -> bool {
    let zoek = zoek.trim().to_lowercase();
    let in_text = || {
        [&record.wat, &record.verwerking]
            .into_iter()
            .chain(record.systeem.iter())
            .chain(record.gebruiker.iter())
            .chain(record.gegevensbron.iter())
            .any(|field| field.to_lowercase().contains(&zoek))
    };
    (soort.is_empty() || record.vertrouwelijkheid == soort) && (zoek.is_empty() || in_text())
}

/// What lifting confidentiality in `verwerking` would reach: the
/// confidential actions that `pseudonym` is in, all confidential actions,
/// and the other persons in those. `None` when the person has no
/// confidential action in it: a privacy officer lifts only what concerns
/// the resident whose request they handle.
pub async fn lift_scope(
    db: &Db,
    verwerking: &str,
    pseudonym: &[u8],
) -> Result<Option<LiftScope>, StoreError> {
    let actions = db.current_versions_of_verwerking(verwerking).await?;
    Ok(scope(&actions, pseudonym))
}

fn scope(actions: &[StoredVersion], pseudonym: &[u8]) -> Option<LiftScope> {
    let confidential: Vec<_> = actions
        .iter()
        .filter(|v| v.fields.vertrouwelijkheid == Vertrouwelijkheid::Vertrouwelijk)
        .collect();
    let mine = confidential
        .iter()
        .filter(|v| v.objects.iter().any(|o| o.pseudonym == pseudonym))
        .count();
    let others: std::collections::BTreeSet<&[u8]> = confidential
        .iter()
        .flat_map(|v| v.objects.iter())
        .map(|o| o.pseudonym.as_slice())
        .filter(|p| *p != pseudonym)
        .collect();
    (mine > 0).then_some(LiftScope {
        mine,
        all: confidential.len(),
        other_persons: others.len(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_filter_finds_by_confidentiality_and_text() {
        let record = Vastlegging {
            actie_id: "a".into(),
            wanneer: String::new(),
            wat: "Inkomen opgevraagd".into(),
            verwerking_id: None,
            verwerking: "Bijstand".into(),
            vertrouwelijkheid: "vertrouwelijk".into(),
            liftable: true,
            systeem: Some("Suite".into()),
            gebruiker: Some("mdw-12".into()),
            gegevensbron: None,
            personen: vec!["BSN 999900006 (Aanvrager)".into()],
            versies: vec![],
        };
        for (soort, zoek) in [
            ("", ""),
            ("vertrouwelijk", ""),
            ("", "INKOMEN"),
            ("vertrouwelijk", "mdw-12"),
        ] {
            assert!(matches(&record, soort, zoek), "{soort} {zoek}");
        }
        for (soort, zoek) in [
            ("normaal", ""),
            ("", "paspoort"),
            ("opgeheven", "inkomen"),
            ("", "999900006"),
        ] {
            assert!(!matches(&record, soort, zoek), "{soort} {zoek}");
        }
    }
    use crate::store::log::{ActieFields, SealedObject};

    fn action(vertrouwelijkheid: Vertrouwelijkheid, persons: &[u8]) -> StoredVersion {
        StoredVersion {
            seq: 1,
            actie_id: String::new(),
            registratie_utc: 0,
            fields: ActieFields {
                vertrouwelijkheid,
                ..Default::default()
            },
            objects: persons
                .iter()
                .map(|p| SealedObject {
                    pseudonym: vec![*p],
                    ..Default::default()
                })
                .collect(),
        }
    }

    #[test]
    fn a_lift_reaches_only_a_verwerking_with_the_residents_confidential_actions() {
        use Vertrouwelijkheid::*;
        let actions = [
            action(Vertrouwelijk, &[1, 2]),
            action(Vertrouwelijk, &[3]),
            action(Normaal, &[1, 4]),
        ];
        assert_eq!(
            scope(&actions, &[1]),
            Some(LiftScope {
                mine: 1,
                all: 2,
                other_persons: 2
            })
        );
        // In the verwerking, but only in its normal actions: nothing to lift.
        assert_eq!(scope(&actions, &[4]), None);
        assert_eq!(scope(&actions, &[9]), None);
    }
}
