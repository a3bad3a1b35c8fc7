//! The portal as an attacker tries it: another organisation's API client,
//! a cross-site form, a crafted query string, a flood of logins, a copy of
//! the database, a disabled account. Each test fails when its rule is gone.

use crate::common::{self, api_token, api_token_for, json, TestApp, TestDb, ORIGIN};
use axum::{
    body::Body,
    http::{header, Request, StatusCode},
};
use inzage::{server::http::router, state::AppState};
use serde_json::{json, Value};

/// A demo resident (the demo login only accepts those).
const ME: &str = "999900006";
const ALL: &str = "create:confidential read:confidential update:confidential delete:confidential";
const OTHER_ORGANISATION: &str = "00000001003214345000";

fn actie(bsn: &str, verwerking: &str, vertrouwelijkheid: &str) -> Value {
    json!({
        "actieNaam": "Ophalen persoonsgegevens",
        "verwerkingId": verwerking,
        "vertrouwelijkheid": vertrouwelijkheid,
        "tijdstip": "2026-05-01T16:30:00+02:00",
        "verwerkteObjecten": [{ "objecttype": "persoon", "soortObjectId": "BSN", "objectId": bsn }]
    })
}

const VERWERKING: &str = "48086bf2-11b7-4603-9526-67d7c3bb6587";

on_both_engines! {
    async fn only_the_organisation_that_logged_an_action_changes_it(t: TestDb) {
        let app = TestApp::new(t);
        let a = api_token(&app, ALL).await;
        let b = api_token_for(&app, ALL, OTHER_ORGANISATION).await;
        let (status, _, created) = app.call("POST", "/api/v1/verwerkingsacties", Some(&a), json(&actie(ME, VERWERKING, "normaal"))).await;
        assert_eq!(status, StatusCode::CREATED);
        let uri = format!("/api/v1/verwerkingsacties/{}", created["actieId"].as_str().unwrap());
        let patch = format!("/api/v1/verwerkingsacties?verwerkingId={VERWERKING}");

        // Another organisation: 404, as if the action did not exist.
        let put = app.call("PUT", &uri, Some(&b), json(&actie(ME, VERWERKING, "normaal"))).await;
        assert_eq!(put.0, StatusCode::NOT_FOUND, "PUT by another organisation");
        let patched = app.call("PATCH", &patch, Some(&b), json(&json!({ "bewaartermijn": "P1Y" }))).await;
        assert_eq!(patched.0, StatusCode::NOT_FOUND, "PATCH by another organisation");
        assert_eq!(app.call("DELETE", &uri, Some(&b), None).await.0, StatusCode::NOT_FOUND, "DELETE by another organisation");
        assert_eq!(app.call("GET", &uri, Some(&a), None).await.0, StatusCode::OK, "still there");

        // The organisation that logged it may.
        assert_eq!(app.call("PUT", &uri, Some(&a), json(&actie(ME, VERWERKING, "normaal"))).await.0, StatusCode::OK);
        assert_eq!(app.call("PATCH", &patch, Some(&a), json(&json!({ "bewaartermijn": "P1Y" }))).await.0, StatusCode::NO_CONTENT);
        assert_eq!(app.call("DELETE", &uri, Some(&a), None).await.0, StatusCode::NO_CONTENT);
    }

    async fn a_normal_level_client_does_not_learn_of_a_confidential_action(t: TestDb) {
        let app = TestApp::new(t);
        let writer = api_token(&app, ALL).await;
        let normal = api_token(&app, "update:normal delete:normal").await;
        let (_, _, created) = app.call("POST", "/api/v1/verwerkingsacties", Some(&writer), json(&actie(ME, VERWERKING, "vertrouwelijk"))).await;
        let uri = format!("/api/v1/verwerkingsacties/{}", created["actieId"].as_str().unwrap());
        let put = app.call("PUT", &uri, Some(&normal), json(&actie(ME, VERWERKING, "normaal"))).await;
        assert_eq!(put.0, StatusCode::NOT_FOUND, "{}", put.2);
        assert_eq!(app.call("DELETE", &uri, Some(&normal), None).await.0, StatusCode::NOT_FOUND);
        let patch = format!("/api/v1/verwerkingsacties?verwerkingId={VERWERKING}");
        assert_eq!(app.call("PATCH", &patch, Some(&normal), json(&json!({ "bewaartermijn": "P1Y" }))).await.0, StatusCode::NOT_FOUND);
    }

    async fn the_portals_own_entries_cannot_be_changed_by_any_client(t: TestDb) {
        let demo = TestApp::demo(t);
        let app = demo.beside(|_| {});
        let me = demo.login_resident(ME).await;
        assert_eq!(demo.get("/mijn", &me).await.status, 200, "a view, logged on the resident");
        let own = app.db.versions_for_person(
            &inzage::store::log::PersonFilter {
                pseudonym: inzage::ingest::seal::pseudonym(demo.state.log.keys(), "BSN", ME),
                ..Default::default()
            },
            0,
            10,
        ).await.unwrap().1;
        let view = own.first().expect("the view is logged");
        let token = api_token(&app, ALL).await;
        let uri = format!("/api/v1/verwerkingsacties/{}", view.actie_id);
        assert_eq!(app.call("DELETE", &uri, Some(&token), None).await.0, StatusCode::NOT_FOUND);
        assert_eq!(app.call("PUT", &uri, Some(&token), json(&actie(ME, VERWERKING, "normaal"))).await.0, StatusCode::NOT_FOUND);
        let verwerking = view.fields.verwerking_id.clone().unwrap();
        let patch = format!("/api/v1/verwerkingsacties?verwerkingId={verwerking}");
        assert_eq!(app.call("PATCH", &patch, Some(&token), json(&json!({ "vertrouwelijkheid": "vertrouwelijk" }))).await.0, StatusCode::NOT_FOUND);
    }

    async fn a_recipient_that_may_be_a_person_is_sealed_in_any_spelling(t: TestDb) {
        let demo = TestApp::demo(t);
        let app = demo.beside(|_| {});
        let token = api_token(&app, ALL).await;
        let recipients = [("BSN ", "999900158"), ("bsn", "999900158"), ("Burger", "999900158"), ("OIN", "00000001003214345000")];
        for (soort, id) in recipients {
            let mut body = actie(ME, VERWERKING, "normaal");
            body["soortAfnemerId"] = json!(soort);
            body["afnemerId"] = json!(id);
            let (status, _, created) = app.call("POST", "/api/v1/verwerkingsacties", Some(&token), json(&body)).await;
            assert_eq!(status, StatusCode::CREATED, "{soort}: {created}");
            let stored = app.db.current_version(created["actieId"].as_str().unwrap()).await.unwrap().unwrap();
            if soort == "OIN" {
                assert_eq!(stored.fields.afnemer_id.as_deref(), Some(id), "an organisation stays readable");
            } else {
                assert_eq!(stored.fields.afnemer_id, None, "{soort:?} is not stored readable");
                assert!(stored.fields.afnemer_id_sealed.is_some(), "{soort:?} is sealed");
                // A client allowed to read gets it back.
                assert_eq!(created["afnemerId"], id);
            }
        }
        let me = demo.login_resident(ME).await;
        let page = demo.get("/mijn?periode=0", &me).await.body;
        assert!(!page.contains("999900158"), "the recipient's BSN is never shown");
        assert!(page.contains("een persoon"), "a person as recipient is named as such");
    }

    async fn a_crafted_query_string_gets_an_answer(t: TestDb) {
        let app = TestApp::demo(t);
        let me = app.login_resident(ME).await;
        for uri in [
            "/mijn?periode=4294967295",
            "/mijn?periode=4000000&toon=4294967295",
            "/mijn/export.csv?periode=4000000",
            "/mijn/export.json?periode=4294967295",
        ] {
            let answer = app.get(uri, &me).await;
            assert_eq!(answer.status, 200, "{uri}");
        }
        let too_big = app.get("/mijn/export.csv?periode=99999999999", &me).await;
        assert_eq!(too_big.status, 400, "a number out of range is a bad request");
    }

    async fn cross_site_forms_are_refused(t: TestDb) {
        let app = TestApp::demo(t);
        let me = app.login_resident(ME).await;
        let form = "actie=&soort=vraag&bericht=van+een+andere+site";
        let evil = app.post_from(Some("https://evil.example"), "/api/portaal/verzoek", &me, form).await;
        assert_eq!(evil.status, 403);
        let request = Request::post("/api/portaal/verzoek")
            .header(header::COOKIE, &me)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ORIGIN, ORIGIN)
            .header("sec-fetch-site", "cross-site")
            .body(Body::from(form))
            .unwrap();
        assert_eq!(app.send(request).await.status, 403, "Sec-Fetch-Site counts first");
        let bare = app.post_from(None, "/api/portaal/verzoek", &me, form).await;
        assert_eq!(bare.status, 403, "no origin at all");
        for (uri, form) in [("/auth/logout", ""), ("/auth/demo-login", "bsn=999900006"), ("/medewerker/inloggen", "naam=x&wachtwoord=y")] {
            assert_eq!(app.post_from(Some("https://evil.example"), uri, &me, form).await.status, 403, "{uri}");
        }
        assert!(app.db.open_cases().await.unwrap().is_empty(), "nothing was filed");
        let same = app.post("/api/portaal/verzoek", &me, form).await;
        assert_eq!(same.header("location"), "/mijn/verzoeken", "from the portal itself it works");

        // A browser that sends neither header: its form token must vouch for the form.
        let page = app.get("/mijn/verzoek", &me).await;
        let form_cookie = page
            .headers
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|c| c.starts_with("inzage_formulier="))
            .expect("a form token cookie")
            .split(';')
            .next()
            .unwrap()
            .to_owned();
        let token = between(&page.body, r#"name="csrf_token" value=""#, "\"");
        let cookies = format!("{me}; {form_cookie}");
        let vouched = app.post_from(None, "/api/portaal/verzoek", &cookies, &format!("{form}&csrf_token={token}")).await;
        assert_eq!(vouched.header("location"), "/mijn/verzoeken", "the token vouches for an old browser");
        let wrong = app.post_from(None, "/api/portaal/verzoek", &cookies, &format!("{form}&csrf_token=x{token}")).await;
        assert_eq!(wrong.status, 403, "a wrong token");
        let no_cookie = app.post_from(None, "/api/portaal/verzoek", &me, &format!("{form}&csrf_token={token}")).await;
        assert_eq!(no_cookie.status, 403, "a token without its cookie");
        assert_eq!(app.db.open_cases().await.unwrap().len(), 2);
    }

    async fn concurrent_changes_never_leave_an_older_version_visible(t: TestDb) {
        use inzage::{domain::{NewActie, PatchBody, Vertrouwelijkheid}, ingest::{scopes::Scopes, LogService}};
        let keys = std::sync::Arc::new(inzage::crypto::Keys::for_tests());
        let log = LogService::new(t.db.clone(), keys.clone());
        let source = common::api_caller(&t, Scopes::all()).await;
        let me = inzage::ingest::seal::pseudonym(&keys, "BSN", ME);
        let body = |minute: u32, verwerking: &str| {
            NewActie::from_json(&json!({
                "tijdstip": format!("2026-05-01T10:{:02}:00+02:00", minute % 60),
                "verwerkingId": verwerking,
                "verwerkteObjecten": [{ "objecttype": "persoon", "soortObjectId": "BSN", "objectId": ME }]
            })).unwrap()
        };
        for round in 0..200u32 {
            let verwerking = uuid::Uuid::new_v4().to_string();
            let id = log.create(&source, body(round, &verwerking), None).await.unwrap().actie_id;
            let level = if round % 2 == 0 { Vertrouwelijkheid::Vertrouwelijk } else { Vertrouwelijkheid::Normaal };
            let patch = PatchBody { bewaartermijn: None, vertrouwelijkheid: Some(level) };
            let put = log.update(&source, &id, body(round + 1, &verwerking));
            let patched = log.patch(&source, &verwerking, &patch);
            let deleted = async {
                if round % 3 == 0 { log.delete(&source, &id).await } else { Ok(()) }
            };
            let (put, patched, deleted) = tokio::join!(put, patched, deleted);
            // A PUT after the DELETE finds nothing: that is the one allowed failure.
            for outcome in [put.map(|_| ()), patched.map(|_| ()), deleted] {
                if let Err(e) = outcome {
                    assert!(matches!(e, inzage::ingest::LogError::NotFound), "round {round}: {e}");
                }
            }
            let current = t.db.current_version(&id).await.unwrap();
            let shown: Vec<_> = t.db.resident_page(&me, None, i64::MIN, 1000).await.unwrap()
                .into_iter().filter(|v| v.actie_id == id).collect();
            match current {
                Some(current) if current.fields.vertrouwelijkheid != inzage::domain::Vertrouwelijkheid::Vertrouwelijk => {
                    assert_eq!(shown.len(), 1, "round {round}: one version shown");
                    assert_eq!(shown[0].seq, current.seq, "round {round}: the current one");
                }
                _ => assert!(shown.is_empty(), "round {round}: nothing of a deleted or confidential action"),
            }
        }
    }

    async fn a_resident_has_at_most_ten_open_requests(t: TestDb) {
        let app = TestApp::demo(t);
        let me = app.login_resident(ME).await;
        for i in 0..6 {
            let filed = app.post("/api/portaal/verzoek", &me, &format!("actie=&soort=vraag&bericht=vraag+{i}")).await;
            assert_eq!(filed.header("location"), "/mijn/verzoeken");
        }
        // Sent at the same moment, they cannot pass the bound together.
        let flood = (0..8).map(|i| {
            let (app, me) = (app.clone(), me.clone());
            async move { app.post("/api/portaal/verzoek", &me, &format!("actie=&soort=vraag&bericht=tegelijk+{i}")).await }
        });
        futures::future::join_all(flood).await;
        assert_eq!(app.db.open_cases().await.unwrap().len(), 10);
        let refused = app.post("/api/portaal/verzoek", &me, "actie=&soort=vraag&bericht=nog+een").await;
        assert!(refused.header("location").ends_with("fout=te_veel"), "{}", refused.header("location"));
        assert_eq!(app.db.open_cases().await.unwrap().len(), 10);
        let page = app.get(refused.header("location"), &me).await.body;
        assert!(page.contains("U heeft al 10 vragen"));
    }

    async fn demo_login_takes_only_the_listed_fictional_residents(t: TestDb) {
        let app = TestApp::demo(t);
        let refused = app.post("/auth/demo-login", "", "bsn=123456708").await;
        assert_eq!(refused.status, 403, "a valid BSN that is not a demo resident");
        assert!(refused.header("set-cookie").is_empty());
        let home = app.get("/", "").await.body;
        assert!(home.contains("Demo — fictieve gegevens"), "the banner");
        // Nothing real goes into the demo's open log, not even from a source system.
        let token = api_token(&app, ALL).await;
        let (status, _, _) = app.call("POST", "/api/v1/verwerkingsacties", Some(&token), json(&actie(ME, VERWERKING, "normaal"))).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        let real = app.beside(|_| {});
        assert!(!real.get("/", "").await.body.contains("fictieve gegevens"));
        assert_eq!(real.post("/auth/demo-login", "", &format!("bsn={ME}")).await.status, 404);
    }

    async fn one_login_per_browser_and_sessions_stored_hashed(t: TestDb) {
        let app = TestApp::demo(t);
        let staff = app.post("/medewerker/demo-login", "", "rol=admin").await.cookie();
        assert_eq!(app.get("/medewerker/beheer", &staff).await.status, 200);
        // A resident logs in in the same browser: the staff session ends.
        let after = app.post("/auth/demo-login", &staff, &format!("bsn={ME}")).await.cookie();
        let page = app.get("/medewerker/beheer", &after).await;
        assert_eq!((page.status, page.header("location")), (302, "/medewerker/inloggen"));
        // And the other way round.
        let staff_again = app.post("/medewerker/demo-login", &after, "rol=clerk").await.cookie();
        let mijn = app.get("/mijn", &staff_again).await;
        assert_eq!((mijn.status, mijn.header("location")), (302, "/auth/login"));

        // The database holds a hash of the id, not the id the cookie carries.
        let id = staff_again.split_once('=').unwrap().1.to_owned();
        let parsed: tower_sessions::session::Id = id.parse().unwrap();
        let hashed = inzage::store::sessions::stored_id(&parsed).to_string();
        let ids: Vec<String> = match &app.db {
            inzage::store::Db::Sqlite(pool, _) => sqlx::query_scalar("SELECT id FROM tower_sessions").fetch_all(pool).await.unwrap(),
            inzage::store::Db::Postgres(pool) => sqlx::query_scalar("SELECT id FROM tower_sessions.session").fetch_all(pool).await.unwrap(),
        };
        assert!(!ids.contains(&id), "the live id is not stored");
        assert!(ids.contains(&hashed), "its hash is");
    }

    async fn a_disabled_account_stops_at_its_next_request(t: TestDb) {
        inzage::server::staff_accounts::add(&t.db, "els", "admin", Some("Els"), Some("een-lang-wachtwoord".into())).await.unwrap();
        let app = TestApp::new(t);
        let login = app.post("/medewerker/inloggen", "", "naam=els&wachtwoord=een-lang-wachtwoord").await;
        assert_eq!(login.header("location"), "/medewerker");
        let cookie = login.cookie();
        assert_eq!(app.get("/medewerker/beheer", &cookie).await.status, 200);
        assert!(app.db.disable_staff("els").await.unwrap());
        let page = app.get("/medewerker/beheer", &cookie).await;
        assert_eq!((page.status, page.header("location")), (302, "/medewerker/inloggen"));
        let trail = app.db.audit_trail(None, 10).await.unwrap();
        let account = app.db.staff_by_name("els").await.unwrap().unwrap().id;
        let login_line = trail.iter().find(|a| a.actie == "inloggen").expect("the login is audited");
        assert_eq!(login_line.account.as_deref(), Some(account.as_str()), "by the stable account id");
    }

    async fn parallel_guesses_cannot_pass_the_limit(t: TestDb) {
        inzage::server::staff_accounts::add(&t.db, "ria", "clerk", None, Some("een-lang-wachtwoord".into())).await.unwrap();
        let app = TestApp::new(t);
        let guesses = (0..12).map(|i| {
            let app = app.clone();
            async move {
                app.post("/medewerker/inloggen", "", &format!("naam=ria&wachtwoord=gok-{i}")).await
            }
        });
        let answers = futures::future::join_all(guesses).await;
        assert!(answers.iter().all(|a| a.header("location").contains("fout=") || a.status == 429));
        let blocked = app.post("/medewerker/inloggen", "", "naam=ria&wachtwoord=een-lang-wachtwoord").await;
        assert!(blocked.header("location").ends_with("fout=geblokkeerd"), "{}", blocked.header("location"));
        let checked = app.db.audit_trail(None, 100).await.unwrap().iter().filter(|a| a.actie == "inloggen mislukt").count();
        assert!(checked <= 5, "{checked} passwords were checked");
    }

    async fn the_audit_trail_fails_closed(t: TestDb) {
        let app = TestApp::demo(t);
        let clerk = app.post("/medewerker/demo-login", "", "rol=clerk").await.cookie();
        inzage::on_pool!(&app.db, pool => {
            sqlx::query("ALTER TABLE audit RENAME TO audit_weg").execute(pool).await.map(|_| ()).unwrap()
        });
        let lookup = app.post("/api/portaal/medewerker-opzoeken", &clerk,
            &format!("bsn={ME}&reden=telefonische_vraag&toelichting=belt+over+brief")).await;
        assert!(!lookup.header("location").starts_with("/medewerker/inwoner/"), "no look-up without its audit line");
        let seen = app.db.versions_for_person(
            &inzage::store::log::PersonFilter {
                pseudonym: inzage::ingest::seal::pseudonym(app.state.log.keys(), "BSN", ME),
                ..Default::default()
            },
            0,
            10,
        ).await.unwrap().0;
        assert_eq!(seen, 0, "nothing was logged on the resident either");
    }

    async fn pages_with_personal_data_are_not_cached(t: TestDb) {
        let app = TestApp::demo(t);
        let me = app.login_resident(ME).await;
        for uri in ["/mijn", "/mijn/verzoeken", "/mijn/export.csv", "/"] {
            assert_eq!(app.get(uri, &me).await.header("cache-control"), "no-store", "{uri}");
        }
        let fn_answer = app.post("/api/portaal/demo-inwoners", &me, "").await;
        assert_eq!(fn_answer.header("cache-control"), "no-store");
    }

    async fn an_idle_resident_session_ends(t: TestDb) {
        let app = TestApp::configured(t, |config| {
            config.demo = true;
            config.resident_idle = chrono::Duration::seconds(-1);
        });
        let me = app.login_resident(ME).await;
        let page = app.get("/mijn", &me).await;
        assert_eq!((page.status, page.header("location")), (302, "/auth/login"));
    }

    async fn the_bulk_endpoint_checks_the_scope_before_reading(t: TestDb) {
        let app = TestApp::new(t);
        let reader = api_token(&app, "read:normal").await;
        // A body that fails when read: the answer must not depend on it.
        let poisoned = futures::stream::once(async {
            Err::<bytes::Bytes, std::io::Error>(std::io::Error::other("the body was read"))
        });
        let request = Request::post("/api/v1/verwerkingsacties/bulk")
            .header(header::AUTHORIZATION, format!("Bearer {reader}"))
            .header(header::CONTENT_TYPE, "application/x-ndjson")
            .body(Body::from_stream(poisoned))
            .unwrap();
        let answer = app.send(request).await;
        assert_eq!(answer.status, 403, "{}", answer.body);

        // A client with its bulk slots taken gets 429 with Retry-After.
        let writer = api_token(&app, "create:normal").await;
        let client = app.db.list_clients().await.unwrap().into_iter().find(|c| c.scopes == "create:normal").unwrap();
        let held: Vec<_> = (0..inzage::ingest::bulk_slots::BULK_PER_CLIENT)
            .map(|_| inzage::ingest::BulkSlots::take(&app.state.bulk_slots, &client.id).unwrap())
            .collect();
        let line = serde_json::to_vec(&actie(ME, VERWERKING, "normaal")).unwrap();
        let (status, headers, _) = app.call("POST", "/api/v1/verwerkingsacties/bulk", Some(&writer), Some(("application/x-ndjson", line.clone()))).await;
        assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
        assert!(headers.contains_key("retry-after"));
        drop(held);
        let (status, _, _) = app.call("POST", "/api/v1/verwerkingsacties/bulk", Some(&writer), Some(("application/x-ndjson", line))).await;
        assert_eq!(status, StatusCode::OK);
    }
}

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

fn base32_decode(text: &str) -> Vec<u8> {
    const ALPHABET: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let (mut out, mut buffer, mut bits) = (Vec::new(), 0u32, 0);
    for c in text.chars().filter(|c| !c.is_whitespace()) {
        buffer = (buffer << 5) | ALPHABET.find(c).expect("base32") as u32;
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            out.push((buffer >> bits) as u8);
        }
    }
    out
}

/// The text between `start` and the next `end` after it, without the
/// markers Leptos may put between text nodes.
fn between(html: &str, start: &str, end: &str) -> String {
    let from = html
        .find(start)
        .unwrap_or_else(|| panic!("{start} in {html}"))
        + start.len();
    let to = html[from..].find(end).unwrap() + from;
    html[from..to].replace("<!>", "").replace("<!---->", "")
}

/// The recovery codes on a page: "XXXX-XXXX-XXXX".
fn recovery_codes_in(html: &str) -> Vec<String> {
    let code = |w: &[u8]| {
        w.len() == 14
            && w.iter().enumerate().all(|(i, b)| {
                if i == 4 || i == 9 {
                    *b == b'-'
                } else {
                    b.is_ascii_uppercase() || b.is_ascii_digit()
                }
            })
    };
    let bytes = html.as_bytes();
    let mut codes: Vec<String> = Vec::new();
    for i in (0..bytes.len().saturating_sub(13)).filter(|i| code(&bytes[*i..i + 14])) {
        let found = html[i..i + 14].to_owned();
        // The page's hydration data holds them a second time.
        if !codes.contains(&found) {
            codes.push(found);
        }
    }
    codes
}

on_both_engines! {
    async fn local_staff_accounts_need_a_second_factor(t: TestDb) {
        inzage::server::staff_accounts::add(&t.db, "kees", "admin", Some("Kees"), Some("een-lang-wachtwoord".into())).await.unwrap();
        let app = TestApp::configured(t, |config| config.staff_require_2fa = true);
        let password = |cookie: String| {
            let app = app.clone();
            async move {
                let a = app.post("/medewerker/inloggen", &cookie, "naam=kees&wachtwoord=een-lang-wachtwoord").await;
                assert_eq!(a.header("location"), "/medewerker/tweede-stap", "the password alone is not enough");
                a.cookie()
            }
        };
        let cookie = password(String::new()).await;
        let beheer = app.get("/medewerker/beheer", &cookie).await;
        assert_eq!((beheer.status, beheer.header("location")), (302, "/medewerker/inloggen"), "not logged in yet");

        // Enrolment: a QR code and the key as text.
        let page = app.get("/medewerker/tweede-stap", &cookie).await.body;
        assert!(page.contains(r#"class="app-qr""#) && page.contains("<svg"), "a QR code");
        let secret = base32_decode(&between(&page, r#"<code class="app-secret">"#, "</code>"));
        assert_eq!(secret.len(), 20);
        let now = chrono::Utc::now().timestamp();
        let right = inzage::crypto::totp::code_at(&secret, now);
        let wrong = app.post("/medewerker/tweede-stap", &cookie, &format!("code={:06}", (right + 500_000) % 1_000_000)).await;
        assert!(wrong.header("location").ends_with("fout=code"), "{}", wrong.header("location"));
        let ok = app.post("/medewerker/tweede-stap", &cookie, &format!("code={right:06}")).await;
        assert_eq!(ok.header("location"), "/medewerker/herstelcodes");
        let cookie = ok.cookie();
        let codes_page = app.get("/medewerker/herstelcodes", &cookie).await.body;
        let codes = recovery_codes_in(&codes_page);
        assert_eq!(codes.len(), 10, "{codes_page}");
        assert!(!app.get("/medewerker/herstelcodes", &cookie).await.body.contains(&codes[0]), "shown once");
        assert_eq!(app.get("/medewerker/beheer", &cookie).await.status, 200);

        // The next login asks for a code, no enrolment; a recovery code works once.
        let cookie = password(String::new()).await;
        let page = app.get("/medewerker/tweede-stap", &cookie).await.body;
        assert!(!page.contains("app-qr") && !page.contains("app-secret"), "the key is never shown again");
        assert!(page.contains("Tweede stap: de code uit uw app"));
        let replay = app.post("/medewerker/tweede-stap", &cookie, &format!("code={right:06}")).await;
        assert!(replay.header("location").ends_with("fout=code"), "a code counts once");
        let recovered = app.post("/medewerker/tweede-stap", &cookie, &format!("code={}", codes[3].to_lowercase())).await;
        assert_eq!(recovered.header("location"), "/medewerker");
        let cookie = password(String::new()).await;
        let again = app.post("/medewerker/tweede-stap", &cookie, &format!("code={}", codes[3])).await;
        assert!(again.header("location").ends_with("fout=code"), "a recovery code works once");
        // Guessing codes is limited like guessing passwords.
        for _ in 0..6 {
            app.post("/medewerker/tweede-stap", &cookie, "code=123456").await;
        }
        let cookie = password(String::new()).await;
        let code = inzage::crypto::totp::code_at(&secret, chrono::Utc::now().timestamp());
        let blocked = app.post("/medewerker/tweede-stap", &cookie, &format!("code={code:06}")).await;
        assert!(blocked.header("location").ends_with("fout=geblokkeerd"), "{}", blocked.header("location"));

        // A lost phone: the admin resets the second factor, the next login enrols again.
        assert!(app.db.reset_second_factor("kees").await.unwrap());
        assert!(!app.db.reset_second_factor("niemand").await.unwrap());
        let cookie = password(String::new()).await;
        assert!(app.get("/medewerker/tweede-stap", &cookie).await.body.contains("app-qr"));
    }
}
