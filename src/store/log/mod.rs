//! The processing log in the database: append-only versions of actions and
//! the persons in them. Rows are only ever inserted; the current version of
//! an action is the one with the highest `seq`, and it counts only when it
//! is not `vervallen` (deleted). The one column ever updated is derived:
//! `verwerkt_object.zichtbaar`, cleared when a newer version arrives.

mod columns;
mod copy;
mod purge;
mod read;
mod rows;
mod write;

pub(crate) use columns::IS_CURRENT;
pub use purge::{Expiring, Removed, REMOVED_VERSIONS};
pub use read::{resident_page_sql, resident_summary_sql, resident_uses_sql};
pub(crate) use rows::ResidentRow;
pub use rows::{
    leaf_salt, ActieFields, Appended, IdempotencyKey, NewVersion, OwnViews, PersonFilter,
    ResidentSummary, SealedObject, StoredVersion, SummaryRow, Wijziging,
};
pub use write::Writing;
