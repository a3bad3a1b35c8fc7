//! The staff workspace: login, roles and session limits; the clerk's look-up
//! logged on the resident; a request handled by the privacy officer and
//! seen by the resident; lifting confidentiality; and the role matrix.

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
    let example = include_bytes!("fixtures/vng-var-verwerkingsactiviteit.json");
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

struct Answer {
    status: u16,
    location: String,
    cookie: Option<String>,
    body: String,
}

async fn send(app: &Router, request: Request<Body>) -> Answer {
    let response = app.clone().oneshot(request).await.unwrap();
    let status = response.status().as_u16();
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    let location = header("location").unwrap_or_default();
    let cookie = header("set-cookie").map(|c| c.split(';').next().unwrap().to_owned());
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    Answer {
        status,
        location,
        cookie,
        body: String::from_utf8_lossy(&bytes).into_owned(),
    }
}

async fn get(app: &Router, uri: &str, cookie: &str) -> Answer {
    send(
        app,
        Request::get(uri)
            .header("cookie", cookie)
            .header("accept", "text/html")
            .body(Body::empty())
            .unwrap(),
    )
    .await
}

/// A form POST as a browser without JavaScript sends it.
async fn post(app: &Router, uri: &str, cookie: &str, form: &str) -> Answer {
    send(
        app,
        Request::post(uri)
            .header("origin", common::ORIGIN)
            .header("cookie", cookie)
            .header("content-type", "application/x-www-form-urlencoded")
            .header("accept", "text/html")
            .body(Body::from(form.to_owned()))
            .unwrap(),
    )
    .await
}

/// A server-function call as the hydrated page makes it (no redirects).
async fn call_fn(app: &Router, uri: &str, cookie: &str, form: &str) -> Answer {
    send(
        app,
        Request::post(uri)
            .header("origin", common::ORIGIN)
            .header("cookie", cookie)
            .header("content-type", "application/x-www-form-urlencoded")
            .body(Body::from(form.to_owned()))
            .unwrap(),
    )
    .await
}

async fn resident(app: &Router, bsn: &str) -> String {
    let a = post(app, "/auth/demo-login", "x=y", &format!("bsn={bsn}")).await;
    assert_eq!((a.status, a.location.as_str()), (303, "/mijn"));
    a.cookie.unwrap()
}

async fn staff(app: &Router, rol: &str) -> String {
    let a = post(app, "/medewerker/demo-login", "x=y", &format!("rol={rol}")).await;
    assert_eq!(
        (a.status, a.location.as_str()),
        (303, "/medewerker"),
        "{rol}"
    );
    a.cookie.unwrap()
}

/// The clerk looks up a resident; returns the look-up page address.
async fn look_up(app: &Router, clerk: &str, bsn: &str) -> String {
    let a = post(
        app,
        "/api/portaal/medewerker-opzoeken",
        clerk,
        &format!("bsn={bsn}&reden=telefonische_vraag&toelichting=belt+over+brief"),
    )
    .await;
    assert!(
        a.location.starts_with("/medewerker/inwoner/")
            || a.location.starts_with("/medewerker/onderzoek/persoon/"),
        "{} {}",
        a.status,
        a.location
    );
    assert!(!a.location.contains(bsn), "no BSN in the URL");
    a.location
}

/// Files a question as resident and returns the request's id (from the queue).
async fn file_request(app: &Router, t: &TestDb, cookie: &str, marker: &str) -> String {
    let a = post(
        app,
        "/api/portaal/verzoek",
        cookie,
        &format!("actie=&soort=vraag&bericht={marker}"),
    )
    .await;
    assert_eq!(a.location, "/mijn/verzoeken", "{}", a.body);
    let cases = t.db.open_cases().await.unwrap();
    cases.last().unwrap().id.clone()
}

on_both_engines! {
    async fn a_clerks_look_up_is_logged_on_the_resident_and_shows_what_they_see(t: TestDb) {
        let state = common::demo_state(&t);
        seed(&state.log).await;
        let app = router(state);
        let clerk = staff(&app, "clerk").await;
        let page = look_up(&app, &clerk, A).await;
        let view = get(&app, &page, &clerk).await;
        assert_eq!(view.status, 200);
        assert!(view.body.contains("Gewone actie"), "the resident's own entry");
        assert!(!view.body.contains("Fraudeonderzoek lopend"), "nothing confidential");
        assert!(!view.body.contains("Actie van B") && !view.body.contains("Geheim systeem"));
        assert!(view.body.contains("Bekeken door een medewerker: Telefonische vraag van de inwoner"));

        // The resident sees the look-up in their own overview.
        let me = resident(&app, A).await;
        let mine = get(&app, "/mijn?periode=0", &me).await;
        assert!(mine.body.contains("Bekeken door een medewerker: Telefonische vraag van de inwoner"));
        let other = resident(&app, B).await;
        assert!(!get(&app, "/mijn?periode=0", &other).await.body.contains("Bekeken door een medewerker"));

        // Another clerk's session cannot open this look-up.
        let clerk2 = staff(&app, "clerk").await;
        assert_eq!(get(&app, &page, &clerk2).await.status, 404);

        // Invalid input is refused with a reason, and nothing is logged.
        let bad = post(&app, "/api/portaal/medewerker-opzoeken", &clerk, "bsn=123456789&reden=balie&toelichting=x").await;
        assert!(bad.location.ends_with("fout=bsn"), "{}", bad.location);
        let no_reason = post(&app, "/api/portaal/medewerker-opzoeken", &clerk, &format!("bsn={A}&reden=balie&toelichting=+")).await;
        assert!(no_reason.location.ends_with("fout=toelichting"));
        let with_bsn = post(&app, "/api/portaal/medewerker-opzoeken", &clerk, &format!("bsn={A}&reden=balie&toelichting=over+{B}")).await;
        assert!(with_bsn.location.ends_with("fout=toelichting_nummer"), "{}", with_bsn.location);

        // The audit trail names the pseudonym, never the BSN.
        let trail = t.db.audit_trail(None, 100).await.unwrap();
        assert!(trail.iter().any(|a| a.actie == "inwoner opgezocht"));
        assert!(trail.iter().all(|a| !format!("{a:?}").contains(A) && !format!("{a:?}").contains(B)));
    }

    async fn a_request_is_handled_and_the_resident_sees_the_outcome(t: TestDb) {
        let state = common::demo_state(&t);
        seed(&state.log).await;
        let app = router(state);
        let me = resident(&app, A).await;
        let id = file_request(&app, &t, &me, "vraag-over-brief").await;
        let officer = staff(&app, "privacy_officer").await;
        let queue = get(&app, "/medewerker/verzoeken", &officer).await;
        assert_eq!(queue.status, 200);
        assert!(queue.body.contains(&format!("/medewerker/verzoeken/{id}")));
        let case = get(&app, &format!("/medewerker/verzoeken/{id}"), &officer).await;
        assert!(case.body.contains("vraag-over-brief"), "the resident's message");

        let step = |form: String| {
            let app = app.clone();
            let officer = officer.clone();
            async move { post(&app, "/api/portaal/medewerker-behandel", &officer, &form).await }
        };
        assert_eq!(step(format!("id={id}&stap=oppakken")).await.location, format!("/medewerker/verzoeken/{id}"));
        step(format!("id={id}&stap=notitie&tekst=interne-notitie")).await;
        step(format!("id={id}&stap=verlengen&maanden=2&tekst=verleng-reden")).await;
        let again = step(format!("id={id}&stap=verlengen&maanden=1&tekst=nog-eens")).await;
        assert!(again.location.ends_with("fout=verlengen"), "only one extension");
        step(format!("id={id}&stap=besluit&uitkomst=afgewezen&tekst=besluit-reden")).await;

        let row = t.db.case_by_id(&id).await.unwrap().unwrap();
        assert_eq!(row.status, "besloten");
        assert!(row.verlengd);
        assert!(row.termijn - row.ontvangen > 85 * 24 * 3600 * 1_000_000, "three months in all");

        let mine = get(&app, "/mijn/verzoeken", &me).await.body;
        assert!(mine.contains("Besloten"), "status");
        assert!(mine.contains("verleng-reden") && mine.contains("besluit-reden"));
        assert!(!mine.contains("interne-notitie") && !mine.contains("nog-eens"), "internal notes stay internal");
        // Another resident does not see it.
        let other = resident(&app, B).await;
        assert!(!get(&app, "/mijn/verzoeken", &other).await.body.contains("besluit-reden"));

        let history = get(&app, &format!("/medewerker/verzoeken/{id}"), &officer).await.body;
        for text in ["interne-notitie", "verleng-reden", "besluit-reden"] {
            assert!(history.contains(text), "{text} in the officer's history");
        }
        // Messages are sealed at rest.
        if let inzage::store::Db::Sqlite(pool, _) = &t.db {
            let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM verzoek_gebeurtenis WHERE CAST(tekst_sealed AS TEXT) LIKE '%reden%'")
                .fetch_one(pool).await.unwrap();
            assert_eq!(n, 0);
        }
    }

    async fn an_officer_lifts_confidentiality_after_investigating(t: TestDb) {
        let state = common::demo_state(&t);
        seed(&state.log).await;
        let app = router(state);
        let me = resident(&app, A).await;
        assert!(!get(&app, "/mijn?periode=0", &me).await.body.contains("Fraudeonderzoek lopend"));
        let id = file_request(&app, &t, &me, "wat-weten-jullie").await;
        let officer = staff(&app, "privacy_officer").await;
        let page = get(&app, &format!("/medewerker/onderzoek/{id}"), &officer).await;
        assert_eq!(page.status, 200);
        assert!(page.body.contains("Fraudeonderzoek lopend") && page.body.contains("Geheim systeem") && page.body.contains("mdw-99"));
        assert!(page.body.contains(&format!("BSN {A}")), "the officer sees the identifier");
        assert!(!page.body.contains("Actie van B"));
        // Without a request, by looking the person up: everything, but no lifting from there.
        let person = look_up(&app, &officer, A).await;
        let direct = get(&app, &person, &officer).await.body;
        assert!(direct.contains("Fraudeonderzoek lopend") && !direct.contains("opheffen="));
        let confirm = get(&app, &format!("/medewerker/onderzoek/{id}?opheffen={SECRET_CASE}"), &officer).await;
        assert!(confirm.body.contains("Weet u het zeker?"));

        // A verwerking the resident is not in cannot be lifted through their request.
        let foreign = call_fn(&app, "/api/portaal/medewerker-opheffen", &officer, &format!("id={id}&verwerking=55555555-5555-4555-8555-555555555555&reden=x")).await;
        assert_ne!(foreign.status, 200, "refused");
        // A lift needs a reason.
        let no_reason = post(&app, "/api/portaal/medewerker-opheffen", &officer, &format!("id={id}&verwerking={SECRET_CASE}&reden=+")).await;
        assert!(no_reason.location.ends_with("fout=reden"), "{}", no_reason.location);
        let with_bsn = post(&app, "/api/portaal/medewerker-opheffen", &officer, &format!("id={id}&verwerking={SECRET_CASE}&reden=bsn+{A}")).await;
        assert!(with_bsn.location.ends_with("fout=reden"), "no BSN into the audit trail");
        assert!(!get(&app, "/mijn?periode=0", &me).await.body.contains("Fraudeonderzoek lopend"), "not lifted");
        let lifted = post(&app, "/api/portaal/medewerker-opheffen", &officer, &format!("id={id}&verwerking={SECRET_CASE}&reden=klacht+terecht")).await;
        assert_eq!(lifted.location, format!("/medewerker/onderzoek/{id}"));
        assert!(get(&app, "/mijn?periode=0", &me).await.body.contains("Fraudeonderzoek lopend"), "now visible");
        let trail = t.db.audit_trail(None, 100).await.unwrap();
        assert!(trail.iter().any(|a| a.actie == "vertrouwelijkheid opgeheven"));
        assert!(trail.iter().any(|a| a.actie == "onderzoek geopend"));
    }

    async fn the_role_matrix_holds(t: TestDb) {
        let state = common::demo_state(&t);
        seed(&state.log).await;
        register(&t.db).await;
        let app = router(state);
        // The same database outside demo mode: the demo takes no API calls.
        let source = router(common::state(&t));
        let anonymous = "x=y".to_owned();
        let a = resident(&app, A).await;
        let b = resident(&app, B).await;
        let clerk = staff(&app, "clerk").await;
        let officer = staff(&app, "privacy_officer").await;
        let admin = staff(&app, "admin").await;
        let case = file_request(&app, &t, &a, "matrix").await;
        let lookup = look_up(&app, &clerk, A).await;
        let person = look_up(&app, &officer, A).await;
        assert!(person.starts_with("/medewerker/onderzoek/persoon/"));
        let normal = common::api_token(&t, "read:normal").await;
        let confidential = common::api_token(&t, "read:normal read:confidential").await;

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
                let answer = get(&app, route, cookie).await;
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
            assert_eq!(get(&source, &api, cookie).await.status, 401, "{who} on the API");
            assert_eq!(get(&app, &api, cookie).await.status, 403, "{who} on the demo's API");
        }
        let (status, _, _) = common::call(&source, "GET", &api, Some(&normal), None).await;
        assert_eq!(status, 403, "read:normal asking for vertrouwelijk");
        let (status, _, body) = common::call(&source, "GET", &api, Some(&confidential), None).await;
        assert_eq!(status, 200);
        assert_eq!(body["count"], 1);
        // Every server function, with arguments that succeed for whoever may call it.
        let filter = "filter[maanden]=0&filter[afdeling]=&filter[gegeven]=&filter[doel]=&filter[zoek]=&filter[toon]=50&lang=Nl";
        let lookup_id = lookup.rsplit('/').next().unwrap().to_owned();
        let person_id = person.rsplit('/').next().unwrap().to_owned();
        let own_entry = {
            let page = get(&app, "/mijn?periode=0", &a).await.body;
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
            ("zaak", "verwerking_id=11111111-1111-4111-8111-111111111111&lang=Nl".into(), &["resident A"]),
            ("demo-inwoners", String::new(), everyone),
            ("demo-modus", String::new(), everyone),
            ("medewerker-inlogopties", String::new(), everyone),
            ("medewerker-ik", String::new(), &["clerk", "officer", "admin"]),
            ("medewerker-mag-opzoeken", String::new(), &["clerk", "officer"]),
            ("medewerker-opzoeken", format!("bsn={B}&reden=balie&toelichting=matrix"), &["clerk", "officer"]),
            ("medewerker-inwoner", format!("id={lookup_id}&{filter}"), &["clerk"]),
            ("medewerker-verzoek-namens", format!("id={lookup_id}&soort=vraag&bericht=namens"), &["clerk"]),
            ("medewerker-verzoeken", "weergave=alle&lang=Nl".into(), officers),
            ("medewerker-verzoek", format!("id={case}&lang=Nl"), officers),
            ("medewerker-behandel", format!("id={case}&stap=notitie&tekst=matrix-notitie"), officers),
            ("medewerker-onderzoek", format!("id={case}&lang=Nl"), officers),
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
                let answer = call_fn(&app, &route, cookie, form).await;
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
                assert_eq!(get(&source, route, cookie).await.status, 401, "{who} on {route}");
            }
            for token in [&normal, &confidential] {
                let (status, _, _) = common::call(&source, "GET", route, Some(token), None).await;
                assert_eq!(status, 200, "a read token on {route}");
            }
        }
        // Staff pages are not reachable with an API token.
        let zaaknummer = t.db.case_by_id(&case).await.unwrap().unwrap().zaaknummer;
        let (_, headers, body) = common::call(&app, "GET", "/medewerker/verzoeken", Some(&confidential), None).await;
        assert_eq!(headers["location"], "/medewerker/inloggen");
        assert!(!body.to_string().contains(&zaaknummer));
    }
}

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
    let mut state = common::state(&t);
    let mut config = (*state.config).clone();
    config.demo = false;
    state.config = std::sync::Arc::new(config.clone());
    let app = router(state);
    let ok = post(
        &app,
        "/medewerker/inloggen",
        "x=y",
        "naam=jan&wachtwoord=een-lang-wachtwoord",
    )
    .await;
    assert_eq!(ok.location, "/medewerker");
    assert_eq!(
        get(&app, "/medewerker/verzoeken", ok.cookie.as_deref().unwrap())
            .await
            .status,
        200
    );
    // Demo login is not there outside demo mode.
    assert_eq!(
        post(&app, "/medewerker/demo-login", "x=y", "rol=admin")
            .await
            .status,
        404
    );

    for _ in 0..5 {
        let wrong = post(
            &app,
            "/medewerker/inloggen",
            "x=y",
            "naam=jan&wachtwoord=fout",
        )
        .await;
        assert!(wrong.location.ends_with("fout=onjuist"));
    }
    let blocked = post(
        &app,
        "/medewerker/inloggen",
        "x=y",
        "naam=JAN&wachtwoord=een-lang-wachtwoord",
    )
    .await;
    assert!(
        blocked.location.ends_with("fout=geblokkeerd"),
        "the right password is refused while blocked"
    );
    let unknown = post(
        &app,
        "/medewerker/inloggen",
        "x=y",
        "naam=999993653&wachtwoord=x",
    )
    .await;
    assert!(unknown.location.ends_with("fout=onjuist"));
    let trail = t.db.audit_trail(None, 100).await.unwrap();
    assert!(trail
        .iter()
        .any(|a| a.actie == "inloggen mislukt" && a.medewerker == "jan"));
    assert!(
        trail.iter().all(|a| a.medewerker != "999993653"),
        "a typed name that is no account is not kept"
    );

    // An idle limit in the past ends every staff session on its next request.
    let mut state = common::state(&t);
    let mut config = (*state.config).clone();
    config.staff_idle = chrono::Duration::seconds(-1);
    state.config = std::sync::Arc::new(config);
    let strict = router(state);
    inzage::server::staff_accounts::add(
        &t.db,
        "piet",
        "admin",
        None,
        Some("nog-een-lang-wachtwoord".into()),
    )
    .await
    .unwrap();
    let ok = post(
        &strict,
        "/medewerker/inloggen",
        "x=y",
        "naam=piet&wachtwoord=nog-een-lang-wachtwoord",
    )
    .await;
    let page = get(&strict, "/medewerker/beheer", ok.cookie.as_deref().unwrap()).await;
    assert_eq!(
        (page.status, page.location.as_str()),
        (302, "/medewerker/inloggen")
    );
}
