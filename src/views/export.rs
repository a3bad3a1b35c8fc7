//! The resident's overview as a file to keep: CSV for Dutch spreadsheets.

use super::dates;
use crate::{
    i18n::Lang,
    model::Overzicht,
    tree::{
        export::{self as signed, Bewijs, Export, Proofs},
        Signer,
    },
};
use serde::Serialize;
use std::collections::HashMap;

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// A cell a spreadsheet shows as text, never runs: one that starts with a
/// formula sign (`=`, `+`, `-`, `@`, or a tab or carriage return before
/// one) gets a leading apostrophe. The texts come from source systems.
fn inert(cell: &str) -> std::borrow::Cow<'_, str> {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}").into(),
        _ => cell.into(),
    }
}

/// One entry as a file holds it: the moment as ISO 8601 with its offset,
/// the rest as the page shows it.
#[derive(Serialize)]
struct Row<'a> {
    tijdstip: String,
    wanneer: &'a str,
    wat: &'a str,
    stap: Option<&'a str>,
    zaak: &'a str,
    afdeling: Option<&'a str>,
    gegevens: &'a [String],
    rol: Option<&'a str>,
    doorgegeven_aan: Option<&'a str>,
    doel: Option<&'a str>,
    grondslag: Option<&'a str>,
    wet: Option<&'a str>,
}

/// The entries with their action's id.
fn rows(o: &Overzicht) -> impl Iterator<Item = Row<'_>> {
    rows_of_actions(o).map(|(_, row)| row)
}

fn rows_of_actions(o: &Overzicht) -> impl Iterator<Item = (&str, Row<'_>)> {
    o.groepen.iter().flat_map(|g| {
        let u = g.uitleg.as_ref();
        g.regels.iter().map(move |r| {
            (
                r.actie_id.as_str(),
                Row {
                    tijdstip: dates::iso(r.tijdstip_utc),
                    wanneer: &r.wanneer,
                    wat: &r.wat,
                    stap: r.stap.as_deref(),
                    zaak: &g.naam,
                    afdeling: r.afdeling.as_deref(),
                    gegevens: &r.gegevens,
                    rol: r.rol.as_deref(),
                    doorgegeven_aan: r.ontvanger.as_deref(),
                    doel: u.map(|u| u.doel.as_str()),
                    grondslag: u.map(|u| u.grondslag.as_str()),
                    wet: u.map(|u| u.wet.as_str()),
                },
            )
        })
    })
}

/// An entry with how it is in the log.
#[derive(Serialize)]
struct ProvenRow<'a> {
    #[serde(flatten)]
    row: Row<'a>,
    bewijs: Option<&'a Bewijs>,
}

/// The overview's entries as a signed JSON document (JWS): each entry with
/// the proof that it is in the log (`seq_of` gives each action's shown
/// version), all against one signed checkpoint.
pub fn signed_json(
    o: &Overzicht,
    seq_of: &HashMap<String, i64>,
    proofs: &Proofs,
    signer: &Signer,
) -> String {
    let regels: Vec<ProvenRow<'_>> = rows_of_actions(o)
        .map(|(actie_id, row)| ProvenRow {
            row,
            bewijs: seq_of.get(actie_id).and_then(|seq| proofs.by_seq.get(seq)),
        })
        .collect();
    let export = Export {
        formaat: signed::FORMAT.to_owned(),
        gemaakt: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        checkpoint: proofs.checkpoint.clone(),
        sleutel: signer.verifier().to_string(),
        regels,
    };
    let payload = serde_json::to_vec_pretty(&export).unwrap_or_default();
    signed::sign(&payload, signer)
}

/// The overview's entries, one row each, with their verwerking and why,
/// under headers in the resident's language.
pub fn csv(o: &Overzicht, lang: Lang) -> String {
    // Dutch spreadsheets: `;` between cells (the comma is the decimal
    // sign), and a byte-order mark so the accents come out right.
    let mut out = csv::WriterBuilder::new()
        .delimiter(b';')
        .from_writer(UTF8_BOM.to_vec());
    let _ = out.write_record(lang.texts().csv_headers);
    for r in rows(o) {
        let gegevens = r.gegevens.join("; ");
        let _ = out.write_record(
            [
                r.wanneer,
                r.tijdstip.as_str(),
                r.wat,
                r.stap.unwrap_or(""),
                r.zaak,
                r.afdeling.unwrap_or(""),
                &gegevens,
                r.rol.unwrap_or(""),
                r.doorgegeven_aan.unwrap_or(""),
                r.doel.unwrap_or(""),
                r.grondslag.unwrap_or(""),
                r.wet.unwrap_or(""),
            ]
            .map(|cell| inert(cell).into_owned()),
        );
    }
    String::from_utf8(out.into_inner().unwrap_or_default()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::inert;

    #[test]
    fn formula_cells_are_shown_as_text() {
        for cell in ["=HYPERLINK(\"x\")", "+31 6", "-2+3", "@SUM(A1)", "\t=1"] {
            assert_eq!(inert(cell), format!("'{cell}"));
        }
        for cell in ["1 mei 2026", "Burgerzaken", ""] {
            assert_eq!(inert(cell), cell);
        }
    }
}
