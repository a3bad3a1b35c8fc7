//! The HTTP surface as a browser or a platform sees it: pages, headers,
//! probes, the language switch and the session cookie.

use crate::common::{self, TestApp, TestDb};
use axum::{
    body::Body,
    http::{header, Request, StatusCode},
    routing::get,
    Router,
};
use inzage::{
    server::http::{router, session_layer, SESSION_COOKIE},
    state::AppState,
};
use tower_sessions::Session;

async fn app() -> TestApp {
    TestApp::new(TestDb::sqlite().await)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn landing_page_is_dutch_and_has_one_main() {
    let app = app().await;
    let page = app.get("/", "").await;
    assert_eq!(page.status, StatusCode::OK);
    let html = page.body;
    assert!(html.contains(r#"<html lang="nl""#), "{html}");
    assert_eq!(html.matches("<main").count(), 1);
    assert!(html.contains("Zie wat de gemeente met uw gegevens doet"));
    assert!(html.contains(r##"href="#main""##), "skip link");
    assert!(html.contains("<title>"), "title");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn page_csp_allows_only_scripts_with_this_requests_nonce() {
    let app = app().await;
    let page = app.get("/", "").await;
    let csp = page.expect_header("content-security-policy");
    assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
    let nonce = csp
        .split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .expect("a nonce in script-src");
    assert!(nonce.len() >= 16);
    assert!(
        page.body.contains(&format!(r#"nonce="{nonce}""#)),
        "scripts carry the nonce"
    );
    assert!(!page.body.contains("<script>"), "no script without a nonce");

    let second = app.get("/", "").await;
    assert_ne!(
        second.expect_header("content-security-policy"),
        csp,
        "a new nonce per request"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_response_has_security_headers_and_a_request_id() {
    let app = app().await;
    for uri in ["/", "/healthz", "/bestaat-niet"] {
        let response = app.get(uri, "").await;
        assert_eq!(
            response.expect_header("x-content-type-options"),
            "nosniff",
            "{uri}"
        );
        assert_eq!(
            response.expect_header("referrer-policy"),
            "no-referrer",
            "{uri}"
        );
        assert!(response
            .expect_header("content-security-policy")
            .contains("frame-ancestors 'none'"));
        assert!(
            uuid::Uuid::parse_str(response.expect_header("x-request-id")).is_ok(),
            "{uri}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unknown_pages_are_a_real_404() {
    let app = app().await;
    let page = app.get("/bestaat-niet", "").await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert!(page.body.contains("Pagina niet gevonden"));
    assert_eq!(page.body.matches("<main").count(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn language_switch_sets_a_cookie_and_goes_back() {
    let app = app().await;
    let response = app.get("/taal/en?terug=%2Fbestaat-niet%3Fa%3D1", "").await;
    assert_eq!(response.status, StatusCode::SEE_OTHER);
    assert_eq!(response.expect_header("location"), "/bestaat-niet?a=1");
    let cookie = response.expect_header("set-cookie");
    assert!(cookie.starts_with("inzage_taal=en;"), "{cookie}");

    let html = app.get("/", "inzage_taal=en").await.body;
    assert!(html.contains(r#"<html lang="en""#));
    assert!(html.contains("See how the municipality uses your data"));
    assert!(html.contains(r#"hreflang="nl""#), "a way back to Dutch");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn language_switch_is_not_an_open_redirect() {
    let app = app().await;
    for target in [
        "https://evil.example/",
        "//evil.example/",
        "/\\evil.example",
    ] {
        let uri = format!("/taal/nl?terug={}", inzage::app::encode_component(target));
        let response = app.get(&uri, "").await;
        assert_eq!(response.expect_header("location"), "/", "{target}");
    }
    let response = app.get("/taal/fr", "").await;
    assert_eq!(response.status, StatusCode::NOT_FOUND);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_are_compressed_when_asked() {
    let app = app().await;
    let request = Request::get("/")
        .header(header::ACCEPT_ENCODING, "gzip")
        .body(Body::empty())
        .unwrap();
    let response = app.send(request).await;
    assert_eq!(response.expect_header("content-encoding"), "gzip");
}

on_both_engines! {
    async fn readiness_follows_the_database(t: TestDb) {
        let app = TestApp::new(t);
        let live = app.get("/healthz", "").await;
        assert_eq!(live.status, StatusCode::OK);
        let ready = app.get("/readyz", "").await;
        assert_eq!(ready.status, StatusCode::OK);

        app.db.close().await;
        let ready = app.get("/readyz", "").await;
        assert_eq!(ready.status, StatusCode::SERVICE_UNAVAILABLE);
        assert!(!ready.body.contains("pool"), "no internal error text: {}", ready.body);
        let live = app.get("/healthz", "").await;
        assert_eq!(live.status, StatusCode::OK, "the process is still up");
    }
}

/// A route that logs in, as the login issues will: store something and
/// cycle the session id.
fn session_app(state: AppState) -> Router {
    async fn login(session: Session) -> &'static str {
        session.insert("pseudonym", "p").await.unwrap();
        session.cycle_id().await.unwrap();
        "ok"
    }
    async fn whoami(session: Session) -> String {
        session
            .get::<String>("pseudonym")
            .await
            .unwrap()
            .unwrap_or_default()
    }
    Router::new()
        .route("/login", get(login))
        .route("/whoami", get(whoami))
        .layer(session_layer(&state))
}

/// [`session_app`] on a test database, with `state` changed by `edit`.
async fn session_test_app(edit: impl FnOnce(&mut AppState)) -> TestApp {
    let t = TestDb::sqlite().await;
    let mut state = common::state(&t);
    edit(&mut state);
    let routes = session_app(state.clone());
    TestApp::with_router(t, state, routes)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn session_cookie_is_http_only_lax_and_not_secure_on_loopback() {
    let app = session_test_app(|_| {}).await;
    let response = app.get("/login", "").await;
    let cookie = response.expect_header("set-cookie");
    assert!(
        cookie.starts_with(&format!("{SESSION_COOKIE}=")),
        "{cookie}"
    );
    assert!(cookie.contains("HttpOnly"), "{cookie}");
    assert!(cookie.contains("SameSite=Lax"), "{cookie}");
    assert!(
        !cookie.contains("Secure"),
        "plain HTTP on loopback: {cookie}"
    );

    let pair = cookie.split(';').next().unwrap().to_owned();
    let who = app.get("/whoami", &pair).await.body;
    assert_eq!(who, "p", "the session is kept in the database");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn session_cookie_is_secure_off_loopback_and_cycled_at_login() {
    let app = session_test_app(|state| {
        state.leptos_options.site_addr = ([0, 0, 0, 0], 3000).into();
    })
    .await;
    let first = app.get("/login", "").await;
    let cookie = first.expect_header("set-cookie");
    assert!(cookie.contains("Secure"), "{cookie}");

    let pair = cookie.split(';').next().unwrap().to_owned();
    let second = app.get("/login", &pair).await;
    let cycled = second.expect_header("set-cookie");
    assert_ne!(cycled.split(';').next().unwrap(), pair, "a new id at login");
}

/// Building a router while pages render must not stall them: generating
/// the route list stops every resource in the process from loading (a
/// global flag in leptos_server), so it may only happen once.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn building_routers_does_not_stall_pages_being_rendered() {
    let app = app().await;
    let state = app.state.clone();
    let builder = tokio::spawn(async move {
        for _ in 0..300 {
            drop(router(state.clone()));
            tokio::task::yield_now().await;
        }
    });
    for i in 0..200 {
        let page = app.get("/auth/demo-login", "");
        let rendered = tokio::time::timeout(std::time::Duration::from_secs(5), page).await;
        assert!(rendered.is_ok(), "page {i} never finished");
    }
    builder.await.unwrap();
}

/// Pages served while static files are served too still carry their own
/// page policy, with the nonce their scripts carry (before, most lost it).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_page_keeps_its_csp_while_files_are_served() {
    let app = app().await;
    let mut tasks = Vec::new();
    for k in 0..4 {
        let app = app.clone();
        tasks.push(tokio::spawn(async move {
            for i in 0..60 {
                let uri = ["/", "/pkg/inzage.css", "/favicon.ico", "/nlds/theme.css"][(i + k) % 4];
                let page = app.get(uri, "").await;
                if uri != "/" {
                    continue;
                }
                let csp = page.expect_header("content-security-policy").to_owned();
                let nonce = csp
                    .split("'nonce-")
                    .nth(1)
                    .and_then(|rest| rest.split('\'').next())
                    .unwrap_or_else(|| panic!("page {i} without the page policy: {csp}"));
                assert!(
                    page.body.contains(&format!(r#"nonce="{nonce}""#)),
                    "page {i}: scripts carry the nonce"
                );
            }
        }));
    }
    for task in tasks {
        task.await.unwrap();
    }
}
