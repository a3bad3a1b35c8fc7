//! The demo municipality "Gemeente Voorbeeld": its register and about a
//! year of realistic log entries for 200 fictional residents. Seeded and
//! deterministic: the same day gives the same log.

pub mod catalogue;
pub mod residents;
mod rng;

use crate::{
    domain::{NewActie, NewObject, Objecttype, Oin, Tijdstip, Vertrouwelijkheid},
    ingest::{scopes::Scopes, BatchItem, Caller, LogService},
    register::Activity,
    store::{register::NewActivityVersion, Db, StoreError},
};
use catalogue::{Activiteit, ACTIVITEITEN, AFDELINGEN, GEMEENTE, ORGANISATIES};
use chrono::{DateTime, Duration, NaiveDate, Timelike, Utc};
use rng::Rng;
use std::time::Instant;

/// Activities the portal logs itself; the seed does not invent them.
const PORTAL_ACTIVITIES: [&str; 1] = ["Inzage in gegevensgebruik"];
const BATCH: usize = 1000;

#[derive(Debug)]
pub struct SeedReport {
    pub activities: usize,
    pub entries: usize,
    pub seconds: f64,
}

#[derive(Debug, thiserror::Error)]
pub enum SeedError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Log(#[from] crate::ingest::LogError),
}

fn seed_caller() -> Caller {
    Caller {
        client_id: "demo-seed".into(),
        organisation: GEMEENTE.oin.into(),
        scopes: Scopes::parse("create:confidential update:confidential").expect("valid scopes"),
        // The demo's history holds the portal's own views and look-ups.
        portal: true,
    }
}

fn list(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| (*s).to_owned()).collect()
}

/// The catalogue entry as a register activity.
pub fn activity(a: &Activiteit) -> Activity {
    Activity {
        id: a.id.to_owned(),
        naam: a.naam.to_owned(),
        doel: a.doel.to_owned(),
        grondslag: a.grondslag,
        wet: a.wet.to_owned(),
        wet_url: Some(a.wet_url.to_owned()),
        afdeling: Some(a.afdeling.to_owned()),
        verantwoordelijke_organisatie: GEMEENTE.oin.to_owned(),
        bestuursorgaan: Some(a.bestuursorgaan.to_owned()),
        gegevens: list(a.gegevens),
        betrokkenen: list(a.betrokkenen),
        ontvangers: list(a.ontvangers),
        internationale_ontvangers: Vec::new(),
        bewaartermijn: Some(a.bewaartermijn.to_owned()),
        bewaartermijn_iso: Some(a.bewaartermijn_iso.to_owned()),
        herkomst: Some(a.herkomst.to_owned()),
        gebaseerd_op: None,
        vertrouwelijk: a.vertrouwelijk,
        titel_nl: Some(a.titel_nl.to_owned()),
        uitleg_nl: Some(a.uitleg_nl.to_owned()),
        titel_en: Some(a.titel_en.to_owned()),
        uitleg_en: Some(a.uitleg_en.to_owned()),
    }
}

/// Writes the organisations, departments and register (when missing).
pub async fn seed_register(db: &Db, since: DateTime<Utc>) -> Result<usize, StoreError> {
    db.upsert_organisation(GEMEENTE.oin, GEMEENTE.naam).await?;
    for o in ORGANISATIES {
        db.upsert_organisation(o.oin, o.naam).await?;
    }
    for a in AFDELINGEN {
        db.upsert_afdeling(a.code, a.naam, a.naam_en, GEMEENTE.oin)
            .await?;
    }
    let now = Utc::now().timestamp_micros();
    if !db.activities_at(now).await?.is_empty() {
        return Ok(0);
    }
    let activities: Vec<Activity> = ACTIVITEITEN.iter().map(activity).collect();
    let versions: Vec<NewActivityVersion<'_>> = activities
        .iter()
        .map(|activity| NewActivityVersion {
            activity,
            geldig_vanaf: since.timestamp_micros(),
            actief: true,
        })
        .collect();
    db.add_activity_versions(&versions, "demo-seed").await?;
    Ok(activities.len())
}

/// Seeds the demo municipality: the register, then about twelve months of
/// entries up to `until`. Does nothing to a log that has entries already.
pub async fn seed(db: &Db, log: &LogService, until: NaiveDate) -> Result<SeedReport, SeedError> {
    let started = Instant::now();
    let end = until.and_hms_opt(17, 0, 0).expect("valid time").and_utc();
    let since = end - Duration::days(365);
    let activities = seed_register(db, since - Duration::days(365)).await?;
    if db.version_count().await? > 0 {
        return Ok(SeedReport {
            activities,
            entries: 0,
            seconds: started.elapsed().as_secs_f64(),
        });
    }
    let caller = seed_caller();
    let (actions, secret_cases) = generate(since, end);
    let entries = actions.len();
    let mut batch = Vec::with_capacity(BATCH);
    for actie in actions {
        batch.push(BatchItem {
            actie,
            idempotency: None,
        });
        if batch.len() == BATCH {
            store(log, &caller, std::mem::take(&mut batch)).await?;
        }
    }
    store(log, &caller, batch).await?;
    // A third of the confidential investigations are over: lifted, as a
    // privacy officer would.
    for verwerking_id in secret_cases.iter().step_by(3) {
        log.lift(&caller.client_id, &verwerking_id.to_string(), None)
            .await?;
    }
    Ok(SeedReport {
        activities,
        entries,
        seconds: started.elapsed().as_secs_f64(),
    })
}

async fn store(log: &LogService, caller: &Caller, batch: Vec<BatchItem>) -> Result<(), SeedError> {
    if batch.is_empty() {
        return Ok(());
    }
    for result in log.create_batch(caller, batch).await? {
        result?;
    }
    Ok(())
}

/// The systems each department logs from (fictional).
fn systeem(afdeling: &str) -> &'static str {
    match afdeling {
        "burgerzaken" => "Burgerzakenmodules v7.2",
        "wmo" | "jeugd" => "Sociaal Domein Suite v5.1",
        "participatie" | "schuldhulp" => "Inkomensregistratie v3.4",
        "belastingen" => "Belastingsysteem v12.0",
        "vergunningen" => "Vergunningenloket v4.3",
        "parkeren" => "Parkeerbeheer v2.8",
        "leerplicht" => "Leerplichtregistratie v6.0",
        _ => "Klantcontactsysteem v9.1",
    }
}

/// Builds every action of the demo year, sorted by time, and the
/// verwerkingen that are confidential investigations. The random draws
/// happen in a fixed order, so the same dates give the same log.
pub fn generate(since: DateTime<Utc>, end: DateTime<Utc>) -> (Vec<NewActie>, Vec<uuid::Uuid>) {
    let residents = residents::all();
    let mut rng = Rng::new(0x0510_2026);
    let usable: Vec<&Activiteit> = ACTIVITEITEN
        .iter()
        .filter(|a| !PORTAL_ACTIVITIES.contains(&a.naam))
        .collect();
    let span = (end - since).num_minutes().max(1) as u64;
    let mut actions = Vec::new();
    let mut secret_cases = Vec::new();
    for (index, resident) in residents.iter().enumerate() {
        // A household: the next one or two residents live at the same address.
        let household: Vec<&residents::Resident> = residents
            .iter()
            .cycle()
            .skip(index + 1)
            .take(rng.range(0, 2) as usize)
            .collect();
        let cases = rng.range(4, 12);
        for _ in 0..cases {
            let a = *rng.pick(&usable);
            if a.vertrouwelijk && !rng.chance(20) {
                continue; // investigations are rare
            }
            let verwerking_id = rng.uuid();
            if a.vertrouwelijk {
                secret_cases.push(verwerking_id);
            }
            let at = since + Duration::minutes(rng.below(span) as i64);
            let people = case_people(&mut rng, a, resident, &household, &residents);
            actions.extend(case_actions(&mut rng, a, verwerking_id, &people, at, end));
        }
    }
    actions.sort_by_key(|a| a.tijdstip.utc_micros());
    (actions, secret_cases)
}

/// Who is in a case: the resident, and for kinds with more roles, often
/// someone of the same household (or another resident).
fn case_people<'r>(
    rng: &mut Rng,
    a: &Activiteit,
    resident: &'r residents::Resident,
    household: &[&'r residents::Resident],
    residents: &'r [residents::Resident],
) -> Vec<(&'r str, &'static str)> {
    let mut people: Vec<(&str, &str)> = vec![(resident.bsn.as_str(), a.rollen[0])];
    for (role_index, role) in a.rollen.iter().enumerate().skip(1) {
        let other = household
            .get(role_index - 1)
            .copied()
            .unwrap_or_else(|| rng.pick(residents));
        if other.bsn != resident.bsn && rng.chance(70) {
            people.push((other.bsn.as_str(), *role));
        }
    }
    people
}

/// The actions of one case, step by step from `at`, until `end`.
fn case_actions(
    rng: &mut Rng,
    a: &Activiteit,
    verwerking_id: uuid::Uuid,
    people: &[(&str, &str)],
    mut at: DateTime<Utc>,
    end: DateTime<Utc>,
) -> Vec<NewActie> {
    let mut actions = Vec::new();
    for stap in a.stappen {
        for actie_naam in stap.acties {
            if at > end {
                break;
            }
            let objects = case_objects(rng, a, people);
            let mut actie = NewActie::new(Tijdstip::from_utc(at), objects);
            actie.actie_naam = Some((*actie_naam).to_owned());
            actie.handeling_naam = Some(stap.handeling.to_owned());
            describe_case(rng, &mut actie, a, verwerking_id);
            // At night no one is at work: the systems' own batch runs act alone.
            if !(7..20).contains(&at.with_timezone(&chrono_tz::Europe::Amsterdam).hour()) {
                actie.gebruiker = None;
            }
            if let Some(oin) = a.afnemer {
                if stap.acties.len() == 1 || rng.chance(50) {
                    actie.soort_afnemer_id = Some("OIN".into());
                    actie.afnemer_id = oin.parse::<Oin>().ok().map(|o| o.to_string());
                }
            }
            actions.push(actie);
            // Steps follow within minutes to weeks.
            at += Duration::minutes(rng.range(2, 60 * 24 * 10) as i64);
        }
    }
    actions
}

/// Each person in an action, with one or two kinds of data of the case.
fn case_objects(rng: &mut Rng, a: &Activiteit, people: &[(&str, &str)]) -> Vec<NewObject> {
    people
        .iter()
        .map(|(bsn, role)| {
            let mut soorten: Vec<String> = Vec::new();
            for _ in 0..rng.range(1, 3) {
                let s = (*rng.pick(a.gegevens)).to_owned();
                if !soorten.contains(&s) {
                    soorten.push(s);
                }
            }
            NewObject {
                objecttype: Objecttype::Persoon,
                soort_object_id: "BSN".into(),
                object_id: (*bsn).to_owned(),
                betrokkenheid: Some((*role).to_owned()),
                soorten_gegevens: soorten,
            }
        })
        .collect()
}

/// What every action of a case shares: its kind of case, confidentiality,
/// retention, system and source. Only the member of staff differs.
fn describe_case(rng: &mut Rng, actie: &mut NewActie, a: &Activiteit, verwerking_id: uuid::Uuid) {
    actie.verwerking_naam = Some(a.zaak.to_owned());
    actie.verwerking_id = Some(verwerking_id);
    actie.verwerkingsactiviteit_id = uuid::Uuid::parse_str(a.id).ok();
    actie.vertrouwelijkheid = if a.vertrouwelijk {
        Vertrouwelijkheid::Vertrouwelijk
    } else {
        Vertrouwelijkheid::Normaal
    };
    actie.bewaartermijn = a.bewaartermijn_iso.parse().ok();
    actie.systeem = Some(systeem(a.afdeling).to_owned());
    actie.gebruiker = Some(format!("mdw-{:03}", rng.range(1, 120)));
    actie.gegevensbron = Some(
        if a.gegevens.contains(&"BSN") {
            "BRP"
        } else {
            "Zaakregistratie"
        }
        .to_owned(),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_year_is_deterministic_and_realistic() {
        let end = NaiveDate::from_ymd_opt(2026, 11, 1)
            .unwrap()
            .and_hms_opt(17, 0, 0)
            .unwrap()
            .and_utc();
        let since = end - Duration::days(365);
        let (a, secret) = generate(since, end);
        let (b, _) = generate(since, end);
        assert_eq!(a.len(), b.len());
        assert!(
            a.iter().zip(&b).all(|(x, y)| x == y),
            "same input, same log"
        );
        assert!(a.len() > 5_000, "{} entries", a.len());
        assert!(!secret.is_empty(), "some confidential investigations");
        assert!(
            a.iter().any(|x| x.verwerkte_objecten.len() > 1),
            "multi-person actions"
        );
        assert!(
            a.iter().any(|x| x.afnemer_id.is_some()),
            "data passed to other organisations"
        );
        let ids: Vec<&str> = ACTIVITEITEN.iter().map(|x| x.id).collect();
        for x in &a {
            let id = x.verwerkingsactiviteit_id.unwrap().to_string();
            assert!(
                ids.contains(&id.as_str()),
                "every entry points to a register activity"
            );
            assert!(x.tijdstip.utc() >= since && x.tijdstip.utc() <= end);
        }
    }
}
