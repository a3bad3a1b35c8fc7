//! Parsing a `POST`/`PUT` body (`VerwerkingsactieUitgebreidBasis`) into a
//! [`NewActie`], every problem reported with its JSON path.

use serde_json::{Map, Value};

use super::{is_bsn_kind, not_an_object, NewActie, NewObject};
use crate::domain::bsn::Bsn;
use crate::domain::fields::{
    get, join, opt_parsed, opt_string, opt_uri, opt_uuid, req_parsed, req_string, Problems,
    MAX_IDENTIFICATOR, MAX_NAAM,
};
use crate::domain::invalid::InvalidParam;

impl NewActie {
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
