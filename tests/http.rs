//! The HTTP surface as a browser or a platform sees it: pages, headers,
//! probes, the language switch and the session cookie.

mod common;

use axum::{
    body::Body,
    http::{header, Request, Response, StatusCode},
    routing::get,
    Router,
};
use common::TestDb;
use http_body_util::BodyExt;
use inzage::server::http::{router, session_layer, SESSION_COOKIE};
use tower::ServiceExt;
use tower_sessions::Session;

async fn get_page(app: Router, uri: &str, cookie: Option<&str>) -> (Response<Body>, String) {
    let mut request = Request::get(uri);
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    let response = app
        .oneshot(request.body(Body::empty()).unwrap())
        .await
        .unwrap();
    let (parts, body) = response.into_parts();
    let bytes = body.collect().await.unwrap().to_bytes();
    let text = String::from_utf8_lossy(&bytes).into_owned();
    (Response::from_parts(parts, Body::empty()), text)
}

fn header_of<'a>(response: &'a Response<Body>, name: &str) -> &'a str {
    response
        .headers()
        .get(name)
        .unwrap_or_else(|| panic!("missing header {name}"))
        .to_str()
        .unwrap()
}

async fn app() -> (Router, TestDb) {
    let t = TestDb::sqlite().await;
    (router(common::state(&t)), t)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn landing_page_is_dutch_and_has_one_main() {
    let (app, _t) = app().await;
    let (response, html) = get_page(app, "/", None).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(html.contains(r#"<html lang="nl""#), "{html}");
    assert_eq!(html.matches("<main").count(), 1);
    assert!(html.contains("Zie wat de gemeente met uw gegevens doet"));
    assert!(html.contains(r##"href="#main""##), "skip link");
    assert!(html.contains("<title>"), "title");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn page_csp_allows_only_scripts_with_this_requests_nonce() {
    let (app, _t) = app().await;
    let (response, html) = get_page(app.clone(), "/", None).await;
    let csp = header_of(&response, "content-security-policy");
    assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
    let nonce = csp
        .split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .expect("a nonce in script-src");
    assert!(nonce.len() >= 16);
    assert!(
        html.contains(&format!(r#"nonce="{nonce}""#)),
        "scripts carry the nonce"
    );
    assert!(!html.contains("<script>"), "no script without a nonce");

    let (second, _) = get_page(app, "/", None).await;
    assert_ne!(
        header_of(&second, "content-security-policy"),
        csp,
        "a new nonce per request"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_response_has_security_headers_and_a_request_id() {
    let (app, _t) = app().await;
    for uri in ["/", "/healthz", "/bestaat-niet"] {
        let (response, _) = get_page(app.clone(), uri, None).await;
        assert_eq!(
            header_of(&response, "x-content-type-options"),
            "nosniff",
            "{uri}"
        );
        assert_eq!(
            header_of(&response, "referrer-policy"),
            "no-referrer",
            "{uri}"
        );
        assert!(header_of(&response, "content-security-policy").contains("frame-ancestors 'none'"));
        assert!(
            uuid::Uuid::parse_str(header_of(&response, "x-request-id")).is_ok(),
            "{uri}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unknown_pages_are_a_real_404() {
    let (app, _t) = app().await;
    let (response, html) = get_page(app, "/bestaat-niet", None).await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    assert!(html.contains("Pagina niet gevonden"));
    assert_eq!(html.matches("<main").count(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn language_switch_sets_a_cookie_and_goes_back() {
    let (app, _t) = app().await;
    let (response, _) = get_page(app.clone(), "/taal/en?terug=%2Fbestaat-niet%3Fa%3D1", None).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(header_of(&response, "location"), "/bestaat-niet?a=1");
    let cookie = header_of(&response, "set-cookie");
    assert!(cookie.starts_with("inzage_taal=en;"), "{cookie}");

    let (_, html) = get_page(app, "/", Some("inzage_taal=en")).await;
    assert!(html.contains(r#"<html lang="en""#));
    assert!(html.contains("See how the municipality uses your data"));
    assert!(html.contains(r#"hreflang="nl""#), "a way back to Dutch");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn language_switch_is_not_an_open_redirect() {
    let (app, _t) = app().await;
    for target in [
        "https://evil.example/",
        "//evil.example/",
        "/\\evil.example",
    ] {
        let uri = format!("/taal/nl?terug={}", inzage::app::encode_component(target));
        let (response, _) = get_page(app.clone(), &uri, None).await;
        assert_eq!(header_of(&response, "location"), "/", "{target}");
    }
    let (response, _) = get_page(app, "/taal/fr", None).await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_are_compressed_when_asked() {
    let (app, _t) = app().await;
    let request = Request::get("/")
        .header(header::ACCEPT_ENCODING, "gzip")
        .body(Body::empty())
        .unwrap();
    let response = app.oneshot(request).await.unwrap();
    assert_eq!(header_of(&response, "content-encoding"), "gzip");
}

on_both_engines! {
    async fn readiness_follows_the_database(t: TestDb) {
        let app = router(common::state(&t));
        let (live, _) = get_page(app.clone(), "/healthz", None).await;
        assert_eq!(live.status(), StatusCode::OK);
        let (ready, _) = get_page(app.clone(), "/readyz", None).await;
        assert_eq!(ready.status(), StatusCode::OK);

        t.db.close().await;
        let (ready, body) = get_page(app.clone(), "/readyz", None).await;
        assert_eq!(ready.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert!(!body.contains("pool"), "no internal error text: {body}");
        let (live, _) = get_page(app, "/healthz", None).await;
        assert_eq!(live.status(), StatusCode::OK, "the process is still up");
    }
}

/// A route that logs in, as the login issues will: store something and
/// cycle the session id.
fn session_app(state: inzage::server::AppState) -> Router {
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

fn session_cookie(response: &Response<Body>) -> String {
    header_of(response, "set-cookie").to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn session_cookie_is_http_only_lax_and_not_secure_on_loopback() {
    let t = TestDb::sqlite().await;
    let app = session_app(common::state(&t));
    let (response, _) = get_page(app.clone(), "/login", None).await;
    let cookie = session_cookie(&response);
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
    let (_, who) = get_page(app, "/whoami", Some(&pair)).await;
    assert_eq!(who, "p", "the session is kept in the database");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn session_cookie_is_secure_off_loopback_and_cycled_at_login() {
    let t = TestDb::sqlite().await;
    let mut state = common::state(&t);
    state.leptos_options.site_addr = ([0, 0, 0, 0], 3000).into();
    let app = session_app(state);
    let (first, _) = get_page(app.clone(), "/login", None).await;
    let cookie = session_cookie(&first);
    assert!(cookie.contains("Secure"), "{cookie}");

    let pair = cookie.split(';').next().unwrap().to_owned();
    let (second, _) = get_page(app, "/login", Some(&pair)).await;
    let cycled = session_cookie(&second);
    assert_ne!(cycled.split(';').next().unwrap(), pair, "a new id at login");
}

/// Building a router while pages render must not stall them: generating
/// the route list stops every resource in the process from loading (a
/// global flag in leptos_server), so it may only happen once.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn building_routers_does_not_stall_pages_being_rendered() {
    let t = TestDb::sqlite().await;
    let state = common::state(&t);
    let app = router(state.clone());
    let builder = tokio::spawn(async move {
        for _ in 0..300 {
            drop(router(state.clone()));
            tokio::task::yield_now().await;
        }
    });
    for i in 0..200 {
        let page = get_page(app.clone(), "/auth/demo-login", None);
        let rendered = tokio::time::timeout(std::time::Duration::from_secs(5), page).await;
        assert!(rendered.is_ok(), "page {i} never finished");
    }
    builder.await.unwrap();
}

/// Pages served while static files are served too still carry their own
/// page policy, with the nonce their scripts carry (before, most lost it).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_page_keeps_its_csp_while_files_are_served() {
    let (app, _t) = app().await;
    let mut tasks = Vec::new();
    for k in 0..4 {
        let app = app.clone();
        tasks.push(tokio::spawn(async move {
            for i in 0..60 {
                let uri = ["/", "/pkg/inzage.css", "/favicon.ico", "/nlds/theme.css"][(i + k) % 4];
                let (response, html) = get_page(app.clone(), uri, None).await;
                if uri != "/" {
                    continue;
                }
                let csp = header_of(&response, "content-security-policy").to_owned();
                let nonce = csp
                    .split("'nonce-")
                    .nth(1)
                    .and_then(|rest| rest.split('\'').next())
                    .unwrap_or_else(|| panic!("page {i} without the page policy: {csp}"));
                assert!(
                    html.contains(&format!(r#"nonce="{nonce}""#)),
                    "page {i}: scripts carry the nonce"
                );
            }
        }));
    }
    for task in tasks {
        task.await.unwrap();
    }
}
