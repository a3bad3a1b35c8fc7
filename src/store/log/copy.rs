//! Large batches into PostgreSQL with `COPY … FROM STDIN` instead of
//! multi-row INSERTs: no bind parameters to parse, plan and check, just rows
//! of values. SQLite has no COPY; its multi-row INSERTs are the fast path there.

use super::{
    columns::{self, Values, NEW_OBJECT_COLUMNS, NEW_VERSION_COLUMNS},
    rows::NewVersion,
};
use crate::store::copy::{copy_in, Binary, Row};
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

    fn digest(&mut self, _: &'static str, value: [u8; 32]) -> &mut Self {
        self.value(Some(&value))
    }
}
