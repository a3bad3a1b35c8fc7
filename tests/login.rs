//! Resident login failures end on the "login failed" page with a reason and
//! never a session; the happy path runs against a real provider in the
//! browser tests (end2end/tests/oidc.spec.ts).

mod common;

use axum::{body::Body, http::Request};
use common::TestDb;
use inzage::server::{config::OidcSettings, http::router};
use tower::ServiceExt;

async fn location(app: &axum::Router, uri: &str) -> (u16, String) {
    let response = app
        .clone()
        .oneshot(Request::get(uri).body(Body::empty()).unwrap())
        .await
        .unwrap();
    let location = response
        .headers()
        .get("location")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    (response.status().as_u16(), location)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_failure_ends_on_the_failure_page_with_its_reason() {
    let t = TestDb::sqlite().await;
    let mut config = common::config(&t.url);
    config.demo = false;
    // Nothing listens on port 9; discovery fails.
    config.resident_oidc = Some(OidcSettings {
        issuer: "http://127.0.0.1:9".into(),
        client_id: "inzage".into(),
        client_auth: inzage::server::config::ClientAuth::Secret("geheim".into()),
        scopes: "openid bsn".into(),
        claim: "bsn".into(),
        min_acr: Some(inzage::server::oidc::Acr::Substantieel),
    });
    let state = inzage::server::AppState::new(
        common::leptos_options(),
        t.db.clone(),
        config,
        std::sync::Arc::new(inzage::crypto::Keys::for_tests()),
    );
    let app = router(state);
    let failed = |reden: &str| format!("/inloggen/mislukt?reden={reden}");
    assert_eq!(
        location(&app, "/auth/login").await,
        (303, failed("storing"))
    );
    assert_eq!(
        location(&app, "/auth/callback?error=access_denied&state=x").await,
        (303, failed("geannuleerd"))
    );
    assert_eq!(
        location(&app, "/auth/callback?code=forged&state=forged").await,
        (303, failed("verlopen"))
    );
    assert_eq!(
        location(&app, "/auth/callback").await,
        (303, failed("verlopen"))
    );
    let (status, _) = location(&app, "/inloggen/mislukt?reden=verlopen").await;
    assert_eq!(status, 200);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_a_provider_the_callback_does_not_exist() {
    let t = TestDb::sqlite().await;
    let mut config = common::config(&t.url);
    config.demo = false;
    let state = inzage::server::AppState::new(
        common::leptos_options(),
        t.db.clone(),
        config,
        std::sync::Arc::new(inzage::crypto::Keys::for_tests()),
    );
    let app = router(state);
    assert_eq!(location(&app, "/auth/callback?code=x&state=y").await.0, 404);
    assert_eq!(
        location(&app, "/auth/login").await,
        (303, "/inloggen/mislukt?reden=storing".into())
    );
}
