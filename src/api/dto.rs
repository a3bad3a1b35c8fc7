//! What the API answers, in the VNG field names. Optional fields that are
//! empty are left out (the VNG schemas do not allow `null` for them).

use crate::ingest::{ActieView, ObjectView};
use chrono::{DateTime, SecondsFormat, Utc};
use schemars::JsonSchema;
use serde::Serialize;

/// `VerwerkingsactieUitgebreid` (Bewerking API).
#[derive(Debug, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Verwerkingsactie {
    pub url: String,
    pub actie_id: String,
    #[serde(flatten)]
    pub velden: Velden,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub systeem: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gebruiker: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gegevensbron: Option<String>,
    pub verwerkte_objecten: Vec<VerwerktObject>,
}

/// `VerwerkingsactieBeperkt` (Inzage API): without `systeem`, `gebruiker`
/// and `gegevensbron`, and with only the asked person's own object.
#[derive(Debug, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct VerwerkingsactieBeperkt {
    pub url: String,
    pub actie_id: String,
    #[serde(flatten)]
    pub velden: Velden,
    pub verwerkte_objecten: Vec<VerwerktObject>,
}

/// The fields both shapes share.
#[derive(Debug, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Velden {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub actie_naam: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub handeling_naam: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verwerking_naam: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verwerking_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verwerkingsactiviteit_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verwerkingsactiviteit_url: Option<String>,
    pub vertrouwelijkheid: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bewaartermijn: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub uitvoerder: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub soort_afnemer_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub afnemer_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verwerkingsactiviteit_id_afnemer: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verwerkingsactiviteit_url_afnemer: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verwerking_id_afnemer: Option<String>,
    /// As the logging system sent it, with its UTC offset.
    pub tijdstip: String,
    /// When Inzage registered it (UTC).
    pub tijdstip_registratie: String,
}

/// `VerwerktObject`.
#[derive(Debug, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct VerwerktObject {
    pub url: String,
    pub verwerkt_object_id: String,
    pub objecttype: String,
    pub soort_object_id: String,
    pub object_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub betrokkenheid: Option<String>,
    pub verwerkte_soorten_gegevens: Vec<SoortGegeven>,
}

#[derive(Debug, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct SoortGegeven {
    pub soort_gegeven: String,
}

/// `VerwerktObjectUitgebreid` (Inzage API).
#[derive(Debug, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct VerwerktObjectUitgebreid {
    #[serde(flatten)]
    pub object: VerwerktObject,
    pub verwerkingsactie: VerwerkingsactieBeperkt,
}

/// A page of results.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Lijst<T> {
    pub count: i64,
    pub next: Option<String>,
    pub previous: Option<String>,
    pub results: Vec<T>,
}

/// Builds absolute URLs for resources (`url`, `Location`).
#[derive(Clone, Copy, Debug)]
pub struct Links<'a> {
    pub base: &'a str,
}

impl<'a> Links<'a> {
    /// The links of this server's public address.
    pub fn of(state: &'a crate::state::AppState) -> Self {
        Links {
            base: &state.base_url,
        }
    }

    pub fn actie(&self, actie_id: &str) -> String {
        format!("{}/api/v1/verwerkingsacties/{actie_id}", self.base)
    }

    pub fn object(&self, verwerkt_object_id: &str) -> String {
        format!(
            "{}/api/v1/verwerkte-objecten/{verwerkt_object_id}",
            self.base
        )
    }

    /// A page with `next` and `previous` links that keep the query.
    pub fn page<T>(
        &self,
        resource: &str,
        params: &super::request::Params,
        number: i64,
        count: i64,
        size: i64,
        results: Vec<T>,
    ) -> Lijst<T> {
        let link = |n: i64| {
            let mut url = url::Url::parse(&format!("{}/api/v1/{resource}", self.base))
                .expect("base URL was checked at start-up");
            {
                let mut query = url.query_pairs_mut();
                for (name, value) in params.pairs() {
                    if name != "page" {
                        query.append_pair(name, value);
                    }
                }
                query.append_pair("page", &n.to_string());
            }
            url.to_string()
        };
        Lijst {
            count,
            next: (number * size < count).then(|| link(number + 1)),
            previous: (number > 1).then(|| link(number - 1)),
            results,
        }
    }

    pub fn verwerkingsactie(&self, view: ActieView) -> Verwerkingsactie {
        let f = &view.fields;
        Verwerkingsactie {
            url: self.actie(&view.actie_id),
            systeem: f.systeem.clone(),
            gebruiker: f.gebruiker.clone(),
            gegevensbron: f.gegevensbron.clone(),
            verwerkte_objecten: view
                .objects
                .iter()
                .map(|o| self.verwerkt_object(o))
                .collect(),
            velden: velden(&view),
            actie_id: view.actie_id,
        }
    }

    fn beperkt(&self, view: &ActieView, own: &ObjectView) -> VerwerkingsactieBeperkt {
        VerwerkingsactieBeperkt {
            url: self.actie(&view.actie_id),
            actie_id: view.actie_id.clone(),
            velden: velden(view),
            verwerkte_objecten: vec![self.verwerkt_object(own)],
        }
    }

    /// The Inzage view of one person's occurrences: one result per object
    /// of that person (normally one per action).
    pub fn uitgebreid(&self, view: ActieView) -> Vec<VerwerktObjectUitgebreid> {
        view.objects
            .iter()
            .map(|own| VerwerktObjectUitgebreid {
                object: self.verwerkt_object(own),
                verwerkingsactie: self.beperkt(&view, own),
            })
            .collect()
    }

    fn verwerkt_object(&self, o: &ObjectView) -> VerwerktObject {
        VerwerktObject {
            url: self.object(&o.verwerkt_object_id),
            verwerkt_object_id: o.verwerkt_object_id.clone(),
            objecttype: o.objecttype.clone(),
            soort_object_id: o.soort_object_id.clone(),
            object_id: o.object_id.clone(),
            betrokkenheid: o.betrokkenheid.clone(),
            verwerkte_soorten_gegevens: o
                .soorten_gegevens
                .iter()
                .map(|s| SoortGegeven {
                    soort_gegeven: s.clone(),
                })
                .collect(),
        }
    }
}

fn velden(view: &ActieView) -> Velden {
    let f = &view.fields;
    Velden {
        actie_naam: f.actie_naam.clone(),
        handeling_naam: f.handeling_naam.clone(),
        verwerking_naam: f.verwerking_naam.clone(),
        verwerking_id: f.verwerking_id.clone(),
        verwerkingsactiviteit_id: f.verwerkingsactiviteit_id.clone(),
        verwerkingsactiviteit_url: f.verwerkingsactiviteit_url.clone(),
        vertrouwelijkheid: f.vertrouwelijkheid.as_str().to_owned(),
        bewaartermijn: f.bewaartermijn.clone(),
        uitvoerder: f.uitvoerder.clone(),
        soort_afnemer_id: f.soort_afnemer_id.clone(),
        afnemer_id: view.afnemer_id.clone(),
        verwerkingsactiviteit_id_afnemer: f.verwerkingsactiviteit_id_afnemer.clone(),
        verwerkingsactiviteit_url_afnemer: f.verwerkingsactiviteit_url_afnemer.clone(),
        verwerking_id_afnemer: f.verwerking_id_afnemer.clone(),
        tijdstip: f.tijdstip.clone(),
        tijdstip_registratie: utc_text(view.registratie_utc),
    }
}

/// RFC 3339 in UTC with microseconds, from microseconds since 1970.
pub fn utc_text(micros: i64) -> String {
    DateTime::<Utc>::from_timestamp_micros(micros)
        .unwrap_or_default()
        .to_rfc3339_opts(SecondsFormat::Micros, true)
}
