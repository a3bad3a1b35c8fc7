//! Large batches into PostgreSQL with `COPY … FROM STDIN` instead of
//! multi-row INSERTs: no bind parameters to parse, plan and check, just rows
//! of text. SQLite has no COPY; its multi-row INSERTs are the fast path there.

use super::log::{NewVersion, Wijziging, NEW_OBJECT_COLUMNS, NEW_VERSION_COLUMNS};
use sqlx::{PgConnection, SqliteConnection};
use std::fmt::Write;

/// Fewer rows than this go in as INSERTs: COPY costs an extra round trip.
const COPY_FROM_ROWS: usize = 100;

/// The version and person rows of a batch, each version with its `seq`.
pub(crate) type Rows<'r, 'v> = [(i64, &'r NewVersion<'v>)];

pub(crate) trait CopyRows {
    /// Stores the rows by COPY and says so, or stores nothing and says so.
    async fn copy_rows(&mut self, rows: &Rows<'_, '_>) -> Result<bool, sqlx::Error>;
}

impl CopyRows for SqliteConnection {
    async fn copy_rows(&mut self, _: &Rows<'_, '_>) -> Result<bool, sqlx::Error> {
        Ok(false)
    }
}

impl CopyRows for PgConnection {
    async fn copy_rows(&mut self, rows: &Rows<'_, '_>) -> Result<bool, sqlx::Error> {
        if rows.len() < COPY_FROM_ROWS {
            return Ok(false);
        }
        let mut versions = String::new();
        let mut objects = String::new();
        for (seq, v) in rows {
            let f = v.fields;
            let mut row = Line::new(&mut versions);
            row.int(*seq)
                .text(Some(v.actie_id))
                .text(Some(v.wijziging.as_str()))
                .boolean(v.wijziging == Wijziging::Delete)
                .text(Some(v.client_id))
                .int(v.registratie_utc)
                .text(Some(&f.tijdstip))
                .int(f.tijdstip_utc)
                .text(Some(&f.vertrouwelijkheid))
                .text(f.bewaartermijn.as_deref())
                .text(f.actie_naam.as_deref())
                .text(f.handeling_naam.as_deref())
                .text(f.verwerking_naam.as_deref())
                .text(f.verwerking_id.as_deref())
                .text(f.verwerkingsactiviteit_id.as_deref())
                .text(f.verwerkingsactiviteit_url.as_deref())
                .text(f.uitvoerder.as_deref())
                .text(f.systeem.as_deref())
                .text(f.gebruiker.as_deref())
                .text(f.gegevensbron.as_deref())
                .text(f.soort_afnemer_id.as_deref())
                .text(f.afnemer_id.as_deref())
                .bytes(f.afnemer_id_sealed.as_deref())
                .text(f.verwerkingsactiviteit_id_afnemer.as_deref())
                .text(f.verwerkingsactiviteit_url_afnemer.as_deref())
                .text(f.verwerking_id_afnemer.as_deref())
                .end();
            for o in v.objects {
                let mut row = Line::new(&mut objects);
                row.int(*seq)
                    .text(Some(&o.verwerkt_object_id))
                    .bytes(Some(&o.pseudonym))
                    .text(Some(&o.objecttype))
                    .text(Some(&o.soort_object_id))
                    .bytes(Some(&o.object_id_sealed))
                    .text(o.betrokkenheid.as_deref())
                    .text(Some(&o.soorten_gegevens))
                    .int(f.tijdstip_utc)
                    .boolean(v.visible_to_resident())
                    .text(f.verwerkingsactiviteit_id.as_deref())
                    .end();
            }
        }
        copy_in(self, "actie_versie", NEW_VERSION_COLUMNS, &versions).await?;
        if !objects.is_empty() {
            copy_in(self, "verwerkt_object", NEW_OBJECT_COLUMNS, &objects).await?;
        }
        Ok(true)
    }
}

/// Sends rows in COPY's text format into those columns of the table.
async fn copy_in(
    conn: &mut PgConnection,
    table: &str,
    columns: &str,
    rows: &str,
) -> Result<(), sqlx::Error> {
    let mut copy = conn
        .copy_in_raw(&format!("COPY {table} ({columns}) FROM STDIN"))
        .await?;
    copy.send(rows.as_bytes()).await?;
    copy.finish().await?;
    Ok(())
}

/// One row in COPY's text format: tab-separated, `\N` for NULL, backslash
/// escapes for the characters that would break the row.
struct Line<'a> {
    out: &'a mut String,
    first: bool,
}

impl<'a> Line<'a> {
    fn new(out: &'a mut String) -> Self {
        Line { out, first: true }
    }

    fn next(&mut self) -> &mut String {
        if !std::mem::take(&mut self.first) {
            self.out.push('\t');
        }
        self.out
    }

    fn int(&mut self, value: i64) -> &mut Self {
        let _ = write!(self.next(), "{value}");
        self
    }

    fn boolean(&mut self, value: bool) -> &mut Self {
        self.next().push(if value { 't' } else { 'f' });
        self
    }

    fn text(&mut self, value: Option<&str>) -> &mut Self {
        let out = self.next();
        match value {
            None => out.push_str("\\N"),
            Some(text) => {
                for c in text.chars() {
                    match c {
                        '\\' => out.push_str("\\\\"),
                        '\t' => out.push_str("\\t"),
                        '\n' => out.push_str("\\n"),
                        '\r' => out.push_str("\\r"),
                        c => out.push(c),
                    }
                }
            }
        }
        self
    }

    /// `bytea` in hex form; its leading backslash escaped for COPY.
    fn bytes(&mut self, value: Option<&[u8]>) -> &mut Self {
        let out = self.next();
        match value {
            None => out.push_str("\\N"),
            Some(bytes) => {
                out.push_str("\\\\x");
                for b in bytes {
                    let _ = write!(out, "{b:02x}");
                }
            }
        }
        self
    }

    fn end(&mut self) {
        self.out.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::Line;

    #[test]
    fn text_that_would_break_a_row_is_escaped() {
        let mut out = String::new();
        Line::new(&mut out)
            .text(Some("a\tb\nc\\d\re"))
            .text(None)
            .bytes(Some(&[0, 255]))
            .boolean(true)
            .int(-7)
            .end();
        assert_eq!(out, "a\\tb\\nc\\\\d\\re\t\\N\t\\\\x00ff\tt\t-7\n");
    }
}
