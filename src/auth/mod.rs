//! Who is asking: the resident's and the staff member's sessions, the
//! current user of a request, staff passwords and second factor, the
//! OpenID Connect client, and the audit helper every staff action uses.
//! The login routes that use this are in `server/`.

pub mod oidc;
pub mod password;
pub mod resident;
pub mod return_to;
pub mod second_factor;
pub mod staff;
