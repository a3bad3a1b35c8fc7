//! The OpenAPI 3 document at `/api/v1/openapi.json`. Response schemas are
//! generated from the very types the handlers serialise, so the document
//! cannot drift from what the API answers.

use super::{
    dto::{Lijst, Verwerkingsactie, VerwerktObjectUitgebreid},
    problem::Problem,
};
use schemars::{generate::SchemaSettings, JsonSchema, SchemaGenerator};
use serde_json::{json, Value};

pub const API_VERSION: &str = "1.0.0";

// Long on purpose: one `json!` literal is the whole document; split up, it
// would no longer read as the OpenAPI file it produces.
pub fn document() -> Value {
    let mut generator = SchemaSettings::openapi3().into_generator();
    let actie = schema_of::<Verwerkingsactie>(&mut generator);
    let acties = schema_of::<Lijst<Verwerkingsactie>>(&mut generator);
    let object = schema_of::<VerwerktObjectUitgebreid>(&mut generator);
    let objecten = schema_of::<Lijst<VerwerktObjectUitgebreid>>(&mut generator);
    let problem = schema_of::<Problem>(&mut generator);
    let activiteit = schema_of::<super::activiteiten::Verwerkingsactiviteit>(&mut generator);
    let activiteiten = schema_of::<super::activiteiten::ActiviteitenLijst>(&mut generator);
    let mut schemas = generator.take_definitions(true);
    schemas.insert(
        "VerwerkingsactieUitgebreidBasis".into(),
        request_body_schema(),
    );
    schemas.insert("PatchRequestBody".into(), patch_body_schema());

    let errors = |codes: &[u16]| -> serde_json::Map<String, Value> {
        codes
            .iter()
            .map(|code| {
                (
                    code.to_string(),
                    json!({
                        "description": error_description(*code),
                        "headers": api_version_header(),
                        "content": { "application/problem+json": { "schema": problem } }
                    }),
                )
            })
            .collect()
    };
    let ok = |status: &str, description: &str, body: Option<&Value>, codes: &[u16]| {
        let mut responses = errors(codes);
        let mut response = json!({ "description": description, "headers": api_version_header() });
        if let Some(body) = body {
            response["content"] = json!({ "application/json": { "schema": body } });
        }
        if status == "201" {
            response["headers"]["Location"] = json!({ "schema": { "type": "string", "format": "uri" }, "description": "URL van de nieuwe resource." });
        }
        responses.insert(status.to_owned(), response);
        Value::Object(responses)
    };
    let body = |name: &str| json!({ "required": true, "content": { "application/json": { "schema": { "$ref": format!("#/components/schemas/{name}") } } } });

    json!({
        "openapi": "3.0.3",
        "info": {
            "title": "Inzage — Verwerkingenlogging API",
            "version": API_VERSION,
            "description": "De Bewerking API en de Inzage API van de VNG-standaard Verwerkingenlogging, \
                met een bulk-endpoint (NDJSON). Identificatoren van personen worden gepseudonimiseerd \
                en versleuteld opgeslagen.",
            "license": { "name": "EUPL-1.2" }
        },
        "servers": [{ "url": "/api/v1" }],
        "security": [{ "bearer": [] }],
        "paths": {
            "/verwerkingsacties": {
                "get": {
                    "operationId": "verwerkingsactie_list",
                    "summary": "Acties waarbij één persoon betrokken is (alleen de actuele, niet verwijderde versies).",
                    "parameters": person_parameters(false),
                    "responses": ok("200", "OK", Some(&acties), &[400, 401, 403, 500]),
                },
                "post": {
                    "operationId": "verwerkingsactie_create",
                    "summary": "Een actie loggen. Met de header Idempotency-Key geeft een herhaald verzoek het eerste antwoord.",
                    "parameters": [{ "name": "Idempotency-Key", "in": "header", "required": false, "schema": { "type": "string", "maxLength": 255 } }],
                    "requestBody": body("VerwerkingsactieUitgebreidBasis"),
                    "responses": ok("201", "Created", Some(&actie), &[400, 401, 403, 409, 413, 415, 500]),
                },
                "patch": {
                    "operationId": "verwerkingsactie_list_patch",
                    "summary": "Bewaartermijn en/of vertrouwelijkheid van alle acties van een verwerking wijzigen.",
                    "parameters": [uuid_parameter("verwerkingId", "query")],
                    "requestBody": body("PatchRequestBody"),
                    "responses": ok("204", "No content", None, &[400, 401, 403, 404, 413, 415, 500]),
                }
            },
            "/verwerkingsacties/bulk": {
                "post": {
                    "operationId": "verwerkingsactie_bulk",
                    "summary": "Veel acties tegelijk: NDJSON, één POST-body per regel (optioneel met idempotencyKey). \
                        Het antwoord heeft één regel per invoerregel.",
                    "requestBody": { "required": true, "content": { "application/x-ndjson": { "schema": { "type": "string" } } } },
                    "responses": {
                        "200": { "description": "Eén JSON-regel per invoerregel", "headers": api_version_header(),
                                 "content": { "application/x-ndjson": { "schema": { "type": "string" } } } },
                        "401": errors(&[401])["401"], "413": errors(&[413])["413"], "415": errors(&[415])["415"]
                    }
                }
            },
            "/verwerkingsacties/{actieId}": {
                "parameters": [uuid_parameter("actieId", "path")],
                "get": { "operationId": "verwerkingsactie_read", "responses": ok("200", "OK", Some(&actie), &[401, 403, 404, 500]) },
                "put": {
                    "operationId": "verwerkingsactie_update",
                    "summary": "Een actie corrigeren; de vorige versie blijft bewaard.",
                    "requestBody": body("VerwerkingsactieUitgebreidBasis"),
                    "responses": ok("200", "OK", Some(&actie), &[400, 401, 403, 404, 413, 415, 500])
                },
                "delete": {
                    "operationId": "verwerkingsactie_delete",
                    "summary": "Een actie laten vervallen; de geschiedenis blijft bewaard.",
                    "responses": ok("204", "No content", None, &[401, 403, 404, 500])
                }
            },
            "/verwerkte-objecten": {
                "get": {
                    "operationId": "verwerkte-objecten_list",
                    "summary": "Inzage: waar één persoon in voorkomt (normaal en opgeheven), zonder systeem, gebruiker en gegevensbron.",
                    "parameters": person_parameters(true),
                    "responses": ok("200", "OK", Some(&objecten), &[400, 401, 403, 500])
                }
            },
            "/verwerkingsactiviteiten": {
                "get": {
                    "operationId": "verwerkingsactiviteit_list",
                    "summary": "Het register van verwerkingsactiviteiten (VAR), zoals het nu geldt. Met ETag.",
                    "responses": ok("200", "OK", Some(&activiteiten), &[401, 403, 500])
                }
            },
            "/verwerkingsactiviteiten/{id}": {
                "parameters": [uuid_parameter("id", "path")],
                "get": {
                    "operationId": "verwerkingsactiviteit_read",
                    "responses": ok("200", "OK", Some(&activiteit), &[401, 403, 404, 500])
                }
            },
            "/verwerkte-objecten/{verwerktObjectId}": {
                "parameters": [uuid_parameter("verwerktObjectId", "path")],
                "get": { "operationId": "verwerktobject_read", "responses": ok("200", "OK", Some(&object), &[401, 403, 404, 500]) }
            }
        },
        "components": {
            "securitySchemes": { "bearer": { "type": "http", "scheme": "bearer", "description": "Een token van `inzage client add`." } },
            "schemas": schemas
        }
    })
}

fn api_version_header() -> Value {
    json!({ "API-version": { "schema": { "type": "string" }, "description": "Versie van de API." } })
}

fn error_description(code: u16) -> &'static str {
    match code {
        400 => "Ongeldige gegevens (invalidParams noemt de velden)",
        401 => "Geen of een ongeldig token",
        403 => "Het token heeft de nodige scope niet",
        404 => "Niet gevonden",
        409 => "Idempotency-Key eerder gebruikt voor een ander verzoek",
        413 => "Verzoek te groot",
        415 => "Verkeerd Content-Type",
        _ => "Interne fout",
    }
}

fn uuid_parameter(name: &str, place: &str) -> Value {
    json!({ "name": name, "in": place, "required": true, "schema": { "type": "string", "format": "uuid" } })
}

fn person_parameters(dates_required: bool) -> Value {
    let string = |max: u32| json!({ "type": "string", "maxLength": max });
    json!([
        { "name": "objecttype", "in": "query", "required": true, "schema": { "type": "string", "enum": ["persoon"] } },
        { "name": "soortObjectId", "in": "query", "required": true, "schema": string(242) },
        { "name": "objectId", "in": "query", "required": true, "schema": string(40) },
        { "name": "beginDatum", "in": "query", "required": dates_required, "schema": { "type": "string", "format": "date" } },
        { "name": "eindDatum", "in": "query", "required": dates_required, "schema": { "type": "string", "format": "date" } },
        { "name": "vertrouwelijkheid", "in": "query", "required": false,
          "schema": { "type": "array", "items": { "type": "string", "enum": ["normaal", "vertrouwelijk", "opgeheven"] } } },
        { "name": "verwerkingsactiviteitId", "in": "query", "required": false, "schema": { "type": "string", "format": "uuid" } },
        { "name": "page", "in": "query", "required": false, "schema": { "type": "integer", "minimum": 1 } }
    ])
}

/// The request body the domain parser (`NewActie::from_json`) accepts.
fn request_body_schema() -> Value {
    let text = |max: u32| json!({ "type": "string", "maxLength": max });
    let uuid = json!({ "type": "string", "format": "uuid" });
    let uri = json!({ "type": "string", "format": "uri", "maxLength": 2042 });
    json!({
        "type": "object",
        "required": ["tijdstip", "verwerkteObjecten"],
        "properties": {
            "actieNaam": text(242), "handelingNaam": text(242), "verwerkingNaam": text(242),
            "verwerkingId": uuid, "verwerkingsactiviteitId": uuid, "verwerkingsactiviteitUrl": uri,
            "vertrouwelijkheid": { "type": "string", "enum": ["normaal", "vertrouwelijk", "opgeheven"], "default": "normaal" },
            "bewaartermijn": { "type": "string", "format": "duration" },
            "uitvoerder": { "type": "string", "pattern": "^[0-9]{20}$" },
            "systeem": text(242), "gebruiker": text(40), "gegevensbron": text(242),
            "soortAfnemerId": text(242), "afnemerId": text(40),
            "verwerkingsactiviteitIdAfnemer": uuid, "verwerkingsactiviteitUrlAfnemer": uri, "verwerkingIdAfnemer": uuid,
            "tijdstip": { "type": "string", "format": "date-time", "description": "Met tijdzone; wordt bewaard zoals verstuurd." },
            "verwerkteObjecten": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["objecttype", "soortObjectId", "objectId"],
                    "properties": {
                        "objecttype": { "type": "string", "enum": ["persoon"] },
                        "soortObjectId": text(242),
                        "objectId": { "type": "string", "maxLength": 40, "description": "Bij soortObjectId BSN: een geldig BSN (elfproef)." },
                        "betrokkenheid": text(242),
                        "verwerkteSoortenGegevens": { "type": "array", "items": {
                            "type": "object", "required": ["soortGegeven"], "properties": { "soortGegeven": text(242) } } }
                    }
                }
            }
        }
    })
}

fn patch_body_schema() -> Value {
    json!({
        "type": "object",
        "minProperties": 1,
        "properties": {
            "bewaartermijn": { "type": "string", "format": "duration" },
            "vertrouwelijkheid": { "type": "string", "enum": ["normaal", "vertrouwelijk", "opgeheven"] }
        }
    })
}

/// A `$ref` to `T`'s schema, which lands in the generator's definitions.
fn schema_of<T: JsonSchema>(generator: &mut SchemaGenerator) -> Value {
    serde_json::to_value(generator.subschema_for::<T>()).expect("schemas serialise")
}
