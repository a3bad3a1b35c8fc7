//! What the resident pages show, as plain data that the server builds and
//! the browser hydrates with. No identifiers of other persons, no
//! `systeem`/`gebruiker`/`gegevensbron`, no confidential entries ever get here.

use serde::{Deserialize, Serialize};

/// The filters of the overview (a GET form, so they work without JavaScript).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Filter {
    /// Months back from today (12 by default); 0 means everything.
    pub maanden: u32,
    pub afdeling: String,
    pub gegeven: String,
    pub doel: String,
    pub zoek: String,
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
    pub wat: String,
    pub stap: Option<String>,
    pub afdeling: Option<String>,
    pub gegevens: Vec<String>,
    pub rol: Option<String>,
    /// The organisation the data went to, when it was passed on.
    pub ontvanger: Option<String>,
    pub opgeheven: bool,
}

/// One case (verwerking) with its actions, newest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Groep {
    pub verwerking_id: Option<String>,
    pub naam: String,
    pub afdeling: Option<String>,
    pub uitleg: Option<Uitleg>,
    pub regels: Vec<Regel>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Telling {
    pub label: String,
    pub aantal: u32,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Overzicht {
    pub groepen: Vec<Groep>,
    pub totaal: u32,
    pub per_afdeling: Vec<Telling>,
    pub per_maand: Vec<Telling>,
    /// Choices for the filter form: (value, label).
    pub afdelingen: Vec<(String, String)>,
    pub gegevens: Vec<String>,
    pub doelen: Vec<(String, String)>,
    /// There are more entries than shown (the cap was reached).
    pub afgekapt: bool,
}
