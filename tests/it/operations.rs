//! What operators see: `/metrics` (only to its token, labelled by route
//! template, never by a path with an identifier in it) and one access log
//! line per request without its query string.

use crate::api::{actie, VERWERKING};
use crate::common::{call, json, Captured, TestApp, TestDb};
use axum::http::StatusCode;

const TOKEN: &str = "metrics-token-of-at-least-32-characters";

fn with_metrics(t: TestDb) -> TestApp {
    TestApp::configured(t, |c| c.metrics.token = Some(TOKEN.into()))
}

async fn scrape(app: &TestApp, token: &str) -> (u16, String) {
    let request = axum::http::Request::get("/metrics")
        .header("authorization", format!("Bearer {token}"))
        .body(axum::body::Body::empty())
        .unwrap();
    let answer = app.send(request).await;
    (answer.status, answer.body)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn metrics_are_only_for_their_token() {
    let app = with_metrics(TestDb::sqlite().await);
    assert_eq!(app.get("/metrics", "").await.status, 401);
    assert_eq!(
        scrape(&app, "metrics-token-of-at-least-32-characterX")
            .await
            .0,
        401
    );
    assert_eq!(scrape(&app, "").await.0, 401);
    assert_eq!(scrape(&app, TOKEN).await.0, 200);
    // Not configured: not there at all.
    let plain = TestApp::new(TestDb::sqlite().await);
    assert_eq!(scrape(&plain, TOKEN).await.0, 404);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn requests_are_counted_by_route_template() {
    let app = with_metrics(TestDb::sqlite().await);
    let id = "c0ffee00-aaaa-4bbb-8ccc-123456789abc";
    assert_eq!(app.get(&format!("/mijn/actie/{id}"), "").await.status, 302);
    let (status, text) = scrape(&app, TOKEN).await;
    assert_eq!(status, 200);
    assert!(
        text.contains(r#"http_requests_total{method="GET",route="/mijn/actie/{id}",status="302"}"#),
        "{text}"
    );
    assert!(
        text.contains("http_request_duration_seconds_bucket{"),
        "a histogram: {text}"
    );
    assert!(!text.contains(id), "no identifier in a label");
    for gauge in [
        "inzage_db_pool_connections{state=\"idle\"}",
        "inzage_requests_overdue",
    ] {
        assert!(text.contains(gauge), "{gauge} in {text}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ingest_is_counted_per_client() {
    let t = TestDb::sqlite().await;
    let (token, hash) = inzage::crypto::ApiToken::generate();
    let client_id = uuid::Uuid::new_v4().to_string();
    t.db.add_client(
        &inzage::store::clients::ClientRow {
            id: client_id.clone(),
            name: "zaaksysteem".into(),
            organisation: crate::common::ORGANISATION.into(),
            scopes: "create:normal".into(),
            created_at: 0,
            revoked_at: None,
        },
        hash.as_bytes(),
    )
    .await
    .unwrap();
    let app = with_metrics(t);
    let uri = "/api/v1/verwerkingsacties";
    let good = actie(&["999993653"], VERWERKING, "normaal");
    let (status, _, _) = call(&app.router, "POST", uri, Some(&token), json(&good)).await;
    assert_eq!(status, StatusCode::CREATED);
    let bad = serde_json::json!({ "actieNaam": "" });
    let (status, _, _) = call(&app.router, "POST", uri, Some(&token), json(&bad)).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let (_, text) = scrape(&app, TOKEN).await;
    assert!(
        text.contains(&format!(
            "inzage_ingest_records_total{{client=\"{client_id}\"}} 1\n"
        )),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            "inzage_ingest_rejected_total{{client=\"{client_id}\"}} 1\n"
        )),
        "{text}"
    );
}

// One thread, so the subscriber set for this test sees every request.
#[tokio::test(flavor = "current_thread")]
async fn each_request_is_one_access_log_line_without_its_query() {
    let app = TestApp::new(TestDb::sqlite().await);
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .json()
        .with_env_filter("info")
        .with_writer(move || writer.clone())
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);
    let page = app.get("/uitleg?zoek=999993653", "").await;
    assert_eq!(page.status, 200);
    drop(_guard);
    let text = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    let lines: Vec<serde_json::Value> = text
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .filter(|l: &serde_json::Value| l["target"] == "inzage::access")
        .collect();
    assert_eq!(lines.len(), 1, "{text}");
    let fields = &lines[0]["fields"];
    assert_eq!(fields["method"], "GET");
    assert_eq!(fields["route"], "/uitleg");
    assert_eq!(fields["status"], 200);
    assert!(fields["duration_ms"].as_f64().is_some(), "{fields}");
    assert!(
        fields["request_id"]
            .as_str()
            .is_some_and(|id| id.len() == 36),
        "{fields}"
    );
    assert_eq!(lines[0]["level"], "INFO");
    assert!(
        !text.contains("999993653"),
        "no query string in the log: {text}"
    );
}
