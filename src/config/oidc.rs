//! The OpenID Connect settings (`INZAGE_OIDC_*`, `INZAGE_STAFF_OIDC_*`):
//! one relying-party registration each for residents and staff.

use super::{fail, var, ConfigError};
use std::fmt;

/// One OpenID Connect relying-party registration.
#[derive(Clone)]
pub struct OidcSettings {
    pub issuer: String,
    pub client_id: String,
    pub client_auth: ClientAuth,
    pub scopes: String,
    /// The claim that carries the BSN (residents) or the roles (staff).
    pub claim: String,
    /// The lowest assurance level (`acr`) a login must have; residents:
    /// DigiD Substantieel unless configured otherwise. Staff: none, their
    /// identity provider decides.
    pub min_acr: Option<crate::domain::Acr>,
}

/// How the portal proves itself at the token endpoint.
#[derive(Clone)]
pub enum ClientAuth {
    /// `client_secret_basic`.
    Secret(String),
    /// `private_key_jwt` (NL GOV profile): a signed assertion with this key.
    PrivateKey(jsonwebtoken::EncodingKey, jsonwebtoken::Algorithm),
}

impl fmt::Debug for OidcSettings {
    // The client secret and key never reach a log line.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let auth = match self.client_auth {
            ClientAuth::Secret(_) => "client_secret_basic",
            ClientAuth::PrivateKey(..) => "private_key_jwt",
        };
        f.debug_struct("OidcSettings")
            .field("issuer", &self.issuer)
            .field("client_id", &self.client_id)
            .field("client_auth", &auth)
            .field("scopes", &self.scopes)
            .field("claim", &self.claim)
            .field("min_acr", &self.min_acr)
            .finish_non_exhaustive()
    }
}

/// The variables of one OpenID Connect registration.
struct OidcVars {
    issuer: &'static str,
    client_id: &'static str,
    client_secret: &'static str,
    private_key_file: &'static str,
    scopes: &'static str,
    claim: &'static str,
    min_acr: Option<&'static str>,
}

/// `INZAGE_OIDC_*`: the residents' provider (a DigiD broker).
pub(super) fn resident_oidc(
    lookup: &impl Fn(&str) -> Option<String>,
) -> Result<Option<OidcSettings>, ConfigError> {
    oidc_settings(
        lookup,
        &OidcVars {
            issuer: "INZAGE_OIDC_ISSUER",
            client_id: "INZAGE_OIDC_CLIENT_ID",
            client_secret: "INZAGE_OIDC_CLIENT_SECRET",
            private_key_file: "INZAGE_OIDC_PRIVATE_KEY_FILE",
            scopes: "INZAGE_OIDC_SCOPES",
            claim: "INZAGE_OIDC_BSN_CLAIM",
            min_acr: Some("INZAGE_OIDC_MIN_ACR"),
        },
    )
}

/// `INZAGE_STAFF_OIDC_*`: the employees' provider.
pub(super) fn staff_oidc(
    lookup: &impl Fn(&str) -> Option<String>,
) -> Result<Option<OidcSettings>, ConfigError> {
    oidc_settings(
        lookup,
        &OidcVars {
            issuer: "INZAGE_STAFF_OIDC_ISSUER",
            client_id: "INZAGE_STAFF_OIDC_CLIENT_ID",
            client_secret: "INZAGE_STAFF_OIDC_CLIENT_SECRET",
            private_key_file: "INZAGE_STAFF_OIDC_PRIVATE_KEY_FILE",
            scopes: "INZAGE_STAFF_OIDC_SCOPES",
            claim: "INZAGE_STAFF_OIDC_ROLE_CLAIM",
            min_acr: None,
        },
    )
}

/// Reads one OpenID Connect registration. Absent when the issuer is empty;
/// otherwise the client id and a client secret or private key file are
/// required. An http issuer is only accepted on loopback (a test provider).
fn oidc_settings(
    lookup: &impl Fn(&str) -> Option<String>,
    vars: &OidcVars,
) -> Result<Option<OidcSettings>, ConfigError> {
    let issuer = trimmed(lookup, vars.issuer);
    if issuer.is_empty() {
        return Ok(None);
    }
    check_issuer(vars.issuer, &issuer)?;
    let scopes = or_default(lookup, vars.scopes);
    if !scopes.split_whitespace().any(|s| s == "openid") {
        return Err(fail(
            vars.scopes,
            format!("must include openid, got {scopes:?}"),
        ));
    }
    let client_id = trimmed(lookup, vars.client_id);
    if client_id.is_empty() {
        return Err(fail(
            vars.client_id,
            format!("required when {} is set", vars.issuer),
        ));
    }
    let client_auth = read_client_auth(lookup, vars)?;
    let min_acr = match vars.min_acr {
        None => None,
        Some(var) => Some(read_min_acr(lookup, var)?),
    };
    Ok(Some(OidcSettings {
        issuer: issuer.trim_end_matches('/').to_owned(),
        client_id,
        client_auth,
        scopes,
        claim: or_default(lookup, vars.claim),
        min_acr,
    }))
}

/// The value of `name` without surrounding blanks; empty when unset.
fn trimmed(lookup: &impl Fn(&str) -> Option<String>, name: &str) -> String {
    lookup(name)
        .map(|v| v.trim().to_owned())
        .unwrap_or_default()
}

/// The trimmed value of a variable, or its default when that is empty.
fn or_default(lookup: &impl Fn(&str) -> Option<String>, name: &str) -> String {
    var(lookup, name).trim().to_owned()
}

/// The issuer must be https; http only on loopback (a test provider).
fn check_issuer(variable: &'static str, issuer: &str) -> Result<(), ConfigError> {
    match url::Url::parse(issuer) {
        Ok(u) if u.scheme() == "https" => Ok(()),
        Ok(u) if u.scheme() == "http" && is_loopback(&u) => Ok(()),
        _ => Err(fail(
            variable,
            format!("expected the issuer's https URL (http only on loopback), got {issuer:?}"),
        )),
    }
}

/// A private key file when one is named, else the client secret; one of
/// the two is required.
fn read_client_auth(
    lookup: &impl Fn(&str) -> Option<String>,
    vars: &OidcVars,
) -> Result<ClientAuth, ConfigError> {
    let key_file = trimmed(lookup, vars.private_key_file);
    let secret = trimmed(lookup, vars.client_secret);
    if !key_file.is_empty() {
        let pem = std::fs::read(&key_file).map_err(|e| {
            fail(
                vars.private_key_file,
                format!("cannot read {key_file:?}: {e}"),
            )
        })?;
        private_key(&pem).ok_or_else(|| {
            fail(
                vars.private_key_file,
                "expected an RSA or EC (P-256) private key in PEM".into(),
            )
        })
    } else if !secret.is_empty() {
        Ok(ClientAuth::Secret(secret))
    } else {
        Err(fail(
            vars.client_secret,
            format!(
                "{} or {} is required when {} is set",
                vars.private_key_file, vars.client_secret, vars.issuer
            ),
        ))
    }
}

/// The lowest assurance level a login must have.
fn read_min_acr(
    lookup: &impl Fn(&str) -> Option<String>,
    name: &'static str,
) -> Result<crate::domain::Acr, ConfigError> {
    let value = or_default(lookup, name);
    value.parse().map_err(|_| {
        fail(
            name,
            format!("expected basis, midden, substantieel, hoog or a DigiD URN, got {value:?}"),
        )
    })
}

fn is_loopback(url: &url::Url) -> bool {
    match url.host() {
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        Some(url::Host::Domain(name)) => name == "localhost",
        None => false,
    }
}

/// The signing key for `private_key_jwt`: RSA (RS256) or EC P-256 (ES256).
fn private_key(pem: &[u8]) -> Option<ClientAuth> {
    use jsonwebtoken::{Algorithm, EncodingKey};
    let text = std::str::from_utf8(pem).ok()?;
    if text.contains("BEGIN EC PRIVATE KEY") {
        return EncodingKey::from_ec_pem(pem)
            .ok()
            .map(|key| ClientAuth::PrivateKey(key, Algorithm::ES256));
    }
    if let Ok(key) = EncodingKey::from_rsa_pem(pem) {
        return Some(ClientAuth::PrivateKey(key, Algorithm::RS256));
    }
    EncodingKey::from_ec_pem(pem)
        .ok()
        .map(|key| ClientAuth::PrivateKey(key, Algorithm::ES256))
}
