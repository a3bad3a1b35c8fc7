//! The register as the resident's pages explain it: each entry's activity,
//! department, data and legal basis, in the resident's language; loaded
//! once a minute per language.

use super::dates;
use crate::{
    domain::Vertrouwelijkheid,
    i18n::{roles, Lang},
    model::{Regel, Uitleg},
    register::{Activity, Grondslag},
    store::{log::StoredVersion, Db, StoreError},
};
use std::collections::HashMap;

/// What the register and organisation list say, looked up once per view.
pub struct Context {
    pub lang: Lang,
    pub(super) activities: HashMap<String, Activity>,
    afdelingen: HashMap<String, String>,
    organisations: HashMap<String, String>,
}

/// How long a loaded register context is used. Edits through the staff
/// pages clear it at once; a register import from the command line (another
/// process) shows within this time.
const CONTEXT_TTL: std::time::Duration = std::time::Duration::from_secs(60);

/// The register context per language, kept for [`CONTEXT_TTL`]: it changes
/// rarely, and loading it costs three queries on every page.
#[derive(Default)]
pub struct ContextCache {
    loaded: std::sync::Mutex<Vec<(Lang, std::time::Instant, std::sync::Arc<Context>)>>,
}

impl std::fmt::Debug for ContextCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ContextCache").finish_non_exhaustive()
    }
}

impl ContextCache {
    pub async fn get(&self, db: &Db, lang: Lang) -> Result<std::sync::Arc<Context>, StoreError> {
        let fresh =
            |(l, at, _): &(Lang, std::time::Instant, _)| *l == lang && at.elapsed() < CONTEXT_TTL;
        if let Some((_, _, ctx)) = self.lock().iter().find(|e| fresh(e)) {
            return Ok(ctx.clone());
        }
        let ctx = std::sync::Arc::new(Context::load(db, lang).await?);
        let mut loaded = self.lock();
        loaded.retain(|(l, _, _)| *l != lang);
        loaded.push((lang, std::time::Instant::now(), ctx.clone()));
        Ok(ctx)
    }

    /// Forgets what was loaded, after the register changed.
    pub fn clear(&self) {
        self.lock().clear();
    }

    fn lock(
        &self,
    ) -> std::sync::MutexGuard<'_, Vec<(Lang, std::time::Instant, std::sync::Arc<Context>)>> {
        self.loaded
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl Context {
    pub async fn load(db: &Db, lang: Lang) -> Result<Context, StoreError> {
        let now = chrono::Utc::now().timestamp_micros();
        let activities = db
            .activities_at(now)
            .await?
            .into_iter()
            .map(|r| (r.activity.id.clone(), r.activity))
            .collect();
        let afdelingen = db
            .afdelingen()
            .await?
            .into_iter()
            .map(|(code, nl, en)| (code, if lang == Lang::En { en } else { nl }))
            .collect();
        let organisations = db.organisations().await?.into_iter().collect();
        Ok(Context {
            lang,
            activities,
            afdelingen,
            organisations,
        })
    }

    pub fn activity_of(&self, version: &StoredVersion) -> Option<&Activity> {
        self.activity(version)
    }

    pub(super) fn activity(&self, version: &StoredVersion) -> Option<&Activity> {
        version
            .fields
            .verwerkingsactiviteit_id
            .as_ref()
            .and_then(|id| self.activities.get(id))
    }

    pub(super) fn afdeling(&self, version: &StoredVersion) -> Option<String> {
        self.afdeling_of(self.activity(version))
    }

    /// The name of an activity's department (its code when unnamed).
    pub(super) fn afdeling_of(&self, activity: Option<&Activity>) -> Option<String> {
        let code = activity?.afdeling.as_ref()?;
        Some(
            self.afdelingen
                .get(code)
                .cloned()
                .unwrap_or_else(|| code.clone()),
        )
    }

    /// The data an entry used: as logged (a JSON array), else the register's.
    pub(super) fn gegevens(
        &self,
        soorten: Option<&str>,
        activity: Option<&Activity>,
    ) -> Vec<String> {
        soorten
            .and_then(|s| serde_json::from_str::<Vec<String>>(s).ok())
            .filter(|g| !g.is_empty())
            .or_else(|| activity.map(|a| a.gegevens.clone()))
            .unwrap_or_default()
    }

    pub fn uitleg(&self, a: &Activity) -> Uitleg {
        let en = self.lang == Lang::En;
        let pick = |nl: &Option<String>, en_text: &Option<String>, fallback: &str| {
            if en {
                en_text.clone().or(nl.clone())
            } else {
                nl.clone()
            }
            .unwrap_or_else(|| fallback.to_owned())
        };
        Uitleg {
            activiteit_id: a.id.clone(),
            titel: pick(&a.titel_nl, &a.titel_en, &a.naam),
            uitleg: pick(&a.uitleg_nl, &a.uitleg_en, &a.doel),
            doel: a.doel.clone(),
            grondslag: grondslag_text(a.grondslag, self.lang).to_owned(),
            wet: a.wet.clone(),
            wet_url: a.wet_url.clone(),
            bewaartermijn: a.bewaartermijn.clone(),
        }
    }

    /// One entry as the resident sees it.
    pub fn regel(&self, version: &StoredVersion) -> Regel {
        let f = &version.fields;
        let own = version.objects.first();
        let gegevens = self.gegevens(
            own.map(|o| o.soorten_gegevens.as_str()),
            self.activity(version),
        );
        Regel {
            actie_id: version.actie_id.clone(),
            wanneer: dates::moment(f.tijdstip_utc, self.lang),
            tijdstip_utc: f.tijdstip_utc,
            wat: f.actie_naam.clone().unwrap_or_else(|| {
                if self.lang == Lang::En {
                    "Data used"
                } else {
                    "Gegevens gebruikt"
                }
                .to_owned()
            }),
            wat_van_bron: f.actie_naam.is_some(),
            stap: f.handeling_naam.clone(),
            afdeling: self.afdeling(version),
            gegevens,
            rol: own
                .and_then(|o| o.betrokkenheid.as_deref())
                .map(|r| roles::label(r, self.lang)),
            rol_uitleg: own
                .and_then(|o| o.betrokkenheid.as_deref())
                .and_then(roles::find)
                .map(|r| r.explanation(self.lang).to_owned()),
            // A person as recipient stays sealed; only organisations are named.
            ontvanger: match (&f.afnemer_id, &f.soort_afnemer_id) {
                (Some(oin), _) => Some(
                    self.organisations
                        .get(oin)
                        .cloned()
                        .unwrap_or_else(|| oin.clone()),
                ),
                (None, Some(_)) => Some(self.lang.texts().recipient_person.to_owned()),
                (None, None) => None,
            },
            opgeheven: f.vertrouwelijkheid == Vertrouwelijkheid::Opgeheven,
            automatisch: f.gebruiker.is_none(),
        }
    }
}

pub fn grondslag_text(g: Grondslag, lang: Lang) -> &'static str {
    match (lang, g) {
        (Lang::Nl, Grondslag::Toestemming) => "U heeft toestemming gegeven",
        (Lang::Nl, Grondslag::Overeenkomst) => "Nodig voor een overeenkomst met u",
        (Lang::Nl, Grondslag::WettelijkeVerplichting) => "De wet verplicht de gemeente hiertoe",
        (Lang::Nl, Grondslag::VitaalBelang) => "Nodig om iemands leven of gezondheid te beschermen",
        (Lang::Nl, Grondslag::PubliekeTaak) => {
            "Nodig voor een taak die de wet aan de gemeente geeft"
        }
        (Lang::Nl, Grondslag::GerechtvaardigdBelang) => {
            "Een gerechtvaardigd belang van de gemeente"
        }
        (Lang::En, Grondslag::Toestemming) => "You gave your consent",
        (Lang::En, Grondslag::Overeenkomst) => "Needed for a contract with you",
        (Lang::En, Grondslag::WettelijkeVerplichting) => {
            "The law requires the municipality to do this"
        }
        (Lang::En, Grondslag::VitaalBelang) => "Needed to protect someone's life or health",
        (Lang::En, Grondslag::PubliekeTaak) => "Needed for a task the law gives the municipality",
        (Lang::En, Grondslag::GerechtvaardigdBelang) => "A legitimate interest of the municipality",
    }
}
