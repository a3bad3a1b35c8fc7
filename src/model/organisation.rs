//! The organisation that runs the portal, as its configuration names it:
//! shown on every page, so the browser hydrates with it too.

use serde::{Deserialize, Serialize};

/// Only the server knows the configuration; the browser reads it back from
/// the page (`<html data-organisation>`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Organisation {
    pub name: String,
    pub name_en: String,
    pub oin: String,
    pub phone: String,
    pub phone_hours: String,
    pub phone_hours_en: String,
    pub address: String,
    /// The organisation's own contact form, when it has one.
    pub contact_url: Option<String>,
    pub privacy_email: String,
    /// Where the configured logo is served; none: the example's mark.
    pub logo: Option<String>,
}

impl Organisation {
    /// The phone number as a `tel:` link.
    pub fn phone_href(&self) -> String {
        let digits: String = self
            .phone
            .chars()
            .filter(|c| c.is_ascii_digit() || *c == '+')
            .collect();
        format!("tel:{digits}")
    }
}
