//! Resident login failures end on the "login failed" page with a reason and
//! never a session; the happy path runs against a real provider in the
//! browser tests (end2end/tests/oidc.spec.ts).

use crate::common::{self, TestApp, TestDb};
use inzage::{
    config::{ClientAuth, OidcSettings},
    domain::Acr,
    state::AppState,
};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_failure_ends_on_the_failure_page_with_its_reason() {
    let t = TestDb::sqlite().await;
    let mut config = common::config(&t.url);
    config.demo = false;
    // Nothing listens on port 9; discovery fails.
    config.resident_oidc = Some(OidcSettings {
        issuer: "http://127.0.0.1:9".into(),
        client_id: "inzage".into(),
        client_auth: ClientAuth::Secret("geheim".into()),
        scopes: "openid bsn".into(),
        claim: "bsn".into(),
        min_acr: Some(Acr::Substantieel),
    });
    let state = AppState::new(
        common::leptos_options(),
        t.db.clone(),
        config,
        std::sync::Arc::new(inzage::crypto::Keys::for_tests()),
        std::sync::Arc::new(inzage::crypto::LogKey::for_tests()),
    );
    let app = TestApp::with_state(t, state);
    let failed = |reden: &str| format!("/inloggen/mislukt?reden={reden}");
    assert_eq!(
        app.get("/auth/login", "").await.redirect(),
        (303, failed("storing"))
    );
    assert_eq!(
        app.get("/auth/callback?error=access_denied&state=x", "")
            .await
            .redirect(),
        (303, failed("geannuleerd"))
    );
    assert_eq!(
        app.get("/auth/callback?code=forged&state=forged", "")
            .await
            .redirect(),
        (303, failed("verlopen"))
    );
    assert_eq!(
        app.get("/auth/callback", "").await.redirect(),
        (303, failed("verlopen"))
    );
    let status = app.get("/inloggen/mislukt?reden=verlopen", "").await.status;
    assert_eq!(status, 200);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_a_provider_the_callback_does_not_exist() {
    let t = TestDb::sqlite().await;
    let mut config = common::config(&t.url);
    config.demo = false;
    let state = AppState::new(
        common::leptos_options(),
        t.db.clone(),
        config,
        std::sync::Arc::new(inzage::crypto::Keys::for_tests()),
        std::sync::Arc::new(inzage::crypto::LogKey::for_tests()),
    );
    let app = TestApp::with_state(t, state);
    assert_eq!(
        app.get("/auth/callback?code=x&state=y", "").await.status,
        404
    );
    assert_eq!(
        app.get("/auth/login", "").await.redirect(),
        (303, "/inloggen/mislukt?reden=storing".into())
    );
}
