//! Retention: an action whose term has passed is removed whole, all its
//! versions at once. The term is the action's own `bewaartermijn`, or its
//! register activity's when it has none, counted on the calendar in
//! Europe/Amsterdam from the moment of the action (`IsoDuration::expires_after`).
//! An action with neither is kept. The leaves stay in the tree, marked
//! removed, so `verify` still passes; the audit trail records each run
//! with its counts, and `verify` checks the removed leaves against them.

use crate::domain::IsoDuration;
use crate::store::{log::Expiring, staff::AuditLine, Db, StoreError};
use chrono::{DateTime, TimeZone, Utc};
use std::collections::{BTreeMap, HashMap};

/// The audit line of a purge run.
pub const AUDIT_ACTIE: &str = "bewaartermijn verstreken";
/// Actions weighed per page, and removed per transaction: a transaction
/// holds SQLite's one writer for a few milliseconds, so a new entry that
/// arrives meanwhile waits little.
const PAGE: i64 = 20_000;
const PER_TRANSACTION: usize = 100;
/// After each transaction the purge rests this many times as long as it
/// took, so writers of new entries have the database at least three
/// quarters of the time and never queue behind a run of removals.
const REST: u32 = 3;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Count only.
    DryRun,
    Remove,
}

/// What a run removed (or, dry, would remove).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Report {
    pub actions: i64,
    pub versions: i64,
    /// Actions per register activity (`-` for none).
    pub per_activity: BTreeMap<String, i64>,
}

impl Report {
    /// The audit line's words: "3 acties, 5 versies; per activiteit: …".
    fn summary(&self) -> String {
        let per: Vec<String> = self
            .per_activity
            .iter()
            .map(|(activity, n)| format!("{activity}: {n}"))
            .collect();
        format!(
            "{} acties, {} versies; per activiteit: {}",
            self.actions,
            self.versions,
            if per.is_empty() {
                "-".to_owned()
            } else {
                per.join(", ")
            }
        )
    }
}

/// The retention term of each register activity in force now.
async fn register_terms(db: &Db, now: i64) -> Result<HashMap<String, IsoDuration>, StoreError> {
    Ok(db
        .activities_at(now)
        .await?
        .into_iter()
        .filter_map(|a| {
            let term = a.activity.bewaartermijn_iso.as_deref()?.parse().ok()?;
            Some((a.activity.id, term))
        })
        .collect())
}

/// Whether retention of this action has passed at `now`.
fn expired(
    a: &Expiring,
    own: &mut HashMap<String, Option<IsoDuration>>,
    register: &HashMap<String, IsoDuration>,
    now: DateTime<Utc>,
) -> bool {
    let term = match &a.bewaartermijn {
        Some(text) => own
            .entry(text.clone())
            .or_insert_with(|| text.parse().ok())
            .as_ref(),
        None => None,
    }
    .or_else(|| register.get(a.verwerkingsactiviteit_id.as_deref()?));
    let Some(term) = term else { return false };
    let Some(start) = Utc.timestamp_micros(a.tijdstip_utc).single() else {
        return false;
    };
    term.expires_after(start).is_some_and(|end| end <= now)
}

/// Removes (or counts) every action whose retention has passed at `now`.
/// Only actions wholly in the tree are weighed; the rest wait for the next run.
pub async fn purge(db: &Db, now: DateTime<Utc>, mode: Mode) -> Result<Report, StoreError> {
    let now_micros = now.timestamp_micros();
    let register = register_terms(db, now_micros).await?;
    let upto = db.tree_head().await?.last_actie;
    let mut own = HashMap::new();
    let mut report = Report::default();
    let mut after = 0;
    loop {
        let page = db.newest_versions(after, upto, PAGE).await?;
        let Some(last) = page.last() else { break };
        after = last.seq;
        let ended: Vec<Expiring> = page
            .into_iter()
            .filter(|a| expired(a, &mut own, &register, now))
            .collect();
        let activity: HashMap<&str, &str> = ended
            .iter()
            .map(|a| {
                let id = a.verwerkingsactiviteit_id.as_deref().unwrap_or("-");
                (a.actie_id.as_str(), id)
            })
            .collect();
        for batch in ended.chunks(PER_TRANSACTION) {
            let removed = match mode {
                Mode::DryRun => db.count_versions(batch).await?,
                Mode::Remove => {
                    let started = std::time::Instant::now();
                    let removed = db.remove_actions(batch, now_micros).await?;
                    tokio::time::sleep(started.elapsed() * REST).await;
                    removed
                }
            };
            for (actie_id, versions) in removed {
                report.actions += 1;
                report.versions += versions;
                let id = activity.get(actie_id.as_str()).copied().unwrap_or("-");
                *report.per_activity.entry(id.to_owned()).or_default() += 1;
            }
        }
    }
    if mode == Mode::Remove {
        let details = report.summary();
        db.audit(&AuditLine {
            medewerker: "Inzage (bewaartermijn)",
            account: None,
            rol: "systeem",
            actie: AUDIT_ACTIE,
            onderwerp: None,
            details: Some(&details),
        })
        .await?;
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn action(tijdstip: &str, term: Option<&str>, activity: Option<&str>) -> Expiring {
        Expiring {
            actie_id: "a".into(),
            seq: 1,
            tijdstip_utc: DateTime::parse_from_rfc3339(tijdstip)
                .unwrap()
                .timestamp_micros(),
            bewaartermijn: term.map(Into::into),
            verwerkingsactiviteit_id: activity.map(Into::into),
        }
    }

    fn at(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text)
            .unwrap()
            .with_timezone(&Utc)
    }

    #[test]
    fn the_actions_own_term_wins_and_the_register_fills_in() {
        let register = HashMap::from([("act".to_owned(), "P1Y".parse().unwrap())]);
        let mut own = HashMap::new();
        let a = action("2025-01-31T12:00:00+01:00", Some("P1M"), Some("act"));
        // P1M from 31 January ends at the end of February, not on 3 March.
        assert!(!expired(
            &a,
            &mut own,
            &register,
            at("2025-02-28T11:59:59+01:00")
        ));
        assert!(expired(
            &a,
            &mut own,
            &register,
            at("2025-02-28T12:00:00+01:00")
        ));
        let b = action("2024-02-29T09:00:00+01:00", None, Some("act"));
        assert!(!expired(
            &b,
            &mut own,
            &register,
            at("2025-02-28T08:59:59+01:00")
        ));
        assert!(expired(
            &b,
            &mut own,
            &register,
            at("2025-02-28T09:00:00+01:00")
        ));
    }

    #[test]
    fn an_action_without_any_term_is_kept() {
        let mut own = HashMap::new();
        let a = action("2000-01-01T00:00:00Z", None, Some("unknown"));
        assert!(!expired(&a, &mut own, &HashMap::new(), Utc::now()));
        let b = action("2000-01-01T00:00:00Z", Some("not a term"), None);
        assert!(!expired(&b, &mut own, &HashMap::new(), Utc::now()));
    }
}
