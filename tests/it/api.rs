//! The VNG Verwerkingenlogging API, rule by rule, on SQLite and PostgreSQL.

use crate::common::{self, api_token, call, json, TestDb};
use axum::http::StatusCode;
use inzage::server::http::router;
use serde_json::{json, Value};

pub(super) const ALL: &str =
    "create:confidential read:confidential update:confidential delete:confidential";
const EXAMPLE: &str = include_str!("../fixtures/vng-verwerkingsactie-post-volledig.json");

pub(super) fn example() -> Value {
    serde_json::from_str(EXAMPLE).unwrap()
}

/// An action for `bsns` (each a person), in verwerking `verwerking`.
pub(super) fn actie(bsns: &[&str], verwerking: &str, vertrouwelijkheid: &str) -> Value {
    json!({
        "actieNaam": "Ophalen persoonsgegevens",
        "verwerkingId": verwerking,
        "vertrouwelijkheid": vertrouwelijkheid,
        "tijdstip": "2026-05-01T16:30:00+02:00",
        "systeem": "Zaaksysteem v3",
        "gebruiker": "mdw-17",
        "gegevensbron": "BRP",
        "verwerkteObjecten": bsns.iter().enumerate().map(|(i, bsn)| json!({
            "objecttype": "persoon", "soortObjectId": "BSN", "objectId": bsn,
            "betrokkenheid": if i == 0 { "Aanvrager" } else { "Getuige" },
            "verwerkteSoortenGegevens": [{ "soortGegeven": "Adres" }]
        })).collect::<Vec<_>>()
    })
}

pub(super) const VERWERKING: &str = "48086bf2-11b7-4603-9526-67d7c3bb6587";

fn objecten_uri(bsn: &str) -> String {
    format!("/api/v1/verwerkte-objecten?objecttype=persoon&soortObjectId=BSN&objectId={bsn}&beginDatum=2020-01-01&eindDatum=2030-01-01")
}

on_both_engines! {
    async fn the_vng_example_is_logged_and_read_back(t: TestDb) {
        let app = router(common::state(&t));
        let token = api_token(&t, ALL).await;
        let (status, headers, body) =
            call(&app, "POST", "/api/v1/verwerkingsacties", Some(&token), json(&example())).await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
        let actie_id = body["actieId"].as_str().unwrap().to_owned();
        let location = headers["location"].to_str().unwrap();
        assert_eq!(location, format!("http://127.0.0.1:3000/api/v1/verwerkingsacties/{actie_id}"));
        assert_eq!(body["url"], location);
        assert_eq!(headers["api-version"], "1.0.0");
        assert_eq!(body["tijdstip"], "2024-04-05T14:35:42+01:00", "kept as sent");
        assert!(body["tijdstipRegistratie"].as_str().unwrap().ends_with('Z'));
        assert_eq!(body["verwerkteObjecten"][0]["objectId"], "479580261");
        assert_eq!(body["gebruiker"], "123456789");

        let (status, _, read) =
            call(&app, "GET", &format!("/api/v1/verwerkingsacties/{actie_id}"), Some(&token), None).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(read, body);
        for field in ["actieNaam", "handelingNaam", "verwerkingNaam", "bewaartermijn", "uitvoerder",
                      "afnemerId", "verwerkingIdAfnemer", "verwerkingsactiviteitUrlAfnemer"] {
            assert_eq!(read[field], example()[field], "{field}");
        }
    }

    async fn enums_are_accepted_in_any_case_and_written_lower_case(t: TestDb) {
        let app = router(common::state(&t));
        let token = api_token(&t, ALL).await;
        let mut body = example();
        body["vertrouwelijkheid"] = json!("Vertrouwelijk");
        body["verwerkteObjecten"][0]["objecttype"] = json!("PERSOON");
        body["onbekendVeld"] = json!("wordt genegeerd");
        let (status, _, created) = call(&app, "POST", "/api/v1/verwerkingsacties", Some(&token), json(&body)).await;
        assert_eq!(status, StatusCode::CREATED, "{created}");
        assert_eq!(created["vertrouwelijkheid"], "vertrouwelijk");
        assert_eq!(created["verwerkteObjecten"][0]["objecttype"], "persoon");
        assert!(created.get("onbekendVeld").is_none());
    }

    async fn a_wrong_value_is_a_400_that_names_the_field_but_not_the_value(t: TestDb) {
        let app = router(common::state(&t));
        let token = api_token(&t, ALL).await;
        let mut body = example();
        body["verwerkteObjecten"][0]["objectId"] = json!("123456789");
        body["uitvoerder"] = json!("123");
        body["bewaartermijn"] = json!("10 jaar");
        let (status, headers, problem) =
            call(&app, "POST", "/api/v1/verwerkingsacties", Some(&token), json(&body)).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert_eq!(headers["content-type"], "application/problem+json");
        let names: Vec<&str> = problem["invalidParams"].as_array().unwrap()
            .iter().map(|p| p["name"].as_str().unwrap()).collect();
        assert!(names.contains(&"verwerkteObjecten.0.objectId"), "{names:?}");
        assert!(names.contains(&"uitvoerder"), "{names:?}");
        assert!(names.contains(&"bewaartermijn"), "{names:?}");
        assert!(!problem.to_string().contains("123456789"), "the value is not echoed");
        assert_eq!(t.db.version_count().await.unwrap(), 0, "nothing stored");

        let (status, _, _) = call(&app, "POST", "/api/v1/verwerkingsacties", Some(&token),
            Some(("application/json", b"{not json".to_vec()))).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        let (status, _, _) = call(&app, "POST", "/api/v1/verwerkingsacties", Some(&token),
            Some(("text/plain", EXAMPLE.as_bytes().to_vec()))).await;
        assert_eq!(status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
        let huge = vec![b' '; 2 * 1024 * 1024];
        let (status, _, _) = call(&app, "POST", "/api/v1/verwerkingsacties", Some(&token),
            Some(("application/json", huge))).await;
        assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    }

    async fn every_call_needs_a_valid_unrevoked_token(t: TestDb) {
        let app = router(common::state(&t));
        let (status, headers, problem) = call(&app, "GET", "/api/v1/verwerkingsacties/x", None, None).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        assert_eq!(headers["content-type"], "application/problem+json");
        assert_eq!(problem["status"], 401);
        let (status, _, _) = call(&app, "POST", "/api/v1/verwerkingsacties",
            Some("inz_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"), json(&example())).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);

        let token = api_token(&t, ALL).await;
        let (status, _, _) = call(&app, "POST", "/api/v1/verwerkingsacties", Some(&token), json(&example())).await;
        assert_eq!(status, StatusCode::CREATED);
        let name = t.db.list_clients().await.unwrap()[0].name.clone();
        assert!(t.db.revoke_client(&name, 1).await.unwrap());
        let (status, _, _) = call(&app, "POST", "/api/v1/verwerkingsacties", Some(&token), json(&example())).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
    }

    async fn scopes_follow_the_standard(t: TestDb) {
        let app = router(common::state(&t));
        let normal = api_token(&t, "create:normal read:normal update:normal delete:normal").await;
        let full = api_token(&t, ALL).await;
        let post = |token: String, v: &'static str| {
            let app = app.clone();
            async move {
                call(&app, "POST", "/api/v1/verwerkingsacties", Some(&token),
                     json(&actie(&["999993653"], VERWERKING, v))).await.0
            }
        };
        assert_eq!(post(full.clone(), "opgeheven").await, StatusCode::FORBIDDEN, "opgeheven is never posted");
        assert_eq!(post(normal.clone(), "vertrouwelijk").await, StatusCode::FORBIDDEN);
        assert_eq!(post(full.clone(), "vertrouwelijk").await, StatusCode::CREATED);
        assert_eq!(post(normal.clone(), "normaal").await, StatusCode::CREATED);

        let list = "/api/v1/verwerkingsacties?objecttype=persoon&soortObjectId=BSN&objectId=999993653";
        let (status, _, _) = call(&app, "GET", list, Some(&normal), None).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "read:normal must ask for normaal");
        let (status, _, page) = call(&app, "GET", &format!("{list}&vertrouwelijkheid=normaal"), Some(&normal), None).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(page["count"], 1);
        let (_, _, page) = call(&app, "GET", list, Some(&full), None).await;
        assert_eq!(page["count"], 2);

        let read_only = api_token(&t, "read:normal").await;
        assert_eq!(post(read_only, "normaal").await, StatusCode::FORBIDDEN);

        // update:normal may not touch confidentiality
        let (status, _, _) = call(&app, "PATCH", &format!("/api/v1/verwerkingsacties?verwerkingId={VERWERKING}"),
            Some(&normal), json(&json!({ "vertrouwelijkheid": "opgeheven" }))).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        // delete:normal may not delete a vertrouwelijk action
        let (_, _, all) = call(&app, "GET", list, Some(&full), None).await;
        let secret = all["results"].as_array().unwrap().iter()
            .find(|a| a["vertrouwelijkheid"] == "vertrouwelijk").unwrap()["actieId"].as_str().unwrap().to_owned();
        let (status, _, _) = call(&app, "DELETE", &format!("/api/v1/verwerkingsacties/{secret}"), Some(&normal), None).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "as if it did not exist");
        let (status, _, _) = call(&app, "GET", &format!("/api/v1/verwerkingsacties/{secret}"), Some(&normal), None).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "a normal reader does not see it");
    }

    async fn a_client_cannot_log_the_portals_own_activities(t: TestDb) {
        // Logged under the resident's own look, a client's use would drop out of the
        // resident's count; under the look-up, it would pose as a member of staff.
        let app = router(common::state(&t));
        let token = api_token(&t, ALL).await;
        for own in [inzage::register::VIEW_ACTIVITY_ID, inzage::register::LOOKUP_ACTIVITY_ID] {
            let mut posing = actie(&["999993653"], VERWERKING, "normaal");
            posing["verwerkingsactiviteitId"] = json!(own.to_uppercase());
            let (status, _, problem) = call(&app, "POST", "/api/v1/verwerkingsacties", Some(&token), json(&posing)).await;
            assert_eq!(status, StatusCode::FORBIDDEN, "{problem}");
            let body = format!("{}\n{posing}\n", actie(&["999993653"], VERWERKING, "normaal"));
            let (_, _, answer) = call(&app, "POST", "/api/v1/verwerkingsacties/bulk", Some(&token),
                Some((inzage::api::NDJSON, body.into_bytes()))).await;
            let statuses: Vec<u64> = answer.as_str().unwrap().lines()
                .map(|l| serde_json::from_str::<Value>(l).unwrap()["status"].as_u64().unwrap()).collect();
            assert_eq!(statuses, [201, 403]);
            let (_, _, created) = call(&app, "POST", "/api/v1/verwerkingsacties", Some(&token),
                json(&actie(&["999993653"], VERWERKING, "normaal"))).await;
            let uri = format!("/api/v1/verwerkingsacties/{}", created["actieId"].as_str().unwrap());
            let (status, _, _) = call(&app, "PUT", &uri, Some(&token), json(&posing)).await;
            assert_eq!(status, StatusCode::FORBIDDEN, "nor by a correction");
        }
        assert_eq!(t.db.version_count().await.unwrap(), 4, "only the ordinary actions");
    }

    async fn put_patch_and_delete_add_versions(t: TestDb) {
        let app = router(common::state(&t));
        let token = api_token(&t, ALL).await;
        let (_, _, first) = call(&app, "POST", "/api/v1/verwerkingsacties", Some(&token),
            json(&actie(&["999993653"], VERWERKING, "normaal"))).await;
        let (_, _, second) = call(&app, "POST", "/api/v1/verwerkingsacties", Some(&token),
            json(&actie(&["999990019"], VERWERKING, "normaal"))).await;
        let id = first["actieId"].as_str().unwrap().to_owned();
        let uri = format!("/api/v1/verwerkingsacties/{id}");

        let mut corrected = actie(&["999993653"], VERWERKING, "normaal");
        corrected["actieNaam"] = json!("Opslaan persoonsgegevens");
        let (status, _, put) = call(&app, "PUT", &uri, Some(&token), json(&corrected)).await;
        assert_eq!(status, StatusCode::OK, "{put}");
        assert_eq!(put["actieId"], first["actieId"], "the action keeps its id");
        assert_eq!(put["actieNaam"], "Opslaan persoonsgegevens");
        assert_eq!(t.db.version_count().await.unwrap(), 3);

        let (status, _, _) = call(&app, "PATCH", &format!("/api/v1/verwerkingsacties?verwerkingId={VERWERKING}"),
            Some(&token), json(&json!({ "bewaartermijn": "P5Y", "vertrouwelijkheid": "Vertrouwelijk" }))).await;
        assert_eq!(status, StatusCode::NO_CONTENT);
        assert_eq!(t.db.version_count().await.unwrap(), 5, "one new version per action");
        for a in [&first, &second] {
            let (_, _, now) = call(&app, "GET", &format!("/api/v1/verwerkingsacties/{}", a["actieId"].as_str().unwrap()),
                Some(&token), None).await;
            assert_eq!(now["bewaartermijn"], "P5Y");
            assert_eq!(now["vertrouwelijkheid"], "vertrouwelijk");
            assert_eq!(now["verwerkteObjecten"].as_array().unwrap().len(), 1, "objects kept");
        }
        let (status, _, _) = call(&app, "PATCH", "/api/v1/verwerkingsacties?verwerkingId=00000000-0000-0000-0000-000000000000",
            Some(&token), json(&json!({ "bewaartermijn": "P1Y" }))).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let (status, _, _) = call(&app, "PATCH", "/api/v1/verwerkingsacties", Some(&token),
            json(&json!({ "bewaartermijn": "P1Y" }))).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "verwerkingId is required");

        let (status, _, _) = call(&app, "DELETE", &uri, Some(&token), None).await;
        assert_eq!(status, StatusCode::NO_CONTENT);
        let (status, _, _) = call(&app, "GET", &uri, Some(&token), None).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let (status, _, _) = call(&app, "DELETE", &uri, Some(&token), None).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "already deleted");
        assert_eq!(t.db.version_count().await.unwrap(), 6, "history stays");
        let list = "/api/v1/verwerkingsacties?objecttype=persoon&soortObjectId=BSN&objectId=999993653";
        let (_, _, page) = call(&app, "GET", list, Some(&token), None).await;
        assert_eq!(page["count"], 0, "deleted actions are not listed");
    }

    async fn the_inzage_api_shows_one_person_what_they_may_see(t: TestDb) {
        let app = router(common::state(&t));
        let token = api_token(&t, ALL).await;
        let reader = api_token(&t, "read:confidential").await;
        let secret_verwerking = "5d2b5f0e-0b8c-4a4e-9d5a-3f1c2a9b7e11";
        for (bsns, verwerking, v) in [
            (vec!["999993653", "999990019"], VERWERKING, "normaal"),
            (vec!["999993653"], secret_verwerking, "vertrouwelijk"),
        ] {
            let (status, _, _) = call(&app, "POST", "/api/v1/verwerkingsacties", Some(&token),
                json(&actie(&bsns, verwerking, v))).await;
            assert_eq!(status, StatusCode::CREATED);
        }
        let (status, _, page) = call(&app, "GET", &objecten_uri("999993653"), Some(&reader), None).await;
        assert_eq!(status, StatusCode::OK, "{page}");
        assert_eq!(page["count"], 1, "vertrouwelijk is not shown");
        let result = &page["results"][0];
        assert_eq!(result["objectId"], "999993653");
        let actie = &result["verwerkingsactie"];
        for hidden in ["systeem", "gebruiker", "gegevensbron"] {
            assert!(actie.get(hidden).is_none(), "{hidden} is not shown");
        }
        let objects = actie["verwerkteObjecten"].as_array().unwrap();
        assert_eq!(objects.len(), 1, "only the person's own object");
        assert!(!page.to_string().contains("999990019"), "the other person is not shown");

        let id = result["verwerktObjectId"].as_str().unwrap();
        let (status, _, one) = call(&app, "GET", &format!("/api/v1/verwerkte-objecten/{id}"), Some(&reader), None).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(one["verwerktObjectId"], id);

        // lifting confidentiality makes it visible
        let (status, _, _) = call(&app, "PATCH", &format!("/api/v1/verwerkingsacties?verwerkingId={secret_verwerking}"),
            Some(&token), json(&json!({ "vertrouwelijkheid": "opgeheven" }))).await;
        assert_eq!(status, StatusCode::NO_CONTENT);
        let (_, _, page) = call(&app, "GET", &objecten_uri("999993653"), Some(&reader), None).await;
        assert_eq!(page["count"], 2, "opgeheven is shown");

        // the period is required
        let (status, _, problem) = call(&app, "GET",
            "/api/v1/verwerkte-objecten?objecttype=persoon&soortObjectId=BSN&objectId=999993653", Some(&reader), None).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert!(problem.to_string().contains("beginDatum"));
    }

    async fn an_idempotency_key_makes_a_retry_return_the_first_answer(t: TestDb) {
        let app = router(common::state(&t));
        let token = api_token(&t, ALL).await;
        let send = |body: Value| {
            let app = app.clone();
            let token = token.clone();
            async move {
                let request = axum::http::Request::post("/api/v1/verwerkingsacties")
                    .header("authorization", format!("Bearer {token}"))
                    .header("content-type", "application/json")
                    .header("idempotency-key", "retry-1")
                    .body(axum::body::Body::from(serde_json::to_vec(&body).unwrap()))
                    .unwrap();
                use tower::ServiceExt;
                let response = app.oneshot(request).await.unwrap();
                let status = response.status();
                use http_body_util::BodyExt;
                let bytes = response.into_body().collect().await.unwrap().to_bytes();
                (status, serde_json::from_slice::<Value>(&bytes).unwrap())
            }
        };
        let (status, first) = send(example()).await;
        assert_eq!(status, StatusCode::CREATED);
        let (status, again) = send(example()).await;
        assert_eq!(status, StatusCode::CREATED);
        assert_eq!(again, first, "the first answer, read back");
        assert_eq!(t.db.version_count().await.unwrap(), 1, "stored once");
        let mut other = example();
        other["actieNaam"] = json!("Iets anders");
        let (status, _) = send(other).await;
        assert_eq!(status, StatusCode::CONFLICT);
        assert_eq!(t.db.version_count().await.unwrap(), 1);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_openapi_document_describes_every_route() {
    let t = TestDb::sqlite().await;
    let app = router(common::state(&t));
    let (status, _, doc) = call(&app, "GET", "/api/v1/openapi.json", None, None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(doc["openapi"], "3.0.3");
    for path in [
        "/verwerkingsacties",
        "/verwerkingsacties/bulk",
        "/verwerkingsacties/{actieId}",
        "/verwerkte-objecten",
        "/verwerkte-objecten/{verwerktObjectId}",
    ] {
        assert!(doc["paths"].get(path).is_some(), "{path}");
    }
    let schemas = doc["components"]["schemas"].as_object().unwrap();
    let actie = &schemas["Verwerkingsactie"];
    let text = actie.to_string();
    for field in ["actieId", "tijdstipRegistratie", "verwerkteObjecten"] {
        assert!(text.contains(field), "{field} in {text}");
    }
    // every $ref points at a schema that exists
    let all = doc.to_string();
    for part in all.split("\"$ref\":\"#/components/schemas/").skip(1) {
        let name = part.split('"').next().unwrap();
        assert!(schemas.contains_key(name), "dangling $ref {name}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unknown_api_paths_are_problem_json_404() {
    let t = TestDb::sqlite().await;
    let app = router(common::state(&t));
    let (status, headers, _) = call(&app, "GET", "/api/v1/bestaat-niet", None, None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(headers["content-type"], "application/problem+json");
}
