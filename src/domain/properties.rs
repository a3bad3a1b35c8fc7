//! Properties of the parsers that take text from outside: whatever they are
//! given, they answer instead of panicking, and what they accept keeps its
//! promise. `examples/fuzz.rs` runs the same parsers for longer.

use super::{may_hold_bsn, Bsn, IsoDuration, NewActie, Oin, PatchBody, Tijdstip};
use proptest::prelude::*;
use serde_json::Value;

/// JSON shaped like an action body: its own keys, nested, with any values.
fn action_like() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        "\\PC{0,24}".prop_map(Value::from),
        Just(Value::from("999993653")),
        Just(Value::from("2026-05-01T10:00:00+02:00")),
    ];
    let key = prop_oneof![
        Just("tijdstip".to_owned()),
        Just("verwerkteObjecten".to_owned()),
        Just("objecttype".to_owned()),
        Just("soortObjectId".to_owned()),
        Just("objectId".to_owned()),
        Just("vertrouwelijkheid".to_owned()),
        Just("bewaartermijn".to_owned()),
        Just("soortAfnemerId".to_owned()),
        Just("afnemerId".to_owned()),
        Just("verwerkteSoortenGegevens".to_owned()),
        "\\PC{0,12}",
    ];
    leaf.prop_recursive(4, 64, 8, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map(key.clone(), inner, 0..8)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

fn eleven_check(digits: &str) -> bool {
    let sum: i64 = digits
        .bytes()
        .zip([9, 8, 7, 6, 5, 4, 3, 2, -1])
        .map(|(d, w)| i64::from(d - b'0') * w)
        .sum();
    sum % 11 == 0
}

proptest! {
    #[test]
    fn the_text_parsers_answer_any_text(text in "\\PC{0,80}") {
        let _ = text.parse::<Bsn>();
        let _ = text.parse::<Oin>();
        let _ = text.parse::<IsoDuration>();
        let _ = text.parse::<Tijdstip>();
        let _ = may_hold_bsn(&text);
    }

    #[test]
    fn an_accepted_bsn_has_nine_digits_that_pass_the_eleven_check(text in "[0-9 ]{7,11}") {
        if let Ok(bsn) = text.parse::<Bsn>() {
            prop_assert_eq!(bsn.as_str().len(), 9);
            prop_assert!(eleven_check(bsn.as_str()), "{}", bsn.as_str());
            prop_assert!(may_hold_bsn(bsn.as_str()));
        }
    }

    #[test]
    fn a_timestamp_keeps_its_text_and_its_instant(
        y in 1900i32..2100, mo in 1u32..=12, d in 1u32..=28,
        h in 0u32..24, mi in 0u32..60, s in 0u32..60, off in -12i32..=14,
    ) {
        let sign = if off < 0 { '-' } else { '+' };
        let text = format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}{sign}{:02}:00", off.abs());
        let t: Tijdstip = text.parse().expect("a valid timestamp");
        prop_assert_eq!(t.as_str(), text.as_str());
        let again: Tijdstip = t.as_str().parse().expect("reads back");
        prop_assert_eq!(again.utc_micros(), t.utc_micros());
    }

    #[test]
    fn a_duration_keeps_its_text(y in 1u32..100, m in 0u32..12, d in 0u32..31) {
        let text = format!("P{y}Y{m}M{d}D");
        let duration: IsoDuration = text.parse().expect("a valid duration");
        prop_assert_eq!(duration.as_str(), text.as_str());
    }

    #[test]
    fn the_action_parser_answers_any_json(body in action_like()) {
        let _ = NewActie::from_json(&body);
        let _ = PatchBody::from_json(&body);
    }
}
