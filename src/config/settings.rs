//! Every setting, where its value comes from, and how it is shown.
//!
//! A setting is read from, in this order: its environment variable; the
//! file named by `NAME_FILE` (for secrets kept in a secret store); the
//! configuration file (`INZAGE_CONFIG`, TOML). In the file, `INZAGE_` is left
//! off and the rest is written in lower case, the part before the first `_`
//! optionally as a table: `[organisation] name = "…"` is
//! `INZAGE_ORGANISATION_NAME`.

use super::{fail, ConfigError};
use std::collections::BTreeMap;
use std::path::Path;

/// One setting: its variable, default, how its value may be shown, and
/// what it does (shown by `--help` and `inzage config check`).
pub struct Setting {
    pub name: &'static str,
    /// Empty: none (off, or required where its reader says so).
    pub default: &'static str,
    pub shown: Shown,
    pub help: &'static str,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Shown {
    Plain,
    /// Never printed.
    Secret,
    /// A database URL, printed without its password.
    DatabaseUrl,
}

const fn setting(name: &'static str, default: &'static str, help: &'static str) -> Setting {
    Setting {
        name,
        default,
        shown: Shown::Plain,
        help,
    }
}

const fn secret(name: &'static str, help: &'static str) -> Setting {
    Setting {
        name,
        default: "",
        shown: Shown::Secret,
        help,
    }
}

/// Every setting the portal reads. The README explains each one at length.
pub const SETTINGS: &[Setting] = &[
    Setting {
        name: "INZAGE_DATABASE_URL",
        default: crate::store::DatabaseUrl::DEFAULT,
        shown: Shown::DatabaseUrl,
        help: "sqlite://PATH or postgres://USER@HOST/DB",
    },
    setting(
        "INZAGE_DB_MAX_CONNECTIONS",
        "8",
        "size of the connection pool, 1 to 1000",
    ),
    setting(
        "INZAGE_LOG",
        "info",
        "log filter in tracing syntax, e.g. inzage=debug,info",
    ),
    setting("INZAGE_LOG_FORMAT", "human", "human or json"),
    setting("INZAGE_SECURE_COOKIES", "auto", "auto, true or false"),
    setting(
        "INZAGE_PUBLIC_URL",
        "",
        "the address clients use, e.g. https://inzage.gemeente.nl",
    ),
    setting("INZAGE_KEY_DIR", "data/keys", "directory of the key files"),
    secret(
        "INZAGE_PSEUDONYM_KEY",
        "the pseudonym key (default: pseudonym.key in the key directory)",
    ),
    secret(
        "INZAGE_ENCRYPTION_KEY",
        "the encryption key (default: encryption.key in the key directory)",
    ),
    secret(
        "INZAGE_SIGNING_KEY",
        "the verifiable log's signing key (default: signing.key in the key directory)",
    ),
    setting(
        "INZAGE_BULK_MAX_BYTES",
        "1073741824",
        "largest bulk request in bytes",
    ),
    setting(
        "INZAGE_DEMO",
        "0",
        "1: demo mode (fictional municipality, passwordless logins)",
    ),
    setting(
        "INZAGE_OIDC_ISSUER",
        "",
        "residents' OpenID Connect provider (a DigiD broker); empty: off",
    ),
    setting("INZAGE_OIDC_CLIENT_ID", "", "residents' client id"),
    secret(
        "INZAGE_OIDC_CLIENT_SECRET",
        "residents' client secret (client_secret_basic)",
    ),
    setting(
        "INZAGE_OIDC_PRIVATE_KEY_FILE",
        "",
        "residents' client key in PEM (private_key_jwt)",
    ),
    setting("INZAGE_OIDC_SCOPES", "openid bsn", "scopes asked for"),
    setting("INZAGE_OIDC_BSN_CLAIM", "bsn", "the claim with the BSN"),
    setting(
        "INZAGE_OIDC_MIN_ACR",
        "substantieel",
        "lowest DigiD level: basis, midden, substantieel or hoog",
    ),
    setting(
        "INZAGE_STAFF_OIDC_ISSUER",
        "",
        "employees' OpenID Connect provider; empty: off",
    ),
    setting("INZAGE_STAFF_OIDC_CLIENT_ID", "", "employees' client id"),
    secret(
        "INZAGE_STAFF_OIDC_CLIENT_SECRET",
        "employees' client secret",
    ),
    setting(
        "INZAGE_STAFF_OIDC_PRIVATE_KEY_FILE",
        "",
        "employees' client key in PEM",
    ),
    setting(
        "INZAGE_STAFF_OIDC_SCOPES",
        "openid profile roles",
        "scopes asked for",
    ),
    setting(
        "INZAGE_STAFF_OIDC_ROLE_CLAIM",
        "roles",
        "the claim with the role",
    ),
    setting(
        "INZAGE_STAFF_IDLE_MINUTES",
        "15",
        "staff session ends after this many idle minutes",
    ),
    setting(
        "INZAGE_STAFF_MAX_HOURS",
        "8",
        "staff session ends this many hours after login",
    ),
    setting(
        "INZAGE_STAFF_REQUIRE_2FA",
        "1",
        "local staff accounts need an authenticator code",
    ),
    setting(
        "INZAGE_RESIDENT_IDLE_MINUTES",
        "15",
        "resident session ends after this many idle minutes",
    ),
    setting(
        "INZAGE_RESIDENT_MAX_HOURS",
        "2",
        "resident session ends this many hours after login",
    ),
    setting(
        "INZAGE_ORGANISATION_NAME",
        "Gemeente Voorbeeld",
        "the organisation's name, in Dutch",
    ),
    setting(
        "INZAGE_ORGANISATION_NAME_EN",
        "Municipality of Voorbeeld",
        "the organisation's name, in English",
    ),
    setting(
        "INZAGE_ORGANISATION_OIN",
        "00000001001234567000",
        "the organisation's OIN (20 digits)",
    ),
    setting(
        "INZAGE_ORGANISATION_PHONE",
        "14 0000",
        "the phone number residents call",
    ),
    setting(
        "INZAGE_ORGANISATION_PHONE_HOURS",
        "op werkdagen van 9.00 tot 17.00 uur",
        "when the phone is answered, in Dutch",
    ),
    setting(
        "INZAGE_ORGANISATION_PHONE_HOURS_EN",
        "working days from 9.00 to 17.00",
        "when the phone is answered, in English",
    ),
    setting(
        "INZAGE_ORGANISATION_ADDRESS",
        "Postbus 1000, 1000 AA Voorbeeld",
        "postal address",
    ),
    setting(
        "INZAGE_ORGANISATION_CONTACT_URL",
        "",
        "the organisation's contact form (https URL)",
    ),
    setting(
        "INZAGE_ORGANISATION_PRIVACY_EMAIL",
        "privacy@voorbeeld.example",
        "the privacy officer's e-mail address",
    ),
    setting(
        "INZAGE_ORGANISATION_SECURITY_CONTACT",
        "",
        "security.txt Contact (mailto: or https URL); empty: no security.txt",
    ),
    setting(
        "INZAGE_ORGANISATION_SECURITY_EXPIRES",
        "",
        "security.txt Expires (RFC 3339, at most a year ahead)",
    ),
    setting(
        "INZAGE_METRICS_ADDR",
        "",
        "serve /metrics on this address of its own, e.g. 127.0.0.1:9464",
    ),
    secret(
        "INZAGE_METRICS_TOKEN",
        "serve /metrics on the portal to this bearer token (at least 32 characters)",
    ),
    setting(
        "INZAGE_TRUSTED_PROXIES",
        "",
        "addresses of the TLS proxies whose X-Forwarded-For is believed, e.g. 127.0.0.1",
    ),
    setting(
        "INZAGE_ORGANISATION_LOGO",
        "",
        "an SVG or PNG file with the organisation's logo (default: the example's mark)",
    ),
    setting(
        "INZAGE_THEME_CSS",
        "",
        "a NL Design System theme's CSS file (default: the example theme)",
    ),
    setting(
        "INZAGE_THEME_CLASS",
        "voorbeeld-theme",
        "the theme's class on <html>",
    ),
];

/// The setting called `name`. Every reader names a setting of the table; a
/// test reads the whole configuration, so a missing one fails it.
pub fn find(name: &str) -> &'static Setting {
    SETTINGS
        .iter()
        .find(|s| s.name == name)
        .unwrap_or_else(|| panic!("{name} is not in config::settings::SETTINGS"))
}

/// The values of the configuration file, by variable name.
#[derive(Debug, Default)]
pub struct ConfigFile(BTreeMap<String, String>);

impl ConfigFile {
    pub fn read(path: &Path) -> Result<Self, ConfigError> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| fail("INZAGE_CONFIG", format!("cannot read {path:?}: {e}")))?;
        Self::parse(&text).map_err(|problem| fail("INZAGE_CONFIG", format!("{path:?}: {problem}")))
    }

    pub fn parse(text: &str) -> Result<Self, String> {
        let table: toml::Table = text.parse().map_err(|e: toml::de::Error| e.to_string())?;
        let mut values = BTreeMap::new();
        flatten("INZAGE", &table, &mut values)?;
        Ok(ConfigFile(values))
    }

    pub fn get(&self, name: &str) -> Option<&str> {
        self.0.get(name).map(String::as_str)
    }
}

fn flatten(
    prefix: &str,
    table: &toml::Table,
    out: &mut BTreeMap<String, String>,
) -> Result<(), String> {
    for (key, value) in table {
        let name = format!("{prefix}_{}", key.to_ascii_uppercase());
        let text = match value {
            toml::Value::Table(inner) => {
                flatten(&name, inner, out)?;
                continue;
            }
            toml::Value::String(s) => s.clone(),
            toml::Value::Integer(n) => n.to_string(),
            toml::Value::Boolean(b) => if *b { "1" } else { "0" }.to_owned(),
            _ => return Err(format!("{key}: expected a string, number or true/false")),
        };
        if !SETTINGS.iter().any(|s| s.name == name) {
            return Err(format!("unknown setting {key:?} (variable {name})"));
        }
        out.insert(name, text);
    }
    Ok(())
}

/// The environment, `*_FILE` secrets and the configuration file, in that
/// order, as one lookup.
pub struct Sources<E> {
    pub env: E,
    pub file: ConfigFile,
}

impl<E: Fn(&str) -> Option<String>> Sources<E> {
    /// Reads `INZAGE_CONFIG` through `env`, when it is set.
    pub fn new(env: E) -> Result<Self, ConfigError> {
        let file = match env("INZAGE_CONFIG").filter(|p| !p.trim().is_empty()) {
            Some(path) => ConfigFile::read(Path::new(path.trim()))?,
            None => ConfigFile::default(),
        };
        Ok(Sources { env, file })
    }

    pub fn get(&self, name: &str) -> Result<Option<String>, ConfigError> {
        if let Some(value) = (self.env)(name) {
            return Ok(Some(value));
        }
        let file_var = format!("{name}_FILE");
        if let Some(path) = (self.env)(&file_var).filter(|p| !p.trim().is_empty()) {
            let value = std::fs::read_to_string(path.trim()).map_err(|e| {
                fail(
                    find(name).name,
                    format!("cannot read {file_var} {path:?}: {e}"),
                )
            })?;
            return Ok(Some(value.trim_end_matches(['\r', '\n']).to_owned()));
        }
        Ok(self.file.get(name).map(str::to_owned))
    }
}

/// Each setting with its effective value, secrets shown as `***`, for
/// `inzage config check`.
pub fn describe(lookup: impl Fn(&str) -> Option<String>) -> String {
    let mut out = String::new();
    for s in SETTINGS {
        let value = lookup(s.name).filter(|v| !v.trim().is_empty());
        let shown = match (&value, s.shown) {
            (Some(_), Shown::Secret) => "***".to_owned(),
            (Some(v), Shown::DatabaseUrl) => crate::store::DatabaseUrl::parse(v)
                .map(|url| url.redacted())
                .unwrap_or_else(|_| "(not a valid database URL)".to_owned()),
            (Some(v), Shown::Plain) => v.clone(),
            (None, _) if s.default.is_empty() => "(not set)".to_owned(),
            (None, _) => format!("{} (default)", s.default),
        };
        out.push_str(&format!("{} = {shown}\n", s.name));
    }
    out
}

/// The settings for `--help`.
pub fn help() -> String {
    let mut out = String::from(
        "Settings (environment variables; NAME_FILE reads a secret from a file; \
         INZAGE_CONFIG names a TOML file with the same settings):\n",
    );
    for s in SETTINGS {
        let default = if s.default.is_empty() {
            String::new()
        } else {
            format!(" [default: {}]", s.default)
        };
        out.push_str(&format!("  {}  {}{default}\n", s.name, s.help));
    }
    out
}
