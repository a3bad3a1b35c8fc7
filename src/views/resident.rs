//! What a resident may see of the log: their own current entries that are
//! `normaal` or `opgeheven`, only their own part of each action, never
//! `systeem`, `gebruiker` or `gegevensbron`; explained from the register.

pub use super::context::{grondslag_text, Context, ContextCache};
use super::dates;
use crate::{
    model::{Filter, Groep, Overzicht, Regel, Telling, Uitleg},
    register::{LOOKUP_ACTIVITY_ID, VIEW_ACTIVITY_ID},
    store::{log::StoredVersion, Db, StoreError},
};
use std::collections::{BTreeMap, HashMap};

/// An hour in microseconds: the summary's unit of time. Amsterdam's offset
/// from UTC is a whole number of hours, so an hour lies in one local month.
const HOUR: i64 = 3_600_000_000;

/// The most entries one overview shows; older ones need a shorter period.
pub const CAP: usize = 2000;
const PAGE: i64 = 500;

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
        !version.objects.is_empty() && version.fields.vertrouwelijkheid.visible_to_resident();
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

/// The resident's entries in one verwerking, as one group; `None`
/// when they have no visible entry in it.
pub async fn verwerking(
    db: &Db,
    ctx: &Context,
    pseudonym: &[u8],
    verwerking_id: &str,
) -> Result<Option<Groep>, StoreError> {
    let (entries, _) = entries(db, pseudonym, i64::MIN).await?;
    let all = Filter {
        maanden: 0,
        ..Default::default()
    };
    let in_it = of_verwerking(entries, verwerking_id);
    Ok(overview(ctx, in_it, false, &all).groepen.into_iter().next())
}

fn of_verwerking(entries: Vec<StoredVersion>, verwerking_id: &str) -> Vec<StoredVersion> {
    entries
        .into_iter()
        .filter(|v| v.fields.verwerking_id.as_deref() == Some(verwerking_id))
        .collect()
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

/// A case's entries in the period: how many, and when the first and last were.
#[derive(Clone, Copy)]
struct Span {
    aantal: u32,
    first: i64,
    last: i64,
}

impl Span {
    fn new(n: u32, at: i64) -> Span {
        Span {
            aantal: n,
            first: at,
            last: at,
        }
    }

    fn add(&mut self, n: u32, at: i64) {
        self.aantal += n;
        self.first = self.first.min(at);
        self.last = self.last.max(at);
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
    /// Entries per verwerking over the whole period, listed or not.
    cases: HashMap<String, Span>,
    /// Entries without a verwerking: each is a case of its own.
    loose: u32,
    staff_lookups: u32,
    /// The resident's own views per day, with a moment of that day.
    own_views: BTreeMap<(i32, u32, u32), (u32, i64)>,
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

    /// `n` entries that pass the filter, of one activity, department and
    /// verwerking, in the same hour.
    fn count(&mut self, entries: Counted<'_>, n: u32) {
        let Counted {
            afdeling,
            verwerking,
            activity,
            tijdstip_utc,
        } = entries;
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
        match verwerking {
            Some(id) => match self.cases.get_mut(id) {
                Some(span) => span.add(n, tijdstip_utc),
                None => {
                    self.cases.insert(id.to_owned(), Span::new(n, tijdstip_utc));
                }
            },
            None => self.loose += n,
        }
        if activity == Some(LOOKUP_ACTIVITY_ID) {
            self.staff_lookups += n;
        }
    }

    /// `n` views of the resident of their own log.
    fn own_view(&mut self, tijdstip_utc: i64, n: u32) {
        self.own_views
            .entry(dates::day_key(tijdstip_utc))
            .or_insert((0, tijdstip_utc))
            .0 += n;
    }

    fn finish(mut self, ctx: &Context, groups: Groups, afgekapt: bool, meer: bool) -> Overzicht {
        self.gegevens.sort();
        let lang = ctx.lang;
        let groepen = groups
            .groepen
            .into_iter()
            .zip(groups.spans)
            .map(|(mut groep, listed)| {
                let span = groep
                    .verwerking_id
                    .as_ref()
                    .and_then(|id| self.cases.get(id))
                    .copied()
                    .unwrap_or(listed);
                groep.aantal = span.aantal;
                groep.van = dates::day(span.first, lang);
                groep.tot = dates::day(span.last, lang);
                groep
            })
            .collect();
        Overzicht {
            naam: None,
            gemaakt: String::new(),
            groepen,
            totaal: self.totaal,
            zaken: u32::try_from(self.cases.len()).unwrap_or(u32::MAX) + self.loose,
            medewerker_keken: self.staff_lookups,
            eigen: self
                .own_views
                .into_values()
                .rev()
                .map(|(aantal, at)| Telling {
                    label: dates::day(at, lang),
                    aantal,
                })
                .collect(),
            per_afdeling: self
                .per_afdeling
                .into_iter()
                .map(|(label, aantal)| Telling { label, aantal })
                .collect(),
            per_maand: self
                .per_maand
                .into_iter()
                .map(|((y, m), aantal)| Telling {
                    label: dates::month(y, m, lang),
                    aantal,
                })
                .collect(),
            afdelingen: self.afdelingen.into_iter().collect(),
            gegevens: self.gegevens,
            doelen: self.doelen.into_iter().collect(),
            afgekapt,
            meer,
            controle: None,
        }
    }
}

/// What [`Tally::count`] counts entries by.
struct Counted<'a> {
    afdeling: Option<&'a String>,
    verwerking: Option<&'a str>,
    activity: Option<&'a str>,
    tijdstip_utc: i64,
}

/// Listed entries grouped per verwerking, in order, with the span of the
/// listed entries of each (for entries without a verwerking).
#[derive(Default)]
struct Groups {
    groepen: Vec<Groep>,
    spans: Vec<Span>,
    index: HashMap<String, usize>,
}

impl Groups {
    fn add(&mut self, version: &StoredVersion, regel: Regel, uitleg: Option<Uitleg>) {
        let at = version.fields.tijdstip_utc;
        let key = version
            .fields
            .verwerking_id
            .clone()
            .unwrap_or_else(|| version.actie_id.clone());
        if let Some(&i) = self.index.get(&key) {
            self.groepen[i].regels.push(regel);
            self.spans[i].add(1, at);
            return;
        }
        let naam = version
            .fields
            .verwerking_naam
            .clone()
            .or_else(|| uitleg.as_ref().map(|u| u.titel.clone()))
            .unwrap_or_else(|| regel.wat.clone());
        self.index.insert(key, self.groepen.len());
        self.spans.push(Span::new(1, at));
        self.groepen.push(Groep {
            verwerking_id: version.fields.verwerking_id.clone(),
            naam_van_bron: version.fields.verwerking_naam.is_some(),
            naam,
            afdeling: regel.afdeling.clone(),
            uitleg,
            aantal: 0,
            van: String::new(),
            tot: String::new(),
            medewerker: version.fields.verwerkingsactiviteit_id.as_deref()
                == Some(LOOKUP_ACTIVITY_ID),
            regels: vec![regel],
        });
    }
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
    let narrowed = filter.narrows();
    let mut tally = Tally::default();
    let mut groups = Groups::default();
    let mut shown = 0;
    let mut meer = false;
    for version in &versions {
        let activity_id = version.fields.verwerkingsactiviteit_id.as_deref();
        if activity_id == Some(VIEW_ACTIVITY_ID) {
            // The resident's own look, not the municipality's use; a filter
            // asks for the use only.
            if !narrowed {
                tally.own_view(version.fields.tijdstip_utc, 1);
            }
            continue;
        }
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
        let counted = Counted {
            afdeling: regel.afdeling.as_ref(),
            verwerking: version.fields.verwerking_id.as_deref(),
            activity: activity_id,
            tijdstip_utc: version.fields.tijdstip_utc,
        };
        tally.count(counted, 1);
        // Counted; listed only up to the page's limit.
        if shown == limit {
            meer = true;
            continue;
        }
        shown += 1;
        groups.add(version, regel, uitleg);
    }
    tally.finish(ctx, groups, afgekapt, meer)
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
    let summary = db.resident_summary(pseudonym, not_before).await?;
    let mut tally = Tally::default();
    for own in &summary.own_views {
        tally.own_view(
            own.uur * HOUR,
            u32::try_from(own.aantal).unwrap_or(u32::MAX),
        );
    }
    // Entries of one activity share its department and purpose, and most
    // share their data too: look each up once, not once per entry.
    let mut per_activity = HashMap::new();
    let mut offered = std::collections::HashSet::new();
    let mut entries = 0;
    for row in &summary.uses {
        let id = row.verwerkingsactiviteit_id.as_deref();
        let n = u32::try_from(row.aantal).unwrap_or(u32::MAX);
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
        let counted = Counted {
            afdeling: afdeling.as_ref(),
            verwerking: row.verwerking_id.as_deref(),
            activity: id,
            tijdstip_utc: row.uur * HOUR,
        };
        tally.count(counted, n);
        entries += row.aantal as usize;
    }
    let limit = match filter.toon {
        0 => CAP,
        n => (n as usize).min(CAP),
    };
    let page = db
        .resident_uses_page(pseudonym, not_before, limit as i64)
        .await?;
    let mut groups = Groups::default();
    for version in &page {
        let uitleg = ctx.activity(version).map(|a| ctx.uitleg(a));
        groups.add(version, ctx.regel(version), uitleg);
    }
    Ok(tally.finish(ctx, groups, false, entries > limit))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_verwerking_holds_only_its_own_entries() {
        let entry = |seq, verwerking: Option<&str>| StoredVersion {
            seq,
            actie_id: String::new(),
            registratie_utc: 0,
            fields: crate::store::log::ActieFields {
                verwerking_id: verwerking.map(str::to_owned),
                ..Default::default()
            },
            objects: Vec::new(),
        };
        let entries = vec![
            entry(1, Some("a")),
            entry(2, Some("b")),
            entry(3, None),
            entry(4, Some("a")),
        ];
        let seqs: Vec<i64> = of_verwerking(entries, "a").iter().map(|v| v.seq).collect();
        assert_eq!(seqs, [1, 4]);
    }
}
