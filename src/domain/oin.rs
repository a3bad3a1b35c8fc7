//! Organisatie-identificatienummer (OIN, Digikoppeling): exactly 20 digits.
//!
//! The OAS pattern `[0-9]{20}` is unanchored; we anchor it, as the standard's
//! data dictionary ("numeriek, lengte 20") means.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("een OIN bestaat uit precies 20 cijfers")]
pub struct OinError;

/// An OIN: 20 ASCII digits. Not personal data, so it may be shown and logged.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Oin(String);

impl Oin {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl FromStr for Oin {
    type Err = OinError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if s.len() == 20 && s.bytes().all(|b| b.is_ascii_digit()) {
            Ok(Oin(s.to_owned()))
        } else {
            Err(OinError)
        }
    }
}

impl fmt::Display for Oin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for Oin {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Oin {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_twenty_digits() {
        for s in [
            "00000001821002193000",
            "00000001123456789000",
            "01234567890123456789",
        ] {
            let o: Oin = s.parse().unwrap();
            assert_eq!(o.as_str(), s);
            assert_eq!(o.to_string(), s);
        }
    }

    #[test]
    fn rejects_anything_else() {
        for s in [
            "",
            "0000000182100219300",
            "000000018210021930000",
            "0000000182100219300a",
            " 0000000182100219300",
            "tU32754115903933455861(5",
            "x00000001821002193000",
            "０００００００１８２１００２１９３０００",
        ] {
            assert_eq!(s.parse::<Oin>(), Err(OinError), "{s:?}");
        }
    }

    #[test]
    fn serde_as_a_plain_string() {
        let o: Oin = "00000001821002193000".parse().unwrap();
        assert_eq!(
            serde_json::to_string(&o).unwrap(),
            "\"00000001821002193000\""
        );
        let back: Oin = serde_json::from_str("\"00000001821002193000\"").unwrap();
        assert_eq!(back, o);
        assert!(serde_json::from_str::<Oin>("\"123\"").is_err());
        assert!(serde_json::from_str::<Oin>("12345678901234567890").is_err());
    }
}
