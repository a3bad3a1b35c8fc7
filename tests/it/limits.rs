//! Limits as an attacker meets them: a flood of logins, clients too slow
//! to finish a request, cookies over https, and demo mode beside real data.

use super::security::{actie, ALL, ME, VERWERKING};
use crate::common::{self, api_token, json, TestApp, TestDb};
use axum::{
    body::Body,
    http::{header, Request, StatusCode},
};
use inzage::{server::http::router, state::AppState};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_flood_of_logins_gets_429_not_memory() {
    let app = TestApp::new(TestDb::sqlite().await);
    let _all = app
        .state
        .password_checks
        .clone()
        .acquire_many_owned(inzage::auth::password::PASSWORD_CHECKS as u32)
        .await
        .unwrap();
    let answer = app
        .post("/medewerker/inloggen", "", "naam=x&wachtwoord=y")
        .await;
    assert_eq!(answer.status, 429);
    assert!(!answer.header("retry-after").is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn over_https_the_cookie_is_host_bound_and_hsts_is_sent() {
    let t = TestDb::sqlite().await;
    let mut config = common::config(&t.url);
    config.demo = true;
    config.public_url = Some("https://inzage.example.nl".into());
    let state = AppState::new(
        common::leptos_options(),
        t.db.clone(),
        config,
        std::sync::Arc::new(inzage::crypto::Keys::for_tests()),
        std::sync::Arc::new(inzage::crypto::LogKey::for_tests()),
    );
    let app = TestApp::with_state(t, state);
    let request = Request::post("/auth/demo-login")
        .header(header::ORIGIN, "https://inzage.example.nl")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(format!("bsn={ME}")))
        .unwrap();
    let answer = app.send(request).await;
    let cookie = answer.header("set-cookie");
    assert!(cookie.starts_with("__Host-inzage_sessie="), "{cookie}");
    assert!(
        cookie.contains("Secure") && cookie.contains("Path=/"),
        "{cookie}"
    );
    assert!(answer
        .header("strict-transport-security")
        .starts_with("max-age="));
    let plain = app.beside(|_| {});
    assert!(plain
        .get("/", "")
        .await
        .header("strict-transport-security")
        .is_empty());
}

/// With demo mode on, `inzage serve` refuses a log with real records, and
/// a configuration with a real login, with exit code 2 and the reason.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn demo_mode_refuses_to_start_beside_real_data_or_logins() {
    let app = TestApp::new(TestDb::sqlite().await);
    let token = api_token(&app, ALL).await;
    let (status, _, _) = app
        .call(
            "POST",
            "/api/v1/verwerkingsacties",
            Some(&token),
            json(&actie(ME, VERWERKING, "normaal")),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    let keys = tempfile::tempdir().unwrap();
    let serve = |extra: &[(&str, &str)]| {
        let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_inzage"));
        command
            .arg("serve")
            .env("INZAGE_DATABASE_URL", app.url.as_str())
            .env("INZAGE_KEY_DIR", keys.path())
            .env("INZAGE_DEMO", "1")
            .env("LEPTOS_SITE_ADDR", "127.0.0.1:0");
        for (name, value) in extra {
            command.env(name, value);
        }
        command.output().unwrap()
    };
    let refused = serve(&[]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("API clients"));
    let with_oidc = serve(&[
        ("INZAGE_OIDC_ISSUER", "https://idp.example.nl"),
        ("INZAGE_OIDC_CLIENT_ID", "inzage"),
        ("INZAGE_OIDC_CLIENT_SECRET", "geheim"),
    ]);
    assert_eq!(with_oidc.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&with_oidc.stderr).contains("INZAGE_DEMO"));
    let client = std::process::Command::new(env!("CARGO_BIN_EXE_inzage"))
        .args([
            "client",
            "add",
            "--name",
            "bron",
            "--organisation",
            common::ORGANISATION,
            "--scopes",
            "create:normal",
        ])
        .env("INZAGE_DATABASE_URL", app.url.as_str())
        .env("INZAGE_DEMO", "1")
        .output()
        .unwrap();
    assert_eq!(client.status.code(), Some(2), "no API clients for the demo");
}

/// A client that sends half a request's headers, or keeps a connection
/// open without a request, is cut off after the header timeout.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slow_and_idle_clients_are_cut_off() {
    use std::time::{Duration, Instant};
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let t = TestDb::sqlite().await;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let timeouts = inzage::server::listen::Timeouts {
        header: Duration::from_secs(1),
        body_idle: Duration::from_secs(1),
    };
    tokio::spawn(inzage::server::listen::serve(
        listener,
        router(common::state(&t)),
        timeouts,
        std::future::pending(),
    ));
    let closed_within = |mut stream: tokio::net::TcpStream, limit: Duration| async move {
        let started = Instant::now();
        let mut buffer = vec![0; 64 * 1024];
        loop {
            match tokio::time::timeout(limit, stream.read(&mut buffer)).await {
                Ok(Ok(0)) | Ok(Err(_)) => return Some(started.elapsed()),
                Ok(Ok(_)) => continue, // a response; wait for the close
                Err(_) => return None,
            }
        }
    };
    // Half a header.
    let mut slow = tokio::net::TcpStream::connect(addr).await.unwrap();
    slow.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
        .await
        .unwrap();
    let cut = closed_within(slow, Duration::from_secs(5)).await;
    assert!(cut.is_some(), "half a header is cut off");
    // A whole request, then nothing on the kept-alive connection.
    let mut idle = tokio::net::TcpStream::connect(addr).await.unwrap();
    idle.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        .await
        .unwrap();
    let cut = closed_within(idle, Duration::from_secs(5)).await;
    assert!(cut.is_some(), "an idle connection is closed");
}
