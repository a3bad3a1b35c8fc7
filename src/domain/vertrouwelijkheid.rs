//! The two enums of the standard: `vertrouwelijkheid` and `objecttype`.
//!
//! The OAS spells them lower-case (`normaal`, `persoon`) while the VNG texts and
//! figures write `Normaal`, `Vertrouwelijk`, `Persoon` (docs/architecture.md#enum-spelling), so
//! input is read case-insensitively and output is always lower-case.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A text that is not one of the allowed values. Carries the allowed values,
/// never the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("kies uit: {}", .allowed.join(", "))]
pub struct UnknownChoice {
    pub allowed: &'static [&'static str],
}

/// Defines `as_str`, `ALL`, `FromStr` (any case), `Display` and serde as the
/// lower-case string for a fieldless enum.
macro_rules! lower_case_enum {
    ($ty:ident { $($variant:ident => $text:literal),+ $(,)? }) => {
        impl $ty {
            pub const ALL: &'static [$ty] = &[$($ty::$variant),+];
            const NAMES: &'static [&'static str] = &[$($text),+];

            pub fn as_str(self) -> &'static str {
                match self {
                    $($ty::$variant => $text),+
                }
            }
        }

        impl FromStr for $ty {
            type Err = UnknownChoice;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                $(if s.eq_ignore_ascii_case($text) {
                    return Ok($ty::$variant);
                })+
                Err(UnknownChoice { allowed: Self::NAMES })
            }
        }

        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl Serialize for $ty {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = String::deserialize(d)?;
                s.parse().map_err(serde::de::Error::custom)
            }
        }
    };
}

/// Confidentiality of a verwerking (and so of all its actions).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Vertrouwelijkheid {
    /// Never confidential; the default when a client leaves it out.
    #[default]
    Normaal,
    /// Hidden from the resident (e.g. a running fraud investigation).
    Vertrouwelijk,
    /// Was confidential, no longer is: shown to the resident again.
    Opgeheven,
}

lower_case_enum!(Vertrouwelijkheid {
    Normaal => "normaal",
    Vertrouwelijk => "vertrouwelijk",
    Opgeheven => "opgeheven",
});

impl Vertrouwelijkheid {
    /// Whether a resident (and a clerk acting for one) may see the entry.
    pub fn visible_to_resident(self) -> bool {
        match self {
            Vertrouwelijkheid::Normaal | Vertrouwelijkheid::Opgeheven => true,
            Vertrouwelijkheid::Vertrouwelijk => false,
        }
    }
}

/// For reading a stored column.
impl TryFrom<String> for Vertrouwelijkheid {
    type Error = UnknownChoice;

    fn try_from(text: String) -> Result<Self, UnknownChoice> {
        text.parse()
    }
}

/// Kind of processed object; the standard has only `persoon` so far.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Objecttype {
    Persoon,
}

lower_case_enum!(Objecttype { Persoon => "persoon" });

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_any_case() {
        for (s, v) in [
            ("normaal", Vertrouwelijkheid::Normaal),
            ("Normaal", Vertrouwelijkheid::Normaal),
            ("NORMAAL", Vertrouwelijkheid::Normaal),
            ("vertrouwelijk", Vertrouwelijkheid::Vertrouwelijk),
            ("Vertrouwelijk", Vertrouwelijkheid::Vertrouwelijk),
            ("oPgEhEvEn", Vertrouwelijkheid::Opgeheven),
        ] {
            assert_eq!(s.parse::<Vertrouwelijkheid>(), Ok(v), "{s}");
        }
        assert_eq!("Persoon".parse::<Objecttype>(), Ok(Objecttype::Persoon));
        assert_eq!("PERSOON".parse::<Objecttype>(), Ok(Objecttype::Persoon));
    }

    #[test]
    fn rejects_other_values_without_echoing_them() {
        for s in [
            "",
            "geheim",
            "normaal ",
            "Normal",
            "vertrouwelijkheid",
            "normaaſ",
        ] {
            let e = s.parse::<Vertrouwelijkheid>().unwrap_err();
            assert_eq!(e.to_string(), "kies uit: normaal, vertrouwelijk, opgeheven");
        }
        assert_eq!(
            "object".parse::<Objecttype>().unwrap_err().to_string(),
            "kies uit: persoon"
        );
    }

    #[test]
    fn writes_lower_case() {
        assert_eq!(Vertrouwelijkheid::Opgeheven.as_str(), "opgeheven");
        assert_eq!(
            Vertrouwelijkheid::Vertrouwelijk.to_string(),
            "vertrouwelijk"
        );
        assert_eq!(Objecttype::Persoon.as_str(), "persoon");
        assert_eq!(Vertrouwelijkheid::default(), Vertrouwelijkheid::Normaal);
        assert_eq!(Vertrouwelijkheid::ALL.len(), 3);
    }

    #[test]
    fn serde_lower_case_out_any_case_in() {
        assert_eq!(
            serde_json::to_string(&Vertrouwelijkheid::Vertrouwelijk).unwrap(),
            "\"vertrouwelijk\""
        );
        let v: Vertrouwelijkheid = serde_json::from_str("\"Opgeheven\"").unwrap();
        assert_eq!(v, Vertrouwelijkheid::Opgeheven);
        let o: Objecttype = serde_json::from_str("\"Persoon\"").unwrap();
        assert_eq!(serde_json::to_string(&o).unwrap(), "\"persoon\"");
        assert!(serde_json::from_str::<Vertrouwelijkheid>("\"x\"").is_err());
        assert!(serde_json::from_str::<Vertrouwelijkheid>("1").is_err());
    }

    #[test]
    fn only_vertrouwelijk_is_hidden_from_residents() {
        assert!(Vertrouwelijkheid::Normaal.visible_to_resident());
        assert!(Vertrouwelijkheid::Opgeheven.visible_to_resident());
        assert!(!Vertrouwelijkheid::Vertrouwelijk.visible_to_resident());
    }
}
