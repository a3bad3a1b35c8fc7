//! Reading requests: JSON bodies, query parameters and the Idempotency-Key
//! header, each failing with a problem that names what was wrong.

use super::problem::ApiError;
use crate::{
    domain::{Bsn, InvalidParam, Objecttype, Vertrouwelijkheid},
    ingest::{idempotency_key, Page, PersonQuery},
    store::log::IdempotencyKey,
};
use axum::{
    body::{Body, Bytes},
    http::{header, HeaderMap},
};
use chrono::{NaiveDate, TimeZone};
use chrono_tz::Europe::Amsterdam;
use std::collections::HashMap;

/// Largest single JSON body.
pub const MAX_JSON_BYTES: usize = 1024 * 1024;
pub const PAGE_SIZE: i64 = 100;

pub fn require_content_type(headers: &HeaderMap, expected: &'static str) -> Result<(), ApiError> {
    let given = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .map(|v| v.trim().to_ascii_lowercase());
    match given.as_deref() {
        Some(t) if t == expected => Ok(()),
        _ => Err(ApiError::UnsupportedMediaType(expected)),
    }
}

/// A JSON body of at most [`MAX_JSON_BYTES`], as raw bytes and parsed.
pub async fn json_body(
    headers: &HeaderMap,
    body: Body,
) -> Result<(Bytes, serde_json::Value), ApiError> {
    require_content_type(headers, "application/json")?;
    let bytes = axum::body::to_bytes(body, MAX_JSON_BYTES)
        .await
        .map_err(|_| ApiError::PayloadTooLarge)?;
    let value = serde_json::from_slice(&bytes).map_err(|_| {
        ApiError::invalid(
            crate::domain::NON_FIELD_ERRORS,
            "parse_error",
            "De body is geen geldige JSON.",
        )
    })?;
    Ok((bytes, value))
}

pub fn idempotency(
    headers: &HeaderMap,
    request: &[u8],
) -> Result<Option<IdempotencyKey>, ApiError> {
    let Some(value) = headers.get("idempotency-key") else {
        return Ok(None);
    };
    let key = value
        .to_str()
        .ok()
        .map(str::trim)
        .filter(|k| !k.is_empty() && k.len() <= 255);
    let key = key.ok_or_else(|| {
        ApiError::invalid(
            "Idempotency-Key",
            "invalid",
            "Gebruik 1 tot 255 zichtbare tekens.",
        )
    })?;
    Ok(Some(idempotency_key(key, request)))
}

/// Query parameters, repeated names kept (`vertrouwelijkheid` may repeat).
pub struct Params(HashMap<String, Vec<String>>);

impl Params {
    pub fn new(pairs: Vec<(String, String)>) -> Params {
        let mut map: HashMap<String, Vec<String>> = HashMap::new();
        for (k, v) in pairs {
            map.entry(k).or_default().push(v);
        }
        Params(map)
    }

    pub fn one(&self, name: &str) -> Option<&str> {
        self.0.get(name).and_then(|v| v.first()).map(String::as_str)
    }

    /// Every name and value, sorted, to rebuild links.
    pub fn pairs(&self) -> Vec<(&str, &str)> {
        let mut pairs: Vec<(&str, &str)> = self
            .0
            .iter()
            .flat_map(|(k, vs)| vs.iter().map(move |v| (k.as_str(), v.as_str())))
            .collect();
        pairs.sort();
        pairs
    }

    fn all(&self, name: &str) -> impl Iterator<Item = &str> {
        self.0.get(name).into_iter().flatten().map(String::as_str)
    }

    /// The 1-based `page`, as an offset.
    pub fn page(&self, problems: &mut Vec<InvalidParam>) -> (i64, Page) {
        let number = match self.one("page").map(str::parse::<i64>) {
            None => 1,
            Some(Ok(n)) if (1..=1_000_000).contains(&n) => n,
            Some(_) => {
                problems.push(InvalidParam::new(
                    "page",
                    "invalid",
                    "Een paginanummer vanaf 1.",
                ));
                1
            }
        };
        (
            number,
            Page {
                offset: (number - 1) * PAGE_SIZE,
                limit: PAGE_SIZE,
            },
        )
    }

    /// The person and period a listing asks for. `dates_required` for the
    /// Inzage API, which always needs a period.
    pub fn person_query(
        &self,
        dates_required: bool,
        problems: &mut Vec<InvalidParam>,
    ) -> PersonQuery {
        let (soort_object_id, object_id) = self.person(problems);
        let from_utc = self.date("beginDatum", dates_required, problems);
        let until_utc = self.date("eindDatum", dates_required, problems);
        let vertrouwelijkheid = self.vertrouwelijkheid(problems);
        let verwerkingsactiviteit_id = self.uuid("verwerkingsactiviteitId", problems);
        PersonQuery {
            soort_object_id,
            object_id,
            from_utc,
            until_utc,
            vertrouwelijkheid,
            verwerkingsactiviteit_id,
        }
    }

    /// `objecttype`, `soortObjectId` and `objectId`, all required: the kind
    /// of identifier and the identifier, a BSN as 9 digits.
    fn person(&self, problems: &mut Vec<InvalidParam>) -> (String, String) {
        let objecttype = self.required("objecttype", problems);
        let soort = self.required("soortObjectId", problems).unwrap_or_default();
        let object_id = self.required("objectId", problems).unwrap_or_default();
        if let Some(t) = objecttype {
            if t.parse::<Objecttype>().is_err() {
                problems.push(InvalidParam::new(
                    "objecttype",
                    "invalid_choice",
                    "Kies: persoon.",
                ));
            }
        }
        if soort.chars().count() > 242 {
            problems.push(InvalidParam::new(
                "soortObjectId",
                "max_length",
                "Maximaal 242 tekens.",
            ));
        }
        let object_id = if soort.eq_ignore_ascii_case("BSN") && !object_id.is_empty() {
            match object_id.parse::<Bsn>() {
                Ok(bsn) => bsn.as_str().to_owned(),
                Err(_) => {
                    problems.push(InvalidParam::new(
                        "objectId",
                        "invalid_bsn",
                        "Dit is geen geldig BSN.",
                    ));
                    String::new()
                }
            }
        } else {
            if object_id.chars().count() > 40 {
                problems.push(InvalidParam::new(
                    "objectId",
                    "max_length",
                    "Maximaal 40 tekens.",
                ));
            }
            object_id
        };
        (soort, object_id)
    }

    /// A parameter that must be there and not blank, trimmed.
    fn required(&self, name: &str, problems: &mut Vec<InvalidParam>) -> Option<String> {
        match self.one(name).map(str::trim) {
            Some(v) if !v.is_empty() => Some(v.to_owned()),
            _ => {
                problems.push(InvalidParam::new(
                    name,
                    "required",
                    "Dit veld is verplicht.",
                ));
                None
            }
        }
    }

    /// A date, as the start of that day in the Netherlands.
    fn date(&self, name: &str, required: bool, problems: &mut Vec<InvalidParam>) -> Option<i64> {
        match self.one(name) {
            None if required => {
                problems.push(InvalidParam::new(
                    name,
                    "required",
                    "Dit veld is verplicht.",
                ));
                None
            }
            None => None,
            Some(text) => match amsterdam_midnight_micros(text) {
                Some(micros) => Some(micros),
                None => {
                    problems.push(InvalidParam::new(
                        name,
                        "invalid_date",
                        "Een datum als 2024-05-01.",
                    ));
                    None
                }
            },
        }
    }

    /// Every level asked for in `vertrouwelijkheid` or
    /// `vertrouwelijkheid__in`, each of which may be a comma-separated list.
    fn vertrouwelijkheid(&self, problems: &mut Vec<InvalidParam>) -> Vec<Vertrouwelijkheid> {
        let mut vertrouwelijkheid = Vec::new();
        for value in self
            .all("vertrouwelijkheid")
            .chain(self.all("vertrouwelijkheid__in"))
        {
            for part in value.split(',').filter(|p| !p.trim().is_empty()) {
                match part.trim().parse() {
                    Ok(v) => vertrouwelijkheid.push(v),
                    Err(_) => problems.push(InvalidParam::new(
                        "vertrouwelijkheid",
                        "invalid_choice",
                        "Kies: normaal, vertrouwelijk of opgeheven.",
                    )),
                }
            }
        }
        vertrouwelijkheid
    }

    pub fn uuid(&self, name: &str, problems: &mut Vec<InvalidParam>) -> Option<String> {
        let value = self.one(name)?;
        match uuid::Uuid::parse_str(value) {
            Ok(u) if value.len() == 36 => Some(u.to_string()),
            _ => {
                problems.push(InvalidParam::new(
                    name,
                    "invalid_uuid",
                    "Een UUID als 5f0bef4c-f66f-4311-84a5-19e8bf359eaf.",
                ));
                None
            }
        }
    }
}

/// Dates in the API are calendar days in the Netherlands.
fn amsterdam_midnight_micros(text: &str) -> Option<i64> {
    let date = NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()?;
    let midnight = date.and_hms_opt(0, 0, 0)?;
    Amsterdam
        .from_local_datetime(&midnight)
        .earliest()
        .map(|t| t.timestamp_micros())
}

/// `Err` with every problem, or `Ok` when there were none.
pub fn no_problems(problems: Vec<InvalidParam>) -> Result<(), ApiError> {
    if problems.is_empty() {
        Ok(())
    } else {
        Err(ApiError::Invalid(problems))
    }
}
