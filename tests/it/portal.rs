//! The resident portal through its pages and exports: a resident sees their
//! own normaal and opgeheven entries, nothing confidential, nothing of anyone
//! else (also not by guessing ids), and every view is logged on them.

use crate::common::{TestApp, TestDb};
use inzage::{
    domain::NewActie,
    ingest::{BatchItem, LogService},
    server::import::import_caller,
};
use serde_json::json;

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

on_both_engines! {
    async fn a_resident_sees_only_what_they_may_see(t: TestDb) {
        let app = TestApp::demo(t);
        seed(&app.state.log).await;
        let me = app.login_resident(ME).await;
        let page = app.get("/mijn?periode=0", &me).await;
        assert_eq!(page.status, 200);
        let page = page.body;
        assert!(page.contains("Gewone actie") && page.contains("Gezamenlijke actie"), "own entries");
        assert!(page.contains("Fraudeonderzoek klaar"), "opgeheven is shown");
        assert!(!page.contains("Fraudeonderzoek lopend"), "vertrouwelijk is not shown");
        assert!(!page.contains("Actie van een ander"), "no one else's entries");
        for hidden in ["Geheim systeem", "mdw-99", "Bron X", ME, OTHER] {
            assert!(!page.contains(hidden), "{hidden} must not be on the page");
        }

        // Exports follow the same rules.
        let exported = app.get("/mijn/export.json?periode=0", &me).await;
        assert_eq!(exported.status, 200);
        let exported = exported.body;
        assert!(exported.contains("Gezamenlijke actie") && !exported.contains("Fraudeonderzoek lopend"));
        assert!(!exported.contains("Actie van een ander") && !exported.contains(OTHER));
        let csv = app.get("/mijn/export.csv?periode=0", &me).await.body;
        assert!(csv.starts_with("\u{feff}wanneer;wat"), "a BOM, then `;` for Dutch spreadsheets: {csv}");
        assert!(csv.contains("Fraudeonderzoek klaar") && !csv.contains("Fraudeonderzoek lopend"));

        // Viewing is logged on the resident, and the resident sees that.
        let again = app.get("/mijn?periode=0", &me).await.body;
        assert!(again.contains("Bekijken overzicht gegevensgebruik"), "the view shows up");
        assert!(again.contains("Downloaden overzicht gegevensgebruik"), "the export shows up");

        // Another resident's entry id gives nothing away.
        let other = app.login_resident(OTHER).await;
        let theirs = app.get("/mijn?periode=0", &other).await.body;
        assert!(theirs.contains("Actie van een ander"));
        let id_of = |page: &str, name: &str| -> String {
            let at = page.find(name).unwrap();
            let link = page[at..].find("/mijn/actie/").unwrap() + at + "/mijn/actie/".len();
            page[link..link + 36].to_owned()
        };
        let their_id = id_of(&theirs, "Actie van een ander");
        let denied = app.get(&format!("/mijn/actie/{their_id}"), &me).await;
        assert_eq!(denied.status, 404);
        assert!(!denied.body.contains("Actie van een ander"));
        let shared_id = id_of(&page, "Gezamenlijke actie");
        let shared = app.get(&format!("/mijn/actie/{shared_id}"), &me).await;
        assert_eq!(shared.status, 200);
        assert!(shared.body.contains("Uw rechten") && shared.body.contains("Autoriteit Persoonsgegevens"));
        assert!(!shared.body.contains(OTHER));
    }

    async fn without_a_session_there_is_nothing_to_see(t: TestDb) {
        let app = TestApp::demo(t);
        seed(&app.state.log).await;
        let page = app.get("/mijn", "x=y").await;
        assert_eq!(page.status, 302);
        assert!(!page.body.contains("Gewone actie"));
        let export = app.get("/mijn/export.json", "x=y").await;
        assert_eq!(export.status, 302, "to the login before anything is read");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn demo_login_is_a_404_when_demo_mode_is_off() {
    let app = TestApp::configured(TestDb::sqlite().await, |config| config.demo = false);
    assert_eq!(app.get("/auth/demo-login", "x=y").await.status, 404);
    let login = app.post("/auth/demo-login", "", &format!("bsn={ME}")).await;
    assert_eq!(login.status, 404);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn logout_ends_the_session_on_the_server() {
    let app = TestApp::demo(TestDb::sqlite().await);
    let me = app.login_resident(ME).await;
    assert_eq!(app.post("/auth/logout", &me, "").await.status, 303);
    let status = app.get("/mijn", &me).await.status;
    assert_eq!(status, 302, "the old cookie no longer works");
}
