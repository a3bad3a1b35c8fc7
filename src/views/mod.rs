//! Queries per role: what each kind of user may see, applied on the server
//! (docs/architecture.md#who-sees-what), never only in the pages.

mod context;
pub mod dates;
pub mod export;
pub mod investigation;
pub mod requests;
pub mod resident;
