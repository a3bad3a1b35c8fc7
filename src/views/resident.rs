//! What a resident may see of the log: their own current entries that are
//! `normaal` or `opgeheven`, only their own part of each action, never
//! `systeem`, `gebruiker` or `gegevensbron`; explained from the register.

use super::dates;
use crate::{
    i18n::Lang,
    model::{Filter, Groep, Overzicht, Regel, Telling, Uitleg},
    register::{Activity, Grondslag},
    store::{log::StoredVersion, Db, StoreError},
};
use std::collections::{BTreeMap, HashMap};

/// The most entries one overview shows; older ones need a shorter period.
pub const CAP: usize = 2000;
const PAGE: i64 = 500;

/// What the register and organisation list say, looked up once per view.
pub struct Context {
    pub lang: Lang,
    activities: HashMap<String, Activity>,
    afdelingen: HashMap<String, String>,
    organisations: HashMap<String, String>,
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

    fn activity(&self, version: &StoredVersion) -> Option<&Activity> {
        version
            .fields
            .verwerkingsactiviteit_id
            .as_ref()
            .and_then(|id| self.activities.get(id))
    }

    fn afdeling(&self, version: &StoredVersion) -> Option<String> {
        self.activity(version)
            .and_then(|a| a.afdeling.as_ref())
            .map(|code| {
                self.afdelingen
                    .get(code)
                    .cloned()
                    .unwrap_or_else(|| code.clone())
            })
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
        let gegevens = own
            .and_then(|o| serde_json::from_str::<Vec<String>>(&o.soorten_gegevens).ok())
            .filter(|g| !g.is_empty())
            .or_else(|| self.activity(version).map(|a| a.gegevens.clone()))
            .unwrap_or_default();
        Regel {
            actie_id: version.actie_id.clone(),
            wanneer: dates::moment(f.tijdstip_utc, self.lang),
            wat: f.actie_naam.clone().unwrap_or_else(|| {
                if self.lang == Lang::En {
                    "Data used"
                } else {
                    "Gegevens gebruikt"
                }
                .to_owned()
            }),
            stap: f.handeling_naam.clone(),
            afdeling: self.afdeling(version),
            gegevens,
            rol: own.and_then(|o| o.betrokkenheid.clone()),
            // A person as recipient stays sealed; only organisations are named.
            ontvanger: f.afnemer_id.as_ref().map(|oin| {
                self.organisations
                    .get(oin)
                    .cloned()
                    .unwrap_or_else(|| oin.clone())
            }),
            opgeheven: f.vertrouwelijkheid == "opgeheven",
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

/// One current entry, with only the resident's own object, when the
/// resident is in it and may see it; `None` otherwise (also for someone
/// else's entry, so a guessed id reveals nothing).
pub async fn own_entry(
    db: &Db,
    pseudonym: &[u8],
    actie_id: &str,
) -> Result<Option<StoredVersion>, StoreError> {
    let Some(mut version) = db.current_version(actie_id).await? else {
        return Ok(None);
    };
    version.objects.retain(|o| o.pseudonym == pseudonym);
    let visible =
        !version.objects.is_empty() && version.fields.vertrouwelijkheid != "vertrouwelijk";
    Ok(visible.then_some(version))
}

/// All the resident's visible entries since `not_before`, newest first.
pub async fn entries(
    db: &Db,
    pseudonym: &[u8],
    not_before: i64,
) -> Result<(Vec<StoredVersion>, bool), StoreError> {
    let mut all = Vec::new();
    let mut cursor = None;
    loop {
        let page = db
            .resident_page(pseudonym, cursor, not_before, PAGE)
            .await?;
        let full = page.len() as i64 == PAGE;
        if let Some(last) = page.last() {
            cursor = Some((last.fields.tijdstip_utc, last.seq));
        }
        all.extend(page);
        if all.len() >= CAP {
            all.truncate(CAP);
            return Ok((all, true));
        }
        if !full {
            return Ok((all, false));
        }
    }
}

/// The start of the period a filter asks for.
pub fn not_before(filter: &Filter) -> i64 {
    match filter.maanden {
        0 => i64::MIN,
        months => {
            (chrono::Utc::now() - chrono::Duration::days(31 * months as i64)).timestamp_micros()
        }
    }
}

/// Builds the overview: filters, groups per verwerking and the summary.
pub fn overview(
    ctx: &Context,
    versions: Vec<StoredVersion>,
    afgekapt: bool,
    filter: &Filter,
) -> Overzicht {
    let mut afdelingen: BTreeMap<String, String> = BTreeMap::new();
    let mut gegevens: Vec<String> = Vec::new();
    let mut doelen: BTreeMap<String, String> = BTreeMap::new();
    let zoek = filter.zoek.trim().to_lowercase();
    let mut groepen: Vec<Groep> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut per_afdeling: BTreeMap<String, u32> = BTreeMap::new();
    let mut per_maand: BTreeMap<(i32, u32), u32> = BTreeMap::new();
    let mut totaal = 0;
    for version in &versions {
        let activity = ctx.activity(version);
        let regel = ctx.regel(version);
        let code = activity
            .and_then(|a| a.afdeling.clone())
            .unwrap_or_default();
        if let Some(name) = &regel.afdeling {
            afdelingen.insert(code.clone(), name.clone());
        }
        for g in &regel.gegevens {
            if !gegevens.contains(g) {
                gegevens.push(g.clone());
            }
        }
        let uitleg = activity.map(|a| ctx.uitleg(a));
        if let Some(u) = &uitleg {
            doelen.insert(u.activiteit_id.clone(), u.titel.clone());
        }
        // Filters
        if !filter.afdeling.is_empty() && filter.afdeling != code {
            continue;
        }
        if !filter.gegeven.is_empty() && !regel.gegevens.contains(&filter.gegeven) {
            continue;
        }
        if !filter.doel.is_empty()
            && uitleg.as_ref().map(|u| &u.activiteit_id) != Some(&filter.doel)
        {
            continue;
        }
        let naam = version
            .fields
            .verwerking_naam
            .clone()
            .or_else(|| uitleg.as_ref().map(|u| u.titel.clone()));
        let naam = naam.unwrap_or_else(|| regel.wat.clone());
        if !zoek.is_empty() {
            let haystack = [
                Some(regel.wat.as_str()),
                regel.stap.as_deref(),
                regel.afdeling.as_deref(),
                Some(naam.as_str()),
                uitleg.as_ref().map(|u| u.titel.as_str()),
                regel.ontvanger.as_deref(),
            ]
            .into_iter()
            .flatten()
            .chain(regel.gegevens.iter().map(String::as_str))
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase();
            if !haystack.contains(&zoek) {
                continue;
            }
        }
        totaal += 1;
        *per_afdeling
            .entry(regel.afdeling.clone().unwrap_or_else(|| "-".into()))
            .or_default() += 1;
        *per_maand
            .entry(dates::year_month(version.fields.tijdstip_utc))
            .or_default() += 1;
        let key = version
            .fields
            .verwerking_id
            .clone()
            .unwrap_or_else(|| version.actie_id.clone());
        match index.get(&key) {
            Some(&i) => groepen[i].regels.push(regel),
            None => {
                index.insert(key, groepen.len());
                groepen.push(Groep {
                    verwerking_id: version.fields.verwerking_id.clone(),
                    naam,
                    afdeling: regel.afdeling.clone(),
                    uitleg,
                    regels: vec![regel],
                });
            }
        }
    }
    gegevens.sort();
    Overzicht {
        groepen,
        totaal,
        per_afdeling: per_afdeling
            .into_iter()
            .map(|(label, aantal)| Telling { label, aantal })
            .collect(),
        per_maand: per_maand
            .into_iter()
            .map(|((y, m), aantal)| Telling {
                label: dates::month(y, m, ctx.lang),
                aantal,
            })
            .collect(),
        afdelingen: afdelingen.into_iter().collect(),
        gegevens,
        doelen: doelen.into_iter().collect(),
        afgekapt,
    }
}
