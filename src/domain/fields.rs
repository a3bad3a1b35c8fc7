//! Reading fields out of a JSON object while collecting every problem.
//!
//! The ingest API answers a bad body with *all* its problems at once, so these
//! helpers never stop at the first one: they record an [`InvalidParam`] and
//! return `None`. No reason text ever contains the submitted value.

use std::fmt::Display;
use std::str::FromStr;

use serde_json::{Map, Value};
use uuid::Uuid;

use super::invalid::InvalidParam;

/// Enough to fix a body; more only makes the response large (a body with
/// thousands of bad objects would otherwise echo thousands of problems).
pub const MAX_INVALID_PARAMS: usize = 100;

pub(crate) const MAX_NAAM: usize = 242;
pub(crate) const MAX_IDENTIFICATOR: usize = 40;
pub(crate) const MAX_URI: usize = 2042;

/// The problems found so far.
#[derive(Default)]
pub(crate) struct Problems(pub(crate) Vec<InvalidParam>);

impl Problems {
    pub(crate) fn add(&mut self, name: &str, code: &str, reason: impl Into<String>) {
        if self.0.len() < MAX_INVALID_PARAMS {
            self.0.push(InvalidParam::new(name, code, reason));
        }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// `prefix.key`, or `key` at the top level.
pub(crate) fn join(prefix: &str, key: &str) -> String {
    if prefix.is_empty() {
        key.to_owned()
    } else {
        format!("{prefix}.{key}")
    }
}

/// A value of an object as the API sees it: `null` counts as absent.
pub(crate) fn get<'a>(obj: &'a Map<String, Value>, key: &str) -> Option<&'a Value> {
    obj.get(key).filter(|v| !v.is_null())
}

/// An error message as a Dutch sentence: capital first letter, full stop.
pub(crate) fn sentence(e: impl Display) -> String {
    let s = e.to_string();
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => format!("{}{}.", first.to_uppercase(), chars.as_str()),
        None => s,
    }
}

/// A string field of at most `max` characters (JSON Schema counts code
/// points, so do we). `None` when absent or wrong.
pub(crate) fn opt_string(
    obj: &Map<String, Value>,
    prefix: &str,
    key: &str,
    max: usize,
    p: &mut Problems,
) -> Option<String> {
    let name = join(prefix, key);
    match get(obj, key)? {
        Value::String(s) if s.chars().count() > max => {
            p.add(
                &name,
                "max_length",
                format!("Dit veld mag hoogstens {max} tekens bevatten."),
            );
            None
        }
        Value::String(s) => Some(s.clone()),
        _ => {
            p.add(&name, "invalid", "Dit veld moet een tekst zijn.");
            None
        }
    }
}

/// Like [`opt_string`], but a missing field is a `required` problem.
pub(crate) fn req_string(
    obj: &Map<String, Value>,
    prefix: &str,
    key: &str,
    max: usize,
    p: &mut Problems,
) -> Option<String> {
    if get(obj, key).is_none() {
        p.add(&join(prefix, key), "required", "Dit veld is verplicht.");
        return None;
    }
    opt_string(obj, prefix, key, max, p)
}

/// A string field parsed with `T::from_str`; a parse error becomes `code`
/// with the error's (value-free) message as reason.
pub(crate) fn opt_parsed<T>(
    obj: &Map<String, Value>,
    prefix: &str,
    key: &str,
    code: &str,
    p: &mut Problems,
) -> Option<T>
where
    T: FromStr,
    T::Err: Display,
{
    let name = join(prefix, key);
    match get(obj, key)? {
        Value::String(s) => match s.parse() {
            Ok(v) => Some(v),
            Err(e) => {
                p.add(&name, code, sentence(e));
                None
            }
        },
        _ => {
            p.add(&name, "invalid", "Dit veld moet een tekst zijn.");
            None
        }
    }
}

/// Like [`opt_parsed`], but a missing field is a `required` problem.
pub(crate) fn req_parsed<T>(
    obj: &Map<String, Value>,
    prefix: &str,
    key: &str,
    code: &str,
    p: &mut Problems,
) -> Option<T>
where
    T: FromStr,
    T::Err: Display,
{
    if get(obj, key).is_none() {
        p.add(&join(prefix, key), "required", "Dit veld is verplicht.");
        return None;
    }
    opt_parsed(obj, prefix, key, code, p)
}

/// A UUID in the standard's form: 36 characters, hyphenated (docs/architecture.md#field-types).
/// `uuid` alone would also take braces, `urn:uuid:` and the bare 32-hex form.
#[derive(Debug, Clone, Copy)]
pub(crate) struct StrictUuid(pub(crate) Uuid);

#[derive(Debug, thiserror::Error)]
#[error("geen geldige UUID; gebruik de vorm 48086bf2-11b7-4603-9526-67d7c3bb6587")]
pub(crate) struct UuidError;

impl FromStr for StrictUuid {
    type Err = UuidError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if s.len() != 36 {
            return Err(UuidError);
        }
        Uuid::try_parse(s).map(StrictUuid).map_err(|_| UuidError)
    }
}

pub(crate) fn opt_uuid(
    obj: &Map<String, Value>,
    prefix: &str,
    key: &str,
    p: &mut Problems,
) -> Option<Uuid> {
    opt_parsed::<StrictUuid>(obj, prefix, key, "invalid_uuid", p).map(|u| u.0)
}

/// An absolute URI of at most 2042 characters (RFC 3986: a scheme, a colon,
/// then only URI characters, `%` followed by two hex digits).
#[derive(Debug, Clone)]
pub(crate) struct Uri(pub(crate) String);

#[derive(Debug, thiserror::Error)]
pub(crate) enum UriError {
    #[error("dit veld mag hoogstens 2042 tekens bevatten")]
    TooLong,
    #[error("geen geldige URI; gebruik een volledig adres zoals https://voorbeeld.nl/pad")]
    Invalid,
}

impl FromStr for Uri {
    type Err = UriError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if s.chars().count() > MAX_URI {
            return Err(UriError::TooLong);
        }
        let (scheme, rest) = s.split_once(':').ok_or(UriError::Invalid)?;
        let scheme_ok = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
            && scheme
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'));
        if !scheme_ok || !uri_chars_ok(rest.as_bytes()) || rest.matches('#').count() > 1 {
            return Err(UriError::Invalid);
        }
        Ok(Uri(s.to_owned()))
    }
}

fn uri_chars_ok(b: &[u8]) -> bool {
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'%' => {
                let hex = |j: usize| b.get(j).is_some_and(|c| c.is_ascii_hexdigit());
                if !(hex(i + 1) && hex(i + 2)) {
                    return false;
                }
                i += 3;
                continue;
            }
            c if c.is_ascii_alphanumeric() => {}
            b'-' | b'.' | b'_' | b'~' => {}
            b':' | b'/' | b'?' | b'#' | b'[' | b']' | b'@' => {}
            b'!' | b'$' | b'&' | b'\'' | b'(' | b')' | b'*' | b'+' | b',' | b';' | b'=' => {}
            _ => return false,
        }
        i += 1;
    }
    true
}

pub(crate) fn opt_uri(
    obj: &Map<String, Value>,
    prefix: &str,
    key: &str,
    p: &mut Problems,
) -> Option<String> {
    let name = join(prefix, key);
    match get(obj, key)? {
        Value::String(s) => match s.parse::<Uri>() {
            Ok(u) => Some(u.0),
            Err(e @ UriError::TooLong) => {
                p.add(&name, "max_length", sentence(e));
                None
            }
            Err(e) => {
                p.add(&name, "invalid_uri", sentence(e));
                None
            }
        },
        _ => {
            p.add(&name, "invalid", "Dit veld moet een tekst zijn.");
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn obj(v: Value) -> Map<String, Value> {
        match v {
            Value::Object(m) => m,
            _ => unreachable!(),
        }
    }

    #[test]
    fn strict_uuid_only_takes_the_hyphenated_form() {
        assert!("48086bf2-11b7-4603-9526-67d7c3bb6587"
            .parse::<StrictUuid>()
            .is_ok());
        assert!("48086BF2-11B7-4603-9526-67D7C3BB6587"
            .parse::<StrictUuid>()
            .is_ok());
        for s in [
            "",
            "48086bf211b74603952667d7c3bb6587",
            "{48086bf2-11b7-4603-9526-67d7c3bb6587}",
            "urn:uuid:48086bf2-11b7-4603-9526-67d7c3bb6587",
            "48086bf2-11b7-4603-9526-67d7c3bb658g",
            "48086bf2-11b7-4603-9526_67d7c3bb6587",
        ] {
            assert!(s.parse::<StrictUuid>().is_err(), "{s:?}");
        }
    }

    #[test]
    fn uri_needs_a_scheme_and_uri_characters() {
        for s in [
            "https://verwerkingsactiviteiten-api.vng.cloud/api/v1/verwerkingsactiviteiten/5f0bef4c",
            "https://www.amsterdam.nl/var/api/v1/x?a=1&b=%C3%A9#frag",
            "urn:uuid:48086bf2-11b7-4603-9526-67d7c3bb6587",
            "http://[::1]:8080/",
            "mailto:privacy@gemeente.nl",
        ] {
            assert!(s.parse::<Uri>().is_ok(), "{s:?}");
        }
        for s in [
            "",
            "verwerkingsactiviteiten/5f0bef4c",
            "://x",
            "1http://x",
            "https://x y",
            "https://gemeente.nl/é",
            "https://x/%zz",
            "https://x/%4",
            "https://x/#a#b",
            "https://x/<script>",
        ] {
            assert!(s.parse::<Uri>().is_err(), "{s:?}");
        }
        let long = format!("https://x/{}", "a".repeat(MAX_URI));
        assert!(matches!(long.parse::<Uri>(), Err(UriError::TooLong)));
    }

    #[test]
    fn strings_count_characters_not_bytes() {
        let mut p = Problems::default();
        let o = obj(json!({"a": "é".repeat(40), "b": "é".repeat(41)}));
        assert_eq!(
            opt_string(&o, "", "a", 40, &mut p).unwrap().chars().count(),
            40
        );
        assert!(opt_string(&o, "x.0", "b", 40, &mut p).is_none());
        assert_eq!(p.0.len(), 1);
        assert_eq!(p.0[0].name, "x.0.b");
        assert_eq!(p.0[0].code, "max_length");
    }

    #[test]
    fn null_is_absent_and_wrong_types_are_named() {
        let mut p = Problems::default();
        let o = obj(json!({"n": null, "num": 5, "arr": [], "t": true}));
        assert!(opt_string(&o, "", "n", 10, &mut p).is_none());
        assert!(p.is_empty());
        assert!(req_string(&o, "", "n", 10, &mut p).is_none());
        assert!(opt_string(&o, "", "num", 10, &mut p).is_none());
        assert!(opt_uuid(&o, "", "arr", &mut p).is_none());
        assert!(opt_uri(&o, "", "t", &mut p).is_none());
        let got: Vec<_> =
            p.0.iter()
                .map(|e| (e.name.as_str(), e.code.as_str()))
                .collect();
        assert_eq!(
            got,
            [
                ("n", "required"),
                ("num", "invalid"),
                ("arr", "invalid"),
                ("t", "invalid")
            ]
        );
    }

    #[test]
    fn problems_are_capped() {
        let mut p = Problems::default();
        for i in 0..MAX_INVALID_PARAMS + 10 {
            p.add(&i.to_string(), "invalid", "x");
        }
        assert_eq!(p.0.len(), MAX_INVALID_PARAMS);
    }

    #[test]
    fn sentence_capitalises_and_ends_with_a_full_stop() {
        assert_eq!(sentence("een fout"), "Een fout.");
        assert_eq!(sentence(""), "");
    }
}
