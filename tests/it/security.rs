//! The portal as an attacker tries it: another organisation's API client,
//! a cross-site form, a crafted query string, a flood of logins, a copy of
//! the database, a disabled account. Each test fails when its rule is gone.

use crate::common::{self, api_token, api_token_for, between, json, TestApp, TestDb, ORIGIN};
use axum::{
    body::Body,
    http::{header, Request, StatusCode},
};
use serde_json::{json, Value};

/// A demo resident (the demo login only accepts those).
pub(super) const ME: &str = "999900006";
pub(super) const ALL: &str =
    "create:confidential read:confidential update:confidential delete:confidential";
const OTHER_ORGANISATION: &str = "00000001003214345000";

pub(super) fn actie(bsn: &str, verwerking: &str, vertrouwelijkheid: &str) -> Value {
    json!({
        "actieNaam": "Ophalen persoonsgegevens",
        "verwerkingId": verwerking,
        "vertrouwelijkheid": vertrouwelijkheid,
        "tijdstip": "2026-05-01T16:30:00+02:00",
        "verwerkteObjecten": [{ "objecttype": "persoon", "soortObjectId": "BSN", "objectId": bsn }]
    })
}

pub(super) const VERWERKING: &str = "48086bf2-11b7-4603-9526-67d7c3bb6587";

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
        assert!(same.header("location").starts_with("/mijn/verzoeken?ingediend=INZ-"), "from the portal itself it works");

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
        assert!(vouched.header("location").starts_with("/mijn/verzoeken?ingediend="), "the token vouches for an old browser");
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
            assert!(filed.header("location").starts_with("/mijn/verzoeken?ingediend="), "{}", filed.header("location"));
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
        assert_eq!((mijn.status, mijn.header("location")), (302, "/auth/login?terug=/mijn"));

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
        let page = app.get("/mijn/verzoeken", &me).await;
        // To the login, which brings the resident back to this page.
        assert_eq!((page.status, page.header("location")), (302, "/auth/login?terug=/mijn/verzoeken"));
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
        let held: Vec<_> = (0..inzage::ingest::BULK_PER_CLIENT)
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

/// A client on loopback (or anywhere) cannot choose the address its login
/// attempts count against by sending `X-Forwarded-For`: only a proxy the
/// operator names is believed.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forwarded_addresses_are_believed_only_from_trusted_proxies() {
    use axum::extract::{ConnectInfo, FromRequestParts};
    use inzage::server::staff::ClientAddress;
    let t = TestDb::sqlite().await;
    let address = |state: inzage::state::AppState, peer: &str| {
        let peer: std::net::SocketAddr = format!("{peer}:50000").parse().unwrap();
        async move {
            let request = axum::http::Request::post("/medewerker/inloggen")
                .header("x-forwarded-for", "203.0.113.9, 198.51.100.7")
                .extension(ConnectInfo(peer))
                .body(())
                .unwrap();
            let (mut parts, ()) = request.into_parts();
            ClientAddress::from_request_parts(&mut parts, &state)
                .await
                .unwrap()
                .0
        }
    };
    let untrusting = common::state(&t);
    assert_eq!(
        address(untrusting.clone(), "127.0.0.1").await.as_deref(),
        Some("127.0.0.1")
    );
    assert_eq!(
        address(untrusting, "192.0.2.1").await.as_deref(),
        Some("192.0.2.1")
    );
    let behind_proxy = common::configured_state(&t, |c| {
        c.trusted_proxies = vec!["127.0.0.1".parse().unwrap()]
    });
    assert_eq!(
        address(behind_proxy.clone(), "127.0.0.1").await.as_deref(),
        Some("198.51.100.7"),
        "the address the trusted proxy appended"
    );
    assert_eq!(
        address(behind_proxy, "192.0.2.1").await.as_deref(),
        Some("192.0.2.1"),
        "another peer's header is not believed"
    );
}
