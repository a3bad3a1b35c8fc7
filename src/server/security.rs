//! Security headers and request guards. Pages get a Content-Security-Policy
//! that allows only the hydration scripts carrying this request's nonce;
//! every other response gets a policy that allows nothing at all. Responses
//! that may hold personal data are never cached; state-changing requests
//! must come from the portal's own pages.

use axum::{
    extract::{Request, State},
    http::{header, HeaderName, HeaderValue, Method, StatusCode},
    middleware::Next,
    response::{IntoResponse, Response},
};
use std::{sync::Arc, time::Duration};
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
/// allows nothing; `tests/it/http.rs` has the case).
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

/// The portal's own origin (`https://inzage.gemeente.nl`), as browsers send
/// it in `Origin`.
#[derive(Clone, Debug)]
pub struct OwnOrigin(Arc<str>);

impl OwnOrigin {
    /// From the public base URL; `None` when it is not an http(s) URL.
    pub fn of(base: &str) -> Option<OwnOrigin> {
        let url = url::Url::parse(base).ok()?;
        let origin = url.origin();
        origin
            .is_tuple()
            .then(|| OwnOrigin(origin.ascii_serialization().into()))
    }
}

/// Where a request says it comes from.
enum Provenance {
    SameOrigin,
    CrossSite,
    /// Neither `Sec-Fetch-Site` nor `Origin`: an old browser, or not a
    /// browser. Only the form token can vouch for it.
    Unknown,
}

fn provenance(request: &Request, own: &OwnOrigin) -> Provenance {
    let headers = request.headers();
    if let Some(site) = headers.get("sec-fetch-site") {
        // "none": typed or bookmarked by the user, never a cross-site page.
        return if matches!(site.as_bytes(), b"same-origin" | b"none") {
            Provenance::SameOrigin
        } else {
            Provenance::CrossSite
        };
    }
    match headers.get(header::ORIGIN) {
        Some(origin) if origin.as_bytes() == own.0.as_bytes() => Provenance::SameOrigin,
        // Without INZAGE_PUBLIC_URL the own origin is a guess; a browser
        // that names the host it sent the request to came from there.
        Some(origin) if same_host(origin, headers.get(header::HOST)) => Provenance::SameOrigin,
        Some(_) => Provenance::CrossSite,
        None => Provenance::Unknown,
    }
}

/// Whether `Origin` names the host (and port) of the `Host` header.
fn same_host(origin: &HeaderValue, host: Option<&HeaderValue>) -> bool {
    let (Ok(origin), Some(Ok(host))) = (origin.to_str(), host.map(|h| h.to_str())) else {
        return false;
    };
    origin
        .strip_prefix("https://")
        .or_else(|| origin.strip_prefix("http://"))
        .is_some_and(|authority| authority.eq_ignore_ascii_case(host))
}

/// What [`same_origin_only`] checks against: the portal's origin, and the
/// cookie that carries each browser's form token.
#[derive(Clone, Debug)]
pub struct FormGuard {
    pub origin: OwnOrigin,
    /// `__Host-inzage_formulier` over https, `inzage_formulier` otherwise.
    pub cookie: &'static str,
    pub secure: bool,
}

/// The largest form the token check reads (the forms' own limit).
const FORM_LIMIT: usize = 2 * 1024 * 1024;

/// Refuses (403) a state-changing request from another site: forms, server
/// functions, logins and logouts. A browser that sends neither `Origin` nor
/// `Sec-Fetch-Site` must repeat its form token, a random value in a cookie
/// of its own that another site can neither read nor set, in the form's
/// hidden `csrf_token` field. The log API under `/api/v1` is exempt: it
/// authenticates with a bearer token, never with a cookie.
pub async fn same_origin_only(
    State(guard): State<FormGuard>,
    mut request: Request,
    next: Next,
) -> Response {
    let sent_cookie = cookie_value(request.headers(), guard.cookie);
    let minted = sent_cookie.is_none();
    let token = sent_cookie.unwrap_or_else(|| {
        use base64::{engine::general_purpose::URL_SAFE_NO_PAD, Engine as _};
        URL_SAFE_NO_PAD.encode(rand::random::<[u8; 24]>())
    });
    // For the page to put in its forms.
    request
        .extensions_mut()
        .insert(crate::app::CsrfToken(token.clone()));
    let safe = matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    let api = request.uri().path().starts_with("/api/v1/");
    if !safe && !api {
        match provenance(&request, &guard.origin) {
            Provenance::SameOrigin => {}
            Provenance::CrossSite => return refused(&request),
            Provenance::Unknown => {
                let (parts, body) = request.into_parts();
                let Ok(bytes) = axum::body::to_bytes(body, FORM_LIMIT).await else {
                    return refused(&Request::from_parts(parts, axum::body::Body::empty()));
                };
                let field = url::form_urlencoded::parse(&bytes)
                    .find(|(name, _)| name == "csrf_token")
                    .map(|(_, value)| value.into_owned());
                let vouched = !minted
                    && field.is_some_and(|field| {
                        subtle::ConstantTimeEq::ct_eq(field.as_bytes(), token.as_bytes()).into()
                    });
                request = Request::from_parts(parts, axum::body::Body::from(bytes));
                if !vouched {
                    return refused(&request);
                }
            }
        }
    }
    let mut response = next.run(request).await;
    let html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"text/html"));
    if minted && html {
        let secure = if guard.secure { "; Secure" } else { "" };
        let cookie = format!(
            "{}={token}; Path=/; HttpOnly; SameSite=Lax{secure}",
            guard.cookie
        );
        if let Ok(value) = HeaderValue::from_str(&cookie) {
            response.headers_mut().append(header::SET_COOKIE, value);
        }
    }
    response
}

/// The value of cookie `name` in a request's `Cookie` headers.
fn cookie_value(headers: &axum::http::HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(n, _)| *n == name)
        .map(|(_, value)| value.to_owned())
        .filter(|value| !value.is_empty())
}

fn refused(request: &Request) -> Response {
    tracing::warn!(path = %request.uri().path(), "cross-site request refused");
    (
        StatusCode::FORBIDDEN,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        "Dit formulier kwam niet van deze website en is daarom niet verwerkt. \
         Open de pagina opnieuw en probeer het nog eens.\n\
         This form did not come from this website and was not processed. \
         Open the page again and try once more.",
    )
        .into_response()
}

/// `Cache-Control: no-store` on every answer that may hold personal data:
/// pages, server functions, exports and the log API. Only the static files
/// (styles, scripts, images) may be cached, so Back after logging out shows
/// nothing of the resident.
pub async fn no_store(request: Request, next: Next) -> Response {
    let path = request.uri().path();
    let static_file = path.starts_with("/pkg/")
        || path.starts_with("/nlds/")
        || path.ends_with(".css")
        || path.ends_with(".ico")
        || path.ends_with(".svg")
        || path.ends_with(".png");
    let mut response = next.run(request).await;
    if !static_file {
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}

/// `Strict-Transport-Security`, only when the portal is served over https
/// (over plain http the header would mean nothing and break local use).
pub fn hsts() -> SetResponseHeaderLayer<HeaderValue> {
    SetResponseHeaderLayer::overriding(
        header::STRICT_TRANSPORT_SECURITY,
        HeaderValue::from_static("max-age=31536000; includeSubDomains"),
    )
}

/// The longest a page or server function may take; the log API's bulk
/// import streams for as long as it needs and is exempt.
pub const PAGE_TIMEOUT: Duration = Duration::from_secs(30);

/// Ends a page that takes longer than [`PAGE_TIMEOUT`] with a plain 503, so
/// a stuck request never holds its connection and memory for ever.
pub async fn page_timeout(request: Request, next: Next) -> Response {
    if request.uri().path().starts_with("/api/v1/") {
        return next.run(request).await;
    }
    match tokio::time::timeout(PAGE_TIMEOUT, next.run(request)).await {
        Ok(response) => response,
        Err(_) => {
            tracing::error!("a page took longer than {PAGE_TIMEOUT:?}");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                [(header::RETRY_AFTER, "5")],
                "Dit duurde te lang. Probeer het over een paar seconden opnieuw. \
                 This took too long. Please try again in a few seconds.",
            )
                .into_response()
        }
    }
}
