//! The resident portal through its pages and exports: a resident sees their
//! own normaal and opgeheven entries, nothing confidential, nothing of anyone
//! else (also not by guessing ids), and every view is logged on them.

use crate::common::{between, TestApp, TestDb};
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

/// An action no person took (no `gebruiker`): a system's own batch run.
fn automatic(naam: &str, bsn: &str) -> BatchItem {
    let actie = NewActie::from_json(&json!({
        "actieNaam": naam,
        "tijdstip": "2026-10-02T03:00:00+02:00",
        "verwerkteObjecten": [{ "objecttype": "persoon", "soortObjectId": "BSN", "objectId": bsn }]
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
        automatic("Nachtelijke controle", ME),
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
        // Whether a person acted, never who: an action without a user was automatic.
        let by = |name: &str| {
            let at = page.find(&format!(">{name}</h3>")).expect(name);
            page[at..at + page[at..].find("</li>").unwrap()].to_owned()
        };
        assert!(by("Gewone actie").contains("<dd>Een medewerker van de gemeente</dd>"));
        assert!(by("Nachtelijke controle").contains("<dd>Automatisch, door een computersysteem van de gemeente</dd>"));

        // Exports follow the same rules.
        let exported = app.get("/mijn/export.json?periode=0", &me).await;
        assert_eq!(exported.status, 200);
        // A signed document (JWS): what counts is its payload.
        inzage::tree::export::check(&exported.body, Some(&app.state.signer.verifier())).unwrap();
        let exported = {
            use base64::Engine as _;
            let jws: serde_json::Value = serde_json::from_str(&exported.body).unwrap();
            let payload = jws["payload"].as_str().unwrap();
            String::from_utf8(base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(payload).unwrap()).unwrap()
        };
        assert!(exported.contains("Gezamenlijke actie") && !exported.contains("Fraudeonderzoek lopend"));
        assert!(!exported.contains("Actie van een ander") && !exported.contains(OTHER));
        let csv = app.get("/mijn/export.csv?periode=0", &me).await.body;
        assert!(csv.starts_with("\u{feff}Wanneer;Tijdstip (ISO 8601);Wat er gebeurde;"), "a BOM, then `;` for Dutch spreadsheets: {csv}");
        // Times a program can read: ISO 8601 with Amsterdam's offset.
        let entries: serde_json::Value = serde_json::from_str(&exported).unwrap();
        let first = entries["regels"][0]["tijdstip"].as_str().unwrap();
        assert!(chrono::DateTime::parse_from_rfc3339(first).is_ok_and(|t| [3600, 7200].contains(&t.offset().local_minus_utc())), "{first}");
        assert!(csv.contains("Fraudeonderzoek klaar") && !csv.contains("Fraudeonderzoek lopend"));

        // Viewing is logged on the resident, and the resident sees that apart
        // from the municipality's use: not counted, no case, nothing to contest.
        let again = app.get("/mijn?periode=0", &me).await.body;
        let own = again.find("Wanneer u zelf keek").expect("the resident's own views, apart");
        let today = inzage::views::dates::day(chrono::Utc::now().timestamp_micros(), inzage::i18n::Lang::Nl);
        assert!(again[own..].contains(&format!("{today}: 3 keer")), "two views and an export today: {}", &again[own..]);
        assert!(!again.contains("Inzage in gegevensgebruik"), "no case of the resident's own views");
        let summary = |page: &str| page[page.find("In totaal").or_else(|| page.find("Tot nu toe")).unwrap()..].split('.').next().unwrap().to_owned();
        assert_eq!(summary(&page), summary(&again), "looking does not add to the use");

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
    let out = app.post("/auth/logout", &me, "").await;
    assert_eq!((out.status, out.location()), (303, "/uitgelogd"));
    assert!(app
        .get("/uitgelogd", "")
        .await
        .body
        .contains("U bent uitgelogd"));
    let status = app.get("/mijn", &me).await.status;
    assert_eq!(status, 302, "the old cookie no longer works");
}

/// A demo app whose resident sessions end after a second without a request.
fn idle_after_a_second(t: TestDb) -> TestApp {
    TestApp::configured(t, |config| {
        config.demo = true;
        config.resident_idle = chrono::Duration::seconds(1);
    })
}

async fn idle() {
    tokio::time::sleep(std::time::Duration::from_millis(2100)).await;
}

const FORM: &str = "actie=&soort=vraag&bericht=Waarom+keek+Belastingen%3F";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_ended_session_keeps_the_text_and_returns_to_the_form() {
    let app = idle_after_a_second(TestDb::sqlite().await);
    let browser = app.login_resident(ME).await;
    // The session ends while the form is open.
    idle().await;
    let sent = app.post("/api/portaal/verzoek", &browser, FORM).await;
    assert_eq!(
        sent.location(),
        "/mijn/verzoek?actie=&soort=vraag&fout=sessie"
    );
    let page = app.get(sent.location(), &browser).await;
    assert_eq!(
        page.status, 200,
        "the form says what happened instead of leaving"
    );
    assert!(
        page.body.contains("U bent niet meer ingelogd") && page.body.contains("hebben wij bewaard")
    );
    assert!(
        app.db.open_cases().await.unwrap().is_empty(),
        "nothing was filed"
    );
    if let inzage::store::Db::Sqlite(pool, _) = &app.db {
        let sessions: Vec<Vec<u8>> = sqlx::query_scalar("SELECT data FROM tower_sessions")
            .fetch_all(pool)
            .await
            .unwrap();
        assert!(
            sessions
                .iter()
                .all(|d| !String::from_utf8_lossy(d).contains("Belastingen")),
            "the text is sealed"
        );
    }

    // Logging in again returns to the form, with the text, once.
    let login = format!(
        "/auth/login?terug={}",
        between(&page.body, "/auth/login?terug=", "\"")
    );
    assert_eq!(
        login,
        "/auth/login?terug=/mijn/verzoek%3Factie%3D%26soort%3Dvraag"
    );
    app.get(&login, &browser).await;
    let back = app
        .post("/auth/demo-login", &browser, &format!("bsn={ME}"))
        .await;
    assert_eq!(back.location(), "/mijn/verzoek?actie=&soort=vraag");
    let me = back.expect_cookie();
    let form_page = app.get(back.location(), &me).await.body;
    assert!(
        form_page.contains(">Waarom keek Belastingen?</textarea>"),
        "{form_page}"
    );
    assert!(
        !app.get(back.location(), &me)
            .await
            .body
            .contains("Waarom keek"),
        "once"
    );

    // A return address elsewhere is not followed.
    for elsewhere in [
        "https%3A%2F%2Fevil.example%2Fmijn",
        "%2F%2Fevil.example",
        "%2Fauth%2Flogout",
        "%2Fmijn%2F%252e%252e%2Fmedewerker",
    ] {
        let me = app.login_resident(ME).await;
        app.get(&format!("/auth/login?terug={elsewhere}"), &me)
            .await;
        let login = app
            .post("/auth/demo-login", &me, &format!("bsn={ME}"))
            .await;
        assert_eq!(login.location(), "/mijn", "{elsewhere}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn what_one_resident_typed_never_reaches_the_next_in_the_same_browser() {
    let app = idle_after_a_second(TestDb::sqlite().await);
    let browser = app.login_resident(ME).await;
    idle().await;
    app.post("/api/portaal/verzoek", &browser, FORM).await;
    // Someone else logs in in the same browser and opens the same form.
    let other = app
        .post("/auth/demo-login", &browser, &format!("bsn={OTHER}"))
        .await
        .expect_cookie();
    let theirs = app
        .get("/mijn/verzoek?actie=&soort=vraag", &other)
        .await
        .body;
    assert!(!theirs.contains("Waarom keek"), "{theirs}");

    // After "Uitloggen" nobody's text is kept: the form says so.
    let me = app.login_resident(ME).await;
    app.post("/auth/logout", &me, "").await;
    let sent = app.post("/api/portaal/verzoek", &me, FORM).await;
    assert_eq!(
        sent.location(),
        "/mijn/verzoek?actie=&soort=vraag&fout=uitgelogd"
    );
    let page = app.get(sent.location(), "").await.body;
    assert!(
        page.contains("U bent niet meer ingelogd") && !page.contains("hebben wij bewaard"),
        "{page}"
    );
}
