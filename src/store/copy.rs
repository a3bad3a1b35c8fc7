//! PostgreSQL's `COPY … FROM STDIN` in its binary format, for large
//! batches: no bind parameters to parse, plan and check, just rows of
//! values. The log's versions (log/copy.rs) and the tree's leaves use it.

use sqlx::PgConnection;

/// Sends rows in COPY's binary format into those columns of the table.
pub(crate) async fn copy_in(
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
pub(crate) struct Binary(Vec<u8>);

/// Signature, flags (none) and header extension length (none).
const SIGNATURE: &[u8] = b"PGCOPY\n\xff\r\n\0\0\0\0\0\0\0\0\0";

impl Binary {
    pub(crate) fn start(capacity: usize) -> Self {
        let mut out = Vec::with_capacity(capacity + SIGNATURE.len());
        out.extend_from_slice(SIGNATURE);
        Binary(out)
    }

    pub(crate) fn row(&mut self) -> Row<'_> {
        let count_at = self.0.len();
        self.0.extend_from_slice(&0i16.to_be_bytes());
        Row {
            out: &mut self.0,
            count_at,
            fields: 0,
        }
    }

    /// The trailer: a row of -1 fields.
    pub(crate) fn finish(mut self) -> Vec<u8> {
        self.0.extend_from_slice(&(-1i16).to_be_bytes());
        self.0
    }
}

/// One row: its field count, then each value after its length (-1 for NULL).
pub(crate) struct Row<'a> {
    out: &'a mut Vec<u8>,
    count_at: usize,
    fields: i16,
}

impl Row<'_> {
    pub(crate) fn value(&mut self, value: Option<&[u8]>) -> &mut Self {
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
    use super::Binary;

    #[test]
    fn rows_carry_their_field_count_and_each_value_its_length() {
        let mut out = Binary::start(0);
        out.row()
            .value(Some(&(-7i64).to_be_bytes()))
            .value(None)
            .value(Some(b"a\tb"))
            .value(Some(&[1]))
            .value(Some(&[0, 255]));
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
