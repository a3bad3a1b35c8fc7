//! Requests (verzoeken) as residents and privacy officers see them: filing,
//! the queue with its deadlines, and every step of handling, each recorded
//! as an event. Texts are sealed under the request id.

use super::dates::moment;
use crate::{
    crypto::Keys,
    i18n::Lang,
    model::{EventKind, Gebeurtenis, Outcome, RequestKind, RequestStatus, Zaak},
    store::{
        requests::{CaseChange, CaseRow, EventRow, RequestRow},
        Db, StoreError,
    },
};
use chrono::{DateTime, Months, Utc};

/// The statutory term may be extended by at most two months (AVG art. 12(3)).
pub const MAX_EXTENSION_MONTHS: u32 = 2;
/// "Due soon" in the queue: the deadline within this many days.
pub const DUE_SOON_DAYS: i64 = 7;

/// Files a request: a case number, the statutory deadline of one month, and
/// its first event. Returns the case number, or `None` when the person has
/// `max_open` open requests already.
#[allow(clippy::too_many_arguments)]
pub async fn file(
    db: &Db,
    keys: &Keys,
    pseudonym: &[u8],
    soort: RequestKind,
    actie_id: Option<String>,
    bericht: &str,
    door: &str,
    max_open: Option<i64>,
) -> Result<Option<String>, StoreError> {
    let id = uuid::Uuid::new_v4();
    let now = Utc::now();
    let mut row = RequestRow {
        id: id.to_string(),
        zaaknummer: String::new(),
        soort,
        actie_id,
        bericht_sealed: keys.encryption.seal(bericht.as_bytes(), id.as_bytes()),
        status: RequestStatus::Ontvangen,
        ontvangen: now.timestamp_micros(),
        termijn: add_months(now, 1).timestamp_micros(),
    };
    // Short numbers are read out on the phone; a number drawn twice in a
    // year is drawn again.
    let mut attempts = 0;
    let added = loop {
        row.zaaknummer = case_number(now, uuid::Uuid::new_v4().as_bytes());
        match db.add_request(pseudonym, &row, max_open).await {
            Err(StoreError::Taken) if attempts < 8 => attempts += 1,
            result => break result?,
        }
    };
    if !added {
        return Ok(None);
    }
    db.case_event(
        &row.id,
        &CaseChange::default(),
        door,
        EventKind::Ontvangen,
        true,
        None,
    )
    .await?;
    Ok(Some(row.zaaknummer))
}

/// Letters and digits nobody mixes up when reading them out: no 0/O, 1/I/L.
const CASE_ALPHABET: &[u8; 31] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";

/// "INZ-26-7K4Q": the year and four characters from `random`.
fn case_number(now: DateTime<Utc>, random: &[u8; 16]) -> String {
    let mut n = u32::from_le_bytes([random[0], random[1], random[2], random[3]]);
    let mut code = String::with_capacity(4);
    for _ in 0..4 {
        code.push(char::from(CASE_ALPHABET[(n % 31) as usize]));
        n /= 31;
    }
    format!("INZ-{}-{code}", now.format("%y"))
}

fn add_months(t: DateTime<Utc>, months: u32) -> DateTime<Utc> {
    t.checked_add_months(Months::new(months)).unwrap_or(t)
}

fn micros(t: i64) -> DateTime<Utc> {
    DateTime::from_timestamp_micros(t).unwrap_or_default()
}

/// Whole days from now until the deadline; negative when overdue.
pub fn days_left(termijn: i64, now: DateTime<Utc>) -> i64 {
    (micros(termijn) - now).num_days()
}

pub fn zaak(row: &CaseRow, lang: Lang, now: DateTime<Utc>) -> Zaak {
    Zaak {
        id: row.id.clone(),
        zaaknummer: row.zaaknummer.clone(),
        soort: row.soort,
        status: row.status,
        ontvangen: moment(row.ontvangen, lang),
        termijn: moment(row.termijn, lang),
        dagen_over: days_left(row.termijn, now),
        behandelaar: row.behandelaar.clone(),
        verlengd: row.verlengd,
    }
}

/// Which part of the queue: all open requests, overdue, or due soon.
pub fn in_view(zaak: &Zaak, weergave: &str) -> bool {
    let open = zaak.status.awaits_decision();
    match weergave {
        "te-laat" => open && zaak.dagen_over < 0,
        "bijna" => open && (0..=DUE_SOON_DAYS).contains(&zaak.dagen_over),
        _ => true,
    }
}

pub fn events(keys: &Keys, case_id: &str, rows: Vec<EventRow>, lang: Lang) -> Vec<Gebeurtenis> {
    rows.into_iter()
        .map(|e| Gebeurtenis {
            wanneer: moment(e.tijd, lang),
            door: e.door,
            soort: e.soort,
            tekst: e.tekst_sealed.and_then(|s| open(keys, case_id, &s)),
            zichtbaar: e.zichtbaar,
        })
        .collect()
}

pub fn open(keys: &Keys, case_id: &str, sealed: &[u8]) -> Option<String> {
    let id = uuid::Uuid::parse_str(case_id).ok()?;
    keys.encryption
        .open(sealed, id.as_bytes())
        .ok()
        .and_then(|b| String::from_utf8(b).ok())
}

pub fn seal(keys: &Keys, case_id: &str, text: &str) -> Vec<u8> {
    let id = uuid::Uuid::parse_str(case_id).unwrap_or_default();
    keys.encryption.seal(text.as_bytes(), id.as_bytes())
}

/// One step a privacy officer takes on a request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Step {
    Take,
    Note(String),
    Message(String),
    Extend { months: u32, reason: String },
    Decide { outcome: Outcome, reason: String },
    Close,
}

/// What a step does: the change to the request and the event it records.
#[derive(Debug, PartialEq, Eq)]
pub struct StepEvent {
    pub change: CaseChange,
    pub soort: EventKind,
    /// Shown to the resident too.
    pub zichtbaar: bool,
    pub tekst: Option<String>,
}

/// Why a step cannot be taken.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum StepError {
    #[error("the text is empty")]
    EmptyText,
    #[error("the request was already extended or the months are out of range")]
    Extension,
    #[error("the request is closed")]
    Closed,
}

impl Step {
    /// The change and the event a step makes, checked against the request.
    pub fn apply(&self, case: &CaseRow, me: &str) -> Result<StepEvent, StepError> {
        if case.status == RequestStatus::Gesloten {
            return Err(StepError::Closed);
        }
        let text = |t: &String| {
            let t = t.trim();
            if t.is_empty() {
                Err(StepError::EmptyText)
            } else {
                Ok(Some(t.chars().take(5000).collect::<String>()))
            }
        };
        let status = |s| CaseChange {
            status: Some(s),
            ..Default::default()
        };
        let event = |change, soort, zichtbaar, tekst| StepEvent {
            change,
            soort,
            zichtbaar,
            tekst,
        };
        Ok(match self {
            Step::Take => event(
                CaseChange {
                    status: (case.status == RequestStatus::Ontvangen)
                        .then_some(RequestStatus::InBehandeling),
                    behandelaar: Some(me.to_owned()),
                    termijn: None,
                },
                EventKind::Opgepakt,
                false,
                None,
            ),
            Step::Note(t) => event(CaseChange::default(), EventKind::Notitie, false, text(t)?),
            Step::Message(t) => event(CaseChange::default(), EventKind::Bericht, true, text(t)?),
            Step::Extend { months, reason } => {
                if case.verlengd || !(1..=MAX_EXTENSION_MONTHS).contains(months) {
                    return Err(StepError::Extension);
                }
                let reason = text(reason)?;
                let termijn = add_months(micros(case.termijn), *months).timestamp_micros();
                event(
                    CaseChange {
                        status: Some(RequestStatus::Verlengd),
                        termijn: Some(termijn),
                        behandelaar: None,
                    },
                    EventKind::Verlengd,
                    true,
                    reason,
                )
            }
            Step::Decide { outcome, reason } => {
                let reason = text(reason)?.unwrap_or_default();
                event(
                    status(RequestStatus::Besloten),
                    EventKind::Besluit,
                    true,
                    Some(format!("{}: {reason}", outcome.as_str())),
                )
            }
            Step::Close => event(
                status(RequestStatus::Gesloten),
                EventKind::Gesloten,
                true,
                None,
            ),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_numbers_are_short_and_cannot_be_misread() {
        let now = DateTime::parse_from_rfc3339("2026-12-06T10:00:00Z")
            .unwrap()
            .to_utc();
        let mut seen = std::collections::HashSet::new();
        for i in 0..2000u32 {
            let mut random = [0u8; 16];
            random[..4].copy_from_slice(&i.wrapping_mul(2_654_435_761).to_le_bytes());
            let n = case_number(now, &random);
            let code = n.strip_prefix("INZ-26-").expect(&n);
            assert_eq!(code.len(), 4, "{n}");
            assert!(!code.contains(['0', 'O', '1', 'I', 'L']), "{n}");
            seen.insert(n);
        }
        assert!(
            seen.len() > 1990,
            "spread over the alphabet: {}",
            seen.len()
        );
    }

    fn case(status: RequestStatus, verlengd: bool) -> CaseRow {
        CaseRow {
            id: uuid::Uuid::new_v4().to_string(),
            zaaknummer: "INZ-2026-1".into(),
            pseudonym: vec![1; 32],
            soort: RequestKind::Vraag,
            actie_id: None,
            bericht_sealed: vec![],
            status,
            ontvangen: 0,
            termijn: Utc::now().timestamp_micros(),
            behandelaar: None,
            verlengd,
        }
    }

    #[test]
    fn an_extension_is_once_and_at_most_two_months() {
        let extend = |months| Step::Extend {
            months,
            reason: "drukte".into(),
        };
        let e = extend(2)
            .apply(&case(RequestStatus::InBehandeling, false), "me")
            .unwrap();
        assert_eq!(
            (e.soort, e.zichtbaar, e.tekst.as_deref()),
            (EventKind::Verlengd, true, Some("drukte"))
        );
        assert_eq!(e.change.status, Some(RequestStatus::Verlengd));
        let new = micros(e.change.termijn.unwrap());
        assert!((new - Utc::now()).num_days() >= 58);
        assert_eq!(
            extend(3)
                .apply(&case(RequestStatus::InBehandeling, false), "me")
                .err(),
            Some(StepError::Extension)
        );
        assert_eq!(
            extend(1)
                .apply(&case(RequestStatus::Verlengd, true), "me")
                .err(),
            Some(StepError::Extension)
        );
        let empty = Step::Extend {
            months: 1,
            reason: " ".into(),
        };
        assert_eq!(
            empty
                .apply(&case(RequestStatus::Ontvangen, false), "me")
                .err(),
            Some(StepError::EmptyText)
        );
    }

    #[test]
    fn notes_are_internal_and_messages_and_decisions_are_visible() {
        let c = case(RequestStatus::InBehandeling, false);
        assert!(!Step::Note("x".into()).apply(&c, "me").unwrap().zichtbaar);
        assert!(Step::Message("x".into()).apply(&c, "me").unwrap().zichtbaar);
        let decide = Step::Decide {
            outcome: Outcome::Afgewezen,
            reason: "geen grond".into(),
        };
        let e = decide.apply(&c, "me").unwrap();
        assert!(e.zichtbaar);
        assert_eq!(e.change.status, Some(RequestStatus::Besloten));
        assert_eq!(e.tekst.as_deref(), Some("afgewezen: geen grond"));
        assert_eq!(
            Step::Take
                .apply(&case(RequestStatus::Gesloten, false), "me")
                .err(),
            Some(StepError::Closed)
        );
    }

    #[test]
    fn the_queue_views_split_by_deadline() {
        let z = |dagen_over, status| Zaak {
            id: String::new(),
            zaaknummer: String::new(),
            soort: RequestKind::Vraag,
            status,
            ontvangen: String::new(),
            termijn: String::new(),
            dagen_over,
            behandelaar: None,
            verlengd: false,
        };
        assert!(in_view(&z(-1, RequestStatus::Ontvangen), "te-laat"));
        assert!(!in_view(&z(-1, RequestStatus::Besloten), "te-laat"));
        assert!(in_view(&z(3, RequestStatus::InBehandeling), "bijna"));
        assert!(!in_view(&z(30, RequestStatus::Ontvangen), "bijna"));
        assert!(in_view(&z(30, RequestStatus::Ontvangen), "alle"));
    }
}
