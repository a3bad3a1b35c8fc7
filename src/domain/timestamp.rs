//! `tijdstip`: an RFC 3339 date-time with an explicit offset.
//!
//! The standard says the time zone must always be given and the provider does
//! not convert it, so the text is kept as sent and returned unchanged; the
//! parsed instant is only used for sorting, filtering and retention.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, FixedOffset, SecondsFormat, Utc};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum TijdstipError {
    #[error("geen geldig tijdstip; gebruik RFC 3339, bijvoorbeeld 2024-04-05T14:35:42+01:00")]
    Format,
    #[error("de tijdzone ontbreekt; geef Z of een verschil zoals +01:00")]
    MissingOffset,
}

/// A moment with the offset the client gave.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Tijdstip {
    text: String,
    at: DateTime<FixedOffset>,
}

impl Tijdstip {
    /// The text exactly as sent.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The moment, in the client's offset.
    pub fn datetime(&self) -> DateTime<FixedOffset> {
        self.at
    }

    pub fn utc(&self) -> DateTime<Utc> {
        self.at.with_timezone(&Utc)
    }

    /// Microseconds since 1970-01-01T00:00:00Z: one integer column that sorts
    /// correctly across offsets in both SQLite and PostgreSQL.
    pub fn utc_micros(&self) -> i64 {
        self.at.timestamp_micros()
    }

    /// A moment set by the log itself (e.g. `tijdstipRegistratie`), written in
    /// UTC with microseconds, which is what the database keeps.
    pub fn from_utc(at: DateTime<Utc>) -> Self {
        Tijdstip {
            text: at.to_rfc3339_opts(SecondsFormat::Micros, true),
            at: at.fixed_offset(),
        }
    }

    pub fn now() -> Self {
        Self::from_utc(Utc::now())
    }
}

impl FromStr for Tijdstip {
    type Err = TijdstipError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        check_shape(s.as_bytes())?;
        // chrono checks the calendar (no 30 February, hour < 24, offset < 24h).
        let at = DateTime::parse_from_rfc3339(s).map_err(|_| TijdstipError::Format)?;
        Ok(Tijdstip {
            text: s.to_owned(),
            at,
        })
    }
}

/// `YYYY-MM-DDThh:mm:ss[.f+](Z|±hh:mm)`, `T`/`Z` in either case (RFC 3339 §5.6).
/// chrono alone is more lenient (it takes a space for the `T`), and the OAS says
/// `format: date-time`, which is this grammar.
fn check_shape(b: &[u8]) -> Result<(), TijdstipError> {
    const SHAPE: &[u8] = b"dddd-dd-ddTdd:dd:dd";
    if b.len() < SHAPE.len() {
        return Err(TijdstipError::Format);
    }
    for (&c, &want) in b.iter().zip(SHAPE) {
        let ok = match want {
            b'd' => c.is_ascii_digit(),
            b'T' => c == b'T' || c == b't',
            _ => c == want,
        };
        if !ok {
            return Err(TijdstipError::Format);
        }
    }
    let mut rest = &b[SHAPE.len()..];
    if let Some(frac) = rest.strip_prefix(b".") {
        let n = frac.iter().take_while(|c| c.is_ascii_digit()).count();
        if n == 0 {
            return Err(TijdstipError::Format);
        }
        rest = &frac[n..];
    }
    match rest {
        [] => Err(TijdstipError::MissingOffset),
        [b'Z' | b'z'] => Ok(()),
        [b'+' | b'-', h1, h2, b':', m1, m2]
            if [h1, h2, m1, m2].iter().all(|c| c.is_ascii_digit()) =>
        {
            Ok(())
        }
        _ => Err(TijdstipError::Format),
    }
}

impl fmt::Display for Tijdstip {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl Serialize for Tijdstip {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.text)
    }
}

impl<'de> Deserialize<'de> for Tijdstip {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Tijdstip {
        s.parse()
            .unwrap_or_else(|e| panic!("{s:?} should parse: {e}"))
    }

    #[test]
    fn keeps_the_text_and_offset_as_sent() {
        let x = t("2024-04-05T14:35:42+01:00");
        assert_eq!(x.as_str(), "2024-04-05T14:35:42+01:00");
        assert_eq!(x.datetime().offset().local_minus_utc(), 3600);
        assert_eq!(x.utc().to_rfc3339(), "2024-04-05T13:35:42+00:00");
        assert_eq!(x.to_string(), "2024-04-05T14:35:42+01:00");
    }

    #[test]
    fn accepts_rfc3339_forms() {
        for s in [
            "2024-04-05T14:35:42Z",
            "2024-04-05T14:35:42z",
            "2024-04-05t14:35:42Z",
            "2024-04-05T14:35:42.5Z",
            "2024-04-05T14:35:42.123456789+02:00",
            "2024-04-05T14:35:42.123456789123-05:30",
            "2024-04-05T14:35:42-00:00",
            "2024-02-29T00:00:00+14:00",
            "0001-01-01T00:00:00Z",
            "9999-12-31T23:59:59.999999Z",
        ] {
            assert_eq!(t(s).as_str(), s);
        }
    }

    #[test]
    fn rejects_a_missing_offset() {
        for s in ["2024-04-05T14:35:42", "2024-04-05T14:35:42.123"] {
            assert_eq!(
                s.parse::<Tijdstip>(),
                Err(TijdstipError::MissingOffset),
                "{s}"
            );
        }
    }

    #[test]
    fn rejects_malformed_text() {
        for s in [
            "",
            "now",
            "2024-04-05",
            "2024-04-05 14:35:42Z",
            "2024-04-05T14:35Z",
            "2024-04-05T14:35:42+0100",
            "2024-04-05T14:35:42+01",
            "2024-04-05T14:35:42.Z",
            "2024-04-05T14:35:42Z ",
            " 2024-04-05T14:35:42Z",
            "2024-4-05T14:35:42Z",
            "2023-02-29T14:35:42Z",
            "2024-13-05T14:35:42Z",
            "2024-04-05T24:00:00Z",
            "2024-04-05T14:60:00Z",
            "2024-04-05T14:35:42+24:00",
            "2024-04-05T14:35:42UTC",
            "２０２４-04-05T14:35:42Z",
            "20240405T143542Z",
        ] {
            assert!(s.parse::<Tijdstip>().is_err(), "{s:?} should be rejected");
        }
    }

    #[test]
    fn utc_micros_orders_across_offsets() {
        let a = t("2024-04-05T14:35:42+01:00");
        let b = t("2024-04-05T13:35:42Z");
        let c = t("2024-04-05T13:35:42.000001Z");
        assert_eq!(a.utc_micros(), b.utc_micros());
        assert_ne!(a, b, "same instant, different text");
        assert_eq!(c.utc_micros() - b.utc_micros(), 1);
        assert_eq!(t("1970-01-01T00:00:00Z").utc_micros(), 0);
        assert_eq!(t("1970-01-01T01:00:00+01:00").utc_micros(), 0);
        assert!(t("0001-01-01T00:00:00Z").utc_micros() < 0);
    }

    #[test]
    fn from_utc_writes_z_with_micros() {
        let x = Tijdstip::from_utc(t("2024-04-05T14:35:42.5+01:00").utc());
        assert_eq!(x.as_str(), "2024-04-05T13:35:42.500000Z");
        let again: Tijdstip = x.as_str().parse().unwrap();
        assert_eq!(again.utc_micros(), x.utc_micros());
        let now = Tijdstip::now();
        assert!(now.as_str().ends_with('Z'));
    }

    #[test]
    fn serde_as_the_original_text() {
        let x = t("2024-04-05T14:35:42+01:00");
        assert_eq!(
            serde_json::to_string(&x).unwrap(),
            "\"2024-04-05T14:35:42+01:00\""
        );
        let back: Tijdstip = serde_json::from_str("\"2024-04-05T14:35:42+01:00\"").unwrap();
        assert_eq!(back, x);
        assert!(serde_json::from_str::<Tijdstip>("\"2024-04-05T14:35:42\"").is_err());
    }
}
