//! Queries per role: what each kind of user may see, applied on the server
//! (DESIGN.md "Who sees what"), never only in the pages.

pub mod dates;
pub mod investigation;
pub mod requests;
pub mod resident;
