//! The register of processing activities: import, versions, the VAR API,
//! unknown activities and the demo municipality, on both engines.

use crate::common::{self, api_token, call, json, TestApp, TestDb};
use axum::http::StatusCode;
use inzage::{
    domain::Oin, register::import::parse_file, server::http::router,
    store::register::NewActivityVersion,
};
use serde_json::json;

const VAR_EXAMPLE: &str = include_str!("../fixtures/vng-var-verwerkingsactiviteit.json");
const VAR_ID: &str = "c83b2d4e-119b-4214-9567-8095e1d30eff";

fn gemeente() -> Oin {
    "00000001001234567000".parse().unwrap()
}

async fn import(t: &TestDb, name: &str, bytes: &[u8]) -> Result<usize, Vec<String>> {
    let parsed = parse_file(name, bytes, &gemeente())
        .map_err(|errors| errors.iter().map(ToString::to_string).collect::<Vec<_>>())?;
    let versions: Vec<_> = parsed
        .iter()
        .map(|p| NewActivityVersion {
            activity: &p.activity,
            geldig_vanaf: p.geldig_vanaf.unwrap_or(0),
            actief: true,
        })
        .collect();
    t.db.add_activity_versions(&versions, "test").await.unwrap();
    Ok(versions.len())
}

const CSV: &str = "id,naam,doel,grondslag,toelichtingGrondslag,gegevens,bewaartermijnIso,vertrouwelijk\n\
    0b6f9a52-3c1d-4e8f-9a7b-1c2d3e4f5a6b,Verstrekken parkeervergunning,Parkeervergunningen verlenen,Publieke taak,Gemeentewet artikel 225,Naam;Adres;Kenteken,P5Y,nee\n\
    1c7a0b63-4d2e-4f90-8b8c-2d3e4f5a6b7c,Onderzoek bijstandsfraude,Fraude onderzoeken,Wettelijke verplichting,Participatiewet artikel 53a,Inkomen,P7Y,ja\n";

on_both_engines! {
    async fn the_var_example_is_imported_and_served_with_an_etag(t: TestDb) {
        assert_eq!(import(&t, "var.json", VAR_EXAMPLE.as_bytes()).await.unwrap(), 1);
        let app = router(common::state(&t));
        let token = api_token(&t, "read:normal").await;
        let (status, headers, page) = call(&app, "GET", "/api/v1/verwerkingsactiviteiten", Some(&token), None).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(page["count"], 1);
        let item = &page["results"][0];
        assert_eq!(item["id"], VAR_ID);
        assert_eq!(item["grondslag"], "Wettelijke verplichting");
        assert_eq!(item["verantwoordelijkeOrganisatie"], "00000001821002193000");
        assert_eq!(item["toelichtingGrondslag"], "BW Art. 1:20 lid 2, 1:20a lid 2 en 3, 1:80e lid 2, 1:163 en 1:183");
        let etag = headers["etag"].to_str().unwrap().to_owned();

        let request = axum::http::Request::get("/api/v1/verwerkingsactiviteiten")
            .header("authorization", format!("Bearer {token}"))
            .header("if-none-match", &etag)
            .body(axum::body::Body::empty())
            .unwrap();
        let response = tower::ServiceExt::oneshot(app.clone(), request).await.unwrap();
        assert_eq!(response.status(), StatusCode::NOT_MODIFIED);

        let (status, headers, one) =
            call(&app, "GET", &format!("/api/v1/verwerkingsactiviteiten/{VAR_ID}"), Some(&token), None).await;
        assert_eq!(status, StatusCode::OK);
        assert!(headers.contains_key("etag"));
        assert_eq!(one["naam"], "Wijzigen van geslachtsnaam.");
        let (status, _, _) = call(&app, "GET", "/api/v1/verwerkingsactiviteiten/00000000-0000-0000-0000-000000000000",
            Some(&token), None).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let (status, _, _) = call(&app, "GET", "/api/v1/verwerkingsactiviteiten", None, None).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
    }

    async fn a_csv_file_is_imported_row_by_row(t: TestDb) {
        assert_eq!(import(&t, "register.csv", CSV.as_bytes()).await.unwrap(), 2);
        let all = t.db.activities_at(i64::MAX).await.unwrap();
        assert_eq!(all.len(), 2);
        let fraud = all.iter().find(|a| a.activity.naam.contains("fraude")).unwrap();
        assert!(fraud.activity.vertrouwelijk);
        assert_eq!(fraud.activity.gegevens, vec!["Inkomen"]);
        let parking = all.iter().find(|a| a.activity.naam.contains("parkeer")).unwrap();
        assert_eq!(parking.activity.gegevens, vec!["Naam", "Adres", "Kenteken"]);
        assert_eq!(parking.activity.bewaartermijn_iso.as_deref(), Some("P5Y"));
    }

    async fn a_file_with_a_bad_row_stores_nothing(t: TestDb) {
        let bad = format!("{CSV}2d8b1c74-5e3f-4a01-9c9d-3e4f5a6b7c8d,,Zonder naam,Weet ik veel,,,10 jaar,nee\n");
        let errors = import(&t, "register.csv", bad.as_bytes()).await.unwrap_err();
        let text = errors.join("\n");
        assert!(text.contains("row 4: naam: required"), "{text}");
        assert!(text.contains("row 4: grondslag"), "{text}");
        assert!(text.contains("row 4: bewaartermijnIso"), "{text}");
        assert!(t.db.activities_at(i64::MAX).await.unwrap().is_empty(), "nothing stored");

        let errors = import(&t, "x.json", br#"[{"id": "nope", "naam": "X", "doel": "Y", "grondslag": "Publieke taak"}]"#)
            .await.unwrap_err();
        assert!(errors.join("\n").contains("row 1: id: not a UUID"), "{errors:?}");
    }

    async fn an_edit_adds_a_version_that_takes_effect_later(t: TestDb) {
        import(&t, "var.json", VAR_EXAMPLE.as_bytes()).await.unwrap();
        let mut changed = t.db.activity_at(VAR_ID, i64::MAX).await.unwrap().unwrap().activity;
        changed.doel = "Nieuw doel".into();
        t.db.add_activity_versions(&[NewActivityVersion { activity: &changed, geldig_vanaf: 1_000, actief: true }], "test")
            .await.unwrap();
        assert_eq!(t.db.activity_at(VAR_ID, 999).await.unwrap().unwrap().activity.doel,
            "Verwerken van een verzoek tot geslachtsnaamwijziging");
        assert_eq!(t.db.activity_at(VAR_ID, 1_000).await.unwrap().unwrap().activity.doel, "Nieuw doel");
        assert_eq!(t.db.activity_versions(VAR_ID).await.unwrap().len(), 2);
        // deactivating is a version too
        t.db.add_activity_versions(&[NewActivityVersion { activity: &changed, geldig_vanaf: 2_000, actief: false }], "test")
            .await.unwrap();
        assert!(!t.db.activity_at(VAR_ID, i64::MAX).await.unwrap().unwrap().actief);
    }

    async fn an_entry_naming_an_unknown_activity_is_kept_and_marked(t: TestDb) {
        let app = router(common::state(&t));
        let token = api_token(&t, "create:normal").await;
        let body = json!({
            "tijdstip": "2026-05-01T10:00:00+02:00",
            "verwerkingsactiviteitId": VAR_ID,
            "verwerkteObjecten": [{ "objecttype": "persoon", "soortObjectId": "BSN", "objectId": "999993653" }]
        });
        let (status, _, _) = call(&app, "POST", "/api/v1/verwerkingsacties", Some(&token), json(&body)).await;
        assert_eq!(status, StatusCode::CREATED, "never rejected for an unknown activity");
        assert_eq!(t.db.unknown_activities().await.unwrap(), vec![(VAR_ID.to_owned(), 1)]);
        import(&t, "var.json", VAR_EXAMPLE.as_bytes()).await.unwrap();
        assert!(t.db.unknown_activities().await.unwrap().is_empty(), "explained once the register knows it");
    }

    async fn the_demo_municipality_is_seeded_once(t: TestDb) {
        let log = inzage::ingest::LogService::new(t.db.clone(), std::sync::Arc::new(inzage::crypto::Keys::for_tests()));
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
        let report = inzage::demo::seed(&t.db, &log, today).await.unwrap();
        assert!(report.activities >= 35, "{report:?}");
        assert!(report.entries > 5_000, "{report:?}");
        assert!(t.db.version_count().await.unwrap() as usize >= report.entries);
        assert!(t.db.unknown_activities().await.unwrap().is_empty(), "every entry points to a register activity");
        assert_eq!(t.db.afdelingen().await.unwrap().len(), 10);
        let again = inzage::demo::seed(&t.db, &log, today).await.unwrap();
        assert_eq!(again.entries, 0, "a log with entries is left alone");
    }

    async fn staff_edit_and_deactivate_through_the_register_pages(t: TestDb) {
        import(&t, "var.json", VAR_EXAMPLE.as_bytes()).await.unwrap();
        let app = TestApp::demo(t);
        let officer = app.login_staff("privacy_officer").await;
        let clerk = app.login_staff("clerk").await;
        let list = app.get("/medewerker/register?zoek=GESLACHTSNAAMWIJZIGING", &officer).await;
        assert_eq!(list.status, 200);
        assert!(list.body.contains(&format!("/medewerker/register/{VAR_ID}")), "found by search");
        let none = app.get("/medewerker/register?zoek=bestaat-niet-xyz", &officer).await.body;
        assert!(!none.contains("/medewerker/register/c83b"));
        assert_eq!(app.get("/medewerker/register", &clerk).await.status, 403);

        let save = |form: String| {
            let app = app.clone();
            let officer = officer.clone();
            async move { app.call_fn("/api/portaal/medewerker-activiteit-opslaan", &officer, &form).await.status }
        };
        let form = |naam: &str, actief: bool| format!(
            "id={VAR_ID}&actief={actief}&velden[naam]={naam}&velden[doel]=Een+doel&velden[grondslag]=Publieke+taak\
             &velden[wet]=Wet+BRP&velden[wet_url]=https://wetten.overheid.nl/x&velden[bewaartermijn]=&velden[titel_nl]=Titel\
             &velden[uitleg_nl]=Uitleg&velden[titel_en]=&velden[uitleg_en]="
        );
        let before = app.db.activity_versions(VAR_ID).await.unwrap().len();
        assert_eq!(save(form("Nieuwe+naam", true)).await, 200);
        let now = chrono::Utc::now().timestamp_micros() + 1;
        let current = app.db.activity_at(VAR_ID, now).await.unwrap().unwrap();
        assert_eq!(current.activity.naam, "Nieuwe naam");
        assert_eq!(app.db.activity_versions(VAR_ID).await.unwrap().len(), before + 1, "a new version, the old one kept");
        // An empty name is refused and stores nothing.
        assert_ne!(save(form("", true)).await, 200);
        assert_eq!(app.db.activity_versions(VAR_ID).await.unwrap().len(), before + 1);
        // Deactivate.
        assert_eq!(save(form("Nieuwe+naam", false)).await, 200);
        let now = chrono::Utc::now().timestamp_micros() + 1;
        assert!(!app.db.activity_at(VAR_ID, now).await.unwrap().unwrap().actief);
        let detail = app.get(&format!("/medewerker/register/{VAR_ID}"), &officer).await.body;
        assert!(detail.contains("Zet weer op actief") && detail.contains("Niet actief"));
    }
}
