//! The register of processing activities (verwerkingsactiviteitenregister,
//! GDPR art. 30): why the municipality may use personal data. Each log
//! entry names an activity; the register explains it to residents.

pub mod import;

/// The register activity "Inzage in gegevensgebruik": the resident looking at
/// their own log through the portal (the demo register carries it; a
/// municipality adds it to its own). Shown to the resident apart from the
/// municipality's use of their data, and never counted as such.
pub const VIEW_ACTIVITY_ID: &str = "15215f9e-b934-4b7f-832b-b2e9ffc28a82";
/// The register activity of a member of staff looking up a resident to
/// answer their question: shown to the resident with its reason.
pub const LOOKUP_ACTIVITY_ID: &str = "daf28681-1402-46c4-bba0-b4ce7108a831";

use serde::{Deserialize, Serialize};

/// GDPR art. 6(1) ground.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Grondslag {
    Toestemming,
    Overeenkomst,
    WettelijkeVerplichting,
    VitaalBelang,
    PubliekeTaak,
    GerechtvaardigdBelang,
}

impl Grondslag {
    pub const ALL: [Grondslag; 6] = [
        Grondslag::Toestemming,
        Grondslag::Overeenkomst,
        Grondslag::WettelijkeVerplichting,
        Grondslag::VitaalBelang,
        Grondslag::PubliekeTaak,
        Grondslag::GerechtvaardigdBelang,
    ];

    /// The VAR API's wording.
    pub fn var_text(self) -> &'static str {
        match self {
            Grondslag::Toestemming => "Toestemming betrokkene",
            Grondslag::Overeenkomst => "Uitvoering overeenkomst",
            Grondslag::WettelijkeVerplichting => "Wettelijke verplichting",
            Grondslag::VitaalBelang => "Vitaal belang",
            Grondslag::PubliekeTaak => "Publieke taak",
            Grondslag::GerechtvaardigdBelang => "Gerechtvaardigd belang",
        }
    }

    /// Reads the VAR wording, the Logius (DPV) names and short codes.
    pub fn parse(text: &str) -> Option<Grondslag> {
        let t = text.trim().to_lowercase();
        Some(match t.as_str() {
            "toestemming" | "toestemming betrokkene" | "consent" | "a" => Grondslag::Toestemming,
            "overeenkomst" | "uitvoering overeenkomst" | "contract" | "b" => {
                Grondslag::Overeenkomst
            }
            "wettelijke verplichting" | "wettelijke_verplichting" | "legalobligation" | "c" => {
                Grondslag::WettelijkeVerplichting
            }
            "vitaal belang" | "vitaal_belang" | "vitalinterest" | "d" => Grondslag::VitaalBelang,
            "publieke taak"
            | "publieke_taak"
            | "publicinterest"
            | "officialauthorityofcontroller"
            | "e" => Grondslag::PubliekeTaak,
            "gerechtvaardigd belang" | "gerechtvaardigd_belang" | "legitimateinterest" | "f" => {
                Grondslag::GerechtvaardigdBelang
            }
            _ => return None,
        })
    }
}

/// One version of a processing activity: the union of the VNG VAR and the
/// Logius register fields, with plain-language texts for residents.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Activity {
    pub id: String,
    pub naam: String,
    pub doel: String,
    pub grondslag: Grondslag,
    /// The law and article, e.g. "Participatiewet, artikel 43".
    pub wet: String,
    /// A link to the law on wetten.overheid.nl.
    pub wet_url: Option<String>,
    /// The responsible department's code (`afdeling`).
    pub afdeling: Option<String>,
    pub verantwoordelijke_organisatie: String,
    pub bestuursorgaan: Option<String>,
    pub gegevens: Vec<String>,
    pub betrokkenen: Vec<String>,
    pub ontvangers: Vec<String>,
    pub internationale_ontvangers: Vec<String>,
    pub bewaartermijn: Option<String>,
    pub bewaartermijn_iso: Option<String>,
    pub herkomst: Option<String>,
    pub gebaseerd_op: Option<String>,
    pub vertrouwelijk: bool,
    pub titel_nl: Option<String>,
    pub uitleg_nl: Option<String>,
    pub titel_en: Option<String>,
    pub uitleg_en: Option<String>,
}

/// An activity as the register holds it now.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RegisteredActivity {
    pub activity: Activity,
    pub seq: i64,
    pub geldig_vanaf: i64,
    pub actief: bool,
}
