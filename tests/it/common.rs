//! Test harness: every store test runs against a fresh embedded SQLite file
//! and a fresh PostgreSQL database. PostgreSQL is not optional here: when
//! the server cannot be reached the tests fail, they never skip. Tests of
//! the HTTP surface drive the router through [`TestApp`].

#![allow(dead_code)]

use axum::{
    body::Body,
    http::{HeaderMap, Request, StatusCode},
    Router,
};
use http_body_util::BodyExt;
use inzage::{
    config::Config,
    server::http::router,
    state::AppState,
    store::{DatabaseUrl, Db},
};
use leptos::config::LeptosOptions;
use std::sync::Arc;
use tower::ServiceExt;

/// The longest a test may take, its database set-up included; more means
/// something hangs.
pub const TEST_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(120);

pub const DEFAULT_POSTGRES: &str = "postgres://postgres@127.0.0.1:5432";

/// The portal's origin in the tests (`LEPTOS_SITE_ADDR` 127.0.0.1:3000): a
/// browser sends it with every form and server-function POST.
pub const ORIGIN: &str = "http://127.0.0.1:3000";

/// The organisation of the clients [`api_token`] and [`api_caller`] add.
pub const ORGANISATION: &str = "00000001821002193000";

/// A database that lives as long as the test.
pub struct TestDb {
    pub db: Db,
    pub url: DatabaseUrl,
    _dir: Option<tempfile::TempDir>,
}

impl TestDb {
    pub async fn sqlite() -> TestDb {
        let dir = tempfile::tempdir().expect("temp dir");
        let url = DatabaseUrl::Sqlite(format!("sqlite://{}/inzage.db", dir.path().display()));
        let db = Db::connect(&url, 4).await.expect("open sqlite");
        db.migrate().await.expect("migrate sqlite");
        TestDb {
            db,
            url,
            _dir: Some(dir),
        }
    }

    /// The database at `url` as it is (a restored backup); `dir` is removed
    /// with it.
    pub async fn open(url: DatabaseUrl, dir: Option<tempfile::TempDir>) -> TestDb {
        let db = Db::connect(&url, 4).await.expect("open database");
        db.migrate().await.expect("migrate");
        TestDb { db, url, _dir: dir }
    }

    pub async fn postgres() -> TestDb {
        let server = std::env::var("INZAGE_TEST_POSTGRES_URL")
            .unwrap_or_else(|_| DEFAULT_POSTGRES.to_owned());
        let name = format!("inzage_test_{}", uuid::Uuid::new_v4().simple());
        let admin = Db::connect(&DatabaseUrl::Postgres(format!("{server}/postgres")), 1)
            .await
            .unwrap_or_else(|e| panic!("PostgreSQL at {server} is required for the tests: {e}"));
        if let Db::Postgres(pool) = &admin {
            sqlx::query(&format!("CREATE DATABASE {name}"))
                .execute(pool)
                .await
                .expect("create test database");
        }
        admin.close().await;
        let url = DatabaseUrl::Postgres(format!("{server}/{name}"));
        let db = Db::connect(&url, 4).await.expect("open postgres");
        db.migrate().await.expect("migrate postgres");
        TestDb {
            db,
            url,
            _dir: None,
        }
    }
}

/// Generates one `#[tokio::test]` per engine from one async test body that
/// takes a `TestDb`.
#[macro_export]
macro_rules! on_both_engines {
    ($(async fn $name:ident($db:ident: TestDb) $body:block)*) => {
        $(
            mod $name {
                use super::*;
                async fn run($db: TestDb) $body
                // Multi-threaded like the server, and bounded: a hang fails the test.
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn sqlite() {
                    let test = async { run(TestDb::sqlite().await).await };
                    tokio::time::timeout($crate::common::TEST_TIMEOUT, test).await.expect("test timed out");
                }
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn postgres() {
                    let test = async { run(TestDb::postgres().await).await };
                    tokio::time::timeout($crate::common::TEST_TIMEOUT, test).await.expect("test timed out");
                }
            }
        )*
    };
}

pub fn leptos_options() -> LeptosOptions {
    LeptosOptions::builder()
        .output_name("inzage")
        .site_root("target/site")
        .site_pkg_dir("pkg")
        .site_addr(std::net::SocketAddr::from(([127, 0, 0, 1], 3000)))
        .build()
}

pub fn config(url: &DatabaseUrl) -> Config {
    let url = url.as_str().to_owned();
    // Local staff accounts log in with their password alone here; the second
    // factor has its own tests (tests/it/security.rs).
    Config::from_lookup(move |name| match name {
        "INZAGE_DATABASE_URL" => Some(url.clone()),
        "INZAGE_STAFF_REQUIRE_2FA" => Some("0".into()),
        _ => None,
    })
    .expect("test config")
}

pub fn state(test_db: &TestDb) -> AppState {
    AppState::new(
        leptos_options(),
        test_db.db.clone(),
        config(&test_db.url),
        Arc::new(inzage::crypto::Keys::for_tests()),
        std::sync::Arc::new(inzage::crypto::LogKey::for_tests()),
    )
}

/// The app state with demo mode on (demo logins, the banner, no API).
pub fn demo_state(test_db: &TestDb) -> AppState {
    configured_state(test_db, |config| config.demo = true)
}

/// The app state with its configuration changed after [`AppState::new`]
/// (so only what is read per request changes, as in [`demo_state`]).
pub fn configured_state(test_db: &TestDb, edit: impl FnOnce(&mut Config)) -> AppState {
    let mut state = state(test_db);
    let mut config = (*state.config).clone();
    edit(&mut config);
    state.config = Arc::new(config);
    state
}

/// Adds an API client with these scopes and returns its token.
pub async fn api_token(t: &TestDb, scopes: &str) -> String {
    api_token_for(t, scopes, ORGANISATION).await
}

/// Adds an API client of `organisation` (an OIN) and returns its token.
pub async fn api_token_for(t: &TestDb, scopes: &str, organisation: &str) -> String {
    let (token, hash) = inzage::crypto::ApiToken::generate();
    let client = inzage::store::clients::ClientRow {
        id: uuid::Uuid::new_v4().to_string(),
        name: format!("client-{}", uuid::Uuid::new_v4().simple()),
        organisation: organisation.into(),
        scopes: scopes.into(),
        created_at: 0,
        revoked_at: None,
    };
    t.db.add_client(&client, hash.as_bytes())
        .await
        .expect("add client");
    token
}

/// A JSON API call: status, headers and the parsed body (`Null` when empty).
pub async fn call(
    app: &axum::Router,
    method: &str,
    uri: &str,
    token: Option<&str>,
    body: Option<(&str, Vec<u8>)>,
) -> (
    axum::http::StatusCode,
    axum::http::HeaderMap,
    serde_json::Value,
) {
    let mut request = axum::http::Request::builder().method(method).uri(uri);
    if let Some(token) = token {
        request = request.header("authorization", format!("Bearer {token}"));
    }
    let request = match body {
        Some((content_type, bytes)) => request
            .header("content-type", content_type)
            .body(axum::body::Body::from(bytes)),
        None => request.body(axum::body::Body::empty()),
    }
    .unwrap();
    let response = app.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    let value = if bytes.is_empty() {
        serde_json::Value::Null
    } else {
        serde_json::from_slice(&bytes)
            .unwrap_or_else(|_| serde_json::Value::String(String::from_utf8_lossy(&bytes).into()))
    };
    (status, headers, value)
}

pub fn json(value: &serde_json::Value) -> Option<(&'static str, Vec<u8>)> {
    Some(("application/json", serde_json::to_vec(value).unwrap()))
}

/// Registers an API client of [`ORGANISATION`] with these scopes and
/// returns it as the log service's caller.
pub async fn api_caller(
    t: &TestDb,
    scopes: inzage::ingest::scopes::Scopes,
) -> inzage::ingest::Caller {
    let (_, hash) = inzage::crypto::ApiToken::generate();
    let client = inzage::store::clients::ClientRow {
        id: uuid::Uuid::new_v4().to_string(),
        name: format!("client-{}", uuid::Uuid::new_v4().simple()),
        organisation: ORGANISATION.into(),
        scopes: String::new(),
        created_at: 0,
        revoked_at: None,
    };
    t.db.add_client(&client, hash.as_bytes())
        .await
        .expect("add client");
    inzage::ingest::Caller {
        client_id: client.id,
        organisation: ORGANISATION.into(),
        scopes,
        portal: false,
    }
}

/// An answer as the tests read it: status, headers and the body as text.
pub struct Answer {
    pub status: u16,
    pub headers: HeaderMap,
    pub body: String,
}

impl Answer {
    /// The (first) value of a header; empty when the answer has none.
    pub fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
    }

    /// The value of a header the answer must have.
    pub fn expect_header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .unwrap_or_else(|| panic!("missing header {name}"))
            .to_str()
            .unwrap()
    }

    /// `Location`; empty when there is none.
    pub fn location(&self) -> &str {
        self.header("location")
    }

    /// Status and `Location` together, to compare in one assert.
    pub fn redirect(&self) -> (u16, String) {
        (self.status, self.location().to_owned())
    }

    /// `name=value` of the first `Set-Cookie`, to send back as `Cookie`;
    /// empty when there is none.
    pub fn cookie(&self) -> String {
        self.header("set-cookie")
            .split(';')
            .next()
            .unwrap_or_default()
            .to_owned()
    }

    /// `name=value` of the first `Set-Cookie`, which the answer must have.
    pub fn expect_cookie(&self) -> String {
        let cookie = self.cookie();
        assert!(
            !cookie.is_empty(),
            "no Set-Cookie: {} {}",
            self.status,
            self.body
        );
        cookie
    }
}

/// Sends one request to `router` and reads the whole answer.
pub async fn send(router: &Router, request: Request<Body>) -> Answer {
    let response = router.clone().oneshot(request).await.unwrap();
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    Answer {
        status,
        headers,
        body: String::from_utf8_lossy(&bytes).into_owned(),
    }
}

/// The portal on a test database, as a browser reaches it: the app state
/// and the router built from it. Cookies are passed explicitly (most tests
/// act as several people at once); `""` sends no `Cookie` header. Derefs to
/// the [`TestDb`], so `app.db` and `app.url` work and `&app` passes as
/// `&TestDb` (to [`api_token`], [`state`], ...).
#[derive(Clone)]
pub struct TestApp {
    test_db: Arc<TestDb>,
    pub state: AppState,
    pub router: Router,
}

impl std::ops::Deref for TestApp {
    type Target = TestDb;

    fn deref(&self) -> &TestDb {
        &self.test_db
    }
}

impl TestApp {
    /// The portal as [`state`] configures it (no demo mode).
    pub fn new(test_db: TestDb) -> TestApp {
        let state = state(&test_db);
        TestApp::with_state(test_db, state)
    }

    /// The portal in demo mode, as [`demo_state`] configures it.
    pub fn demo(test_db: TestDb) -> TestApp {
        let state = demo_state(&test_db);
        TestApp::with_state(test_db, state)
    }

    /// The portal with its configuration changed (see [`configured_state`]).
    pub fn configured(test_db: TestDb, edit: impl FnOnce(&mut Config)) -> TestApp {
        let state = configured_state(&test_db, edit);
        TestApp::with_state(test_db, state)
    }

    /// The portal on a state the test built itself.
    pub fn with_state(test_db: TestDb, state: AppState) -> TestApp {
        let router = router(state.clone());
        TestApp::with_router(test_db, state, router)
    }

    /// Another router than the portal's (e.g. a few routes behind one layer).
    pub fn with_router(test_db: TestDb, state: AppState, router: Router) -> TestApp {
        TestApp {
            test_db: Arc::new(test_db),
            state,
            router,
        }
    }

    /// A second portal on this one's database, configured as [`state`]
    /// and then changed by `edit` (e.g. the same data without demo mode).
    pub fn beside(&self, edit: impl FnOnce(&mut Config)) -> TestApp {
        let state = configured_state(&self.test_db, edit);
        TestApp {
            test_db: self.test_db.clone(),
            router: router(state.clone()),
            state,
        }
    }

    /// Sends a request as it is.
    pub async fn send(&self, request: Request<Body>) -> Answer {
        send(&self.router, request).await
    }

    /// A page as a browser asks for it.
    pub async fn get(&self, uri: &str, cookie: &str) -> Answer {
        let mut request = Request::get(uri).header("accept", "text/html");
        if !cookie.is_empty() {
            request = request.header("cookie", cookie);
        }
        self.send(request.body(Body::empty()).unwrap()).await
    }

    /// A form POST (`form` already URL-encoded) as a browser without
    /// JavaScript sends it from the portal itself: `Origin` is [`ORIGIN`],
    /// and server functions answer with a redirect.
    pub async fn post(&self, uri: &str, cookie: &str, form: &str) -> Answer {
        self.post_from(Some(ORIGIN), uri, cookie, form).await
    }

    /// A form POST from `origin` (`None`: without an `Origin` header).
    pub async fn post_from(
        &self,
        origin: Option<&str>,
        uri: &str,
        cookie: &str,
        form: &str,
    ) -> Answer {
        let mut request = Request::post(uri)
            .header("content-type", "application/x-www-form-urlencoded")
            .header("accept", "text/html");
        if let Some(origin) = origin {
            request = request.header("origin", origin);
        }
        if !cookie.is_empty() {
            request = request.header("cookie", cookie);
        }
        self.send(request.body(Body::from(form.to_owned())).unwrap())
            .await
    }

    /// A server-function call as the hydrated page makes it: no
    /// `Accept: text/html`, so no redirect; 200 when it succeeded.
    pub async fn call_fn(&self, uri: &str, cookie: &str, form: &str) -> Answer {
        let mut request = Request::post(uri)
            .header("origin", ORIGIN)
            .header("content-type", "application/x-www-form-urlencoded");
        if !cookie.is_empty() {
            request = request.header("cookie", cookie);
        }
        self.send(request.body(Body::from(form.to_owned())).unwrap())
            .await
    }

    /// A JSON API call, as [`call`].
    pub async fn call(
        &self,
        method: &str,
        uri: &str,
        token: Option<&str>,
        body: Option<(&str, Vec<u8>)>,
    ) -> (StatusCode, HeaderMap, serde_json::Value) {
        call(&self.router, method, uri, token, body).await
    }

    /// Logs in as a demo resident; returns the session cookie.
    pub async fn login_resident(&self, bsn: &str) -> String {
        let a = self
            .post("/auth/demo-login", "", &format!("bsn={bsn}"))
            .await;
        assert_eq!((a.status, a.location()), (303, "/mijn"), "{}", a.body);
        a.expect_cookie()
    }

    /// Logs in as a demo staff member with this role; returns the session
    /// cookie.
    pub async fn login_staff(&self, rol: &str) -> String {
        let a = self
            .post("/medewerker/demo-login", "", &format!("rol={rol}"))
            .await;
        assert_eq!((a.status, a.location()), (303, "/medewerker"), "{rol}");
        a.expect_cookie()
    }
}

/// The text between `start` and the next `end` after it, without the
/// markers Leptos may put between text nodes.
pub fn between(html: &str, start: &str, end: &str) -> String {
    let from = html
        .find(start)
        .unwrap_or_else(|| panic!("{start} in {html}"))
        + start.len();
    let to = html[from..].find(end).unwrap() + from;
    html[from..to].replace("<!>", "").replace("<!---->", "")
}

/// Every `.rs` file under `dir`, for the tests that read the sources.
pub fn rust_files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read dir") {
        let path = entry.expect("dir entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// A log writer that keeps what a tracing subscriber writes, for tests that
/// read the log.
#[derive(Clone, Default)]
pub struct Captured(pub Arc<std::sync::Mutex<Vec<u8>>>);

impl std::io::Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
