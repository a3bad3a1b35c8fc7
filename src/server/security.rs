//! Security headers. Pages get a Content-Security-Policy that allows only the
//! hydration scripts carrying this request's nonce; every other response
//! gets a policy that allows nothing at all.

use axum::http::{header, HeaderName, HeaderValue};
use tower_http::set_header::SetResponseHeaderLayer;

/// For responses that are not pages (API, files, probes).
const DEFAULT_CSP: &str = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";

/// The policy for an HTML page whose scripts carry `nonce`.
pub fn page_csp(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'nonce-{nonce}' 'strict-dynamic' 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; \
         object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    )
}

/// This request's CSP nonce, minted by [`page_csp_layer`] before the page
/// renders and handed to Leptos by [`provide_page_nonce`].
#[derive(Clone, Debug)]
pub struct PageNonce(String);

/// Mints a nonce per request and gives every HTML response the page policy
/// for it. The header is set here rather than through Leptos'
/// `ResponseOptions` while the shell renders: that way lost it under load
/// (a static file served at the same moment left pages with the policy that
/// allows nothing; `tests/http.rs` has the case).
pub async fn page_csp_layer(
    mut request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    use base64::{engine::general_purpose::URL_SAFE_NO_PAD, Engine as _};
    let nonce = URL_SAFE_NO_PAD.encode(rand::random::<[u8; 16]>());
    request.extensions_mut().insert(PageNonce(nonce.clone()));
    let mut response = next.run(request).await;
    let html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if html {
        if let Ok(value) = HeaderValue::from_str(&page_csp(&nonce)) {
            response
                .headers_mut()
                .insert(header::CONTENT_SECURITY_POLICY, value);
        }
    }
    response
}

/// Leptos context for a page render: the hydration scripts carry the nonce
/// that [`page_csp_layer`] minted for this request.
pub fn provide_page_nonce() {
    use leptos::prelude::{provide_context, use_context};
    let nonce = use_context::<axum::http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<PageNonce>().cloned());
    if let Some(PageNonce(nonce)) = nonce {
        provide_context(leptos::nonce::Nonce::from_value(nonce));
    }
}

/// Headers every response carries unless a handler set its own.
pub fn layers() -> [SetResponseHeaderLayer<HeaderValue>; 5] {
    let fixed = |name: HeaderName, value: &'static str| {
        SetResponseHeaderLayer::if_not_present(name, HeaderValue::from_static(value))
    };
    [
        fixed(header::CONTENT_SECURITY_POLICY, DEFAULT_CSP),
        fixed(header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        fixed(header::REFERRER_POLICY, "no-referrer"),
        fixed(header::X_FRAME_OPTIONS, "DENY"),
        fixed(
            HeaderName::from_static("permissions-policy"),
            "camera=(), microphone=(), geolocation=(), interest-cohort=()",
        ),
    ]
}
