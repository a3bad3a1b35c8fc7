//! Every API call names its client with a bearer token. Only the token's
//! hash is stored; unknown and revoked tokens get 401.

use super::problem::ApiError;
use crate::{
    crypto::{ApiToken, TokenHash},
    ingest::{scopes::Scopes, Caller},
    state::AppState,
};
use axum::{extract::FromRequestParts, http::request::Parts};

pub struct ApiCaller(pub Caller);

impl FromRequestParts<AppState> for ApiCaller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        // The demo's log is fictional and open to anyone: no source system
        // writes to it or reads from it.
        if state.config.demo {
            return Err(ApiError::Forbidden("the demo takes no API calls"));
        }
        let token = parts
            .headers
            .get(axum::http::header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split_once(' '))
            .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
            .map(|(_, token)| token.trim())
            .filter(|token| ApiToken::is_well_formed(token))
            .ok_or(ApiError::Unauthorized)?;
        let client = state
            .db
            .client_by_token(TokenHash::of(token).as_bytes())
            .await
            .map_err(|e| ApiError::Internal(e.to_string()))?
            .ok_or(ApiError::Unauthorized)?;
        let scopes = Scopes::parse(&client.scopes)
            .map_err(|e| ApiError::Internal(format!("client {} has bad scopes: {e}", client.id)))?;
        Ok(ApiCaller(Caller {
            client_id: client.id,
            organisation: client.organisation,
            scopes,
            portal: false,
        }))
    }
}
