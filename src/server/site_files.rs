//! Files every site is expected to have: `robots.txt`, the RFC 9116
//! `/.well-known/security.txt`, and the organisation's theme stylesheet.

use crate::state::AppState;
use axum::{
    extract::State,
    http::{header, StatusCode},
    response::{IntoResponse, Response},
};

/// Search engines may index the public pages, never a resident's or an
/// employee's.
pub async fn robots_txt() -> Response {
    const ROBOTS: &str =
        "User-agent: *\nDisallow: /mijn\nDisallow: /medewerker\nDisallow: /auth\nDisallow: /api\n";
    text(ROBOTS.to_owned())
}

/// Where to report a vulnerability; absent (404) until the organisation
/// configures a contact and an expiry.
pub async fn security_txt(State(state): State<AppState>) -> Response {
    let Some(security) = &state.config.security_txt else {
        return StatusCode::NOT_FOUND.into_response();
    };
    if security.expires < chrono::Utc::now() {
        // An expired file says nobody looks after it any more.
        return StatusCode::NOT_FOUND.into_response();
    }
    text(format!(
        "Contact: {}\nExpires: {}\nPreferred-Languages: nl, en\nCanonical: {}/.well-known/security.txt\n",
        security.contact,
        security.expires.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        state.base_url,
    ))
}

/// The configured theme's CSS (`INZAGE_THEME_CSS`), read at start-up.
pub async fn theme_css(State(state): State<AppState>) -> Response {
    let css = state.config.theme.css.clone();
    configured_file(css.map(|css| ("text/css; charset=utf-8", css.into_bytes())))
}

/// The organisation's logo (`INZAGE_ORGANISATION_LOGO`), read at start-up.
pub async fn logo(State(state): State<AppState>) -> Response {
    let logo = state.config.theme.logo.as_ref();
    configured_file(logo.map(|logo| (logo.content_type, logo.bytes.clone())))
}

/// A file from the configuration, cached for an hour; 404 when none is.
fn configured_file(file: Option<(&'static str, Vec<u8>)>) -> Response {
    match file {
        Some((content_type, body)) => (
            [
                (header::CONTENT_TYPE, content_type),
                (header::CACHE_CONTROL, "public, max-age=3600"),
            ],
            body,
        )
            .into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

fn text(body: String) -> Response {
    ([(header::CONTENT_TYPE, "text/plain; charset=utf-8")], body).into_response()
}
