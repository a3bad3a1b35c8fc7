//! What the resident pages show, as plain data that the server builds and
//! the browser hydrates with. No identifiers of other persons, no
//! `systeem`/`gebruiker`/`gegevensbron`, no confidential entries ever get here.

use serde::{Deserialize, Serialize};

mod organisation;
mod states;
pub use organisation::Organisation;
pub use states::{CaseStep, EventKind, Outcome, RequestKind, RequestStatus, UnknownState};

/// The filters of the overview (a GET form, so they work without JavaScript).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Filter {
    /// Months back from today (12 by default); 0 means everything.
    pub maanden: u32,
    pub afdeling: String,
    pub gegeven: String,
    pub doel: String,
    pub zoek: String,
    /// How many entries the page lists (the summary counts all); 0 means all.
    #[serde(default)]
    pub toon: u32,
}

impl Filter {
    /// Entries listed per page; "show more" adds as many. Their cases fold
    /// away, so a page of them fits a phone's first screens.
    pub const PAGE: u32 = 25;
    /// The longest free-text search.
    pub const MAX_SEARCH: usize = 100;

    /// The filter a page address asks for (`?periode=12&afdeling=…`), from
    /// its query values. Any value is safe here: what does not parse gets
    /// the default, and no value leads to arithmetic that can overflow.
    pub fn from_query(get: impl Fn(&str) -> Option<String>) -> Filter {
        Filter {
            maanden: get("periode").and_then(|p| p.parse().ok()).unwrap_or(12),
            afdeling: get("afdeling").unwrap_or_default(),
            gegeven: get("gegeven").unwrap_or_default(),
            doel: get("doel").unwrap_or_default(),
            zoek: get("zoek")
                .unwrap_or_default()
                .chars()
                .take(Self::MAX_SEARCH)
                .collect(),
            toon: get("toon")
                .and_then(|n| n.parse().ok())
                .filter(|n| *n > 0)
                .unwrap_or(Self::PAGE),
        }
    }

    /// Whether the filter asks for anything beyond a period.
    pub fn narrows(&self) -> bool {
        !(self.afdeling.is_empty()
            && self.gegeven.is_empty()
            && self.doel.is_empty()
            && self.zoek.trim().is_empty())
    }

    /// The same filter listing one page more.
    pub fn more(&self) -> u32 {
        self.toon.saturating_add(Self::PAGE)
    }
}

#[cfg(test)]
mod properties {
    use super::Filter;
    use proptest::prelude::*;

    proptest! {
        /// Whatever a query string holds, the filter is within bounds and
        /// "show more" does not overflow.
        #[test]
        fn any_query_gives_a_bounded_filter(
            periode in ".{0,24}", toon in ".{0,24}", zoek in ".{0,300}", other in ".{0,40}",
        ) {
            let f = Filter::from_query(|key| Some(match key {
                "periode" => periode.clone(),
                "toon" => toon.clone(),
                "zoek" => zoek.clone(),
                _ => other.clone(),
            }));
            prop_assert!(f.zoek.chars().count() <= Filter::MAX_SEARCH);
            prop_assert!(f.toon > 0);
            prop_assert!(f.more() >= f.toon);
        }

        #[test]
        fn numbers_are_read_as_given(periode in any::<u32>(), toon in 1..u32::MAX) {
            let f = Filter::from_query(|key| match key {
                "periode" => Some(periode.to_string()),
                "toon" => Some(toon.to_string()),
                _ => None,
            });
            prop_assert_eq!((f.maanden, f.toon), (periode, toon));
        }
    }
}

/// Why the municipality may do this: from the register.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Uitleg {
    pub activiteit_id: String,
    pub titel: String,
    pub uitleg: String,
    pub doel: String,
    pub grondslag: String,
    pub wet: String,
    pub wet_url: Option<String>,
    pub bewaartermijn: Option<String>,
}

/// One use of the resident's data.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Regel {
    pub actie_id: String,
    /// "1 mei 2026, 16.30 uur", in Europe/Amsterdam.
    pub wanneer: String,
    /// The same moment in microseconds since 1970 (UTC), for exports.
    pub tijdstip_utc: i64,
    pub wat: String,
    /// `wat` is the source system's (Dutch) name of the action, not Inzage's
    /// own words for an action without one.
    pub wat_van_bron: bool,
    pub stap: Option<String>,
    pub afdeling: Option<String>,
    pub gegevens: Vec<String>,
    /// The resident's role, in the page's language when Inzage knows it.
    pub rol: Option<String>,
    /// What that role means for the resident, in plain words.
    pub rol_uitleg: Option<String>,
    /// No person acted: a computer system did this on its own.
    pub automatisch: bool,
    /// The organisation the data went to, when it was passed on.
    pub ontvanger: Option<String>,
    pub opgeheven: bool,
}

/// One case (verwerking) with its actions, newest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Groep {
    pub verwerking_id: Option<String>,
    pub naam: String,
    /// The name is the source system's (Dutch), not the register's title.
    pub naam_van_bron: bool,
    pub afdeling: Option<String>,
    pub uitleg: Option<Uitleg>,
    /// The case's entries in the period, also those not listed.
    pub aantal: u32,
    /// The days of its first and last entry in the period ("2 mei 2026").
    pub van: String,
    pub tot: String,
    /// Members of staff looked at the resident's data here: shown unfolded.
    pub medewerker: bool,
    pub regels: Vec<Regel>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Telling {
    pub label: String,
    pub aantal: u32,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Overzicht {
    /// The logged-in resident's name, when the login gave one.
    pub naam: Option<String>,
    /// The day the overview was made ("6 december 2026"), for the printout.
    pub gemaakt: String,
    pub groepen: Vec<Groep>,
    /// Uses of the resident's data in the period (their own views not counted).
    pub totaal: u32,
    /// Cases (verwerkingen) those uses were for.
    pub zaken: u32,
    /// How often a member of staff looked at the resident's log.
    pub medewerker_keken: u32,
    /// The resident's own views of their log, per day, newest first.
    pub eigen: Vec<Telling>,
    pub per_afdeling: Vec<Telling>,
    pub per_maand: Vec<Telling>,
    /// Choices for the filter form: (value, label).
    pub afdelingen: Vec<(String, String)>,
    pub gegevens: Vec<String>,
    pub doelen: Vec<(String, String)>,
    /// There are more entries than shown (the cap was reached).
    pub afgekapt: bool,
    /// More entries match than the page lists (`Filter::toon`).
    pub meer: bool,
    /// The newest signature under the log, when there is one.
    pub controle: Option<Controle>,
}

/// The newest signed checkpoint of the verifiable log, as the overview names it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Controle {
    /// How many entries the log held when it was signed.
    pub regels: u64,
    /// When it was signed ("6 december 2026, 9.12 uur").
    pub wanneer: String,
}

/// A member of staff's role. What each may see is decided on the server;
/// the browser only uses this to label things.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Rol {
    /// Answers residents' questions: sees what the resident sees.
    Clerk,
    /// Handles requests and investigates access, confidential entries included.
    PrivacyOfficer,
    /// Manages accounts and the register.
    Admin,
}

impl Rol {
    pub const ALL: [Rol; 3] = [Rol::Clerk, Rol::PrivacyOfficer, Rol::Admin];

    pub fn as_str(self) -> &'static str {
        match self {
            Rol::Clerk => "clerk",
            Rol::PrivacyOfficer => "privacy_officer",
            Rol::Admin => "admin",
        }
    }

    pub fn parse(value: &str) -> Option<Rol> {
        Rol::ALL.into_iter().find(|r| r.as_str() == value.trim())
    }
}

/// A request as the privacy officer's queue lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Zaak {
    pub id: String,
    pub zaaknummer: String,
    pub soort: RequestKind,
    pub status: RequestStatus,
    pub ontvangen: String,
    pub termijn: String,
    /// Days until the deadline; negative when overdue.
    pub dagen_over: i64,
    pub behandelaar: Option<String>,
    pub verlengd: bool,
    /// The start of the resident's message (the queue's subject column).
    pub onderwerp: String,
    /// Who it is from, for staff: the name where known (only the demo
    /// knows names) and the last digits of the BSN.
    pub inwoner: Option<String>,
}

/// One step in a request's history.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Gebeurtenis {
    pub wanneer: String,
    pub door: String,
    pub soort: EventKind,
    pub tekst: Option<String>,
    /// Shown to the resident too.
    pub zichtbaar: bool,
}

/// One record as a privacy officer investigates it: everything, the
/// confidential ones and the other persons included.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Vastlegging {
    pub actie_id: String,
    pub wanneer: String,
    pub wat: String,
    pub verwerking_id: Option<String>,
    pub verwerking: String,
    pub vertrouwelijkheid: String,
    /// Confidential: the privacy officer may lift it (through a request).
    pub liftable: bool,
    pub systeem: Option<String>,
    pub gebruiker: Option<String>,
    pub gegevensbron: Option<String>,
    /// "BSN 999912345 (Betrokkene)", this resident first.
    pub personen: Vec<String>,
    /// "1 mei 2026, 16.30 uur: create (client)", oldest first.
    pub versies: Vec<String>,
}

/// A request with its message and full history, for the privacy officer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ZaakDetail {
    pub zaak: Zaak,
    pub bericht: String,
    pub actie_id: Option<String>,
    /// The entry the request is about, as the privacy officer sees it.
    pub actie: Option<Vastlegging>,
    /// The requesting resident as that entry names them ("BSN … (role)"),
    /// when they are in it.
    pub inwoner: Option<String>,
    pub geschiedenis: Vec<Gebeurtenis>,
    /// The steps that fit the request now ([`CaseStep::fitting`]).
    pub stappen: Vec<CaseStep>,
}

/// A staff account as the admin page lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Account {
    pub naam: String,
    pub weergavenaam: String,
    pub rol: Option<Rol>,
    pub actief: bool,
}

/// One line of the audit trail.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditRegel {
    pub wanneer: String,
    pub wie: String,
    pub wat: String,
    pub onderwerp: String,
}

/// An activity in the register list for staff.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegisterRegel {
    pub id: String,
    pub naam: String,
    pub afdeling: String,
    pub grondslag: String,
    pub actief: bool,
}

/// The editable fields of an activity, as the edit form sends them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActiviteitVelden {
    pub naam: String,
    pub doel: String,
    pub grondslag: String,
    pub wet: String,
    pub wet_url: String,
    pub bewaartermijn: String,
    pub titel_nl: String,
    pub uitleg_nl: String,
    pub titel_en: String,
    pub uitleg_en: String,
}

/// One activity with its versions, newest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegisterDetail {
    pub id: String,
    pub actief: bool,
    pub velden: ActiviteitVelden,
    /// (value, label) of the legal grounds for the form.
    pub grondslagen: Vec<(String, String)>,
    /// "valid from — name (active/inactive) by whom".
    pub versies: Vec<String>,
}

/// What the second step of a staff login asks.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SecondStep {
    /// A code from the app the account enrolled.
    Code,
    /// The first time: scan this QR code (SVG), or type this key.
    Enrol { qr_svg: String, secret: String },
}

/// How far lifting confidentiality in one verwerking reaches: the
/// resident's own confidential actions, all of them, and how many other
/// persons those touch.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LiftScope {
    pub mine: usize,
    pub all: usize,
    pub other_persons: usize,
}
