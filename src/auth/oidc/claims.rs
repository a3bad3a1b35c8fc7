//! The ID token's claims that its signature does not vouch for: the
//! nonce, `iat`, `azp` and the assurance level.

use super::{OidcClient, OidcError};
use crate::domain::Acr;
use serde_json::{Map, Value};

impl OidcClient {
    /// What the signature check does not cover: the nonce, `iat` (present,
    /// not in the future), `azp` and the assurance level.
    pub(super) fn check_claims(
        &self,
        claims: &Map<String, Value>,
        nonce: &str,
        now: i64,
    ) -> Result<(), OidcError> {
        if claims.get("nonce").and_then(Value::as_str) != Some(nonce) {
            return Err(OidcError::Invalid("nonce does not match".into()));
        }
        match claims.get("iat").and_then(Value::as_i64) {
            Some(iat) if iat <= now + 60 => {}
            Some(_) => return Err(OidcError::Invalid("iat in the future".into())),
            None => return Err(OidcError::Invalid("no iat".into())),
        }
        // OIDC Core 3.1.3.7: with several audiences, azp names us; when
        // present, it must be us.
        let several = claims
            .get("aud")
            .and_then(Value::as_array)
            .is_some_and(|aud| aud.len() > 1);
        match claims.get("azp").and_then(Value::as_str) {
            Some(azp) if azp == self.settings.client_id => {}
            Some(azp) => return Err(OidcError::Invalid(format!("azp is {azp:?}"))),
            None if several => return Err(OidcError::Invalid("several audiences, no azp".into())),
            None => {}
        }
        if let Some(min) = self.settings.min_acr {
            let acr = claims.get("acr").and_then(Value::as_str).unwrap_or("");
            match acr.parse::<Acr>() {
                Ok(level) if level >= min => {}
                _ => {
                    return Err(OidcError::TooLow(format!(
                        "acr {acr:?}, at least {min:?} needed"
                    )))
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{ClientAuth, OidcSettings};
    use serde_json::json;

    fn client(min_acr: Option<Acr>) -> OidcClient {
        OidcClient::new(
            OidcSettings {
                issuer: "https://idp.example.nl".into(),
                client_id: "inzage".into(),
                client_auth: ClientAuth::Secret("s".into()),
                scopes: "openid".into(),
                claim: "bsn".into(),
                min_acr,
            },
            "https://inzage.example.nl/auth/callback".into(),
        )
    }

    fn claims(extra: Value) -> Map<String, Value> {
        let mut c = json!({ "nonce": "n", "iat": 1000, "aud": "inzage" });
        for (k, v) in extra.as_object().unwrap() {
            c[k] = v.clone();
        }
        c.as_object().unwrap().clone()
    }

    #[test]
    fn the_claims_the_signature_does_not_cover_are_checked() {
        let c = client(Some(Acr::Substantieel));
        let ok = claims(json!({ "acr": Acr::Substantieel.urn() }));
        assert!(c.check_claims(&ok, "n", 1000).is_ok());
        assert!(c
            .check_claims(&claims(json!({ "acr": Acr::Hoog.urn() })), "n", 1000)
            .is_ok());
        for (bad, why) in [
            (claims(json!({ "acr": Acr::Midden.urn() })), "a lower level"),
            (claims(json!({})), "no acr"),
            (claims(json!({ "acr": "urn:unknown" })), "an unknown acr"),
            (
                claims(json!({ "acr": Acr::Hoog.urn(), "iat": 5000 })),
                "iat in the future",
            ),
            (
                claims(json!({ "acr": Acr::Hoog.urn(), "azp": "other" })),
                "another azp",
            ),
            (
                claims(json!({ "acr": Acr::Hoog.urn(), "aud": ["inzage", "other"] })),
                "several audiences without azp",
            ),
        ] {
            assert!(c.check_claims(&bad, "n", 1000).is_err(), "{why}");
        }
        let mut no_iat = ok.clone();
        no_iat.remove("iat");
        assert!(c.check_claims(&no_iat, "n", 1000).is_err(), "no iat");
        assert!(c.check_claims(&ok, "other nonce", 1000).is_err(), "nonce");
        let both =
            claims(json!({ "acr": Acr::Hoog.urn(), "aud": ["inzage", "other"], "azp": "inzage" }));
        assert!(c.check_claims(&both, "n", 1000).is_ok());
        // Staff logins carry no minimum.
        assert!(client(None)
            .check_claims(&claims(json!({})), "n", 1000)
            .is_ok());
    }

    #[test]
    fn acr_values_ask_for_the_level_and_higher() {
        assert_eq!(
            Acr::Substantieel.and_higher(),
            format!("{} {}", Acr::Substantieel.urn(), Acr::Hoog.urn())
        );
        assert_eq!("Substantieel".parse::<Acr>(), Ok(Acr::Substantieel));
        assert_eq!(Acr::Midden.urn().parse::<Acr>(), Ok(Acr::Midden));
    }
}
