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

/// An hour in microseconds: the summary's unit of time. Amsterdam's offset
/// from UTC is a whole number of hours, so an hour lies in one local month.
const HOUR: i64 = 3_600_000_000;

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

    fn activity(&self, version: &StoredVersion) -> Option<&Activity> {
        version
            .fields
            .verwerkingsactiviteit_id
            .as_ref()
            .and_then(|id| self.activities.get(id))
    }

    fn afdeling(&self, version: &StoredVersion) -> Option<String> {
        self.afdeling_of(self.activity(version))
    }

    /// The name of an activity's department (its code when unnamed).
    fn afdeling_of(&self, activity: Option<&Activity>) -> Option<String> {
        let code = activity?.afdeling.as_ref()?;
        Some(
            self.afdelingen
                .get(code)
                .cloned()
                .unwrap_or_else(|| code.clone()),
        )
    }

    /// The data an entry used: as logged (a JSON array), else the register's.
    fn gegevens(&self, soorten: Option<&str>, activity: Option<&Activity>) -> Vec<String> {
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

/// The start of the period a filter asks for. Any number of months is
/// safe: a period that reaches past what a date can hold means everything
/// (the filter comes from a query string or a server-function call).
pub fn not_before(filter: &Filter) -> i64 {
    match filter.maanden {
        0 => i64::MIN,
        months => chrono::Duration::try_days(31 * i64::from(months))
            .and_then(|period| chrono::Utc::now().checked_sub_signed(period))
            .map_or(i64::MIN, |start| start.timestamp_micros()),
    }
}

/// Counts and filter choices of an overview, built up one entry at a time.
#[derive(Default)]
struct Tally {
    afdelingen: BTreeMap<String, String>,
    gegevens: Vec<String>,
    doelen: BTreeMap<String, String>,
    per_afdeling: BTreeMap<String, u32>,
    per_maand: BTreeMap<(i32, u32), u32>,
    totaal: u32,
}

impl Tally {
    /// An entry the filter form can offer (every entry in the period).
    fn choice(
        &mut self,
        code: &str,
        afdeling: Option<&String>,
        gegevens: &[String],
        uitleg: Option<&Uitleg>,
    ) {
        if let Some(name) = afdeling {
            self.afdelingen.insert(code.to_owned(), name.clone());
        }
        for g in gegevens {
            if !self.gegevens.contains(g) {
                self.gegevens.push(g.clone());
            }
        }
        if let Some(u) = uitleg {
            self.doelen.insert(u.activiteit_id.clone(), u.titel.clone());
        }
    }

    /// An entry that passes the filter.
    fn count(&mut self, afdeling: Option<&String>, tijdstip_utc: i64) {
        self.count_many(afdeling, tijdstip_utc, 1);
    }

    /// `n` entries of one department in the same month.
    fn count_many(&mut self, afdeling: Option<&String>, tijdstip_utc: i64, n: u32) {
        self.totaal += n;
        let label = afdeling.map_or("-", String::as_str);
        match self.per_afdeling.get_mut(label) {
            Some(count) => *count += n,
            None => {
                self.per_afdeling.insert(label.to_owned(), n);
            }
        }
        *self
            .per_maand
            .entry(dates::year_month(tijdstip_utc))
            .or_default() += n;
    }

    fn finish(
        mut self,
        ctx: &Context,
        groepen: Vec<Groep>,
        afgekapt: bool,
        meer: bool,
    ) -> Overzicht {
        self.gegevens.sort();
        Overzicht {
            groepen,
            totaal: self.totaal,
            per_afdeling: self
                .per_afdeling
                .into_iter()
                .map(|(label, aantal)| Telling { label, aantal })
                .collect(),
            per_maand: self
                .per_maand
                .into_iter()
                .map(|((y, m), aantal)| Telling {
                    label: dates::month(y, m, ctx.lang),
                    aantal,
                })
                .collect(),
            afdelingen: self.afdelingen.into_iter().collect(),
            gegevens: self.gegevens,
            doelen: self.doelen.into_iter().collect(),
            afgekapt,
            meer,
        }
    }
}

/// Listed entries grouped per verwerking, in order.
#[derive(Default)]
struct Groups {
    groepen: Vec<Groep>,
    index: HashMap<String, usize>,
}

impl Groups {
    fn add(&mut self, version: &StoredVersion, regel: Regel, uitleg: Option<Uitleg>) {
        let naam = version
            .fields
            .verwerking_naam
            .clone()
            .or_else(|| uitleg.as_ref().map(|u| u.titel.clone()))
            .unwrap_or_else(|| regel.wat.clone());
        let key = version
            .fields
            .verwerking_id
            .clone()
            .unwrap_or_else(|| version.actie_id.clone());
        match self.index.get(&key) {
            Some(&i) => self.groepen[i].regels.push(regel),
            None => {
                self.index.insert(key, self.groepen.len());
                self.groepen.push(Groep {
                    verwerking_id: version.fields.verwerking_id.clone(),
                    naam,
                    afdeling: regel.afdeling.clone(),
                    uitleg,
                    regels: vec![regel],
                });
            }
        }
    }
}

/// Whether the filter asks for anything beyond a period.
pub fn narrows(filter: &Filter) -> bool {
    !(filter.afdeling.is_empty()
        && filter.gegeven.is_empty()
        && filter.doel.is_empty()
        && filter.zoek.trim().is_empty())
}

/// Builds the overview from all entries in the period: filters, groups per
/// verwerking (up to `filter.toon` entries listed) and the summary.
pub fn overview(
    ctx: &Context,
    versions: Vec<StoredVersion>,
    afgekapt: bool,
    filter: &Filter,
) -> Overzicht {
    let zoek = filter.zoek.trim().to_lowercase();
    let limit = match filter.toon {
        0 => usize::MAX,
        n => n as usize,
    };
    let mut tally = Tally::default();
    let mut groups = Groups::default();
    let mut shown = 0;
    let mut meer = false;
    for version in &versions {
        let activity = ctx.activity(version);
        let regel = ctx.regel(version);
        let code = activity
            .and_then(|a| a.afdeling.clone())
            .unwrap_or_default();
        let uitleg = activity.map(|a| ctx.uitleg(a));
        tally.choice(
            &code,
            regel.afdeling.as_ref(),
            &regel.gegevens,
            uitleg.as_ref(),
        );
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
        if !zoek.is_empty() {
            let naam = version
                .fields
                .verwerking_naam
                .as_deref()
                .unwrap_or_default();
            let haystack = [
                Some(regel.wat.as_str()),
                regel.stap.as_deref(),
                regel.afdeling.as_deref(),
                Some(naam),
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
        tally.count(regel.afdeling.as_ref(), version.fields.tijdstip_utc);
        // Counted; listed only up to the page's limit.
        if shown == limit {
            meer = true;
            continue;
        }
        shown += 1;
        groups.add(version, regel, uitleg);
    }
    tally.finish(ctx, groups.groepen, afgekapt, meer)
}

/// The overview without reading every entry in full: the counts and choices
/// from one narrow row per entry, the listed page from the first entries
/// only. For a filter that only names a period; gives what `overview` gives.
pub async fn overview_page(
    db: &Db,
    ctx: &Context,
    pseudonym: &[u8],
    filter: &Filter,
) -> Result<Overzicht, StoreError> {
    let not_before = not_before(filter);
    let rows = db.resident_summary(pseudonym, not_before).await?;
    let mut tally = Tally::default();
    // Entries of one activity share its department and purpose, and most
    // share their data too: look each up once, not once per entry.
    let mut per_activity = HashMap::new();
    let mut offered = std::collections::HashSet::new();
    let mut entries = 0;
    for row in &rows {
        let id = row.verwerkingsactiviteit_id.as_deref();
        let soorten = &row.soorten_gegevens;
        let activity = id.and_then(|id| ctx.activities.get(id));
        let (code, afdeling, uitleg) = per_activity.entry(id).or_insert_with(|| {
            let code = activity
                .and_then(|a| a.afdeling.clone())
                .unwrap_or_default();
            (
                code,
                ctx.afdeling_of(activity),
                activity.map(|a| ctx.uitleg(a)),
            )
        });
        if offered.insert((id, soorten.as_str())) {
            let gegevens = ctx.gegevens(Some(soorten), activity);
            tally.choice(code, afdeling.as_ref(), &gegevens, uitleg.as_ref());
        }
        let n = u32::try_from(row.aantal).unwrap_or(u32::MAX);
        tally.count_many(afdeling.as_ref(), row.uur * HOUR, n);
        entries += row.aantal as usize;
    }
    let limit = match filter.toon {
        0 => CAP,
        n => (n as usize).min(CAP),
    };
    let page = db
        .resident_page(pseudonym, None, not_before, limit as i64)
        .await?;
    let mut groups = Groups::default();
    for version in &page {
        let uitleg = ctx.activity(version).map(|a| ctx.uitleg(a));
        groups.add(version, ctx.regel(version), uitleg);
    }
    Ok(tally.finish(ctx, groups.groepen, false, entries > limit))
}
