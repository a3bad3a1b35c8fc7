//! The one error type of the API, answered as `application/problem+json`
//! in the VNG `Fout` / `ValidatieFout` shape. Internal error text is logged,
//! never sent.

use crate::{domain::InvalidParam, ingest::LogError};
use axum::{
    http::{header, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
};
use schemars::JsonSchema;
use serde::Serialize;

#[derive(Debug)]
pub enum ApiError {
    Invalid(Vec<InvalidParam>),
    Unauthorized,
    Forbidden(&'static str),
    NotFound,
    Conflict(&'static str),
    PayloadTooLarge,
    /// Too many requests of this kind running at once (with `Retry-After`).
    TooManyRequests,
    UnsupportedMediaType(&'static str),
    /// Something on our side; the cause is logged under the request's id.
    Internal(String),
}

/// `Fout` (and with `invalidParams`, `ValidatieFout`).
#[derive(Debug, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Problem {
    #[serde(rename = "type")]
    pub kind: String,
    pub code: String,
    pub title: String,
    pub status: u16,
    pub detail: String,
    pub instance: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub invalid_params: Option<Vec<InvalidParam>>,
}

impl ApiError {
    pub fn invalid(name: &str, code: &str, reason: &str) -> ApiError {
        ApiError::Invalid(vec![InvalidParam::new(name, code, reason)])
    }

    pub fn problem(&self) -> Problem {
        let (status, code, title, detail, invalid_params) = match self {
            ApiError::Invalid(params) => (
                StatusCode::BAD_REQUEST,
                "invalid",
                "Ongeldige gegevens",
                "Een of meer velden zijn niet goed ingevuld; zie invalidParams.".to_owned(),
                Some(params.clone()),
            ),
            ApiError::Unauthorized => (
                StatusCode::UNAUTHORIZED,
                "not_authenticated",
                "Niet geauthenticeerd",
                "Stuur een geldig token mee: Authorization: Bearer <token>.".to_owned(),
                None,
            ),
            ApiError::Forbidden(why) => (
                StatusCode::FORBIDDEN,
                "permission_denied",
                "Geen toestemming",
                (*why).to_owned(),
                None,
            ),
            ApiError::NotFound => (
                StatusCode::NOT_FOUND,
                "not_found",
                "Niet gevonden",
                "Dit object bestaat niet of is verwijderd.".to_owned(),
                None,
            ),
            ApiError::Conflict(why) => (
                StatusCode::CONFLICT,
                "conflict",
                "Conflict",
                (*why).to_owned(),
                None,
            ),
            ApiError::PayloadTooLarge => (
                StatusCode::PAYLOAD_TOO_LARGE,
                "payload_too_large",
                "Verzoek te groot",
                "Het verzoek is groter dan de server toestaat; splits het op.".to_owned(),
                None,
            ),
            ApiError::TooManyRequests => (
                StatusCode::TOO_MANY_REQUESTS,
                "too_many_requests",
                "Te veel verzoeken tegelijk",
                "Deze client heeft al het maximum aantal bulkverzoeken lopen; probeer het later opnieuw."
                    .to_owned(),
                None,
            ),
            ApiError::UnsupportedMediaType(expected) => (
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "unsupported_media_type",
                "Mediatype niet ondersteund",
                format!("Stuur Content-Type: {expected}."),
                None,
            ),
            ApiError::Internal(_) => (
                StatusCode::INTERNAL_SERVER_ERROR,
                "error",
                "Interne fout",
                "Er ging iets mis aan onze kant. Probeer het later opnieuw.".to_owned(),
                None,
            ),
        };
        Problem {
            kind: format!("https://inzage.nl/problemen/{code}"),
            code: code.to_owned(),
            title: title.to_owned(),
            status: status.as_u16(),
            detail,
            instance: format!("urn:uuid:{}", uuid::Uuid::new_v4()),
            invalid_params,
        }
    }
}

impl From<LogError> for ApiError {
    fn from(e: LogError) -> Self {
        match e {
            LogError::Invalid(params) => ApiError::Invalid(params),
            LogError::Forbidden(why) => ApiError::Forbidden(why),
            LogError::NotFound => ApiError::NotFound,
            LogError::KeyReused => {
                ApiError::Conflict("this Idempotency-Key was used before for a different request")
            }
            LogError::Store(crate::store::StoreError::Conflict) => {
                ApiError::Conflict("the action kept changing meanwhile; try again")
            }
            other => ApiError::Internal(other.to_string()),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let problem = self.problem();
        if let ApiError::Internal(cause) = &self {
            tracing::error!(instance = %problem.instance, "api error: {cause}");
        }
        let status =
            StatusCode::from_u16(problem.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let mut response = (status, axum::Json(&problem)).into_response();
        response.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/problem+json"),
        );
        if status == StatusCode::UNAUTHORIZED {
            response
                .headers_mut()
                .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        if status == StatusCode::TOO_MANY_REQUESTS {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from_static("10"));
        }
        response
    }
}
