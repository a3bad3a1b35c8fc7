//! An OpenID Connect relying party per the NL GOV profile: authorization
//! code flow with PKCE, state and nonce; `private_key_jwt` or
//! `client_secret_basic` at the token endpoint; the ID token checked against
//! the provider's keys (the key's own `alg` included), with `iat`, `nbf`,
//! `azp` and, for residents, the assurance level (`acr`). Used for residents
//! (BSN claim, through a DigiD broker) and for staff (role claim). The
//! provider's metadata is fetched on first use, so the portal starts even
//! while the provider is down.

mod claims;

use crate::config::{ClientAuth, OidcSettings};
use base64::{engine::general_purpose::URL_SAFE_NO_PAD, Engine};
use jsonwebtoken::{jwk::JwkSet, Algorithm, DecodingKey, Validation};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};
use std::{sync::Arc, time::Duration};
use tokio::sync::RwLock;

/// Why a login did not complete. Only the kind reaches the user; the detail
/// goes to the log.
#[derive(Debug, thiserror::Error)]
pub enum OidcError {
    /// The user cancelled or the provider refused.
    #[error("the provider answered {0}")]
    Denied(String),
    /// No pending login in this session, or the state does not match.
    #[error("no pending login or the state does not match")]
    Expired,
    /// The provider's answer failed a check (token, nonce, claim).
    #[error("invalid answer: {0}")]
    Invalid(String),
    /// The login's assurance level is below the configured minimum.
    #[error("assurance level too low: {0}")]
    TooLow(String),
    /// The provider could not be reached or answered an error.
    #[error("provider unavailable: {0}")]
    Unavailable(String),
}

impl OidcError {
    /// The reason code on the "login failed" page.
    pub fn reason(&self) -> &'static str {
        match self {
            OidcError::Denied(_) => "geannuleerd",
            OidcError::Expired => "verlopen",
            OidcError::Invalid(_) => "ongeldig",
            OidcError::TooLow(_) => "niveau",
            OidcError::Unavailable(_) => "storing",
        }
    }
}

/// What a login in progress keeps in the session until the callback.
#[derive(Debug, Serialize, Deserialize)]
pub struct Pending {
    state: String,
    nonce: String,
    verifier: String,
}

/// The callback's query string.
#[derive(Debug, Default, Deserialize)]
pub struct Callback {
    code: Option<String>,
    state: Option<String>,
    error: Option<String>,
    iss: Option<String>,
}

#[derive(Debug, Deserialize)]
struct Metadata {
    issuer: String,
    authorization_endpoint: String,
    token_endpoint: String,
    jwks_uri: String,
    userinfo_endpoint: Option<String>,
}

struct Provider {
    metadata: Metadata,
    keys: JwkSet,
}

#[derive(Deserialize)]
struct TokenResponse {
    id_token: String,
    access_token: String,
}

pub struct OidcClient {
    settings: OidcSettings,
    redirect_uri: String,
    http: reqwest::Client,
    provider: RwLock<Option<Arc<Provider>>>,
}

impl std::fmt::Debug for OidcClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OidcClient")
            .field("settings", &self.settings)
            .field("redirect_uri", &self.redirect_uri)
            .finish_non_exhaustive()
    }
}

impl OidcClient {
    pub fn new(settings: OidcSettings, redirect_uri: String) -> OidcClient {
        let http = reqwest::Client::builder()
            // Following redirects would let a provider steer us anywhere.
            .redirect(reqwest::redirect::Policy::none())
            .timeout(Duration::from_secs(10))
            .build()
            .expect("the HTTP client has a valid fixed configuration");
        OidcClient {
            settings,
            redirect_uri,
            http,
            provider: RwLock::new(None),
        }
    }

    /// The claim that carries the identifier or roles.
    pub fn claim(&self) -> &str {
        &self.settings.claim
    }

    /// Starts a login: the provider URL to send the browser to, and what to
    /// keep in the session for the callback.
    pub async fn start(&self) -> Result<(String, Pending), OidcError> {
        let provider = self.provider(false).await?;
        let pending = Pending {
            state: random_token(),
            nonce: random_token(),
            verifier: random_token(),
        };
        let challenge = URL_SAFE_NO_PAD.encode(Sha256::digest(pending.verifier.as_bytes()));
        let mut url = url::Url::parse(&provider.metadata.authorization_endpoint)
            .map_err(|e| OidcError::Unavailable(format!("authorization endpoint: {e}")))?;
        url.query_pairs_mut()
            .append_pair("response_type", "code")
            .append_pair("client_id", &self.settings.client_id)
            .append_pair("redirect_uri", &self.redirect_uri)
            .append_pair("scope", &self.settings.scopes)
            .append_pair("state", &pending.state)
            .append_pair("nonce", &pending.nonce)
            .append_pair("code_challenge", &challenge)
            .append_pair("code_challenge_method", "S256");
        if let Some(min) = self.settings.min_acr {
            url.query_pairs_mut()
                .append_pair("acr_values", &min.and_higher());
        }
        Ok((url.into(), pending))
    }

    /// Completes a login: checks the state, exchanges the code, verifies
    /// the ID token and returns its claims, merged with the userinfo claims
    /// when the wanted claim is not in the token.
    pub async fn finish(
        &self,
        pending: Option<Pending>,
        callback: Callback,
    ) -> Result<Map<String, Value>, OidcError> {
        if let Some(error) = callback.error {
            return Err(OidcError::Denied(error));
        }
        let pending = pending.ok_or(OidcError::Expired)?;
        let state = callback.state.unwrap_or_default();
        if !bool::from(subtle::ConstantTimeEq::ct_eq(
            state.as_bytes(),
            pending.state.as_bytes(),
        )) {
            return Err(OidcError::Expired);
        }
        let code = callback
            .code
            .ok_or_else(|| OidcError::Invalid("no code".into()))?;
        let provider = self.provider(false).await?;
        // RFC 9207: a provider that names itself must be the one we asked.
        if matches!(&callback.iss, Some(iss) if *iss != provider.metadata.issuer) {
            return Err(OidcError::Invalid("iss parameter of another issuer".into()));
        }
        let tokens = self.exchange(&provider, &code, &pending.verifier).await?;
        let mut claims = self.verify(&tokens.id_token, &pending.nonce).await?;
        if !claims.contains_key(&self.settings.claim) {
            if let Some(endpoint) = &provider.metadata.userinfo_endpoint {
                let info = self.userinfo(endpoint, &tokens.access_token).await?;
                if info.get("sub") != claims.get("sub") {
                    return Err(OidcError::Invalid("userinfo sub differs".into()));
                }
                for (k, v) in info {
                    claims.entry(k).or_insert(v);
                }
            }
        }
        Ok(claims)
    }

    async fn exchange(
        &self,
        provider: &Provider,
        code: &str,
        verifier: &str,
    ) -> Result<TokenResponse, OidcError> {
        let endpoint = &provider.metadata.token_endpoint;
        let mut form = vec![
            ("grant_type", "authorization_code".to_owned()),
            ("code", code.to_owned()),
            ("redirect_uri", self.redirect_uri.clone()),
            ("code_verifier", verifier.to_owned()),
        ];
        let mut request = self.http.post(endpoint);
        match &self.settings.client_auth {
            ClientAuth::Secret(secret) => {
                // client_secret_basic: both parts form-encoded first (RFC 6749 §2.3.1).
                let enc = |s: &str| {
                    url::form_urlencoded::byte_serialize(s.as_bytes()).collect::<String>()
                };
                request = request.basic_auth(enc(&self.settings.client_id), Some(enc(secret)));
            }
            ClientAuth::PrivateKey(key, alg) => {
                // private_key_jwt (RFC 7523): a short-lived assertion for this endpoint.
                form.push(("client_id", self.settings.client_id.clone()));
                form.push((
                    "client_assertion_type",
                    "urn:ietf:params:oauth:client-assertion-type:jwt-bearer".to_owned(),
                ));
                form.push(("client_assertion", self.assertion(endpoint, key, *alg)?));
            }
        }
        let response = request
            .form(&form)
            .send()
            .await
            .map_err(|e| OidcError::Unavailable(format!("token endpoint: {e}")))?;
        let status = response.status();
        if status.is_client_error() {
            return Err(OidcError::Invalid(format!(
                "token endpoint answered {status}"
            )));
        }
        if !status.is_success() {
            return Err(OidcError::Unavailable(format!(
                "token endpoint answered {status}"
            )));
        }
        response
            .json()
            .await
            .map_err(|e| OidcError::Invalid(format!("token response: {e}")))
    }

    /// The signed client assertion for `private_key_jwt`.
    fn assertion(
        &self,
        audience: &str,
        key: &jsonwebtoken::EncodingKey,
        alg: Algorithm,
    ) -> Result<String, OidcError> {
        let now = chrono::Utc::now().timestamp();
        let claims = serde_json::json!({
            "iss": self.settings.client_id,
            "sub": self.settings.client_id,
            "aud": audience,
            "jti": random_token(),
            "iat": now,
            "exp": now + 60,
        });
        jsonwebtoken::encode(&jsonwebtoken::Header::new(alg), &claims, key)
            .map_err(|e| OidcError::Unavailable(format!("client assertion: {e}")))
    }

    async fn verify(&self, id_token: &str, nonce: &str) -> Result<Map<String, Value>, OidcError> {
        let header = jsonwebtoken::decode_header(id_token)
            .map_err(|e| OidcError::Invalid(format!("id token header: {e}")))?;
        // Asymmetric signatures only: never `none`, never HMAC with a public key.
        if !matches!(
            header.alg,
            Algorithm::RS256
                | Algorithm::RS384
                | Algorithm::RS512
                | Algorithm::PS256
                | Algorithm::ES256
                | Algorithm::EdDSA
        ) {
            return Err(OidcError::Invalid(format!("algorithm {:?}", header.alg)));
        }
        let mut provider = self.provider(false).await?;
        let find = |p: &Provider| match &header.kid {
            Some(kid) => p.keys.find(kid).cloned(),
            None => p.keys.keys.first().cloned(),
        };
        let jwk = match find(&provider) {
            Some(jwk) => jwk,
            None => {
                // The provider may have rotated its keys since we fetched them.
                provider = self.provider(true).await?;
                find(&provider).ok_or_else(|| OidcError::Invalid("unknown signing key".into()))?
            }
        };
        // A key published for one algorithm is not used with another.
        if let Some(key_alg) = jwk.common.key_algorithm {
            if format!("{key_alg:?}") != format!("{:?}", header.alg) {
                return Err(OidcError::Invalid(format!(
                    "token signed with {:?} by a key for {key_alg:?}",
                    header.alg
                )));
            }
        }
        let key = DecodingKey::from_jwk(&jwk)
            .map_err(|e| OidcError::Invalid(format!("signing key: {e}")))?;
        let mut validation = Validation::new(header.alg);
        validation.set_issuer(&[&provider.metadata.issuer]);
        validation.set_audience(&[&self.settings.client_id]);
        validation.set_required_spec_claims(&["exp", "iss", "aud", "sub"]);
        validation.validate_nbf = true;
        validation.leeway = 60;
        let claims = jsonwebtoken::decode::<Map<String, Value>>(id_token, &key, &validation)
            .map_err(|e| OidcError::Invalid(format!("id token: {e}")))?
            .claims;
        self.check_claims(&claims, nonce, chrono::Utc::now().timestamp())?;
        Ok(claims)
    }

    async fn userinfo(
        &self,
        endpoint: &str,
        access_token: &str,
    ) -> Result<Map<String, Value>, OidcError> {
        let response = self
            .http
            .get(endpoint)
            .bearer_auth(access_token)
            .send()
            .await
            .map_err(|e| OidcError::Unavailable(format!("userinfo: {e}")))?;
        if !response.status().is_success() {
            return Err(OidcError::Unavailable(format!(
                "userinfo answered {}",
                response.status()
            )));
        }
        response
            .json()
            .await
            .map_err(|e| OidcError::Invalid(format!("userinfo response: {e}")))
    }

    /// The provider's metadata and keys, fetched once (again on `refresh`).
    async fn provider(&self, refresh: bool) -> Result<Arc<Provider>, OidcError> {
        if !refresh {
            if let Some(p) = self.provider.read().await.as_ref() {
                return Ok(p.clone());
            }
        }
        let mut slot = self.provider.write().await;
        let url = format!("{}/.well-known/openid-configuration", self.settings.issuer);
        let metadata: Metadata = self.get_json(&url).await?;
        // The discovery document must name the issuer we were configured with.
        if metadata.issuer.trim_end_matches('/') != self.settings.issuer {
            return Err(OidcError::Unavailable(format!(
                "discovery names issuer {:?}",
                metadata.issuer
            )));
        }
        let keys: JwkSet = self.get_json(&metadata.jwks_uri).await?;
        let provider = Arc::new(Provider { metadata, keys });
        *slot = Some(provider.clone());
        Ok(provider)
    }

    async fn get_json<T: serde::de::DeserializeOwned>(&self, url: &str) -> Result<T, OidcError> {
        let response = self
            .http
            .get(url)
            .send()
            .await
            .and_then(reqwest::Response::error_for_status)
            .map_err(|e| OidcError::Unavailable(format!("{url}: {e}")))?;
        response
            .json()
            .await
            .map_err(|e| OidcError::Unavailable(format!("{url}: {e}")))
    }
}

/// 32 random bytes, base64url: state, nonce and PKCE verifier (43 chars,
/// within RFC 7636's 43–128).
fn random_token() -> String {
    let bytes: [u8; 32] = rand::random();
    URL_SAFE_NO_PAD.encode(bytes)
}
