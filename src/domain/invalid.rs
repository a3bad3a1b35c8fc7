//! One problem with one request field, as the VNG APIs report it in the
//! `invalidParams` list of a 400 `application/problem+json` (`ValidatieFout`).

use serde::{Deserialize, Serialize};

/// Name used for problems that belong to the body as a whole rather than to one
/// field (same convention as the other VNG/ZGW APIs).
pub const NON_FIELD_ERRORS: &str = "nonFieldErrors";

/// One invalid request parameter.
///
/// `reason` is shown to API clients and may end up in their logs, so it never
/// contains the submitted value (it could be a BSN).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct InvalidParam {
    /// JSON path of the field, e.g. `verwerkteObjecten.0.objectId`.
    pub name: String,
    /// Short machine code, e.g. `required`, `max_length`, `invalid_bsn`.
    pub code: String,
    /// Short human explanation in Dutch.
    pub reason: String,
}

impl InvalidParam {
    pub fn new(
        name: impl Into<String>,
        code: impl Into<String>,
        reason: impl Into<String>,
    ) -> Self {
        Self {
            name: name.into(),
            code: code.into(),
            reason: reason.into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serialises_with_the_vng_field_names() {
        let p = InvalidParam::new("tijdstip", "required", "Dit veld is verplicht.");
        let v = serde_json::to_value(&p).unwrap();
        assert_eq!(
            v,
            serde_json::json!({"name": "tijdstip", "code": "required", "reason": "Dit veld is verplicht."})
        );
        let back: InvalidParam = serde_json::from_value(v).unwrap();
        assert_eq!(back, p);
    }
}
