//! The resident's overview as a file to keep: CSV for Dutch spreadsheets.

use crate::model::Overzicht;

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

/// The overview's entries, one row each, with their verwerking and why.
pub fn csv(o: &Overzicht) -> String {
    // Dutch spreadsheets: `;` between cells (the comma is the decimal
    // sign), and a byte-order mark so the accents come out right.
    let mut out = csv::WriterBuilder::new()
        .delimiter(b';')
        .from_writer(UTF8_BOM.to_vec());
    let _ = out.write_record([
        "wanneer",
        "wat",
        "stap",
        "zaak",
        "afdeling",
        "gegevens",
        "rol",
        "doorgegeven_aan",
        "doel",
        "grondslag",
        "wet",
    ]);
    for g in &o.groepen {
        for r in &g.regels {
            let u = g.uitleg.as_ref();
            let _ = out.write_record(
                [
                    r.wanneer.as_str(),
                    r.wat.as_str(),
                    r.stap.as_deref().unwrap_or(""),
                    g.naam.as_str(),
                    r.afdeling.as_deref().unwrap_or(""),
                    &r.gegevens.join("; "),
                    r.rol.as_deref().unwrap_or(""),
                    r.ontvanger.as_deref().unwrap_or(""),
                    u.map(|u| u.doel.as_str()).unwrap_or(""),
                    u.map(|u| u.grondslag.as_str()).unwrap_or(""),
                    u.map(|u| u.wet.as_str()).unwrap_or(""),
                ]
                .map(|cell| inert(cell).into_owned()),
            );
        }
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
