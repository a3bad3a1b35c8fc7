//! Test harness: every store test runs against a fresh embedded SQLite file
//! and a fresh PostgreSQL database. PostgreSQL is not optional here: when
//! the server cannot be reached the tests fail, they never skip.

#![allow(dead_code)]

use inzage::{
    server::{
        config::{Config, DatabaseUrl},
        AppState,
    },
    store::Db,
};
use leptos::config::LeptosOptions;
use std::sync::Arc;

/// The longest a store test may take; more means something hangs.
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
                    let test = run(TestDb::sqlite().await);
                    tokio::time::timeout($crate::common::TEST_TIMEOUT, test).await.expect("test timed out");
                }
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn postgres() {
                    let test = run(TestDb::postgres().await);
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
    // factor has its own tests (tests/security.rs).
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
    )
}

/// The app state with demo mode on (demo logins, the banner, no API).
pub fn demo_state(test_db: &TestDb) -> AppState {
    let mut state = state(test_db);
    let mut config = (*state.config).clone();
    config.demo = true;
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
    use http_body_util::BodyExt;
    use tower::ServiceExt;
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
    }
}
