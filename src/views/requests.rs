//! Requests (verzoeken) as residents and privacy officers see them: filing,
//! the queue with its deadlines, and every step of handling, each recorded
//! as an event. Texts are sealed under the request id.

use super::dates::{day, moment};
use crate::{
    crypto::Keys,
    i18n::Lang,
    model::{CaseStep, EventKind, Gebeurtenis, Outcome, RequestKind, RequestStatus, Zaak},
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

/// Who a request is from: the resident's pseudonym and their BSN sealed to
/// it, as their session (or a clerk's look-up) keeps them.
#[derive(Clone, Copy)]
pub struct Requester<'a> {
    pub pseudonym: &'a [u8],
    pub bsn_sealed: &'a [u8],
}

/// Files a request: a case number, the statutory deadline of one month, and
/// its first event. Returns the case number, or `None` when the person has
/// `max_open` open requests already.
#[allow(clippy::too_many_arguments)]
pub async fn file(
    db: &Db,
    keys: &Keys,
    from: Requester<'_>,
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
        match db
            .add_request((from.pseudonym, from.bsn_sealed), &row, max_open)
            .await
        {
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
    zaak_about(row, lang, now, String::new())
}

/// The BSN of the resident a request is from, when it was kept. Only to
/// show its last digits and to find a demo resident's name: never in a
/// page, an address or a log.
pub fn requester_bsn(keys: &Keys, row: &CaseRow) -> Option<String> {
    let sealed = row.bsn_sealed.as_deref()?;
    let bsn = keys.encryption.open(sealed, &row.pseudonym).ok()?;
    String::from_utf8(bsn).ok()
}

/// A request with the start of its message as subject (the queue opens it).
pub fn zaak_with_subject(keys: &Keys, row: &CaseRow, lang: Lang, now: DateTime<Utc>) -> Zaak {
    let message = open(keys, &row.id, &row.bericht_sealed).unwrap_or_default();
    let mut onderwerp: String = message.chars().take(SUBJECT_CHARS).collect();
    if message.chars().count() > SUBJECT_CHARS {
        onderwerp.push('…');
    }
    zaak_about(row, lang, now, onderwerp)
}

const SUBJECT_CHARS: usize = 60;

fn zaak_about(row: &CaseRow, lang: Lang, now: DateTime<Utc>, onderwerp: String) -> Zaak {
    Zaak {
        onderwerp,
        id: row.id.clone(),
        zaaknummer: row.zaaknummer.clone(),
        soort: row.soort,
        status: row.status,
        ontvangen: day(row.ontvangen, lang),
        termijn: day(row.termijn, lang),
        dagen_over: days_left(row.termijn, now),
        behandelaar: row.behandelaar.clone(),
        verlengd: row.verlengd,
        inwoner: None,
    }
}

/// Which part of the queue: all open requests, this officer's (`me`),
/// overdue, or due soon.
pub fn in_view(zaak: &Zaak, weergave: &str, me: &str) -> bool {
    let open = zaak.status.awaits_decision();
    match weergave {
        "mijn" => zaak.behandelaar.as_deref() == Some(me),
        "te-laat" => open && zaak.dagen_over < 0,
        "bijna" => open && (0..=DUE_SOON_DAYS).contains(&zaak.dagen_over),
        _ => true,
    }
}

/// Whether a request matches the queue's search: its case number (without
/// dashes, any case) or its subject.
pub fn matches(zaak: &Zaak, zoek: &str) -> bool {
    let plain = |s: &str| s.replace('-', "").to_lowercase();
    let zoek = zoek.trim();
    zoek.is_empty()
        || plain(&zaak.zaaknummer).contains(&plain(zoek))
        || zaak.onderwerp.to_lowercase().contains(&zoek.to_lowercase())
}

/// The queue in the order asked: by deadline (the default), newest
/// received first, or by status. Rows come by deadline from the database.
pub fn sort(rows: &mut [(i64, Zaak)], sorteer: &str) {
    match sorteer {
        "ontvangen" => rows.sort_by_key(|(ontvangen, _)| std::cmp::Reverse(*ontvangen)),
        "status" => {
            rows.sort_by_key(|(_, z)| RequestStatus::ALL.iter().position(|s| *s == z.status))
        }
        _ => {}
    }
}

pub fn events(keys: &Keys, case_id: &str, rows: Vec<EventRow>, lang: Lang) -> Vec<Gebeurtenis> {
    rows.into_iter()
        .map(|e| {
            let tekst = e.tekst_sealed.and_then(|s| open(keys, case_id, &s));
            Gebeurtenis {
                wanneer: moment(e.tijd, lang),
                door: e.door,
                tekst: match e.soort {
                    EventKind::Besluit => tekst.map(|t| decision_in_words(&t, lang)),
                    _ => tekst,
                },
                soort: e.soort,
                zichtbaar: e.zichtbaar,
            }
        })
        .collect()
}

/// A decision as stored ("afgewezen: reden") in plain words: "U had geen
/// gelijk: reden".
fn decision_in_words(stored: &str, lang: Lang) -> String {
    match stored
        .split_once(": ")
        .and_then(|(o, reason)| Some((Outcome::parse(o)?, reason)))
    {
        Some((outcome, reason)) => format!("{} {reason}", (lang.texts().outcome_plain)(outcome)),
        None => stored.to_owned(),
    }
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
    #[error("the step does not fit the request's status")]
    NotNow,
}

impl Step {
    pub fn kind(&self) -> CaseStep {
        match self {
            Step::Take => CaseStep::Oppakken,
            Step::Note(_) => CaseStep::Notitie,
            Step::Message(_) => CaseStep::Bericht,
            Step::Extend { .. } => CaseStep::Verlengen,
            Step::Decide { .. } => CaseStep::Besluit,
            Step::Close => CaseStep::Sluiten,
        }
    }

    /// The change and the event a step makes, checked against the request.
    pub fn apply(&self, case: &CaseRow, me: &str) -> Result<StepEvent, StepError> {
        let mine = case.behandelaar.as_deref() == Some(me);
        if !CaseStep::fitting(case.status, case.verlengd, mine).contains(&self.kind()) {
            return Err(StepError::NotNow);
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
            bsn_sealed: None,
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
            Some(StepError::NotNow),
            "extended once"
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
    fn a_decision_reads_in_plain_words() {
        assert_eq!(
            decision_in_words("toegewezen: het klopte niet", Lang::Nl),
            "U had gelijk: het klopte niet"
        );
        assert_eq!(
            decision_in_words("afgewezen: de wet verplicht dit", Lang::En),
            "You were not right: de wet verplicht dit"
        );
        assert_eq!(decision_in_words("iets anders", Lang::Nl), "iets anders");
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
            Some(StepError::NotNow)
        );
        assert_eq!(
            decide
                .apply(&case(RequestStatus::Besloten, false), "me")
                .err(),
            Some(StepError::NotNow),
            "no second decision"
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
            onderwerp: "Ik herken de parkeervergunning niet".into(),
            inwoner: None,
        };
        assert!(in_view(&z(-1, RequestStatus::Ontvangen), "te-laat", "me"));
        assert!(!in_view(&z(-1, RequestStatus::Besloten), "te-laat", "me"));
        assert!(in_view(&z(3, RequestStatus::InBehandeling), "bijna", "me"));
        assert!(!in_view(&z(30, RequestStatus::Ontvangen), "bijna", "me"));
        assert!(in_view(&z(30, RequestStatus::Ontvangen), "alle", "me"));
        let mine = Zaak {
            behandelaar: Some("me".into()),
            ..z(30, RequestStatus::InBehandeling)
        };
        assert!(in_view(&mine, "mijn", "me") && !in_view(&mine, "mijn", "you"));
        assert!(
            !in_view(&z(30, RequestStatus::Ontvangen), "mijn", "me"),
            "nobody's is not mine"
        );
    }

    #[test]
    fn the_queue_searches_case_numbers_as_read_out_and_subjects() {
        let z = Zaak {
            zaaknummer: "INZ-26-7K4Q".into(),
            onderwerp: "Ik herken de Parkeervergunning niet".into(),
            ..zaak_about(
                &case(RequestStatus::Ontvangen, false),
                Lang::Nl,
                Utc::now(),
                String::new(),
            )
        };
        for hit in ["", "7k4q", "inz267K4Q", "INZ-26-7K4Q", "parkeerVERGUNNING"] {
            assert!(matches(&z, hit), "{hit}");
        }
        assert!(!matches(&z, "7K4R") && !matches(&z, "bijstand"));
    }

    #[test]
    fn the_queue_sorts_as_asked() {
        let z = |n: &str, status| {
            (
                0,
                Zaak {
                    zaaknummer: n.into(),
                    status,
                    ..zaak_about(&case(status, false), Lang::Nl, Utc::now(), String::new())
                },
            )
        };
        let mut rows = vec![
            (1, z("a", RequestStatus::Besloten).1),
            (3, z("b", RequestStatus::Ontvangen).1),
            (2, z("c", RequestStatus::Verlengd).1),
        ];
        sort(&mut rows, "ontvangen");
        assert_eq!(
            rows.iter()
                .map(|r| r.1.zaaknummer.as_str())
                .collect::<String>(),
            "bca"
        );
        sort(&mut rows, "status");
        assert_eq!(
            rows.iter()
                .map(|r| r.1.zaaknummer.as_str())
                .collect::<String>(),
            "bca"
        );
        sort(&mut rows, "termijn");
        assert_eq!(
            rows.iter()
                .map(|r| r.1.zaaknummer.as_str())
                .collect::<String>(),
            "bca",
            "kept as the database gave them"
        );
    }
}
