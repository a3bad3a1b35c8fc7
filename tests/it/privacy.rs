//! No BSN in plain text: not in the database (idempotency records included),
//! not in the logs, not in error messages.

use crate::common::{self, api_token, call, json, Captured, TestDb};
use inzage::server::http::router;
use serde_json::json;

/// Test BSNs that occur nowhere else in the test data.
const BSNS: [&str; 3] = ["999991115", "999992533", "999995467"];

async fn ingest(t: &TestDb) {
    let app = router(common::state(t));
    let token = api_token(t, "create:confidential read:confidential").await;
    for (i, bsn) in BSNS.iter().enumerate() {
        let body = json!({
            "tijdstip": "2026-05-01T16:30:00+02:00",
            "soortAfnemerId": "BSN", "afnemerId": BSNS[(i + 1) % 3],
            "verwerkteObjecten": [{ "objecttype": "persoon", "soortObjectId": "BSN", "objectId": bsn }]
        });
        let request = axum::http::Request::post("/api/v1/verwerkingsacties")
            .header("authorization", format!("Bearer {token}"))
            .header("content-type", "application/json")
            .header("idempotency-key", format!("key-{i}"))
            .body(axum::body::Body::from(serde_json::to_vec(&body).unwrap()))
            .unwrap();
        let response = tower::ServiceExt::oneshot(app.clone(), request)
            .await
            .unwrap();
        assert_eq!(response.status(), 201);
        // an error response must not echo the BSN either
        let mut bad = body.clone();
        bad["tijdstip"] = json!("gisteren");
        let (_, _, problem) = call(
            &app,
            "POST",
            "/api/v1/verwerkingsacties",
            Some(&token),
            json(&bad),
        )
        .await;
        assert!(!problem.to_string().contains(bsn));
    }
    // reading them back works: the identifiers are sealed, not lost
    let uri = format!(
        "/api/v1/verwerkte-objecten?objecttype=persoon&soortObjectId=BSN&objectId={}&beginDatum=2026-01-01&eindDatum=2027-01-01",
        BSNS[0]
    );
    let (status, _, page) = call(&app, "GET", &uri, Some(&token), None).await;
    assert_eq!(status, 200);
    assert_eq!(page["results"][0]["objectId"], BSNS[0]);
    assert_eq!(page["results"][0]["verwerkingsactie"]["afnemerId"], BSNS[1]);
}

fn assert_no_bsn(haystack: &[u8], what: &str) {
    for bsn in BSNS {
        let found = haystack.windows(bsn.len()).any(|w| w == bsn.as_bytes());
        assert!(!found, "BSN found in plain text in {what}");
    }
}

/// Set in the process that runs the log capture.
const CAPTURING: &str = "INZAGE_TEST_CAPTURING_LOGS";

#[test]
fn no_bsn_in_the_sqlite_file_or_the_logs() {
    if std::env::var_os(CAPTURING).is_none() {
        // tracing decides once per call site, for the whole process, whether
        // anyone listens, and the other tests of this binary log from other
        // threads at the same time; so the capture runs in a process of its
        // own: this test binary again, with this test only.
        let status = std::process::Command::new(std::env::current_exe().unwrap())
            .args([
                "--exact",
                "privacy::no_bsn_in_the_sqlite_file_or_the_logs",
                "--test-threads=1",
                "--quiet",
            ])
            .env(CAPTURING, "1")
            .status()
            .unwrap();
        assert!(status.success(), "the capture in its own process failed");
        return;
    }
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(move || writer.clone())
        .finish();
    let dir;
    {
        let _guard = tracing::subscriber::set_default(subscriber);
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        dir = runtime.block_on(async {
            let t = TestDb::sqlite().await;
            ingest(&t).await;
            t.db.close().await;
            t
        });
    }
    let logs = captured.0.lock().unwrap().clone();
    assert!(!logs.is_empty(), "the logs were captured");
    assert_no_bsn(&logs, "the logs");
    let path = dir.url.as_str().trim_start_matches("sqlite://").to_owned();
    // The data is in the database file or still in its write-ahead log.
    let main = std::fs::read(&path).unwrap();
    let wal = std::fs::read(format!("{path}-wal")).unwrap_or_default();
    assert!(
        main.len() + wal.len() > 16 * 1024,
        "the files hold the data"
    );
    assert_no_bsn(&main, &path);
    assert_no_bsn(&wal, "the WAL file");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_bsn_in_any_postgres_table() {
    let t = TestDb::postgres().await;
    ingest(&t).await;
    let inzage::store::Db::Postgres(pool) = &t.db else {
        unreachable!()
    };
    let tables: Vec<(String, String)> = sqlx::query_as(
        "SELECT table_schema::text, table_name::text FROM information_schema.tables \
         WHERE table_schema NOT IN ('pg_catalog', 'information_schema')",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    assert!(tables.iter().any(|(_, name)| name == "verwerkt_object"));
    for (schema, table) in tables {
        let rows: Vec<String> = sqlx::query_scalar(&format!(
            "SELECT row_to_json(t)::text FROM \"{schema}\".\"{table}\" t"
        ))
        .fetch_all(pool)
        .await
        .unwrap();
        // bytea columns come out as hex; check both spellings
        let text = rows.join("\n");
        assert_no_bsn(text.as_bytes(), &table);
        for bsn in BSNS {
            assert!(!text.contains(&hex::encode(bsn)), "BSN bytes in {table}");
        }
    }
}
