//! Tests of parsing action and `PATCH` bodies.

use super::*;
use serde_json::{json, Value};

const VOLLEDIG: &str =
    include_str!("../../../tests/fixtures/vng-verwerkingsactie-post-volledig.json");

fn volledig() -> Value {
    serde_json::from_str(VOLLEDIG).unwrap()
}

fn minimal() -> Value {
    json!({
        "tijdstip": "2024-04-05T14:35:42+01:00",
        "verwerkteObjecten": [
            {"objecttype": "persoon", "soortObjectId": "BSN", "objectId": "999993653"}
        ]
    })
}

/// (name, code) of each problem, for compact assertions.
fn problems(body: &Value) -> Vec<(String, String)> {
    NewActie::from_json(body)
        .expect_err("body should be rejected")
        .into_iter()
        .map(|e| (e.name, e.code))
        .collect()
}

fn pairs(v: &[(&str, &str)]) -> Vec<(String, String)> {
    v.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

#[test]
fn the_full_spec_example_parses() {
    let a = NewActie::from_json(&volledig()).unwrap();
    assert_eq!(a.actie_naam.as_deref(), Some("Zoeken personen"));
    assert_eq!(a.handeling_naam.as_deref(), Some("Intake"));
    assert_eq!(a.verwerking_naam.as_deref(), Some("Huwelijk"));
    assert_eq!(
        a.verwerking_id,
        Some(Uuid::parse_str("48086bf2-11b7-4603-9526-67d7c3bb6587").unwrap())
    );
    assert_eq!(
        a.verwerkingsactiviteit_id.unwrap().to_string(),
        "5f0bef4c-f66f-4311-84a5-19e8bf359eaf"
    );
    assert!(a
        .verwerkingsactiviteit_url
        .as_deref()
        .unwrap()
        .starts_with("https://verwerkingsactiviteiten-api.vng.cloud/"));
    assert_eq!(a.vertrouwelijkheid, Vertrouwelijkheid::Normaal);
    assert_eq!(a.bewaartermijn.as_ref().unwrap().as_str(), "P10Y");
    assert_eq!(
        a.uitvoerder.as_ref().unwrap().as_str(),
        "00000001821002193000"
    );
    assert_eq!(a.systeem.as_deref(), Some("FooBarApp v2.1"));
    assert_eq!(a.gebruiker.as_deref(), Some("123456789"));
    assert_eq!(
        a.gegevensbron.as_deref(),
        Some("FooBar Database Publiekszaken")
    );
    assert_eq!(a.soort_afnemer_id.as_deref(), Some("OIN"));
    assert_eq!(a.afnemer_id.as_deref(), Some("00000001821002193000"));
    assert!(!a.afnemer_is_bsn());
    assert_eq!(
        a.verwerkingsactiviteit_id_afnemer.unwrap().to_string(),
        "c5b9f4e7-8c79-41b9-91e2-6268419cb167"
    );
    assert!(a.verwerkingsactiviteit_url_afnemer.is_some());
    assert_eq!(
        a.verwerking_id_afnemer.unwrap().to_string(),
        "4b698de3-ffba-45e7-8697-a283ec863db2"
    );
    assert_eq!(a.tijdstip.as_str(), "2024-04-05T14:35:42+01:00");
    assert_eq!(a.verwerkte_objecten.len(), 1);
    let o = &a.verwerkte_objecten[0];
    assert_eq!(o.objecttype, Objecttype::Persoon);
    assert_eq!(o.soort_object_id, "BSN");
    assert_eq!(o.object_id, "479580261");
    assert_eq!(o.betrokkenheid.as_deref(), Some("Getuige"));
    assert_eq!(o.soorten_gegevens, ["BSN"]);
    assert!(o.is_bsn());
    assert_eq!(o.bsn().unwrap().as_str(), "479580261");
}

#[test]
fn a_minimal_body_parses_with_defaults() {
    let a = NewActie::from_json(&minimal()).unwrap();
    assert_eq!(a.vertrouwelijkheid, Vertrouwelijkheid::Normaal);
    assert_eq!(a.bewaartermijn, None);
    assert_eq!(a.actie_naam, None);
    assert_eq!(a.verwerkte_objecten[0].betrokkenheid, None);
    assert!(a.verwerkte_objecten[0].soorten_gegevens.is_empty());
}

#[test]
fn an_empty_object_list_is_allowed() {
    let body = json!({"tijdstip": "2024-04-05T14:35:42Z", "verwerkteObjecten": []});
    assert!(NewActie::from_json(&body)
        .unwrap()
        .verwerkte_objecten
        .is_empty());
}

#[test]
fn null_means_absent() {
    let mut body = volledig();
    for key in [
        "actieNaam",
        "verwerkingId",
        "verwerkingsactiviteitUrl",
        "vertrouwelijkheid",
        "bewaartermijn",
        "uitvoerder",
        "afnemerId",
    ] {
        body[key] = Value::Null;
    }
    body["verwerkteObjecten"][0]["betrokkenheid"] = Value::Null;
    body["verwerkteObjecten"][0]["verwerkteSoortenGegevens"] = Value::Null;
    let a = NewActie::from_json(&body).unwrap();
    assert_eq!(a.actie_naam, None);
    assert_eq!(a.verwerking_id, None);
    assert_eq!(a.vertrouwelijkheid, Vertrouwelijkheid::Normaal);
    assert_eq!(a.bewaartermijn, None);
    assert_eq!(a.uitvoerder, None);
    assert_eq!(a.afnemer_id, None);
    assert_eq!(a.verwerkte_objecten[0].betrokkenheid, None);

    let body = json!({"tijdstip": null, "verwerkteObjecten": null});
    assert_eq!(
        problems(&body),
        pairs(&[("tijdstip", "required"), ("verwerkteObjecten", "required")])
    );
}

#[test]
fn unknown_and_read_only_fields_are_ignored() {
    let mut body = volledig();
    body["url"] = json!("https://elders.example/x");
    body["actieId"] = json!("not even a uuid");
    body["tijdstipRegistratie"] = json!(12);
    body["vervallen"] = json!(true);
    body["🦀 ✓ \u{0}"] = json!({"nested": [1, 2, 3]});
    body["verwerkteObjecten"][0]["url"] = json!(false);
    body["verwerkteObjecten"][0]["verwerktObjectId"] = json!("x");
    body["verwerkteObjecten"][0]["extra"] = json!(null);
    body["verwerkteObjecten"][0]["verwerkteSoortenGegevens"][0]["x"] = json!(1);
    assert_eq!(
        NewActie::from_json(&body).unwrap(),
        NewActie::from_json(&volledig()).unwrap()
    );
}

#[test]
fn enums_in_any_case() {
    let mut body = minimal();
    body["vertrouwelijkheid"] = json!("Vertrouwelijk");
    body["verwerkteObjecten"][0]["objecttype"] = json!("PERSOON");
    let a = NewActie::from_json(&body).unwrap();
    assert_eq!(a.vertrouwelijkheid, Vertrouwelijkheid::Vertrouwelijk);
    assert_eq!(a.verwerkte_objecten[0].objecttype, Objecttype::Persoon);
    body["vertrouwelijkheid"] = json!("opgeheven");
    assert_eq!(
        NewActie::from_json(&body).unwrap().vertrouwelijkheid,
        Vertrouwelijkheid::Opgeheven
    );
}

#[test]
fn every_problem_is_reported_with_its_path() {
    let body = json!({
        "actieNaam": "x".repeat(243),
        "handelingNaam": 12,
        "verwerkingId": "48086bf2",
        "verwerkingsactiviteitUrl": "geen uri",
        "vertrouwelijkheid": "geheim",
        "bewaartermijn": "10 jaar",
        "uitvoerder": "tU32754115903933455861(5",
        "gebruiker": "g".repeat(41),
        "tijdstip": "2024-04-05T14:35:42",
        "verwerkteObjecten": [
            {"objecttype": "persoon", "soortObjectId": "BSN", "objectId": "123456789"},
            {"objecttype": "ding", "soortObjectId": 5},
            "geen object",
            {"objecttype": "persoon", "soortObjectId": "personeelsnummer", "objectId": "x".repeat(41),
             "betrokkenheid": [], "verwerkteSoortenGegevens": [{"soortGegeven": 1}, {}, 7]},
            {"objecttype": "persoon", "soortObjectId": "bsn", "objectId": "12345678",
             "verwerkteSoortenGegevens": "BSN"}
        ]
    });
    assert_eq!(
        problems(&body),
        pairs(&[
            ("actieNaam", "max_length"),
            ("handelingNaam", "invalid"),
            ("verwerkingId", "invalid_uuid"),
            ("verwerkingsactiviteitUrl", "invalid_uri"),
            ("vertrouwelijkheid", "invalid_choice"),
            ("bewaartermijn", "invalid_duration"),
            ("uitvoerder", "invalid_oin"),
            ("gebruiker", "max_length"),
            ("tijdstip", "invalid_datetime"),
            ("verwerkteObjecten.0.objectId", "invalid_bsn"),
            ("verwerkteObjecten.1.objecttype", "invalid_choice"),
            ("verwerkteObjecten.1.soortObjectId", "invalid"),
            ("verwerkteObjecten.1.objectId", "required"),
            ("verwerkteObjecten.2", "invalid"),
            ("verwerkteObjecten.3.objectId", "max_length"),
            ("verwerkteObjecten.3.betrokkenheid", "invalid"),
            (
                "verwerkteObjecten.3.verwerkteSoortenGegevens.0.soortGegeven",
                "invalid"
            ),
            (
                "verwerkteObjecten.3.verwerkteSoortenGegevens.1.soortGegeven",
                "required"
            ),
            ("verwerkteObjecten.3.verwerkteSoortenGegevens.2", "invalid"),
            ("verwerkteObjecten.4.objectId", "invalid_bsn"),
            ("verwerkteObjecten.4.verwerkteSoortenGegevens", "invalid"),
        ])
    );
}

#[test]
fn required_fields_and_wrong_shapes() {
    assert_eq!(
        problems(&json!({})),
        pairs(&[("tijdstip", "required"), ("verwerkteObjecten", "required")])
    );
    assert_eq!(
        problems(&json!({"tijdstip": 1700000000, "verwerkteObjecten": {}})),
        pairs(&[("tijdstip", "invalid"), ("verwerkteObjecten", "invalid")])
    );
    assert_eq!(
        problems(&json!({"tijdstip": "2024-04-05T14:35:42Z", "verwerkteObjecten": [{}]})),
        pairs(&[
            ("verwerkteObjecten.0.objecttype", "required"),
            ("verwerkteObjecten.0.soortObjectId", "required"),
            ("verwerkteObjecten.0.objectId", "required"),
        ])
    );
    for body in [json!([]), json!("x"), json!(null), json!(3)] {
        assert_eq!(problems(&body), pairs(&[("nonFieldErrors", "invalid")]));
    }
}

#[test]
fn reasons_never_echo_the_submitted_value() {
    let secrets = ["123456789", "98765432", "x12345678", "٣٣٣٣٣٣٣٣٣"];
    for secret in secrets {
        for soort in ["BSN", "bsn"] {
            let body = json!({
                "tijdstip": secret,
                "bewaartermijn": secret,
                "verwerkingId": secret,
                "uitvoerder": secret,
                "vertrouwelijkheid": secret,
                "verwerkingsactiviteitUrl": secret,
                "soortAfnemerId": soort,
                "afnemerId": secret,
                "verwerkteObjecten": [
                    {"objecttype": secret, "soortObjectId": soort, "objectId": secret}
                ]
            });
            let errs = NewActie::from_json(&body).unwrap_err();
            assert!(errs.len() >= 8, "{errs:?}");
            for e in &errs {
                assert!(!e.reason.contains(secret), "{e:?}");
                assert!(!e.name.contains(secret), "{e:?}");
            }
        }
    }
    // Too long is reported without the value either.
    let long = "9".repeat(41);
    let mut body = minimal();
    body["verwerkteObjecten"][0]["objectId"] = json!(long);
    let errs = NewActie::from_json(&body).unwrap_err();
    assert!(errs.iter().all(|e| !e.reason.contains(&long[..9])));
}

#[test]
fn bsn_check_only_for_soort_bsn() {
    let mut body = minimal();
    body["verwerkteObjecten"][0]["soortObjectId"] = json!("personeelsnummer");
    body["verwerkteObjecten"][0]["objectId"] = json!("");
    let a = NewActie::from_json(&body).unwrap();
    assert_eq!(a.verwerkte_objecten[0].object_id, "");
    assert!(!a.verwerkte_objecten[0].is_bsn());
    assert_eq!(a.verwerkte_objecten[0].bsn(), None);

    // Arbitrary Unicode is fine for other identifier kinds (schemathesis sends it).
    body["verwerkteObjecten"][0]["objectId"] = json!("é🦀\u{200b}");
    assert!(NewActie::from_json(&body).is_ok());

    for (soort, id, ok) in [
        ("BSN", "999993653", true),
        ("bsn", "479580261", true),
        ("Bsn", "123456782", true),
        ("BSN", "123456789", false),
        ("BSN", "", false),
        ("BSN", " 999993653", false),
        ("BSN ", "123456789", false), // BSN in any spelling is checked
        ("BSN-nummer", "123456789", true), // another identifier kind
    ] {
        let mut body = minimal();
        body["verwerkteObjecten"][0]["soortObjectId"] = json!(soort);
        body["verwerkteObjecten"][0]["objectId"] = json!(id);
        assert_eq!(NewActie::from_json(&body).is_ok(), ok, "{soort:?} {id:?}");
    }
}

#[test]
fn eight_digit_bsn_is_stored_with_its_leading_zero() {
    let mut body = minimal();
    body["verwerkteObjecten"][0]["objectId"] = json!("12345672");
    let a = NewActie::from_json(&body).unwrap();
    assert_eq!(a.verwerkte_objecten[0].object_id, "012345672");
}

#[test]
fn afnemer_may_be_a_person() {
    let mut body = minimal();
    body["soortAfnemerId"] = json!("BSN");
    body["afnemerId"] = json!("999993653");
    let a = NewActie::from_json(&body).unwrap();
    assert!(a.afnemer_is_bsn());
    assert_eq!(a.afnemer_bsn().unwrap().as_str(), "999993653");
    assert!(!format!("{a:?}").contains("999993653"));

    body["afnemerId"] = json!("123456789");
    assert_eq!(problems(&body), pairs(&[("afnemerId", "invalid_bsn")]));

    // Without a BSN kind, afnemerId is any identifier of at most 40 characters.
    body["soortAfnemerId"] = json!("OIN");
    body["afnemerId"] = json!("00000001804770694000");
    let a = NewActie::from_json(&body).unwrap();
    assert_eq!(a.afnemer_bsn(), None);
    assert!(format!("{a:?}").contains("00000001804770694000"));
    body["afnemerId"] = json!("0".repeat(41));
    assert_eq!(problems(&body), pairs(&[("afnemerId", "max_length")]));
}

#[test]
fn debug_hides_object_ids() {
    let a = NewActie::from_json(&volledig()).unwrap();
    let dbg = format!("{a:?}");
    assert!(!dbg.contains("479580261"), "{dbg}");
    assert!(dbg.contains("Getuige"));
    let o = NewObject::for_bsn(&"999993653".parse().unwrap());
    assert!(!format!("{o:?}").contains("999993653"));
    assert!(!format!("{:#?}", vec![o]).contains("999993653"));
}

#[test]
fn lengths_are_at_the_limit_inclusive() {
    let mut body = minimal();
    body["actieNaam"] = json!("é".repeat(242));
    body["gebruiker"] = json!("€".repeat(40));
    body["verwerkingsactiviteitUrl"] = json!(format!("https://x/{}", "a".repeat(2032)));
    body["verwerkteObjecten"][0]["betrokkenheid"] = json!("b".repeat(242));
    body["verwerkteObjecten"][0]["verwerkteSoortenGegevens"] =
        json!([{"soortGegeven": "s".repeat(242)}]);
    assert!(NewActie::from_json(&body).is_ok());
    body["verwerkingsactiviteitUrl"] = json!(format!("https://x/{}", "a".repeat(2033)));
    assert_eq!(
        problems(&body),
        pairs(&[("verwerkingsactiviteitUrl", "max_length")])
    );
}

#[test]
fn every_duration_form_is_accepted_as_bewaartermijn() {
    for d in [
        "P10Y",
        "P3Y6M4DT12H30M5S",
        "P1W",
        "PT274M",
        "PT2314H9999M147S",
        "P18D",
        "PT0.5S",
    ] {
        let mut body = minimal();
        body["bewaartermijn"] = json!(d);
        let a = NewActie::from_json(&body).unwrap();
        assert_eq!(a.bewaartermijn.unwrap().as_str(), d);
    }
}

#[test]
fn patch_body() {
    let p = PatchBody::from_json(&json!({"bewaartermijn": "P10Y"})).unwrap();
    assert_eq!(p.bewaartermijn.unwrap().as_str(), "P10Y");
    assert_eq!(p.vertrouwelijkheid, None);

    let p = PatchBody::from_json(&json!({"vertrouwelijkheid": "Vertrouwelijk", "x": 1})).unwrap();
    assert_eq!(p.vertrouwelijkheid, Some(Vertrouwelijkheid::Vertrouwelijk));
    assert_eq!(p.bewaartermijn, None);

    let p = PatchBody::from_json(
        &json!({"bewaartermijn": "PT1991M", "vertrouwelijkheid": "opgeheven"}),
    )
    .unwrap();
    assert!(p.bewaartermijn.is_some() && p.vertrouwelijkheid.is_some());

    let names = |v: Value| -> Vec<(String, String)> {
        PatchBody::from_json(&v)
            .unwrap_err()
            .into_iter()
            .map(|e| (e.name, e.code))
            .collect()
    };
    assert_eq!(names(json!({})), pairs(&[("nonFieldErrors", "required")]));
    assert_eq!(
        names(json!({"bewaartermijn": null, "vertrouwelijkheid": null})),
        pairs(&[("nonFieldErrors", "required")])
    );
    assert_eq!(
        names(json!({"bewaartermijn": "150", "vertrouwelijkheid": 1})),
        pairs(&[
            ("bewaartermijn", "invalid_duration"),
            ("vertrouwelijkheid", "invalid")
        ])
    );
    assert_eq!(names(json!([1])), pairs(&[("nonFieldErrors", "invalid")]));
}

#[test]
fn problems_are_capped_for_huge_bodies() {
    let objs: Vec<Value> = (0..1000).map(|_| json!({})).collect();
    let body = json!({"tijdstip": "2024-04-05T14:35:42Z", "verwerkteObjecten": objs});
    let errs = NewActie::from_json(&body).unwrap_err();
    assert_eq!(errs.len(), super::super::fields::MAX_INVALID_PARAMS);
}

#[test]
fn new_builds_a_minimal_action() {
    let bsn: Bsn = "999993653".parse().unwrap();
    let a = NewActie::new(Tijdstip::now(), vec![NewObject::for_bsn(&bsn)]);
    assert_eq!(a.vertrouwelijkheid, Vertrouwelijkheid::Normaal);
    assert_eq!(a.verwerkte_objecten[0].bsn(), Some(bsn));
}
