//! Large batches into PostgreSQL with `COPY … FROM STDIN` instead of
//! multi-row INSERTs: no bind parameters to parse, plan and check, just rows
//! of values. SQLite has no COPY; its multi-row INSERTs are the fast path there.

use super::{
    columns::{self, Values, NEW_OBJECT_COLUMNS, NEW_VERSION_COLUMNS},
    rows::NewVersion,
};
use sqlx::{PgConnection, SqliteConnection};

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
        let versions = version_rows(rows);
        // The person rows are laid out while PostgreSQL takes the versions.
        let (copied, objects) = tokio::join!(
            copy_in(self, "actie_versie", &NEW_VERSION_COLUMNS, &versions),
            async { object_rows(rows) }
        );
        copied?;
        if let Some(objects) = objects {
            copy_in(self, "verwerkt_object", &NEW_OBJECT_COLUMNS, &objects).await?;
        }
        Ok(true)
    }
}

/// The versions, in the order of [`NEW_VERSION_COLUMNS`].
fn version_rows(rows: &Rows<'_, '_>) -> Vec<u8> {
    let mut out = Binary::start(rows.len() * 512);
    for (seq, v) in rows {
        columns::version(&mut out.row(), *seq, v);
    }
    out.finish()
}

/// The person rows, in the order of [`NEW_OBJECT_COLUMNS`]; `None` when
/// the versions have none.
fn object_rows(rows: &Rows<'_, '_>) -> Option<Vec<u8>> {
    let count: usize = rows.iter().map(|(_, v)| v.objects.len()).sum();
    if count == 0 {
        return None;
    }
    let mut out = Binary::start(count * 256);
    for (seq, v) in rows {
        for o in v.objects {
            columns::object(&mut out.row(), *seq, v, o);
        }
    }
    Some(out.finish())
}

/// Sends rows in COPY's binary format into those columns of the table.
async fn copy_in(
    conn: &mut PgConnection,
    table: &str,
    columns: &str,
    rows: &[u8],
) -> Result<(), sqlx::Error> {
    let mut copy = conn
        .copy_in_raw(&format!(
            "COPY {table} ({columns}) FROM STDIN (FORMAT binary)"
        ))
        .await?;
    copy.send(rows).await?;
    copy.finish().await?;
    Ok(())
}

/// Rows in COPY's binary format: values as PostgreSQL stores them, each
/// with its length, so neither side escapes or parses text. Every value
/// must be of its column's type exactly (`bigint`, `boolean`, `text`,
/// `bytea`); PostgreSQL refuses the whole COPY otherwise.
struct Binary(Vec<u8>);

/// Signature, flags (none) and header extension length (none).
const SIGNATURE: &[u8] = b"PGCOPY\n\xff\r\n\0\0\0\0\0\0\0\0\0";

impl Binary {
    fn start(capacity: usize) -> Self {
        let mut out = Vec::with_capacity(capacity + SIGNATURE.len());
        out.extend_from_slice(SIGNATURE);
        Binary(out)
    }

    fn row(&mut self) -> Row<'_> {
        let count_at = self.0.len();
        self.0.extend_from_slice(&0i16.to_be_bytes());
        Row {
            out: &mut self.0,
            count_at,
            fields: 0,
        }
    }

    /// The trailer: a row of -1 fields.
    fn finish(mut self) -> Vec<u8> {
        self.0.extend_from_slice(&(-1i16).to_be_bytes());
        self.0
    }
}

/// One row: its field count, then each value after its length (-1 for NULL).
struct Row<'a> {
    out: &'a mut Vec<u8>,
    count_at: usize,
    fields: i16,
}

impl<'a> Values<'a> for Row<'_> {
    fn int(&mut self, _: &'static str, value: i64) -> &mut Self {
        self.value(Some(&value.to_be_bytes()))
    }

    fn boolean(&mut self, _: &'static str, value: bool) -> &mut Self {
        self.value(Some(&[u8::from(value)]))
    }

    fn text(&mut self, _: &'static str, value: Option<&'a str>) -> &mut Self {
        self.value(value.map(str::as_bytes))
    }

    fn bytes(&mut self, _: &'static str, value: Option<&'a [u8]>) -> &mut Self {
        self.value(value)
    }
}

impl Row<'_> {
    fn value(&mut self, value: Option<&[u8]>) -> &mut Self {
        self.fields += 1;
        match value {
            None => self.out.extend_from_slice(&(-1i32).to_be_bytes()),
            Some(bytes) => {
                // Lines are at most a MiB (api/bulk: MAX_LINE_BYTES), values shorter still.
                let len = i32::try_from(bytes.len()).expect("a value under 2 GiB");
                self.out.extend_from_slice(&len.to_be_bytes());
                self.out.extend_from_slice(bytes);
            }
        }
        self
    }
}

/// A row ends when it goes out of scope: its field count is written then.
impl Drop for Row<'_> {
    fn drop(&mut self) {
        self.out[self.count_at..self.count_at + 2].copy_from_slice(&self.fields.to_be_bytes());
    }
}

#[cfg(test)]
mod tests {
    use super::{Binary, Values};

    #[test]
    fn rows_carry_their_field_count_and_each_value_its_length() {
        let mut out = Binary::start(0);
        out.row()
            .int("a", -7)
            .text("b", None)
            .text("c", Some("a\tb"))
            .boolean("d", true)
            .bytes("e", Some(&[0, 255]));
        let bytes = out.finish();
        let (signature, rest) = bytes.split_at(19);
        assert_eq!(signature, b"PGCOPY\n\xff\r\n\0\0\0\0\0\0\0\0\0");
        let expected: Vec<u8> = [
            &5i16.to_be_bytes()[..],
            &8i32.to_be_bytes(),
            &(-7i64).to_be_bytes(),
            &(-1i32).to_be_bytes(),
            &3i32.to_be_bytes(),
            b"a\tb",
            &1i32.to_be_bytes(),
            &[1],
            &2i32.to_be_bytes(),
            &[0, 255],
            &(-1i16).to_be_bytes(),
        ]
        .concat();
        assert_eq!(rest, expected);
    }
}
