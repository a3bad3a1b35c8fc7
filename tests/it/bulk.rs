//! The bulk endpoint (NDJSON, one POST body per line) and concurrent
//! single POSTs, on SQLite and PostgreSQL.

use super::api::{actie, example, ALL, VERWERKING};
use crate::common::{self, api_token, call, json, TestDb};
use axum::http::StatusCode;
use inzage::server::http::router;
use serde_json::{json, Value};

on_both_engines! {
    async fn bulk_answers_per_line_and_stores_whole_lines(t: TestDb) {
        let app = router(common::state(&t));
        let token = api_token(&t, ALL).await;
        let good = actie(&["999993653"], VERWERKING, "normaal");
        let mut keyed = actie(&["999990019"], VERWERKING, "normaal");
        keyed["idempotencyKey"] = json!("line-key-1");
        let mut bad = actie(&["123456789"], VERWERKING, "normaal");
        bad["tijdstip"] = json!("2026-05-01T16:30:00");
        let body = format!("{good}\n\n{bad}\nnot json\n{keyed}\r\n{}", actie(&["999993653"], VERWERKING, "opgeheven"));
        let request = Some((inzage::api::NDJSON, body.clone().into_bytes()));
        let (status, headers, answer) = call(&app, "POST", "/api/v1/verwerkingsacties/bulk", Some(&token), request).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(headers["content-type"], "application/x-ndjson");
        let text = answer.as_str().unwrap().to_owned();
        let lines: Vec<Value> = text.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
        let by_line: Vec<(u64, u64)> = lines.iter().map(|l| (l["line"].as_u64().unwrap(), l["status"].as_u64().unwrap())).collect();
        assert_eq!(by_line, vec![(1, 201), (3, 400), (4, 400), (5, 201), (6, 403)]);
        let names: Vec<&str> = lines[1]["problem"]["invalidParams"].as_array().unwrap()
            .iter().map(|p| p["name"].as_str().unwrap()).collect();
        assert!(names.contains(&"tijdstip") && names.contains(&"verwerkteObjecten.0.objectId"), "{names:?}");
        assert_eq!(t.db.version_count().await.unwrap(), 2);

        // the keyed line is not stored twice on a retry; the unkeyed one is
        let request = Some((inzage::api::NDJSON, format!("{keyed}\n").into_bytes()));
        let (_, _, answer) = call(&app, "POST", "/api/v1/verwerkingsacties/bulk", Some(&token), request).await;
        // one line of NDJSON is itself a JSON document
        let line = answer;
        assert_eq!(line["replayed"], true);
        assert_eq!(line["actieId"], lines[3]["actieId"]);
        assert_eq!(t.db.version_count().await.unwrap(), 2);

        let (status, _, _) = call(&app, "POST", "/api/v1/verwerkingsacties/bulk", Some(&token), json(&good)).await;
        assert_eq!(status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    }

    async fn concurrent_posts_share_commits_and_are_stored_once(t: TestDb) {
        use tower::ServiceExt;
        let app = router(common::state(&t));
        let token = api_token(&t, "create:normal").await;
        let body = serde_json::to_vec(&actie(&["999993653"], VERWERKING, "normaal")).unwrap();
        let requests = (0..60).map(|i| {
            let key = if i % 3 == 0 { "same-key".to_owned() } else { format!("key-{i}") };
            let request = axum::http::Request::post("/api/v1/verwerkingsacties")
                .header("authorization", format!("Bearer {token}"))
                .header("content-type", "application/json")
                .header("idempotency-key", key)
                .body(axum::body::Body::from(body.clone()))
                .unwrap();
            let app = app.clone();
            tokio::spawn(async move {
                use http_body_util::BodyExt;
                let response = app.oneshot(request).await.unwrap();
                assert_eq!(response.status(), StatusCode::CREATED);
                let bytes = response.into_body().collect().await.unwrap().to_bytes();
                serde_json::from_slice::<Value>(&bytes).unwrap()["actieId"].as_str().unwrap().to_owned()
            })
        });
        let mut ids = Vec::new();
        for handle in requests.collect::<Vec<_>>() {
            ids.push(handle.await.unwrap());
        }
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), 41, "40 own keys and one shared key");
        assert_eq!(t.db.version_count().await.unwrap(), 41, "every acknowledged action stored once");
    }

    async fn a_large_bulk_batch_reads_back_as_sent(t: TestDb) {
        // Large batches take another path into PostgreSQL (COPY): text that
        // would break a row, NULLs and sealed bytes must come back unchanged.
        let app = router(common::state(&t));
        let token = api_token(&t, ALL).await;
        let mut record = example();
        record["actieNaam"] = json!("tab\there, newline\nthere, back\\slash, \\N, é");
        record["soortAfnemerId"] = json!("BSN");
        record["afnemerId"] = json!("999993653");
        record["handelingNaam"] = Value::Null;
        let body: String = std::iter::repeat_n(format!("{record}\n"), 150).collect();
        let (status, _, answer) = call(&app, "POST", "/api/v1/verwerkingsacties/bulk", Some(&token),
            Some((inzage::api::NDJSON, body.into_bytes()))).await;
        assert_eq!(status, StatusCode::OK);
        let text = answer.as_str().unwrap().to_owned();
        let first: Value = serde_json::from_str(text.lines().next().unwrap()).unwrap();
        assert_eq!(first["status"], 201, "{first}");
        let (status, _, read) = call(&app, "GET",
            &format!("/api/v1/verwerkingsacties/{}", first["actieId"].as_str().unwrap()), Some(&token), None).await;
        assert_eq!(status, StatusCode::OK);
        for field in ["actieNaam", "soortAfnemerId", "afnemerId", "bewaartermijn", "tijdstip", "uitvoerder",
                      "systeem", "gebruiker", "gegevensbron", "verwerkingIdAfnemer", "verwerkingsactiviteitUrlAfnemer"] {
            assert_eq!(read[field], record[field], "{field}");
        }
        assert!(read.get("handelingNaam").is_none_or(Value::is_null), "{read}");
        let (sent, stored) = (&record["verwerkteObjecten"][0], &read["verwerkteObjecten"][0]);
        for field in ["objecttype", "soortObjectId", "objectId", "betrokkenheid", "verwerkteSoortenGegevens"] {
            assert_eq!(stored[field], sent[field], "verwerkteObjecten.0.{field}");
        }
        assert_eq!(t.db.version_count().await.unwrap(), 150);
    }

    async fn ten_thousand_lines_go_through_bulk(t: TestDb) {
        let app = router(common::state(&t));
        let token = api_token(&t, "create:normal").await;
        let line = actie(&["999993653", "999990019"], VERWERKING, "normaal").to_string();
        let body: String = std::iter::repeat_n(format!("{line}\n"), 10_000).collect();
        let (status, _, answer) = call(&app, "POST", "/api/v1/verwerkingsacties/bulk", Some(&token),
            Some((inzage::api::NDJSON, body.into_bytes()))).await;
        assert_eq!(status, StatusCode::OK);
        let text = answer.as_str().unwrap();
        assert_eq!(text.lines().count(), 10_000);
        assert!(text.lines().all(|l| l.contains("\"status\":201")));
        // Two batches, on PostgreSQL stored at the same time: answered in input order still.
        let numbers: Vec<u64> = text
            .lines()
            .map(|l| serde_json::from_str::<Value>(l).unwrap()["line"].as_u64().unwrap())
            .collect();
        assert_eq!(numbers, (1..=10_000).collect::<Vec<u64>>());
        assert_eq!(t.db.version_count().await.unwrap(), 10_000);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_empty_bulk_request_ends_cleanly_even_compressed() {
    use http_body_util::BodyExt;
    use tower::ServiceExt;
    let t = TestDb::sqlite().await;
    let app = router(common::state(&t));
    let token = api_token(&t, "create:normal").await;
    let request = axum::http::Request::post("/api/v1/verwerkingsacties/bulk")
        .header("authorization", format!("Bearer {token}"))
        .header("content-type", inzage::api::NDJSON)
        .header("accept-encoding", "gzip")
        .body(axum::body::Body::empty())
        .unwrap();
    let response = app.oneshot(request).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    response
        .into_body()
        .collect()
        .await
        .expect("a complete body");
}

/// Clients send `Expect: 100-continue` before a large body (curl does above
/// 1 MB). Over a real socket: the 100 Continue must come at once, not after
/// the client's own timeout, and the lines must then be stored.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bulk_request_that_expects_100_continue_gets_it_at_once() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let t = TestDb::sqlite().await;
    let token = api_token(&t, "create:normal").await;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let app = router(common::state(&t));
    tokio::spawn(async move { axum::serve(listener, app).await });

    let line = actie(&["999993653"], VERWERKING, "normaal").to_string();
    let body: String = std::iter::repeat_n(format!("{line}\n"), 3).collect();
    let mut socket = tokio::net::TcpStream::connect(address).await.unwrap();
    let head = format!(
        "POST /api/v1/verwerkingsacties/bulk HTTP/1.1\r\nHost: {address}\r\n\
         Authorization: Bearer {token}\r\nContent-Type: application/x-ndjson\r\n\
         Content-Length: {}\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n",
        body.len()
    );
    socket.write_all(head.as_bytes()).await.unwrap();
    let mut first = vec![0u8; 25];
    tokio::time::timeout(
        std::time::Duration::from_millis(500),
        socket.read_exact(&mut first),
    )
    .await
    .expect("no 100 Continue within 500 ms")
    .unwrap();
    assert_eq!(&first, b"HTTP/1.1 100 Continue\r\n\r\n");
    socket.write_all(body.as_bytes()).await.unwrap();
    let mut rest = String::new();
    socket.read_to_string(&mut rest).await.unwrap();
    assert!(rest.starts_with("HTTP/1.1 200 OK"), "{rest}");
    assert_eq!(rest.matches("\"status\":201").count(), 3, "{rest}");
    assert_eq!(t.db.version_count().await.unwrap(), 3);
}
