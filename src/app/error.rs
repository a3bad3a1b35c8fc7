//! The one error type of the server functions: what the pages may show.
//! Internal causes are logged on the server, never sent to the browser.

use leptos::server_fn::{codec::JsonEncoding, error::FromServerFnError, error::ServerFnErrorErr};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum PortalError {
    #[error("niet ingelogd")]
    NotLoggedIn,
    #[error("geen toegang")]
    Forbidden,
    #[error("niet gevonden")]
    NotFound,
    #[error("ongeldige invoer: {0}")]
    Invalid(String),
    #[error("er ging iets mis")]
    Internal,
    #[error("verbinding met de server mislukt")]
    Transport(String),
}

impl FromServerFnError for PortalError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        // Only framework-level failures end up here (network, decoding).
        PortalError::Transport(value.to_string())
    }
}

/// Failures of the layers below: logged here, shown as "er ging iets mis".
/// `?` in a server function needs nothing more.
#[cfg(feature = "ssr")]
macro_rules! internal_from {
    ($($cause:ty),* $(,)?) => {$(
        impl From<$cause> for PortalError {
            fn from(cause: $cause) -> Self {
                PortalError::internal(cause)
            }
        }
    )*};
}

#[cfg(feature = "ssr")]
internal_from!(
    crate::store::StoreError,
    crate::ingest::LogError,
    tower_sessions::session::Error,
);

#[cfg(feature = "ssr")]
impl PortalError {
    /// Logs an internal cause and returns the message-free error.
    pub fn internal(cause: impl std::fmt::Display) -> PortalError {
        tracing::error!("server function failed: {cause}");
        PortalError::Internal
    }
}
