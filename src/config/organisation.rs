//! The organisation that runs the portal (`INZAGE_ORGANISATION_*`), its
//! NL Design System theme (`INZAGE_THEME_*`) and its security contact.

use super::{fail, var, ConfigError};
use crate::{domain::Oin, model::Organisation};
use chrono::{DateTime, Utc};

/// The theme: a CSS file of design tokens and the class that switches it
/// on, and the organisation's logo.
#[derive(Clone, PartialEq, Eq)]
pub struct Theme {
    /// The file's CSS, read at start-up. `None`: the example theme the
    /// build copies into `public/nlds/`.
    pub css: Option<String>,
    pub class: String,
    pub logo: Option<Logo>,
}

/// An image file read at start-up, served at [`Logo::PATH`].
#[derive(Clone, PartialEq, Eq)]
pub struct Logo {
    pub bytes: Vec<u8>,
    pub content_type: &'static str,
}

impl Logo {
    pub const PATH: &'static str = "/huisstijl/logo";
}

impl std::fmt::Debug for Theme {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Theme")
            .field("css_bytes", &self.css.as_ref().map(String::len))
            .field("class", &self.class)
            .field("logo_bytes", &self.logo.as_ref().map(|l| l.bytes.len()))
            .finish()
    }
}

/// What `/.well-known/security.txt` says (RFC 9116).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SecurityTxt {
    pub contact: String,
    pub expires: DateTime<Utc>,
}

/// The organisation; its logo is the theme's, read once by [`read_theme`].
pub(super) fn read_organisation(
    lookup: &impl Fn(&str) -> Option<String>,
    theme: &Theme,
) -> Result<Organisation, ConfigError> {
    let oin_name = "INZAGE_ORGANISATION_OIN";
    let oin = var(lookup, oin_name);
    let oin: Oin = oin
        .trim()
        .parse()
        .map_err(|_| fail(oin_name, format!("expected 20 digits, got {oin:?}")))?;
    let contact_name = "INZAGE_ORGANISATION_CONTACT_URL";
    let contact_url = match var(lookup, contact_name).trim() {
        "" => None,
        url => Some(https_url(contact_name, url)?),
    };
    let email_name = "INZAGE_ORGANISATION_PRIVACY_EMAIL";
    let privacy_email = var(lookup, email_name).trim().to_owned();
    if !is_email(&privacy_email) {
        return Err(fail(
            email_name,
            format!("expected an e-mail address, got {privacy_email:?}"),
        ));
    }
    let logo = theme.logo.as_ref().map(|_| Logo::PATH.to_owned());
    Ok(Organisation {
        name: text(lookup, "INZAGE_ORGANISATION_NAME"),
        name_en: text(lookup, "INZAGE_ORGANISATION_NAME_EN"),
        oin: oin.to_string(),
        phone: text(lookup, "INZAGE_ORGANISATION_PHONE"),
        phone_hours: text(lookup, "INZAGE_ORGANISATION_PHONE_HOURS"),
        phone_hours_en: text(lookup, "INZAGE_ORGANISATION_PHONE_HOURS_EN"),
        address: text(lookup, "INZAGE_ORGANISATION_ADDRESS"),
        contact_url,
        privacy_email,
        logo,
    })
}

fn read_logo(lookup: &impl Fn(&str) -> Option<String>) -> Result<Option<Logo>, ConfigError> {
    let name = "INZAGE_ORGANISATION_LOGO";
    let path = var(lookup, name).trim().to_owned();
    if path.is_empty() {
        return Ok(None);
    }
    let content_type = match path
        .rsplit('.')
        .next()
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        _ => {
            return Err(fail(
                name,
                format!("expected an .svg or .png file, got {path:?}"),
            ))
        }
    };
    let bytes =
        std::fs::read(&path).map_err(|e| fail(name, format!("cannot read {path:?}: {e}")))?;
    Ok(Some(Logo {
        bytes,
        content_type,
    }))
}

pub(super) fn read_theme(lookup: &impl Fn(&str) -> Option<String>) -> Result<Theme, ConfigError> {
    let css_name = "INZAGE_THEME_CSS";
    let css = match var(lookup, css_name).trim() {
        "" => None,
        path => Some(
            std::fs::read_to_string(path)
                .map_err(|e| fail(css_name, format!("cannot read {path:?}: {e}")))?,
        ),
    };
    let class_name = "INZAGE_THEME_CLASS";
    let class = var(lookup, class_name).trim().to_owned();
    let is_class = class
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if class.is_empty() || !is_class {
        return Err(fail(
            class_name,
            format!("expected a CSS class name such as utrecht-theme, got {class:?}"),
        ));
    }
    Ok(Theme {
        css,
        class,
        logo: read_logo(lookup)?,
    })
}

/// Both or neither: a security.txt without an expiry date is not valid.
pub(super) fn read_security_txt(
    lookup: &impl Fn(&str) -> Option<String>,
    now: DateTime<Utc>,
) -> Result<Option<SecurityTxt>, ConfigError> {
    let contact_name = "INZAGE_ORGANISATION_SECURITY_CONTACT";
    let expires_name = "INZAGE_ORGANISATION_SECURITY_EXPIRES";
    let contact = var(lookup, contact_name).trim().to_owned();
    let expires = var(lookup, expires_name).trim().to_owned();
    match (contact.is_empty(), expires.is_empty()) {
        (true, true) => return Ok(None),
        (true, false) => {
            return Err(fail(
                contact_name,
                format!("required when {expires_name} is set"),
            ))
        }
        (false, true) => {
            return Err(fail(
                expires_name,
                format!("required when {contact_name} is set"),
            ))
        }
        (false, false) => {}
    }
    if !(contact.starts_with("mailto:") && is_email(&contact["mailto:".len()..]))
        && https_url(contact_name, &contact).is_err()
    {
        return Err(fail(
            contact_name,
            format!("expected mailto:ADDRESS or an https URL, got {contact:?}"),
        ));
    }
    let expires = DateTime::parse_from_rfc3339(&expires)
        .map_err(|_| {
            fail(
                expires_name,
                format!("expected a date such as 2027-12-01T00:00:00Z, got {expires:?}"),
            )
        })?
        .with_timezone(&Utc);
    // RFC 9116 §2.5.5: less than a year ahead, so it is looked at again.
    if expires > now + chrono::Duration::days(366) {
        return Err(fail(expires_name, "must be less than a year ahead".into()));
    }
    Ok(Some(SecurityTxt { contact, expires }))
}

/// A text setting (never blank: a blank value means its default).
fn text(lookup: &impl Fn(&str) -> Option<String>, name: &'static str) -> String {
    var(lookup, name).trim().to_owned()
}

fn https_url(name: &'static str, value: &str) -> Result<String, ConfigError> {
    match url::Url::parse(value) {
        Ok(url) if url.scheme() == "https" => Ok(value.to_owned()),
        _ => Err(fail(name, format!("expected an https URL, got {value:?}"))),
    }
}

fn is_email(value: &str) -> bool {
    match value.split_once('@') {
        Some((user, domain)) => {
            !user.is_empty()
                && domain.contains('.')
                && !value
                    .chars()
                    .any(|c| c.is_whitespace() || c == '<' || c == '>')
        }
        None => false,
    }
}
