//! The router: probes, the language switch, the Leptos pages and server
//! functions, static files, and the middleware every request goes through.

use super::{auth, export, language, metrics, ops, second_factor, security, site_files, staff};
use crate::state::AppState;
use crate::{
    app::{shell, App},
    store::sessions::SessionBackend,
};
use axum::{
    http::Request,
    routing::{get, post},
    Router,
};
use leptos::prelude::provide_context;
use leptos_axum::{generate_route_list, AxumRouteListing, LeptosRoutes};
use tower_http::{
    compression::CompressionLayer,
    request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer},
    trace::TraceLayer,
};
use tower_sessions::{cookie::SameSite, Expiry, SessionManagerLayer};

/// The session cookie. Not `_session`: the test identity provider uses that
/// name on the same host. Over https it carries the `__Host-` prefix, so
/// the browser only takes it from this host, over https, for every path.
pub const SESSION_COOKIE: &str = "inzage_sessie";
pub const SECURE_SESSION_COOKIE: &str = "__Host-inzage_sessie";

/// The app's page routes, generated once per process. Generating them stops
/// every resource in the process from loading while it runs (a global flag
/// in leptos_server), so a page rendered at that moment waits forever. The
/// server builds its router once, before it serves; the tests build many.
fn page_routes() -> Vec<AxumRouteListing> {
    static ROUTES: std::sync::OnceLock<Vec<AxumRouteListing>> = std::sync::OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

pub fn router(state: AppState) -> Router {
    let routes = page_routes();
    let sessions = session_layer(&state);
    let context_state = state.clone();
    let fallback_state = state.clone();
    let form_guard = security::FormGuard {
        origin: security::OwnOrigin::of(&state.base_url)
            .expect("the public URL was checked at start-up"),
        cookie: if secure_cookies(&state) {
            "__Host-inzage_formulier"
        } else {
            "inzage_formulier"
        },
        secure: secure_cookies(&state),
    };
    let app_options = state.leptos_options.clone();
    let mut router = Router::new()
        .route("/healthz", get(ops::healthz))
        .route("/readyz", get(ops::readyz))
        .route("/metrics", get(metrics::scrape_with_token))
        .route("/robots.txt", get(site_files::robots_txt))
        .route("/.well-known/security.txt", get(site_files::security_txt))
        .route(crate::app::THEME_CSS_PATH, get(site_files::theme_css))
        .route(crate::config::Logo::PATH, get(site_files::logo))
        .route("/taal/{code}", get(language::switch))
        .route("/auth/login", get(auth::login))
        .route("/auth/callback", get(auth::callback))
        .route("/auth/demo-login", post(auth::demo_login))
        .route("/auth/logout", post(auth::logout))
        .route("/medewerker/inloggen", post(staff::password_login))
        .route("/medewerker/tweede-stap", post(second_factor::submit))
        .route("/medewerker/demo-login", post(staff::demo_login))
        .route("/medewerker/oidc", get(staff::oidc_login))
        .route("/medewerker/callback", get(staff::oidc_callback))
        .route("/medewerker/uitloggen", post(staff::logout))
        .route("/mijn/export.csv", get(export::csv))
        .route("/mijn/export.json", get(export::json))
        .nest("/api/v1", crate::api::router())
        .leptos_routes_with_context(
            &state,
            routes,
            move || {
                provide_context(context_state.clone());
                security::provide_page_nonce();
            },
            move || shell(app_options.clone()),
        )
        .fallback(leptos_axum::file_and_error_handler_with_context::<
            AppState,
            _,
        >(
            move || {
                provide_context(fallback_state.clone());
                security::provide_page_nonce();
            },
            shell,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.config.resident_limits(),
            require_resident,
        ))
        .layer(axum::middleware::from_fn(security::page_csp_layer))
        .layer(sessions)
        .layer(axum::middleware::from_fn_with_state(
            form_guard,
            security::same_origin_only,
        ))
        .layer(axum::middleware::from_fn(security::no_store))
        .layer(axum::middleware::from_fn(security::page_timeout));
    for layer in security::layers() {
        router = router.layer(layer);
    }
    if state.config.https() {
        router = router.layer(security::hsts());
    }
    metrics::handle();
    router
        .layer(axum::middleware::from_fn(metrics::track))
        // Brotli's default (quality 11) costs tens of milliseconds per page;
        // level 4 compresses nearly as well at a fraction of the cost.
        .layer(CompressionLayer::new().quality(tower_http::CompressionLevel::Precise(4)))
        .layer(TraceLayer::new_for_http().make_span_with(request_span))
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
        .with_state(state)
}

/// `/mijn` and everything under it: without a resident session, straight to
/// the login, before any page renders, and after it back to the page (not
/// to a download). A form sent back to say the session ended
/// (`fout=sessie`) renders, to say so. (The pages check again themselves.)
async fn require_resident(
    axum::extract::State(limits): axum::extract::State<crate::config::SessionLimits>,
    session: tower_sessions::Session,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    let path = request.uri().path();
    let guarded = path == "/mijn" || path.starts_with("/mijn/");
    let reports_it = request
        .uri()
        .query()
        .is_some_and(crate::auth::return_to::reports_session_end);
    if guarded
        && !reports_it
        && crate::auth::resident::current(&session, limits)
            .await
            .is_none()
    {
        let back = Some(request.uri().to_string())
            .filter(|_| !path.starts_with("/mijn/export."))
            .and_then(|uri| crate::auth::return_to::ReturnPath::parse(&uri));
        let login = match back {
            Some(back) => format!(
                "/auth/login?terug={}",
                crate::app::encode_component(back.as_str())
            ),
            None => "/auth/login".to_owned(),
        };
        return (
            axum::http::StatusCode::FOUND,
            [(axum::http::header::LOCATION, login)],
        )
            .into_response();
    }
    next.run(request).await
}

/// Sessions in the application database: HttpOnly, SameSite=Lax, and
/// Secure (with the `__Host-` name) except on plain-HTTP loopback (see
/// `INZAGE_SECURE_COOKIES`).
pub fn session_layer(state: &AppState) -> SessionManagerLayer<SessionBackend> {
    let secure = secure_cookies(state);
    let name = if secure {
        SECURE_SESSION_COOKIE
    } else {
        SESSION_COOKIE
    };
    SessionManagerLayer::new(SessionBackend::new(&state.db))
        .with_name(name)
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_secure(secure)
        .with_expiry(Expiry::OnInactivity(
            tower_sessions::cookie::time::Duration::hours(8),
        ))
}

/// Whether cookies are `Secure` (see `INZAGE_SECURE_COOKIES`).
fn secure_cookies(state: &AppState) -> bool {
    state
        .config
        .secure_cookies
        .resolve(state.leptos_options.site_addr, state.config.https())
}

/// One span per request, carrying its request id. Only the path is logged,
/// never the query string, which may hold personal data.
fn request_span<B>(request: &Request<B>) -> tracing::Span {
    let request_id = request
        .headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("-");
    tracing::info_span!(
        "request",
        method = %request.method(),
        path = %request.uri().path(),
        request_id = %request_id,
    )
}
