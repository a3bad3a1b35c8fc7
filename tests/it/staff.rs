//! The staff workspace: login, roles and session limits; the clerk's look-up
//! logged on the resident; a request handled by the privacy officer and
//! seen by the resident; lifting confidentiality; and the role matrix.

use crate::common::{api_token, TestApp, TestDb};
use inzage::{
    domain::NewActie,
    ingest::{BatchItem, LogService},
    server::import::import_caller,
};
use serde_json::json;

const A: &str = "999900857";
const B: &str = "999901230";
const SECRET_CASE: &str = "33333333-3333-4333-8333-333333333333";
/// The activity of the VNG VAR example (tests/fixtures).
const ACTIVITY: &str = "c83b2d4e-119b-4214-9567-8095e1d30eff";

async fn seed(log: &LogService) {
    let actie = |naam: &str, bsn: &str, vertrouwelijkheid: &str, verwerking: &str| {
        BatchItem {
        actie: NewActie::from_json(&json!({
            "actieNaam": naam, "verwerkingNaam": format!("Zaak {naam}"), "verwerkingId": verwerking,
            "vertrouwelijkheid": vertrouwelijkheid, "tijdstip": "2026-10-01T10:00:00+02:00",
            "systeem": "Geheim systeem", "gebruiker": "mdw-99",
            "verwerkteObjecten": [{"objecttype": "persoon", "soortObjectId": "BSN", "objectId": bsn, "betrokkenheid": "Aanvrager"}]
        }))
        .unwrap(),
        idempotency: None,
    }
    };
    let items = vec![
        actie(
            "Gewone actie",
            A,
            "normaal",
            "11111111-1111-4111-8111-111111111111",
        ),
        actie("Fraudeonderzoek lopend", A, "vertrouwelijk", SECRET_CASE),
        actie(
            "Actie van B",
            B,
            "normaal",
            "55555555-5555-4555-8555-555555555555",
        ),
    ];
    for r in log.create_batch(&import_caller(), items).await.unwrap() {
        r.unwrap();
    }
}

async fn register(db: &inzage::store::Db) {
    let gemeente = "00000001001234567000".parse().unwrap();
    let example = include_bytes!("../fixtures/vng-var-verwerkingsactiviteit.json");
    let parsed = inzage::register::import::parse_file("var.json", example, &gemeente).unwrap();
    let versions: Vec<_> = parsed
        .iter()
        .map(|p| inzage::store::register::NewActivityVersion {
            activity: &p.activity,
            geldig_vanaf: 0,
            actief: true,
        })
        .collect();
    db.add_activity_versions(&versions, "test").await.unwrap();
}

/// The clerk looks up a resident; returns the look-up page address.
async fn look_up(app: &TestApp, clerk: &str, bsn: &str) -> String {
    let a = app
        .post(
            "/api/portaal/medewerker-opzoeken",
            clerk,
            &format!("bsn={bsn}&reden=telefonische_vraag&toelichting=belt+over+brief"),
        )
        .await;
    assert!(
        a.location().starts_with("/medewerker/inwoner/")
            || a.location().starts_with("/medewerker/onderzoek/persoon/"),
        "{} {}",
        a.status,
        a.location()
    );
    assert!(!a.location().contains(bsn), "no BSN in the URL");
    a.location().to_owned()
}

/// Files a question as resident and returns the request's id (from the queue).
async fn file_request(app: &TestApp, cookie: &str, marker: &str) -> String {
    let a = app
        .post(
            "/api/portaal/verzoek",
            cookie,
            &format!("actie=&soort=vraag&bericht={marker}"),
        )
        .await;
    let zaak = a
        .location()
        .strip_prefix("/mijn/verzoeken?ingediend=")
        .expect(&a.body)
        .to_owned();
    // The confirmation names the case number and its deadline.
    let confirmed = app.get(a.location(), cookie).await.body;
    assert!(
        confirmed.contains(&format!("Uw zaaknummer is {zaak}. U krijgt uiterlijk op ")),
        "{confirmed}"
    );
    let cases = app.db.open_cases().await.unwrap();
    let case = cases
        .iter()
        .find(|c| c.zaaknummer == zaak)
        .expect("the filed case");
    case.id.clone()
}

on_both_engines! {
    async fn a_clerks_look_up_is_logged_on_the_resident_and_shows_what_they_see(t: TestDb) {
        let app = TestApp::demo(t);
        seed(&app.state.log).await;
        let clerk = app.login_staff("clerk").await;
        let page = look_up(&app, &clerk, A).await;
        let view = app.get(&page, &clerk).await;
        assert_eq!(view.status, 200);
        assert!(view.body.contains("Gewone actie"), "the resident's own entry");
        assert!(!view.body.contains("Fraudeonderzoek lopend"), "nothing confidential");
        assert!(!view.body.contains("Actie van B") && !view.body.contains("Geheim systeem"));
        assert!(view.body.contains("Bekeken door een medewerker: Telefonische vraag van de inwoner"));

        // The resident sees the look-up in their own overview.
        let me = app.login_resident(A).await;
        let mine = app.get("/mijn?periode=0", &me).await;
        assert!(mine.body.contains("Bekeken door een medewerker: Telefonische vraag van de inwoner"));
        let other = app.login_resident(B).await;
        assert!(!app.get("/mijn?periode=0", &other).await.body.contains("Bekeken door een medewerker"));

        // Another clerk's session cannot open this look-up.
        let clerk2 = app.login_staff("clerk").await;
        assert_eq!(app.get(&page, &clerk2).await.status, 404);

        // Invalid input is refused with a reason, and nothing is logged.
        let bad = app.post("/api/portaal/medewerker-opzoeken", &clerk, "bsn=123456789&reden=balie&toelichting=x").await;
        assert!(bad.location().ends_with("fout=bsn"), "{}", bad.location());
        let no_reason = app.post("/api/portaal/medewerker-opzoeken", &clerk, &format!("bsn={A}&reden=balie&toelichting=+")).await;
        assert!(no_reason.location().ends_with("fout=toelichting"));
        let with_bsn = app.post("/api/portaal/medewerker-opzoeken", &clerk, &format!("bsn={A}&reden=balie&toelichting=over+{B}")).await;
        assert!(with_bsn.location().ends_with("fout=toelichting_nummer"), "{}", with_bsn.location());
        let no_bsn_stored = || async {
            if let inzage::store::Db::Sqlite(pool, _) = &app.db {
                let sessions: Vec<Vec<u8>> = sqlx::query_scalar("SELECT data FROM tower_sessions").fetch_all(pool).await.unwrap();
                for bsn in [A, B] {
                    assert!(sessions.iter().all(|d| !String::from_utf8_lossy(d).contains(bsn)), "{bsn} readable in the session store");
                }
            }
        };
        no_bsn_stored().await;
        // The form sent back keeps what was typed, once; the BSN never readable in the session store.
        let typed = app.post("/api/portaal/medewerker-opzoeken", &clerk, &format!("bsn={A}&reden=onbekend&toelichting=belt+over+een+brief")).await;
        assert!(typed.location().ends_with("fout=reden"));
        no_bsn_stored().await;
        let back = app.get("/medewerker/opzoeken?fout=reden", &clerk).await.body;
        assert!(back.contains(&format!(r#"value="{A}""#)) && back.contains(">belt over een brief</textarea>"), "{back}");
        let again = app.get("/medewerker/opzoeken?fout=reden", &clerk).await.body;
        assert!(!again.contains(&format!(r#"value="{A}""#)), "once");

        // The audit trail names the pseudonym, never the BSN.
        let trail = app.db.audit_trail(None, 100).await.unwrap();
        assert!(trail.iter().any(|a| a.actie == "inwoner opgezocht"));
        assert!(trail.iter().all(|a| !format!("{a:?}").contains(A) && !format!("{a:?}").contains(B)));
    }

    async fn a_clerk_files_about_an_entry_of_the_resident_on_the_line_only(t: TestDb) {
        let app = TestApp::demo(t);
        seed(&app.state.log).await;
        let entry = |bsn: &'static str, naam: &'static str| {
            let app = &app;
            async move {
                let me = inzage::ingest::seal::pseudonym(app.state.log.keys(), "BSN", bsn);
                let page = app.db.resident_page(&me, None, i64::MIN, 10).await.unwrap();
                page.iter().find(|v| v.fields.actie_naam.as_deref() == Some(naam)).unwrap().actie_id.clone()
            }
        };
        let (of_a, of_b) = (entry(A, "Gewone actie").await, entry(B, "Actie van B").await);
        let clerk = app.login_staff("clerk").await;
        let page = look_up(&app, &clerk, A).await;
        let id = page.rsplit('/').next().unwrap();
        // The entry shown in the form only when the resident is in it.
        let shown = app.get(&format!("{page}?over={of_a}"), &clerk).await.body;
        assert!(shown.contains("Over deze regel") && shown.contains(&format!(r#"name="actie" value="{of_a}""#)), "{shown}");
        let crafted = app.get(&format!("{page}?over={of_b}"), &clerk).await.body;
        assert!(!crafted.contains("Over deze regel") && !crafted.contains("Actie van B"), "{crafted}");

        // Another resident's entry in a crafted form: refused, nothing filed.
        let attack = app.post("/api/portaal/medewerker-verzoek-namens", &clerk,
            &format!("id={id}&soort=herken_niet&bericht=namens&actie={of_b}")).await;
        assert_eq!(attack.status, 404, "{}", attack.body);
        assert!(app.db.open_cases().await.unwrap().is_empty());
        // An empty message comes back with the kind and the entry kept.
        let empty = app.post("/api/portaal/medewerker-verzoek-namens", &clerk,
            &format!("id={id}&soort=herken_niet&bericht=+&actie={of_a}")).await;
        assert_eq!(empty.location(), format!("{page}?fout=bericht&soort=herken_niet&over={of_a}#verzoek-namens"));
        let filed = app.post("/api/portaal/medewerker-verzoek-namens", &clerk,
            &format!("id={id}&soort=herken_niet&bericht=namens+de+inwoner&actie={of_a}")).await;
        assert!(filed.location().starts_with(&format!("{page}?ingediend=INZ-")), "{}", filed.location());
        let cases = app.db.open_cases().await.unwrap();
        assert_eq!(cases.len(), 1);
        assert_eq!(cases[0].actie_id.as_deref(), Some(of_a.as_str()));

        // The officer's queue says whom it is from; the BSN itself is in no page.
        let officer = app.login_staff("privacy_officer").await;
        let queue = app.get("/medewerker/verzoeken", &officer).await.body;
        assert!(queue.contains("BSN\u{a0}…857"), "{queue}");
        assert!(!queue.contains(A));
        let case = app.get(&format!("/medewerker/verzoeken/{}", cases[0].id), &officer).await.body;
        assert!(case.contains("BSN\u{a0}…857"), "{case}");
    }

    async fn a_request_is_handled_and_the_resident_sees_the_outcome(t: TestDb) {
        let app = TestApp::demo(t);
        seed(&app.state.log).await;
        let me = app.login_resident(A).await;
        let id = file_request(&app, &me, "vraag-over-brief").await;
        let officer = app.login_staff("privacy_officer").await;
        let queue = app.get("/medewerker/verzoeken", &officer).await;
        assert_eq!(queue.status, 200);
        assert!(queue.body.contains(&format!("/medewerker/verzoeken/{id}")));
        let case = app.get(&format!("/medewerker/verzoeken/{id}"), &officer).await;
        assert!(case.body.contains("vraag-over-brief"), "the resident's message");

        let step = |form: String| {
            let app = app.clone();
            let officer = officer.clone();
            async move { app.post("/api/portaal/medewerker-behandel", &officer, &form).await }
        };
        let taken = step(format!("id={id}&stap=oppakken")).await;
        assert_eq!(taken.location(), format!("/medewerker/verzoeken/{id}?gedaan=oppakken"));
        assert!(app.get(taken.location(), &officer).await.body.contains("Opgeslagen."), "said so");
        // The queue: this officer's own, and found by its case number as read out, or by its text.
        let zaak = app.db.case_by_id(&id).await.unwrap().unwrap().zaaknummer;
        let link = format!("/medewerker/verzoeken/{id}\"");
        for (query, listed) in [
            ("weergave=mijn", true),
            (&*format!("zoek={}", zaak.replace('-', "").to_lowercase()), true),
            ("zoek=vraag-over", true),
            ("zoek=iets-anders", false),
            ("sorteer=ontvangen", true),
        ] {
            let queue = app.get(&format!("/medewerker/verzoeken?{query}"), &officer).await.body;
            assert_eq!(queue.contains(&link), listed, "{query}");
        }
        let untaken = file_request(&app, &me, "nog-niet-opgepakt").await;
        let mine = app.get("/medewerker/verzoeken?weergave=mijn", &officer).await.body;
        assert!(!mine.contains(&format!("/medewerker/verzoeken/{untaken}\"")), "a request nobody took is not mine");
        step(format!("id={id}&stap=notitie&tekst=interne-notitie")).await;
        step(format!("id={id}&stap=verlengen&maanden=2&tekst=verleng-reden")).await;
        let again = step(format!("id={id}&stap=verlengen&maanden=1&tekst=nog-eens")).await;
        assert!(again.location().ends_with("fout=verlengen"), "only one extension");
        step(format!("id={id}&stap=besluit&uitkomst=afgewezen&tekst=besluit-reden")).await;
        // Decided: only the steps that fit are offered, and a crafted form for another is refused.
        let decided = app.get(&format!("/medewerker/verzoeken/{id}"), &officer).await.body;
        assert!(!decided.contains("value=\"besluit\"") && !decided.contains("value=\"oppakken\""), "no second decision, no taking on");
        assert!(decided.contains("value=\"sluiten\""), "closing is offered");
        let twice = step(format!("id={id}&stap=besluit&uitkomst=toegewezen&tekst=toch-wel")).await;
        assert!(twice.location().ends_with("fout=besluit"), "{}", twice.location());

        let row = app.db.case_by_id(&id).await.unwrap().unwrap();
        assert_eq!(row.status, inzage::model::RequestStatus::Besloten);
        assert!(row.verlengd);
        assert!(row.termijn - row.ontvangen > 85 * 24 * 3600 * 1_000_000, "three months in all");

        let mine = app.get("/mijn/verzoeken", &me).await.body;
        assert!(mine.contains("Besloten"), "status");
        assert!(mine.contains("verleng-reden") && mine.contains("U had geen gelijk: besluit-reden"), "the outcome in plain words");
        assert!(!mine.contains("toch-wel"));
        assert!(!mine.contains("interne-notitie") && !mine.contains("nog-eens"), "internal notes stay internal");
        // Another resident does not see it.
        let other = app.login_resident(B).await;
        assert!(!app.get("/mijn/verzoeken", &other).await.body.contains("besluit-reden"));

        let history = app.get(&format!("/medewerker/verzoeken/{id}"), &officer).await.body;
        for text in ["interne-notitie", "verleng-reden", "besluit-reden"] {
            assert!(history.contains(text), "{text} in the officer's history");
        }
        // Messages are sealed at rest.
        if let inzage::store::Db::Sqlite(pool, _) = &app.db {
            let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM verzoek_gebeurtenis WHERE CAST(tekst_sealed AS TEXT) LIKE '%reden%'")
                .fetch_one(pool).await.unwrap();
            assert_eq!(n, 0);
        }
    }

    async fn an_officer_lifts_confidentiality_after_investigating(t: TestDb) {
        let app = TestApp::demo(t);
        seed(&app.state.log).await;
        let me = app.login_resident(A).await;
        assert!(!app.get("/mijn?periode=0", &me).await.body.contains("Fraudeonderzoek lopend"));
        let id = file_request(&app, &me, "wat-weten-jullie").await;
        let officer = app.login_staff("privacy_officer").await;
        let page = app.get(&format!("/medewerker/onderzoek/{id}"), &officer).await;
        assert_eq!(page.status, 200);
        assert!(page.body.contains("Fraudeonderzoek lopend") && page.body.contains("Geheim systeem") && page.body.contains("mdw-99"));
        assert!(page.body.contains(&format!("BSN {A}")), "the officer sees the identifier");
        assert!(!page.body.contains("Actie van B"));
        assert!(page.body.contains("Vertrouwelijk: de inwoner ziet dit niet"), "plain words, not the stored value");
        // Filtered: only the confidential records, or those that match a search.
        let secret = app.get(&format!("/medewerker/onderzoek/{id}?soort=vertrouwelijk"), &officer).await.body;
        assert!(secret.contains("Fraudeonderzoek lopend") && !secret.contains("Gewone actie"), "{secret}");
        let searched = app.get(&format!("/medewerker/onderzoek/{id}?zoek=mdw-99"), &officer).await.body;
        assert!(searched.contains("Fraudeonderzoek lopend"));
        let none = app.get(&format!("/medewerker/onderzoek/{id}?zoek=bestaat-niet"), &officer).await.body;
        assert!(!none.contains("Fraudeonderzoek lopend") && none.contains(r#"role="status" class="utrecht-paragraph">0 van de "#), "{none}");
        // Without a request, by looking the person up: everything, but no lifting from there.
        let person = look_up(&app, &officer, A).await;
        let direct = app.get(&person, &officer).await.body;
        assert!(direct.contains("Fraudeonderzoek lopend") && !direct.contains("opheffen="));
        let confirm = app.get(&format!("/medewerker/onderzoek/{id}?opheffen={SECRET_CASE}"), &officer).await;
        assert!(confirm.body.contains("Weet u het zeker?"));

        // A verwerking the resident is not in cannot be lifted through their request.
        let foreign = app.call_fn("/api/portaal/medewerker-opheffen", &officer, &format!("id={id}&verwerking=55555555-5555-4555-8555-555555555555&reden=x")).await;
        assert_ne!(foreign.status, 200, "refused");
        // A lift needs a reason.
        let no_reason = app.post("/api/portaal/medewerker-opheffen", &officer, &format!("id={id}&verwerking={SECRET_CASE}&reden=+")).await;
        assert!(no_reason.location().ends_with("fout=reden"), "{}", no_reason.location());
        let with_bsn = app.post("/api/portaal/medewerker-opheffen", &officer, &format!("id={id}&verwerking={SECRET_CASE}&reden=bsn+{A}")).await;
        assert!(with_bsn.location().ends_with("fout=reden"), "no BSN into the audit trail");
        assert!(!app.get("/mijn?periode=0", &me).await.body.contains("Fraudeonderzoek lopend"), "not lifted");
        let lifted = app.post("/api/portaal/medewerker-opheffen", &officer, &format!("id={id}&verwerking={SECRET_CASE}&reden=klacht+terecht")).await;
        assert_eq!(lifted.location(), format!("/medewerker/onderzoek/{id}"));
        assert!(app.get("/mijn?periode=0", &me).await.body.contains("Fraudeonderzoek lopend"), "now visible");
        let trail = app.db.audit_trail(None, 100).await.unwrap();
        assert!(trail.iter().any(|a| a.actie == "vertrouwelijkheid opgeheven"));
        assert!(trail.iter().any(|a| a.actie == "onderzoek geopend"));
    }

    // Long on purpose: one table of every server function and who may call
    // it, checked against every kind of user.
    async fn the_role_matrix_holds(t: TestDb) {
        let app = TestApp::demo(t);
        seed(&app.state.log).await;
        register(&app.db).await;
        // The same database outside demo mode: the demo takes no API calls.
        let source = app.beside(|_| {});
        let anonymous = "x=y".to_owned();
        let a = app.login_resident(A).await;
        let b = app.login_resident(B).await;
        let clerk = app.login_staff("clerk").await;
        let officer = app.login_staff("privacy_officer").await;
        let admin = app.login_staff("admin").await;
        let case = file_request(&app, &a, "matrix").await;
        let lookup = look_up(&app, &clerk, A).await;
        let person = look_up(&app, &officer, A).await;
        assert!(person.starts_with("/medewerker/onderzoek/persoon/"));
        let normal = api_token(&app, "read:normal").await;
        let confidential = api_token(&app, "read:normal read:confidential").await;

        let actors = [("anonymous", &anonymous), ("resident A", &a), ("resident B", &b), ("clerk", &clerk), ("officer", &officer), ("admin", &admin)];
        // (route, which actors may open it)
        let pages: Vec<(String, &[&str])> = vec![
            ("/mijn?periode=0".into(), &["resident A", "resident B"]),
            ("/mijn/verzoeken".into(), &["resident A", "resident B"]),
            ("/mijn/export.json".into(), &["resident A", "resident B"]),
            ("/medewerker".into(), &["clerk", "officer", "admin"]),
            ("/medewerker/opzoeken".into(), &["clerk", "officer"]),
            (lookup.clone(), &["clerk"]),
            ("/medewerker/verzoeken".into(), &["officer"]),
            (format!("/medewerker/verzoeken/{case}"), &["officer"]),
            (format!("/medewerker/onderzoek/{case}"), &["officer"]),
            ("/medewerker/beheer".into(), &["admin"]),
            ("/medewerker/register".into(), &["officer", "admin"]),
            (person.clone(), &["officer"]),
        ];
        for (route, allowed) in &pages {
            for (who, cookie) in &actors {
                let answer = app.get(route, cookie).await;
                let expect = allowed.contains(who);
                assert_eq!(answer.status == 200, expect, "{who} on {route}: {}", answer.status);
                if !expect {
                    assert!(matches!(answer.status, 302 | 303 | 403 | 404), "{who} on {route}: {}", answer.status);
                    assert!(!answer.body.contains("Fraudeonderzoek") && !answer.body.contains("matrix"), "{who} on {route} leaks");
                }
            }
        }
        // Server functions check the role themselves, whatever page calls them.
        // The API takes tokens, never sessions; confidential needs its scope.
        let api = format!("/api/v1/verwerkingsacties?objecttype=persoon&soortObjectId=BSN&objectId={A}&vertrouwelijkheid=vertrouwelijk");
        for (who, cookie) in &actors {
            assert_eq!(source.get(&api, cookie).await.status, 401, "{who} on the API");
            assert_eq!(app.get(&api, cookie).await.status, 403, "{who} on the demo's API");
        }
        let (status, _, _) = source.call("GET", &api, Some(&normal), None).await;
        assert_eq!(status, 403, "read:normal asking for vertrouwelijk");
        let (status, _, body) = source.call("GET", &api, Some(&confidential), None).await;
        assert_eq!(status, 200);
        assert_eq!(body["count"], 1);
        // Every server function, with arguments that succeed for whoever may call it.
        let filter = "filter[maanden]=0&filter[afdeling]=&filter[gegeven]=&filter[doel]=&filter[zoek]=&filter[toon]=50&lang=Nl";
        let lookup_id = lookup.rsplit('/').next().unwrap().to_owned();
        let person_id = person.rsplit('/').next().unwrap().to_owned();
        let own_entry = {
            let page = app.get("/mijn?periode=0", &a).await.body;
            let at = page.find("/mijn/actie/").unwrap() + "/mijn/actie/".len();
            page[at..at + 36].to_owned()
        };
        let residents: &[&str] = &["resident A", "resident B"];
        let officers: &[&str] = &["officer"];
        let register: &[&str] = &["officer", "admin"];
        let everyone: &[&str] = &["anonymous", "resident A", "resident B", "clerk", "officer", "admin"];
        let velden = "velden[naam]=Naam&velden[doel]=Doel&velden[grondslag]=Publieke+taak&velden[wet]=&velden[wet_url]=\
            &velden[bewaartermijn]=&velden[titel_nl]=&velden[uitleg_nl]=&velden[titel_en]=&velden[uitleg_en]=";
        let calls: Vec<(&str, String, &[&str])> = vec![
            ("mijn", filter.into(), residents),
            ("verzoeken", "lang=Nl".into(), residents),
            ("verzoek", "actie=&soort=vraag&bericht=matrix-vraag".into(), residents),
            ("actie", format!("actie_id={own_entry}&lang=Nl"), &["resident A"]),
            ("verwerking", "verwerking_id=11111111-1111-4111-8111-111111111111&lang=Nl".into(), &["resident A"]),
            ("demo-inwoners", String::new(), everyone),
            ("demo-modus", String::new(), everyone),
            ("medewerker-inlogopties", String::new(), everyone),
            ("medewerker-ik", String::new(), &["clerk", "officer", "admin"]),
            ("medewerker-mag-opzoeken", "teruggestuurd=false".into(), &["clerk", "officer"]),
            ("medewerker-opzoeken", format!("bsn={B}&reden=balie&toelichting=matrix"), &["clerk", "officer"]),
            ("medewerker-inwoner", format!("id={lookup_id}&{filter}"), &["clerk"]),
            ("medewerker-verzoek-namens", format!("id={lookup_id}&soort=vraag&bericht=namens"), &["clerk"]),
            ("medewerker-verzoeken", "weergave=alle&zoek=&sorteer=termijn&lang=Nl".into(), officers),
            ("medewerker-verzoek", format!("id={case}&lang=Nl"), officers),
            ("medewerker-behandel", format!("id={case}&stap=notitie&tekst=matrix-notitie"), officers),
            ("medewerker-onderzoek", format!("id={case}&soort=&zoek=&lang=Nl"), officers),
            ("medewerker-onderzoek-persoon", format!("id={person_id}&lang=Nl"), officers),
            ("medewerker-opheffen-omvang", format!("id={case}&verwerking={SECRET_CASE}"), officers),
            ("medewerker-opheffen", format!("id={case}&verwerking={SECRET_CASE}&reden=matrix"), officers),
            ("medewerker-beheer", "lang=Nl".into(), &["admin"]),
            ("medewerker-register", "zoek=&lang=Nl".into(), register),
            ("medewerker-activiteit", format!("id={ACTIVITY}&lang=Nl"), register),
            ("medewerker-activiteit-opslaan", format!("id={ACTIVITY}&actief=true&{velden}"), register),
        ];
        for (name, form, allowed) in &calls {
            let route = format!("/api/portaal/{name}");
            for (who, cookie) in &actors {
                let answer = app.call_fn(&route, cookie, form).await;
                let expect = allowed.contains(who);
                assert_eq!(answer.status == 200, expect, "{who} calling {route}: {} {}", answer.status, answer.body);
            }
        }
        // Every API route answers a session (of anyone) with 401: it takes tokens only.
        let routes = [
            format!("/api/v1/verwerkingsacties?objecttype=persoon&soortObjectId=BSN&objectId={A}&vertrouwelijkheid=normaal"),
            format!("/api/v1/verwerkingsacties/{own_entry}"),
            format!("/api/v1/verwerkte-objecten?objecttype=persoon&soortObjectId=BSN&objectId={A}&beginDatum=2026-01-01&eindDatum=2027-01-01"),
            "/api/v1/verwerkingsactiviteiten".to_owned(),
            format!("/api/v1/verwerkingsactiviteiten/{ACTIVITY}"),
        ];
        for route in &routes {
            for (who, cookie) in &actors {
                assert_eq!(source.get(route, cookie).await.status, 401, "{who} on {route}");
            }
            for token in [&normal, &confidential] {
                let (status, _, _) = source.call("GET", route, Some(token), None).await;
                assert_eq!(status, 200, "a read token on {route}");
            }
        }
        // Staff pages are not reachable with an API token.
        let zaaknummer = app.db.case_by_id(&case).await.unwrap().unwrap().zaaknummer;
        let (_, headers, body) = app.call("GET", "/medewerker/verzoeken", Some(&confidential), None).await;
        assert_eq!(headers["location"], "/medewerker/inloggen");
        assert!(!body.to_string().contains(&zaaknummer));
    }
}

// One account's story from login to lock-out to expiry, in order.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn password_login_is_rate_limited_and_sessions_expire() {
    let t = TestDb::sqlite().await;
    inzage::server::staff_accounts::add(
        &t.db,
        "jan",
        "privacy_officer",
        Some("Jan"),
        Some("een-lang-wachtwoord".into()),
    )
    .await
    .unwrap();
    let stored = t.db.staff_by_name("jan").await.unwrap().unwrap();
    assert!(
        stored.wachtwoord_hash.unwrap().starts_with("$argon2id$"),
        "only a hash is stored"
    );
    let app = TestApp::configured(t, |config| config.demo = false);
    let ok = app
        .post(
            "/medewerker/inloggen",
            "x=y",
            "naam=jan&wachtwoord=een-lang-wachtwoord",
        )
        .await;
    assert_eq!(ok.location(), "/medewerker");
    assert_eq!(
        app.get("/medewerker/verzoeken", &ok.expect_cookie())
            .await
            .status,
        200
    );
    // Demo login is not there outside demo mode.
    assert_eq!(
        app.post("/medewerker/demo-login", "x=y", "rol=admin")
            .await
            .status,
        404
    );

    for _ in 0..5 {
        let wrong = app
            .post("/medewerker/inloggen", "x=y", "naam=jan&wachtwoord=fout")
            .await;
        assert!(wrong.location().ends_with("fout=onjuist"));
    }
    let blocked = app
        .post(
            "/medewerker/inloggen",
            "x=y",
            "naam=JAN&wachtwoord=een-lang-wachtwoord",
        )
        .await;
    assert!(
        blocked.location().ends_with("fout=geblokkeerd"),
        "the right password is refused while blocked"
    );
    let unknown = app
        .post("/medewerker/inloggen", "x=y", "naam=999993653&wachtwoord=x")
        .await;
    assert!(unknown.location().ends_with("fout=onjuist"));
    let trail = app.db.audit_trail(None, 100).await.unwrap();
    assert!(trail
        .iter()
        .any(|a| a.actie == "inloggen mislukt" && a.medewerker == "jan"));
    assert!(
        trail.iter().all(|a| a.medewerker != "999993653"),
        "a typed name that is no account is not kept"
    );

    // An idle limit in the past ends every staff session on its next request.
    let strict = app.beside(|config| config.staff_idle = chrono::Duration::seconds(-1));
    inzage::server::staff_accounts::add(
        &app.db,
        "piet",
        "admin",
        None,
        Some("nog-een-lang-wachtwoord".into()),
    )
    .await
    .unwrap();
    let ok = strict
        .post(
            "/medewerker/inloggen",
            "x=y",
            "naam=piet&wachtwoord=nog-een-lang-wachtwoord",
        )
        .await;
    let page = strict.get("/medewerker/beheer", &ok.expect_cookie()).await;
    assert_eq!(
        (page.status, page.location()),
        (302, "/medewerker/inloggen")
    );
}
