//! `inzage register import FILE`: activities from VNG VAR JSON, Logius
//! register JSON or CSV (one row per activity). Every row is checked; a
//! file with any bad row stores nothing.

use super::{Activity, Grondslag};
use crate::domain::{IsoDuration, Oin};
use serde_json::{Map, Value};
use std::fmt;

/// A problem with one row (1-based; for CSV the header is row 1).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowError {
    pub row: usize,
    pub field: String,
    pub reason: String,
}

impl fmt::Display for RowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "row {}: {}: {}", self.row, self.field, self.reason)
    }
}

/// An activity read from a file, with the moment it takes effect if given.
#[derive(Clone, Debug)]
pub struct Parsed {
    pub activity: Activity,
    pub geldig_vanaf: Option<i64>,
}

/// Reads a register file; `organisation` fills in a missing responsible
/// organisation (Logius files do not carry one).
pub fn parse_file(
    name: &str,
    bytes: &[u8],
    organisation: &Oin,
) -> Result<Vec<Parsed>, Vec<RowError>> {
    let text =
        std::str::from_utf8(bytes).map_err(|_| vec![row_error(0, "file", "not UTF-8 text")])?;
    if name.to_ascii_lowercase().ends_with(".csv") {
        return parse_csv(text, organisation);
    }
    let value: Value = serde_json::from_str(text)
        .map_err(|e| vec![row_error(0, "file", &format!("not valid JSON: {e}"))])?;
    let items = match value {
        Value::Array(items) => items,
        Value::Object(map) if map.get("results").is_some_and(Value::is_array) => {
            map["results"].as_array().cloned().unwrap_or_default()
        }
        other => vec![other],
    };
    let mut parsed = Vec::new();
    let mut errors = Vec::new();
    for (index, item) in items.iter().enumerate() {
        let mut row = Row {
            number: index + 1,
            errors: &mut errors,
        };
        let Some(map) = item.as_object() else {
            row.fail("row", "not a JSON object");
            continue;
        };
        let result = if map.contains_key("naam") {
            row.var(map, organisation)
        } else {
            row.logius(map, organisation)
        };
        if let Some(p) = result {
            parsed.push(p);
        }
    }
    finish(parsed, errors)
}

fn finish(parsed: Vec<Parsed>, errors: Vec<RowError>) -> Result<Vec<Parsed>, Vec<RowError>> {
    if !errors.is_empty() {
        return Err(errors);
    }
    if parsed.is_empty() {
        return Err(vec![row_error(0, "file", "no activities found")]);
    }
    let mut ids: Vec<&str> = parsed.iter().map(|p| p.activity.id.as_str()).collect();
    ids.sort_unstable();
    if let Some(w) = ids.windows(2).find(|w| w[0] == w[1]) {
        return Err(vec![row_error(
            0,
            "id",
            &format!("{} occurs more than once", w[0]),
        )]);
    }
    Ok(parsed)
}

fn row_error(row: usize, field: &str, reason: &str) -> RowError {
    RowError {
        row,
        field: field.into(),
        reason: reason.into(),
    }
}

struct Row<'a> {
    number: usize,
    errors: &'a mut Vec<RowError>,
}

impl Row<'_> {
    fn fail(&mut self, field: &str, reason: &str) {
        self.errors.push(row_error(self.number, field, reason));
    }

    fn text(
        &mut self,
        map: &Map<String, Value>,
        field: &str,
        max: usize,
        required: bool,
    ) -> Option<String> {
        match map.get(field) {
            None | Some(Value::Null) => {
                if required {
                    self.fail(field, "required");
                }
                None
            }
            Some(Value::String(s)) if s.trim().is_empty() && required => {
                self.fail(field, "required");
                None
            }
            Some(Value::String(s)) if s.chars().count() > max => {
                self.fail(field, &format!("longer than {max} characters"));
                None
            }
            Some(Value::String(s)) => Some(s.trim().to_owned()).filter(|s| !s.is_empty()),
            Some(_) => {
                self.fail(field, "must be text");
                None
            }
        }
    }

    fn list(&mut self, map: &Map<String, Value>, field: &str) -> Vec<String> {
        match map.get(field) {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Array(items)) => items
                .iter()
                .filter_map(|item| match item {
                    Value::String(s) => Some(s.clone()),
                    Value::Object(o) => o
                        .get("naam")
                        .or(o.get("name"))
                        .and_then(Value::as_str)
                        .map(str::to_owned),
                    _ => None,
                })
                .collect(),
            Some(Value::String(s)) => split_list(s),
            Some(_) => {
                self.fail(field, "must be a list");
                Vec::new()
            }
        }
    }

    fn check(&mut self, activity: &mut Activity) {
        if uuid::Uuid::parse_str(&activity.id).is_err() || activity.id.len() != 36 {
            self.fail("id", "not a UUID");
        }
        activity.id = activity.id.to_lowercase();
        if activity
            .verantwoordelijke_organisatie
            .parse::<Oin>()
            .is_err()
        {
            self.fail("verantwoordelijkeOrganisatie", "not an OIN of 20 digits");
        }
        if let Some(iso) = &activity.bewaartermijn_iso {
            if iso.parse::<IsoDuration>().is_err() {
                self.fail("bewaartermijnIso", "not an ISO 8601 duration such as P5Y");
            }
        }
        if let Some(url) = &activity.wet_url {
            if !(url.starts_with("https://") || url.starts_with("http://")) {
                self.fail("wetUrl", "not a web address");
            }
        }
    }

    fn grondslag(&mut self, field: &str, value: Option<String>) -> Grondslag {
        match value.as_deref().map(Grondslag::parse) {
            Some(Some(g)) => g,
            Some(None) => {
                self.fail(field, "unknown legal ground (use e.g. \"Wettelijke verplichting\" or \"Publieke taak\")");
                Grondslag::PubliekeTaak
            }
            None => Grondslag::PubliekeTaak, // `text` already reported it missing
        }
    }

    /// The VNG VAR shape (`Verwerkingsactiviteit`), with Inzage's extra
    /// fields accepted under the same camelCase names.
    fn var(&mut self, m: &Map<String, Value>, organisation: &Oin) -> Option<Parsed> {
        let errors_before = self.errors.len();
        let id = self.text(m, "id", 36, true).unwrap_or_default();
        let naam = self.text(m, "naam", 242, true).unwrap_or_default();
        let doel = self.text(m, "doel", 2042, true).unwrap_or_default();
        let grondslag_text = self.text(m, "grondslag", 242, true);
        let grondslag = self.grondslag("grondslag", grondslag_text);
        let mut gegevens = self.list(m, "gegevens");
        let mut betrokkenen = self.list(m, "betrokkenen");
        if let Some(Value::Array(items)) = m.get("verwerktePersoonsgegevens") {
            for item in items {
                if let Some(n) = item.get("naam").and_then(Value::as_str) {
                    if !gegevens.iter().any(|g| g == n) {
                        gegevens.push(n.to_owned());
                    }
                }
                if let Some(r) = item.get("rolBetrokkene").and_then(Value::as_str) {
                    if !betrokkenen.iter().any(|b| b == r) {
                        betrokkenen.push(r.to_owned());
                    }
                }
            }
        }
        let mut activity = Activity {
            id,
            naam,
            doel,
            grondslag,
            wet: self
                .text(m, "toelichtingGrondslag", 2042, false)
                .unwrap_or_default(),
            wet_url: self.text(m, "wetUrl", 2042, false),
            afdeling: self.text(m, "afdeling", 64, false),
            verantwoordelijke_organisatie: self
                .text(m, "verantwoordelijkeOrganisatie", 20, false)
                .unwrap_or_else(|| organisation.to_string()),
            bestuursorgaan: self.text(m, "verantwoordelijkeBestuursorgaan", 242, false),
            gegevens,
            betrokkenen,
            ontvangers: self.list(m, "afnemendeCategorieOntvangers"),
            internationale_ontvangers: self.list(m, "afnemendeInternationaleDerden"),
            bewaartermijn: self.text(m, "bewaartermijn", 2042, false),
            bewaartermijn_iso: self.text(m, "bewaartermijnIso", 64, false),
            herkomst: self.text(m, "herkomst", 2042, false),
            gebaseerd_op: self.text(m, "gebaseerdOp", 2042, false),
            vertrouwelijk: m
                .get("vertrouwelijk")
                .and_then(Value::as_bool)
                .unwrap_or(false),
            titel_nl: self.text(m, "titelNl", 242, false),
            uitleg_nl: self.text(m, "uitlegNl", 2042, false),
            titel_en: self.text(m, "titelEn", 242, false),
            uitleg_en: self.text(m, "uitlegEn", 2042, false),
        };
        if activity.afdeling.is_none() {
            activity.afdeling = self
                .text(m, "categorie", 242, false)
                .map(|c| c.to_lowercase());
        }
        self.check(&mut activity);
        (self.errors.len() == errors_before).then_some(Parsed {
            activity,
            geldig_vanaf: None,
        })
    }

    /// The Logius register shape (`ProcessingActivityVersion`, DPV terms),
    /// with the activity's `id` beside it.
    fn logius(&mut self, m: &Map<String, Value>, organisation: &Oin) -> Option<Parsed> {
        let errors_before = self.errors.len();
        let id = self.text(m, "id", 36, true).unwrap_or_default();
        let naam = self.text(m, "name", 242, true).unwrap_or_default();
        let doel = self.text(m, "purpose", 2042, true).unwrap_or_default();
        let grondslag = match m.get("legalBasis") {
            Some(Value::Array(items)) if !items.is_empty() => {
                let first = items[0].as_str().map(str::to_owned);
                self.grondslag("legalBasis", first)
            }
            Some(Value::String(s)) => self.grondslag("legalBasis", Some(s.clone())),
            _ => {
                self.fail("legalBasis", "required");
                Grondslag::PubliekeTaak
            }
        };
        let personal = m
            .get("personalData")
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default();
        let geldig_vanaf = match m.get("validFrom").and_then(Value::as_str) {
            Some(text) => match chrono::DateTime::parse_from_rfc3339(text) {
                Ok(t) => Some(t.timestamp_micros()),
                Err(_) => {
                    self.fail("validFrom", "not a date-time with time zone");
                    None
                }
            },
            None => None,
        };
        let mut activity = Activity {
            id,
            naam,
            doel,
            grondslag,
            wet: String::new(),
            wet_url: None,
            afdeling: None,
            verantwoordelijke_organisatie: organisation.to_string(),
            bestuursorgaan: None,
            gegevens: self.list(&personal, "categories"),
            betrokkenen: self.list(m, "dataSubjects"),
            ontvangers: Vec::new(),
            internationale_ontvangers: Vec::new(),
            bewaartermijn: None,
            bewaartermijn_iso: self.text(&personal, "retentionPeriod", 64, false),
            herkomst: None,
            gebaseerd_op: None,
            vertrouwelijk: false,
            titel_nl: None,
            uitleg_nl: None,
            titel_en: None,
            uitleg_en: None,
        };
        self.check(&mut activity);
        (self.errors.len() == errors_before).then_some(Parsed {
            activity,
            geldig_vanaf,
        })
    }
}

fn split_list(text: &str) -> Vec<String> {
    text.split(';')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

/// CSV with a header row; column names as in the VAR JSON (`id`, `naam`,
/// `doel`, `grondslag`, `toelichtingGrondslag`, …); lists separated by `;`.
fn parse_csv(text: &str, organisation: &Oin) -> Result<Vec<Parsed>, Vec<RowError>> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(false)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| vec![row_error(1, "header", &e.to_string())])?
        .clone();
    let lists = [
        "gegevens",
        "betrokkenen",
        "afnemendeCategorieOntvangers",
        "afnemendeInternationaleDerden",
    ];
    let mut parsed = Vec::new();
    let mut errors = Vec::new();
    for (index, record) in reader.records().enumerate() {
        let number = index + 2;
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                errors.push(row_error(number, "row", &format!("cannot be read: {e}")));
                continue;
            }
        };
        let mut map = Map::new();
        for (name, value) in headers.iter().zip(record.iter()) {
            let value = if lists.contains(&name) {
                Value::Array(split_list(value).into_iter().map(Value::String).collect())
            } else if name == "vertrouwelijk" {
                Value::Bool(matches!(
                    value.to_lowercase().as_str(),
                    "ja" | "true" | "1" | "yes"
                ))
            } else if value.is_empty() {
                Value::Null
            } else {
                Value::String(value.to_owned())
            };
            map.insert(name.to_owned(), value);
        }
        let mut row = Row {
            number,
            errors: &mut errors,
        };
        if let Some(p) = row.var(&map, organisation) {
            parsed.push(p);
        }
    }
    finish(parsed, errors)
}
