//! The organisation that runs the portal on every page: the server takes
//! it from the configuration and writes it into `<html data-organisation>`,
//! the browser reads it back from there, so hydration shows the same.

use crate::{i18n::Lang, model::Organisation};
use leptos::prelude::*;

pub(super) fn server_organisation() -> Organisation {
    #[cfg(feature = "ssr")]
    {
        use_context::<crate::state::AppState>()
            .map(|s| s.config.organisation.clone())
            .unwrap_or_default()
    }
    #[cfg(not(feature = "ssr"))]
    {
        Organisation::default()
    }
}

pub(super) fn page_organisation() -> Organisation {
    #[cfg(feature = "hydrate")]
    {
        document()
            .document_element()
            .and_then(|el| el.get_attribute("data-organisation"))
            .and_then(|json| serde_json::from_str(&json).ok())
            .unwrap_or_default()
    }
    #[cfg(not(feature = "hydrate"))]
    {
        Organisation::default()
    }
}

/// The organisation of this page.
pub fn organisation() -> Organisation {
    use_context::<Organisation>().unwrap_or_default()
}

/// A page's title: its own, then the organisation's name.
pub fn page_title(title: &str) -> String {
    let lang = use_context::<Lang>().unwrap_or_default();
    let org = organisation();
    format!("{title} - {}", lang.pick(&org.name, &org.name_en))
}
