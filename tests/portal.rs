//! The resident portal through its pages and exports: a resident sees their
//! own normaal and opgeheven entries, nothing confidential, nothing of anyone
//! else (also not by guessing ids), and every view is logged on them.

mod common;

use axum::{body::Body, http::Request, Router};
use common::TestDb;
use http_body_util::BodyExt;
use inzage::{
    domain::NewActie,
    ingest::{BatchItem, LogService},
    server::{http::router, import::import_caller},
};
use serde_json::json;
use tower::ServiceExt;

const ME: &str = "999900006";
const OTHER: &str = "999900158";

fn actie(naam: &str, bsns: &[&str], vertrouwelijkheid: &str, verwerking: &str) -> BatchItem {
    let actie = NewActie::from_json(&json!({
        "actieNaam": naam,
        "verwerkingNaam": format!("Zaak {naam}"),
        "verwerkingId": verwerking,
        "vertrouwelijkheid": vertrouwelijkheid,
        "tijdstip": "2026-10-01T10:00:00+02:00",
        "systeem": "Geheim systeem", "gebruiker": "mdw-99", "gegevensbron": "Bron X",
        "verwerkteObjecten": bsns.iter().map(|b| json!({
            "objecttype": "persoon", "soortObjectId": "BSN", "objectId": b, "betrokkenheid": "Aanvrager"
        })).collect::<Vec<_>>()
    }))
    .unwrap();
    BatchItem {
        actie,
        idempotency: None,
    }
}

async fn seed(log: &LogService) {
    let items = vec![
        actie(
            "Gewone actie",
            &[ME],
            "normaal",
            "11111111-1111-4111-8111-111111111111",
        ),
        actie(
            "Gezamenlijke actie",
            &[ME, OTHER],
            "normaal",
            "22222222-2222-4222-8222-222222222222",
        ),
        actie(
            "Fraudeonderzoek lopend",
            &[ME],
            "vertrouwelijk",
            "33333333-3333-4333-8333-333333333333",
        ),
        actie(
            "Fraudeonderzoek klaar",
            &[ME],
            "vertrouwelijk",
            "44444444-4444-4444-8444-444444444444",
        ),
        actie(
            "Actie van een ander",
            &[OTHER],
            "normaal",
            "55555555-5555-4555-8555-555555555555",
        ),
    ];
    for r in log.create_batch(&import_caller(), items).await.unwrap() {
        r.unwrap();
    }
    log.lift("test", "44444444-4444-4444-8444-444444444444", None)
        .await
        .unwrap();
}

async fn get(app: &Router, uri: &str, cookie: &str) -> (u16, String) {
    let request = Request::get(uri)
        .header("cookie", cookie)
        .header("accept", "text/html")
        .body(Body::empty())
        .unwrap();
    let response = app.clone().oneshot(request).await.unwrap();
    let status = response.status().as_u16();
    let body = response.into_body().collect().await.unwrap().to_bytes();
    (status, String::from_utf8_lossy(&body).into_owned())
}

async fn login(app: &Router, bsn: &str) -> String {
    let request = Request::post("/auth/demo-login")
        .header("origin", common::ORIGIN)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(Body::from(format!("bsn={bsn}")))
        .unwrap();
    let response = app.clone().oneshot(request).await.unwrap();
    assert_eq!(response.status(), 303);
    assert_eq!(response.headers()["location"], "/mijn");
    let cookie = response.headers()["set-cookie"].to_str().unwrap();
    cookie.split(';').next().unwrap().to_owned()
}

on_both_engines! {
    async fn a_resident_sees_only_what_they_may_see(t: TestDb) {
        let state = common::demo_state(&t);
        seed(&state.log).await;
        let app = router(state);
        let me = login(&app, ME).await;
        let (status, page) = get(&app, "/mijn?periode=0", &me).await;
        assert_eq!(status, 200);
        assert!(page.contains("Gewone actie") && page.contains("Gezamenlijke actie"), "own entries");
        assert!(page.contains("Fraudeonderzoek klaar"), "opgeheven is shown");
        assert!(!page.contains("Fraudeonderzoek lopend"), "vertrouwelijk is not shown");
        assert!(!page.contains("Actie van een ander"), "no one else's entries");
        for hidden in ["Geheim systeem", "mdw-99", "Bron X", ME, OTHER] {
            assert!(!page.contains(hidden), "{hidden} must not be on the page");
        }

        // Exports follow the same rules.
        let (status, exported) = get(&app, "/mijn/export.json?periode=0", &me).await;
        assert_eq!(status, 200);
        assert!(exported.contains("Gezamenlijke actie") && !exported.contains("Fraudeonderzoek lopend"));
        assert!(!exported.contains("Actie van een ander") && !exported.contains(OTHER));
        let (_, csv) = get(&app, "/mijn/export.csv?periode=0", &me).await;
        assert!(csv.starts_with("\u{feff}wanneer;wat"), "a BOM, then `;` for Dutch spreadsheets: {csv}");
        assert!(csv.contains("Fraudeonderzoek klaar") && !csv.contains("Fraudeonderzoek lopend"));

        // Viewing is logged on the resident, and the resident sees that.
        let (_, again) = get(&app, "/mijn?periode=0", &me).await;
        assert!(again.contains("Bekijken overzicht gegevensgebruik"), "the view shows up");
        assert!(again.contains("Downloaden overzicht gegevensgebruik"), "the export shows up");

        // Another resident's entry id gives nothing away.
        let other = login(&app, OTHER).await;
        let (_, theirs) = get(&app, "/mijn?periode=0", &other).await;
        assert!(theirs.contains("Actie van een ander"));
        let id_of = |page: &str, name: &str| -> String {
            let at = page.find(name).unwrap();
            let link = page[at..].find("/mijn/actie/").unwrap() + at + "/mijn/actie/".len();
            page[link..link + 36].to_owned()
        };
        let their_id = id_of(&theirs, "Actie van een ander");
        let (status, denied) = get(&app, &format!("/mijn/actie/{their_id}"), &me).await;
        assert_eq!(status, 404);
        assert!(!denied.contains("Actie van een ander"));
        let shared_id = id_of(&page, "Gezamenlijke actie");
        let (status, shared) = get(&app, &format!("/mijn/actie/{shared_id}"), &me).await;
        assert_eq!(status, 200);
        assert!(shared.contains("Uw rechten") && shared.contains("Autoriteit Persoonsgegevens"));
        assert!(!shared.contains(OTHER));
    }

    async fn without_a_session_there_is_nothing_to_see(t: TestDb) {
        let state = common::demo_state(&t);
        seed(&state.log).await;
        let app = router(state);
        let (status, page) = get(&app, "/mijn", "x=y").await;
        assert_eq!(status, 302);
        assert!(!page.contains("Gewone actie"));
        let (status, _) = get(&app, "/mijn/export.json", "x=y").await;
        assert_eq!(status, 302, "to the login before anything is read");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn demo_login_is_a_404_when_demo_mode_is_off() {
    let t = TestDb::sqlite().await;
    let mut state = common::state(&t);
    let mut config = (*state.config).clone();
    config.demo = false;
    state.config = std::sync::Arc::new(config);
    let app = router(state);
    let (status, _) = get(&app, "/auth/demo-login", "x=y").await;
    assert_eq!(status, 404);
    let request = Request::post("/auth/demo-login")
        .header("origin", common::ORIGIN)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(Body::from(format!("bsn={ME}")))
        .unwrap();
    assert_eq!(app.oneshot(request).await.unwrap().status(), 404);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn logout_ends_the_session_on_the_server() {
    let t = TestDb::sqlite().await;
    let app = router(common::demo_state(&t));
    let me = login(&app, ME).await;
    let request = Request::post("/auth/logout")
        .header("origin", common::ORIGIN)
        .header("cookie", &me)
        .body(Body::empty())
        .unwrap();
    assert_eq!(app.clone().oneshot(request).await.unwrap().status(), 303);
    let (status, _) = get(&app, "/mijn", &me).await;
    assert_eq!(status, 302, "the old cookie no longer works");
}
