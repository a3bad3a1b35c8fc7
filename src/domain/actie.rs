//! The bodies of `POST`/`PUT /verwerkingsacties` (`VerwerkingsactieUitgebreidBasis`)
//! and `PATCH /verwerkingsacties?verwerkingId=` (`PatchRequestBody`), parsed into
//! validated types.
//!
//! Parsing works on a `serde_json::Value` rather than a derived `Deserialize` so
//! that one request yields *every* problem with its JSON path, null counts as
//! absent, unknown fields are ignored (schemathesis sends extra keys; the OAS
//! allows them) and read-only fields a client echoes back (`url`, `actieId`,
//! `tijdstipRegistratie`, `verwerktObjectId`) are simply not read.
//!
//! These types deliberately do not implement `Serialize`, and their `Debug`
//! hides object ids: a BSN must not reach a log line by accident.

use std::fmt;

use serde_json::{Map, Value};
use uuid::Uuid;

use super::bsn::Bsn;
use super::duration::IsoDuration;
use super::fields::{
    get, join, opt_parsed, opt_string, opt_uri, opt_uuid, req_parsed, req_string, Problems,
    MAX_IDENTIFICATOR, MAX_NAAM,
};
use super::invalid::{InvalidParam, NON_FIELD_ERRORS};
use super::oin::Oin;
use super::timestamp::Tijdstip;
use super::vertrouwelijkheid::{Objecttype, Vertrouwelijkheid};

/// The value of `soortObjectId` / `soortAfnemerId` that means "a BSN follows".
const SOORT_BSN: &str = "BSN";

/// `BSN` in any spelling a source system may send (`bsn`, `BSN `).
fn is_bsn_kind(soort: &str) -> bool {
    soort.trim().eq_ignore_ascii_case(SOORT_BSN)
}

/// The kinds of recipient identifier that name an organisation, and so may
/// be kept and shown as they are. Any other kind may be a person's.
const ORGANISATION_KINDS: [&str; 3] = ["OIN", "RSIN", "KvK"];

fn is_organisation_kind(soort: &str) -> bool {
    ORGANISATION_KINDS
        .iter()
        .any(|kind| soort.trim().eq_ignore_ascii_case(kind))
}

/// A validated verwerkingsactie as a client submitted it (docs/architecture.md#verwerkingsactie).
/// Fields the log sets itself (`actieId`, `url`, `tijdstipRegistratie`) are not here.
#[derive(Clone, PartialEq, Eq)]
pub struct NewActie {
    pub actie_naam: Option<String>,
    pub handeling_naam: Option<String>,
    pub verwerking_naam: Option<String>,
    pub verwerking_id: Option<Uuid>,
    pub verwerkingsactiviteit_id: Option<Uuid>,
    pub verwerkingsactiviteit_url: Option<String>,
    /// `normaal` when the client left it out (OAS default).
    pub vertrouwelijkheid: Vertrouwelijkheid,
    pub bewaartermijn: Option<IsoDuration>,
    pub uitvoerder: Option<Oin>,
    pub systeem: Option<String>,
    pub gebruiker: Option<String>,
    pub gegevensbron: Option<String>,
    pub soort_afnemer_id: Option<String>,
    /// An OIN, or a BSN (then canonical 9 digits) when `soort_afnemer_id` is
    /// `BSN`; see [`NewActie::afnemer_bsn`].
    pub afnemer_id: Option<String>,
    pub verwerkingsactiviteit_id_afnemer: Option<Uuid>,
    pub verwerkingsactiviteit_url_afnemer: Option<String>,
    pub verwerking_id_afnemer: Option<Uuid>,
    pub tijdstip: Tijdstip,
    pub verwerkte_objecten: Vec<NewObject>,
}

/// One person (or object) in an action (`VerwerktObjectBasis`).
#[derive(Clone, PartialEq, Eq)]
pub struct NewObject {
    pub objecttype: Objecttype,
    pub soort_object_id: String,
    /// When `soort_object_id` is `BSN` (any case): a BSN that passed the
    /// 11-proef, as 9 digits. Otherwise the identifier as sent.
    pub object_id: String,
    pub betrokkenheid: Option<String>,
    /// The `soortGegeven` of each `verwerkteSoortenGegevens` item, in order.
    pub soorten_gegevens: Vec<String>,
}

/// A validated `PATCH` body: at least one of the two is present.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatchBody {
    pub bewaartermijn: Option<IsoDuration>,
    pub vertrouwelijkheid: Option<Vertrouwelijkheid>,
}

impl NewActie {
    /// An action with only the required parts; for actions the portal logs
    /// itself (every view of the log is logged too).
    pub fn new(tijdstip: Tijdstip, verwerkte_objecten: Vec<NewObject>) -> Self {
        NewActie {
            actie_naam: None,
            handeling_naam: None,
            verwerking_naam: None,
            verwerking_id: None,
            verwerkingsactiviteit_id: None,
            verwerkingsactiviteit_url: None,
            vertrouwelijkheid: Vertrouwelijkheid::Normaal,
            bewaartermijn: None,
            uitvoerder: None,
            systeem: None,
            gebruiker: None,
            gegevensbron: None,
            soort_afnemer_id: None,
            afnemer_id: None,
            verwerkingsactiviteit_id_afnemer: None,
            verwerkingsactiviteit_url_afnemer: None,
            verwerking_id_afnemer: None,
            tijdstip,
            verwerkte_objecten,
        }
    }

    /// Parses a `POST`/`PUT` body, reporting every problem at once.
    pub fn from_json(body: &Value) -> Result<NewActie, Vec<InvalidParam>> {
        let Some(o) = body.as_object() else {
            return Err(not_an_object());
        };
        let mut p = Problems::default();
        let actie_naam = opt_string(o, "", "actieNaam", MAX_NAAM, &mut p);
        let handeling_naam = opt_string(o, "", "handelingNaam", MAX_NAAM, &mut p);
        let verwerking_naam = opt_string(o, "", "verwerkingNaam", MAX_NAAM, &mut p);
        let verwerking_id = opt_uuid(o, "", "verwerkingId", &mut p);
        let verwerkingsactiviteit_id = opt_uuid(o, "", "verwerkingsactiviteitId", &mut p);
        let verwerkingsactiviteit_url = opt_uri(o, "", "verwerkingsactiviteitUrl", &mut p);
        let vertrouwelijkheid =
            opt_parsed(o, "", "vertrouwelijkheid", "invalid_choice", &mut p).unwrap_or_default();
        let bewaartermijn = opt_parsed(o, "", "bewaartermijn", "invalid_duration", &mut p);
        let uitvoerder = opt_parsed(o, "", "uitvoerder", "invalid_oin", &mut p);
        let systeem = opt_string(o, "", "systeem", MAX_NAAM, &mut p);
        let gebruiker = opt_string(o, "", "gebruiker", MAX_IDENTIFICATOR, &mut p);
        let gegevensbron = opt_string(o, "", "gegevensbron", MAX_NAAM, &mut p);
        let soort_afnemer_id = opt_string(o, "", "soortAfnemerId", MAX_NAAM, &mut p);
        let afnemer_bsn = soort_afnemer_id.as_deref().is_some_and(is_bsn_kind);
        let afnemer_id = identifier(o, "", "afnemerId", afnemer_bsn, false, &mut p);
        let verwerkingsactiviteit_id_afnemer =
            opt_uuid(o, "", "verwerkingsactiviteitIdAfnemer", &mut p);
        let verwerkingsactiviteit_url_afnemer =
            opt_uri(o, "", "verwerkingsactiviteitUrlAfnemer", &mut p);
        let verwerking_id_afnemer = opt_uuid(o, "", "verwerkingIdAfnemer", &mut p);
        let tijdstip = req_parsed(o, "", "tijdstip", "invalid_datetime", &mut p);
        let verwerkte_objecten = objects(o, &mut p);

        match (tijdstip, verwerkte_objecten) {
            (Some(tijdstip), Some(verwerkte_objecten)) if p.is_empty() => Ok(NewActie {
                actie_naam,
                handeling_naam,
                verwerking_naam,
                verwerking_id,
                verwerkingsactiviteit_id,
                verwerkingsactiviteit_url,
                vertrouwelijkheid,
                bewaartermijn,
                uitvoerder,
                systeem,
                gebruiker,
                gegevensbron,
                soort_afnemer_id,
                afnemer_id,
                verwerkingsactiviteit_id_afnemer,
                verwerkingsactiviteit_url_afnemer,
                verwerking_id_afnemer,
                tijdstip,
                verwerkte_objecten,
            }),
            _ => Err(p.0),
        }
    }

    /// Whether `afnemer_id` holds a BSN (a person received the data, e.g. at
    /// the counter): then it must be pseudonymised like an object id.
    pub fn afnemer_is_bsn(&self) -> bool {
        self.soort_afnemer_id.as_deref().is_some_and(is_bsn_kind)
    }

    /// Whether the recipient is an organisation (OIN, RSIN, KvK), whose
    /// identifier may be stored readable. Every other recipient, also one
    /// of an unknown kind, is sealed.
    pub fn afnemer_is_organisation(&self) -> bool {
        self.soort_afnemer_id
            .as_deref()
            .is_some_and(is_organisation_kind)
    }

    /// The recipient's BSN, when the recipient is a person.
    pub fn afnemer_bsn(&self) -> Option<Bsn> {
        if !self.afnemer_is_bsn() {
            return None;
        }
        self.afnemer_id.as_deref()?.parse().ok()
    }
}

impl NewObject {
    /// A person identified by BSN, with no role or data categories yet.
    pub fn for_bsn(bsn: &Bsn) -> Self {
        NewObject {
            objecttype: Objecttype::Persoon,
            soort_object_id: SOORT_BSN.to_owned(),
            object_id: bsn.as_str().to_owned(),
            betrokkenheid: None,
            soorten_gegevens: Vec::new(),
        }
    }

    pub fn is_bsn(&self) -> bool {
        is_bsn_kind(&self.soort_object_id)
    }

    /// The BSN, when this object is identified by one.
    pub fn bsn(&self) -> Option<Bsn> {
        if !self.is_bsn() {
            return None;
        }
        self.object_id.parse().ok()
    }
}

impl PatchBody {
    /// Parses a `PATCH` body; an empty change (`{}`) is refused because it
    /// would add a new version of every action for nothing.
    pub fn from_json(body: &Value) -> Result<PatchBody, Vec<InvalidParam>> {
        let Some(o) = body.as_object() else {
            return Err(not_an_object());
        };
        let mut p = Problems::default();
        let bewaartermijn = opt_parsed(o, "", "bewaartermijn", "invalid_duration", &mut p);
        let vertrouwelijkheid = opt_parsed(o, "", "vertrouwelijkheid", "invalid_choice", &mut p);
        if !p.is_empty() {
            return Err(p.0);
        }
        if bewaartermijn.is_none() && vertrouwelijkheid.is_none() {
            p.add(
                NON_FIELD_ERRORS,
                "required",
                "Geef bewaartermijn, vertrouwelijkheid of allebei.",
            );
            return Err(p.0);
        }
        Ok(PatchBody {
            bewaartermijn,
            vertrouwelijkheid,
        })
    }
}

fn not_an_object() -> Vec<InvalidParam> {
    vec![InvalidParam::new(
        NON_FIELD_ERRORS,
        "invalid",
        "De body moet een JSON-object zijn.",
    )]
}

/// An identifier of at most 40 characters; when `bsn` it must pass the
/// 11-proef and is returned as 9 digits. The reason never repeats the value.
fn identifier(
    o: &Map<String, Value>,
    prefix: &str,
    key: &str,
    bsn: bool,
    required: bool,
    p: &mut Problems,
) -> Option<String> {
    let s = if required {
        req_string(o, prefix, key, MAX_IDENTIFICATOR, p)?
    } else {
        opt_string(o, prefix, key, MAX_IDENTIFICATOR, p)?
    };
    if !bsn {
        return Some(s);
    }
    match s.parse::<Bsn>() {
        Ok(b) => Some(b.as_str().to_owned()),
        Err(e) => {
            p.add(
                &join(prefix, key),
                "invalid_bsn",
                format!("Geen geldig BSN: {e}."),
            );
            None
        }
    }
}

/// `verwerkteObjecten`: required, an array (empty allowed), every item checked.
fn objects(o: &Map<String, Value>, p: &mut Problems) -> Option<Vec<NewObject>> {
    const KEY: &str = "verwerkteObjecten";
    let items = match get(o, KEY) {
        None => {
            p.add(KEY, "required", "Dit veld is verplicht.");
            return None;
        }
        Some(Value::Array(items)) => items,
        Some(_) => {
            p.add(KEY, "invalid", "Dit veld moet een lijst zijn.");
            return None;
        }
    };
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let prefix = format!("{KEY}.{i}");
        match item.as_object() {
            Some(obj) => out.extend(object(obj, &prefix, p)),
            None => p.add(
                &prefix,
                "invalid",
                "Elk verwerkt object moet een JSON-object zijn.",
            ),
        }
    }
    Some(out)
}

fn object(o: &Map<String, Value>, prefix: &str, p: &mut Problems) -> Option<NewObject> {
    let objecttype = req_parsed(o, prefix, "objecttype", "invalid_choice", p);
    let soort_object_id = req_string(o, prefix, "soortObjectId", MAX_NAAM, p);
    let bsn = soort_object_id.as_deref().is_some_and(is_bsn_kind);
    let object_id = identifier(o, prefix, "objectId", bsn, true, p);
    let betrokkenheid = opt_string(o, prefix, "betrokkenheid", MAX_NAAM, p);
    let soorten_gegevens = soorten_gegevens(o, prefix, p);
    Some(NewObject {
        objecttype: objecttype?,
        soort_object_id: soort_object_id?,
        object_id: object_id?,
        betrokkenheid,
        soorten_gegevens: soorten_gegevens?,
    })
}

/// `verwerkteSoortenGegevens`: optional array of `{ "soortGegeven": string(242) }`.
fn soorten_gegevens(o: &Map<String, Value>, prefix: &str, p: &mut Problems) -> Option<Vec<String>> {
    const KEY: &str = "verwerkteSoortenGegevens";
    let items = match get(o, KEY) {
        None => return Some(Vec::new()),
        Some(Value::Array(items)) => items,
        Some(_) => {
            p.add(
                &join(prefix, KEY),
                "invalid",
                "Dit veld moet een lijst zijn.",
            );
            return None;
        }
    };
    let mut out = Vec::with_capacity(items.len());
    let mut ok = true;
    for (i, item) in items.iter().enumerate() {
        let item_prefix = format!("{prefix}.{KEY}.{i}");
        match item.as_object() {
            Some(obj) => match req_string(obj, &item_prefix, "soortGegeven", MAX_NAAM, p) {
                Some(s) => out.push(s),
                None => ok = false,
            },
            None => {
                p.add(
                    &item_prefix,
                    "invalid",
                    "Elk soort gegeven moet een JSON-object zijn.",
                );
                ok = false;
            }
        }
    }
    ok.then_some(out)
}

impl fmt::Debug for NewObject {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NewObject")
            .field("objecttype", &self.objecttype)
            .field("soort_object_id", &self.soort_object_id)
            .field("object_id", &"***")
            .field("betrokkenheid", &self.betrokkenheid)
            .field("soorten_gegevens", &self.soorten_gegevens)
            .finish()
    }
}

impl fmt::Debug for NewActie {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // An afnemer that is a person is identified by BSN: hide it.
        let afnemer: &dyn fmt::Debug = match (&self.afnemer_id, self.afnemer_is_bsn()) {
            (Some(_), true) => &"***",
            _ => &self.afnemer_id,
        };
        f.debug_struct("NewActie")
            .field("actie_naam", &self.actie_naam)
            .field("handeling_naam", &self.handeling_naam)
            .field("verwerking_naam", &self.verwerking_naam)
            .field("verwerking_id", &self.verwerking_id)
            .field("verwerkingsactiviteit_id", &self.verwerkingsactiviteit_id)
            .field("verwerkingsactiviteit_url", &self.verwerkingsactiviteit_url)
            .field("vertrouwelijkheid", &self.vertrouwelijkheid)
            .field("bewaartermijn", &self.bewaartermijn)
            .field("uitvoerder", &self.uitvoerder)
            .field("systeem", &self.systeem)
            .field("gebruiker", &self.gebruiker)
            .field("gegevensbron", &self.gegevensbron)
            .field("soort_afnemer_id", &self.soort_afnemer_id)
            .field("afnemer_id", afnemer)
            .field(
                "verwerkingsactiviteit_id_afnemer",
                &self.verwerkingsactiviteit_id_afnemer,
            )
            .field(
                "verwerkingsactiviteit_url_afnemer",
                &self.verwerkingsactiviteit_url_afnemer,
            )
            .field("verwerking_id_afnemer", &self.verwerking_id_afnemer)
            .field("tijdstip", &self.tijdstip)
            .field("verwerkte_objecten", &self.verwerkte_objecten)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const VOLLEDIG: &str =
        include_str!("../../tests/fixtures/vng-verwerkingsactie-post-volledig.json");

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

        let p =
            PatchBody::from_json(&json!({"vertrouwelijkheid": "Vertrouwelijk", "x": 1})).unwrap();
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
}
