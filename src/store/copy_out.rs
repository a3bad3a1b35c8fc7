//! PostgreSQL's `COPY … TO STDOUT` in its binary format, for reading many
//! rows at once: `verify` reads every version, and decoding ten million
//! rows value by value through sqlx took longer than hashing them.

use super::StoreError;
use futures::TryStreamExt;
use sqlx::postgres::{PgPool, PgPoolCopyExt};

/// The rows of `select` (a query without parameters) in COPY's binary
/// format.
pub(crate) async fn copy_out(pool: &PgPool, select: &str) -> Result<Vec<u8>, sqlx::Error> {
    let statement = format!("COPY ({select}) TO STDOUT (FORMAT binary)");
    let mut chunks = pool.copy_out_raw(&statement).await?;
    let mut out = Vec::new();
    while let Some(chunk) = chunks.try_next().await? {
        out.extend_from_slice(&chunk);
    }
    Ok(out)
}

/// Reads the rows back: each field in the order of the `SELECT`, as
/// PostgreSQL stores it (`bigint` big-endian, `boolean` one byte, `text`
/// UTF-8, `bytea` as is).
pub(crate) struct Reader<'a> {
    data: &'a [u8],
    /// Fields left in the current row.
    left: i16,
}

const SIGNATURE: &[u8] = b"PGCOPY\n\xff\r\n\0";

fn corrupt(what: &str) -> StoreError {
    StoreError::Corrupt(format!("binary COPY: {what}"))
}

fn not_null() -> StoreError {
    corrupt("NULL in a NOT NULL column")
}

impl<'a> Reader<'a> {
    pub(crate) fn new(data: &'a [u8]) -> Result<Self, StoreError> {
        let rest = data
            .strip_prefix(SIGNATURE)
            .ok_or_else(|| corrupt("no signature"))?;
        // Flags (4 bytes), then the header extension's length and the extension.
        let mut reader = Reader {
            data: rest.get(4..).ok_or_else(|| corrupt("short header"))?,
            left: 0,
        };
        let extension = reader.take(4)?;
        let extension = u32::from_be_bytes(extension.try_into().map_err(|_| corrupt("header"))?);
        reader.take(extension as usize)?;
        Ok(reader)
    }

    fn take(&mut self, n: usize) -> Result<&'a [u8], StoreError> {
        if self.data.len() < n {
            return Err(corrupt("cut short"));
        }
        let (taken, rest) = self.data.split_at(n);
        self.data = rest;
        Ok(taken)
    }

    /// Moves to the next row; false after the last one.
    pub(crate) fn next_row(&mut self, fields: i16) -> Result<bool, StoreError> {
        if self.left != 0 {
            return Err(corrupt("a row was not read to its end"));
        }
        let count = i16::from_be_bytes(self.take(2)?.try_into().map_err(|_| corrupt("count"))?);
        match count {
            -1 => Ok(false),
            n if n == fields => {
                self.left = n;
                Ok(true)
            }
            n => Err(corrupt(&format!(
                "{n} fields where {fields} were asked for"
            ))),
        }
    }

    /// The next field; `None` for NULL.
    pub(crate) fn field(&mut self) -> Result<Option<&'a [u8]>, StoreError> {
        if self.left == 0 {
            return Err(corrupt("more fields read than the row has"));
        }
        self.left -= 1;
        let len = i32::from_be_bytes(self.take(4)?.try_into().map_err(|_| corrupt("length"))?);
        if len < 0 {
            return Ok(None);
        }
        self.take(len as usize).map(Some)
    }

    fn required(&mut self) -> Result<&'a [u8], StoreError> {
        self.field()?.ok_or_else(not_null)
    }

    pub(crate) fn i64(&mut self) -> Result<i64, StoreError> {
        let bytes = self.required()?;
        Ok(i64::from_be_bytes(
            bytes.try_into().map_err(|_| corrupt("bigint"))?,
        ))
    }

    pub(crate) fn bool(&mut self) -> Result<bool, StoreError> {
        Ok(self.required()? != [0])
    }

    pub(crate) fn text(&mut self) -> Result<String, StoreError> {
        self.opt_text()?.ok_or_else(not_null)
    }

    pub(crate) fn opt_text(&mut self) -> Result<Option<String>, StoreError> {
        match self.field()? {
            None => Ok(None),
            Some(bytes) => String::from_utf8(bytes.to_vec())
                .map(Some)
                .map_err(|_| corrupt("text that is not UTF-8")),
        }
    }

    pub(crate) fn bytes(&mut self) -> Result<Vec<u8>, StoreError> {
        self.opt_bytes()?.ok_or_else(not_null)
    }

    pub(crate) fn opt_bytes(&mut self) -> Result<Option<Vec<u8>>, StoreError> {
        Ok(self.field()?.map(<[u8]>::to_vec))
    }
}

#[cfg(test)]
mod tests {
    use super::Reader;
    use crate::store::copy::Binary;

    #[test]
    fn reads_back_what_the_writer_wrote() {
        let mut out = Binary::start(0);
        out.row()
            .value(Some(&(-7i64).to_be_bytes()))
            .value(None)
            .value(Some("één".as_bytes()))
            .value(Some(&[1]));
        out.row()
            .value(Some(&42i64.to_be_bytes()))
            .value(Some(&[0, 255]))
            .value(Some(b""))
            .value(Some(&[0]));
        let bytes = out.finish();
        let mut rows = Reader::new(&bytes).unwrap();
        assert!(rows.next_row(4).unwrap());
        assert_eq!(rows.i64().unwrap(), -7);
        assert_eq!(rows.opt_bytes().unwrap(), None);
        assert_eq!(rows.text().unwrap(), "één");
        assert!(rows.bool().unwrap());
        assert!(rows.next_row(4).unwrap());
        assert_eq!(rows.i64().unwrap(), 42);
        assert_eq!(rows.bytes().unwrap(), vec![0, 255]);
        assert_eq!(rows.opt_text().unwrap().as_deref(), Some(""));
        assert!(!rows.bool().unwrap());
        assert!(!rows.next_row(4).unwrap());
    }

    #[test]
    fn refuses_what_is_not_binary_copy_or_is_cut_short() {
        assert!(Reader::new(b"seq\tname\n").is_err());
        let mut out = Binary::start(0);
        out.row().value(Some(&1i64.to_be_bytes()));
        let bytes = out.finish();
        let mut rows = Reader::new(&bytes[..bytes.len() - 5]).unwrap();
        assert!(rows.next_row(1).unwrap());
        assert!(rows.i64().is_err());
        let mut rows = Reader::new(&bytes).unwrap();
        assert!(rows.next_row(2).is_err(), "a row of another width");
    }
}
