//! Typed configuration from `INZAGE_*` settings: environment variables,
//! `*_FILE` secrets and the configuration file (`settings.rs`). Every
//! setting is listed in the README with its default; a bad value stops
//! start-up with a message that names the setting.

mod oidc;
mod organisation;
pub mod settings;
#[cfg(test)]
mod tests;

use crate::{model::Organisation, store::DatabaseUrl};
pub use oidc::{ClientAuth, OidcSettings};
pub use organisation::{Logo, SecurityTxt, Theme};
use std::{collections::BTreeMap, fmt};

#[derive(Clone, Debug)]
pub struct Config {
    /// `INZAGE_DATABASE_URL`: `sqlite://…` (embedded default) or `postgres://…`.
    pub database: DatabaseUrl,
    /// `INZAGE_DB_MAX_CONNECTIONS`: size of the connection pool.
    pub db_max_connections: u32,
    /// `INZAGE_LOG_FORMAT`: `human` (default) or `json`.
    pub log_format: LogFormat,
    /// `INZAGE_LOG`: a tracing filter such as `info` or `inzage=debug,info`.
    pub log_filter: String,
    /// `INZAGE_SECURE_COOKIES`: `auto` (Secure unless served on plain-HTTP
    /// loopback), `true` or `false`.
    pub secure_cookies: SecureCookies,
    /// `INZAGE_PUBLIC_URL`: the address clients use, for `url` fields and
    /// `Location` headers (default `http://` + `LEPTOS_SITE_ADDR`).
    pub public_url: Option<String>,
    /// `INZAGE_KEY_DIR`: where the pseudonym and encryption keys are kept
    /// when they are not given as `INZAGE_PSEUDONYM_KEY` / `INZAGE_ENCRYPTION_KEY`.
    pub key_dir: std::path::PathBuf,
    /// `INZAGE_BULK_MAX_BYTES`: the largest bulk request.
    pub bulk_max_bytes: u64,
    /// `INZAGE_DEMO`: demo mode (demo municipality seeded into an empty
    /// log, passwordless demo logins). Off unless set to `1`: it lowers
    /// security, so only an operator turns it on (`scripts/run.sh` does).
    pub demo: bool,
    /// `INZAGE_OIDC_*`: residents log in through this OpenID Connect
    /// provider (a DigiD broker). Off when `INZAGE_OIDC_ISSUER` is empty.
    pub resident_oidc: Option<OidcSettings>,
    /// `INZAGE_STAFF_OIDC_*`: employees log in through this provider, their
    /// role taken from `INZAGE_STAFF_OIDC_ROLE_CLAIM`.
    pub staff_oidc: Option<OidcSettings>,
    /// `INZAGE_STAFF_IDLE_MINUTES` / `INZAGE_STAFF_MAX_HOURS`: a staff
    /// session ends after this long without a request, and after this long
    /// in all.
    pub staff_idle: chrono::Duration,
    pub staff_max: chrono::Duration,
    /// `INZAGE_STAFF_REQUIRE_2FA`: local staff accounts need a code from an
    /// authenticator app after the password. On unless demo mode, or `0`.
    pub staff_require_2fa: bool,
    /// `INZAGE_RESIDENT_IDLE_MINUTES` / `INZAGE_RESIDENT_MAX_HOURS`: the same
    /// for residents (15 minutes, 2 hours).
    pub resident_idle: chrono::Duration,
    pub resident_max: chrono::Duration,
    /// `INZAGE_ORGANISATION_*`: who runs the portal and how to reach them.
    pub organisation: Organisation,
    /// `INZAGE_THEME_*`: the organisation's NL Design System theme.
    pub theme: Theme,
    /// `INZAGE_ORGANISATION_SECURITY_*`: `/.well-known/security.txt`; none
    /// when not configured.
    pub security_txt: Option<SecurityTxt>,
    /// `INZAGE_PSEUDONYM_KEY`, `INZAGE_ENCRYPTION_KEY`, `INZAGE_SIGNING_KEY`:
    /// keys given as settings instead of key files.
    pub keys: KeySettings,
    /// `INZAGE_METRICS_*`: who may read `/metrics`.
    pub metrics: MetricsAccess,
    /// `INZAGE_TRUSTED_PROXIES`: the proxies whose `X-Forwarded-For` names
    /// the client (for rate limits). None by default: a header anyone can
    /// send is never believed unless the operator says so.
    pub trusted_proxies: Vec<std::net::IpAddr>,
}

/// Where `/metrics` is served: on a listener of its own (an address only
/// the monitoring can reach), on the portal to a bearer token, or both.
/// Neither: not at all.
#[derive(Clone, Default)]
pub struct MetricsAccess {
    pub addr: Option<std::net::SocketAddr>,
    pub token: Option<String>,
}

impl fmt::Debug for MetricsAccess {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MetricsAccess")
            .field("addr", &self.addr)
            .field("token", &self.token.as_ref().map(|_| "***"))
            .finish()
    }
}

/// Keys given as settings (from a secret store); each one absent is read
/// from, or made in, the key directory.
#[derive(Clone, Default)]
pub struct KeySettings {
    pub pseudonym: Option<String>,
    pub encryption: Option<String>,
    pub signing: Option<String>,
}

impl fmt::Debug for KeySettings {
    // The keys never reach a log line.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let given = |key: &Option<String>| if key.is_some() { "given" } else { "key file" };
        f.debug_struct("KeySettings")
            .field("pseudonym", &given(&self.pseudonym))
            .field("encryption", &given(&self.encryption))
            .field("signing", &given(&self.signing))
            .finish()
    }
}

/// How long a session lasts: without a request, and in all.
#[derive(Clone, Copy, Debug)]
pub struct SessionLimits {
    pub idle: chrono::Duration,
    pub max: chrono::Duration,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LogFormat {
    Human,
    Json,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SecureCookies {
    Auto,
    Always,
    Never,
}

impl SecureCookies {
    /// Browsers drop `Secure` cookies on plain HTTP, so local development on
    /// loopback needs them off; everywhere else they stay on. A public https
    /// address means a TLS proxy in front, even when it forwards to loopback.
    pub fn resolve(self, site_addr: std::net::SocketAddr, https: bool) -> bool {
        match self {
            SecureCookies::Always => true,
            SecureCookies::Never => false,
            SecureCookies::Auto => https || !site_addr.ip().is_loopback(),
        }
    }
}

/// A configuration error that names the variable at fault.
#[derive(Debug, PartialEq, Eq)]
pub struct ConfigError {
    pub variable: &'static str,
    pub problem: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "configuration error in {}: {}",
            self.variable, self.problem
        )
    }
}

impl std::error::Error for ConfigError {}

impl Config {
    /// Whether clients reach the portal over https (`INZAGE_PUBLIC_URL`).
    pub fn https(&self) -> bool {
        self.public_url
            .as_deref()
            .and_then(|url| url::Url::parse(url).ok())
            .is_some_and(|url| url.scheme() == "https")
    }

    /// The verifiable log's name in its checkpoints (the C2SP origin): the
    /// public address without its scheme, such as `inzage.voorbeeld.nl`.
    pub fn log_origin(&self) -> String {
        self.public_url
            .as_deref()
            .and_then(|url| url::Url::parse(url).ok())
            .and_then(|url| {
                let host = url.host_str()?.to_owned();
                let port = url.port().map(|p| format!(":{p}")).unwrap_or_default();
                Some(format!("{host}{port}{}", url.path().trim_end_matches('/')))
            })
            .unwrap_or_else(|| "inzage.localhost".to_owned())
    }

    pub fn resident_limits(&self) -> SessionLimits {
        SessionLimits {
            idle: self.resident_idle,
            max: self.resident_max,
        }
    }

    pub fn staff_limits(&self) -> SessionLimits {
        SessionLimits {
            idle: self.staff_idle,
            max: self.staff_max,
        }
    }

    /// The configuration of this process: its environment, `*_FILE`
    /// secrets and the file named by `INZAGE_CONFIG`.
    pub fn from_env() -> Result<Self, ConfigError> {
        let values = Self::values_from_env()?;
        Self::from_lookup(|name| values.get(name).cloned())
    }

    /// Every setting's value as given (no defaults), by name.
    pub fn values_from_env() -> Result<BTreeMap<String, String>, ConfigError> {
        let sources = settings::Sources::new(|name| std::env::var(name).ok())?;
        let mut values = BTreeMap::new();
        for s in settings::SETTINGS {
            if let Some(value) = sources.get(s.name)? {
                values.insert(s.name.to_owned(), value);
            }
        }
        Ok(values)
    }
    /// Reads the configuration through `lookup`, so tests need not touch the
    /// process environment. The order of the reads is the order in which
    /// problems are reported.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let lookup = &lookup;
        let (database, db_max_connections) = read_database(lookup)?;
        let (log_format, log_filter) = read_logging(lookup)?;
        let secure_cookies = read_secure_cookies(lookup)?;
        let public_url = read_public_url(lookup)?;
        let key_dir = var(lookup, "INZAGE_KEY_DIR");
        let bulk_max_bytes = read_bulk_max_bytes(lookup)?;
        let demo = read_demo(lookup)?;
        let resident_oidc = oidc::resident_oidc(lookup)?;
        let staff_oidc = oidc::staff_oidc(lookup)?;
        let staff = read_limits(
            lookup,
            "INZAGE_STAFF_IDLE_MINUTES",
            "INZAGE_STAFF_MAX_HOURS",
        )?;
        let resident = read_limits(
            lookup,
            "INZAGE_RESIDENT_IDLE_MINUTES",
            "INZAGE_RESIDENT_MAX_HOURS",
        )?;
        let staff_require_2fa = read_staff_require_2fa(lookup, demo)?;
        let theme = organisation::read_theme(lookup)?;
        let organisation = organisation::read_organisation(lookup, &theme)?;
        let security_txt = organisation::read_security_txt(lookup, chrono::Utc::now())?;
        let metrics = read_metrics(lookup)?;
        let trusted_proxies = read_trusted_proxies(lookup)?;
        let given = |name: &str| lookup(name).filter(|v| !v.trim().is_empty());
        let keys = KeySettings {
            pseudonym: given("INZAGE_PSEUDONYM_KEY"),
            encryption: given("INZAGE_ENCRYPTION_KEY"),
            signing: given("INZAGE_SIGNING_KEY"),
        };

        // Demo logins are passwordless: never beside a real login.
        if demo && (resident_oidc.is_some() || staff_oidc.is_some()) {
            return Err(fail(
                "INZAGE_DEMO",
                "demo mode cannot run while INZAGE_OIDC_ISSUER or INZAGE_STAFF_OIDC_ISSUER is set: \
                 its passwordless logins would sit beside the real ones"
                    .into(),
            ));
        }

        Ok(Config {
            resident_oidc,
            staff_oidc,
            staff_idle: staff.idle,
            staff_max: staff.max,
            resident_idle: resident.idle,
            resident_max: resident.max,
            staff_require_2fa,
            demo,
            database,
            db_max_connections,
            log_format,
            log_filter,
            secure_cookies,
            public_url,
            key_dir: key_dir.into(),
            bulk_max_bytes,
            organisation,
            theme,
            security_txt,
            keys,
            metrics,
            trusted_proxies,
        })
    }
}

/// The value of `name`, or its default (`settings::SETTINGS`) when it is
/// unset or blank.
fn var(lookup: &impl Fn(&str) -> Option<String>, name: &str) -> String {
    let value = lookup(name).unwrap_or_default();
    if value.trim().is_empty() {
        settings::find(name).default.to_owned()
    } else {
        value
    }
}

fn fail(variable: &'static str, problem: String) -> ConfigError {
    ConfigError { variable, problem }
}

/// `INZAGE_DATABASE_URL` and `INZAGE_DB_MAX_CONNECTIONS`.
fn read_database(
    lookup: &impl Fn(&str) -> Option<String>,
) -> Result<(DatabaseUrl, u32), ConfigError> {
    let name = "INZAGE_DATABASE_URL";
    let value = var(lookup, name);
    let database = DatabaseUrl::parse(&value).map_err(|p| fail(name, p))?;

    let name = "INZAGE_DB_MAX_CONNECTIONS";
    let value = var(lookup, name);
    let db_max_connections = match value.trim().parse::<u32>() {
        Ok(n) if (1..=1000).contains(&n) => n,
        _ => {
            return Err(fail(
                name,
                format!("expected a number from 1 to 1000, got {value:?}"),
            ))
        }
    };
    Ok((database, db_max_connections))
}

/// `INZAGE_LOG_FORMAT` and `INZAGE_LOG`.
fn read_logging(
    lookup: &impl Fn(&str) -> Option<String>,
) -> Result<(LogFormat, String), ConfigError> {
    let name = "INZAGE_LOG_FORMAT";
    let value = var(lookup, name);
    let log_format = match value.trim().to_ascii_lowercase().as_str() {
        "human" => LogFormat::Human,
        "json" => LogFormat::Json,
        _ => return Err(fail(name, format!("expected human or json, got {value:?}"))),
    };

    let log_filter = var(lookup, "INZAGE_LOG");
    if tracing_subscriber::EnvFilter::try_new(&log_filter).is_err() {
        return Err(fail(
            "INZAGE_LOG",
            format!("not a valid log filter: {log_filter:?}"),
        ));
    }
    Ok((log_format, log_filter))
}

/// `INZAGE_SECURE_COOKIES`.
fn read_secure_cookies(
    lookup: &impl Fn(&str) -> Option<String>,
) -> Result<SecureCookies, ConfigError> {
    let name = "INZAGE_SECURE_COOKIES";
    let value = var(lookup, name);
    match value.trim().to_ascii_lowercase().as_str() {
        "auto" => Ok(SecureCookies::Auto),
        "true" | "1" | "yes" => Ok(SecureCookies::Always),
        "false" | "0" | "no" => Ok(SecureCookies::Never),
        _ => Err(fail(
            name,
            format!("expected auto, true or false, got {value:?}"),
        )),
    }
}

/// `INZAGE_PUBLIC_URL`, without a trailing slash.
fn read_public_url(
    lookup: &impl Fn(&str) -> Option<String>,
) -> Result<Option<String>, ConfigError> {
    let name = "INZAGE_PUBLIC_URL";
    let value = var(lookup, name);
    match value.trim() {
        "" => Ok(None),
        url => match url::Url::parse(url) {
            Ok(parsed)
                if matches!(parsed.scheme(), "http" | "https") && parsed.query().is_none() =>
            {
                Ok(Some(url.trim_end_matches('/').to_owned()))
            }
            _ => Err(fail(
                name,
                format!(
                    "expected an http(s) URL such as https://inzage.gemeente.nl, got {value:?}"
                ),
            )),
        },
    }
}

/// `INZAGE_BULK_MAX_BYTES`.
fn read_bulk_max_bytes(lookup: &impl Fn(&str) -> Option<String>) -> Result<u64, ConfigError> {
    let name = "INZAGE_BULK_MAX_BYTES";
    let value = var(lookup, name);
    match value.trim().parse::<u64>() {
        Ok(n) if n >= 1024 => Ok(n),
        _ => Err(fail(
            name,
            format!("expected a number of bytes (at least 1024), got {value:?}"),
        )),
    }
}

/// `INZAGE_METRICS_ADDR` and `INZAGE_METRICS_TOKEN`.
fn read_metrics(lookup: &impl Fn(&str) -> Option<String>) -> Result<MetricsAccess, ConfigError> {
    let name = "INZAGE_METRICS_ADDR";
    let addr = match var(lookup, name).trim() {
        "" => None,
        value => Some(value.parse().map_err(|_| {
            fail(
                name,
                format!("expected an address and port such as 127.0.0.1:9464, got {value:?}"),
            )
        })?),
    };
    let name = "INZAGE_METRICS_TOKEN";
    let token = match var(lookup, name).trim() {
        "" => None,
        // Guessable tokens would open the metrics to anyone who can reach the portal.
        token if token.len() < 32 => {
            return Err(fail(name, "must be at least 32 characters".into()))
        }
        token => Some(token.to_owned()),
    };
    Ok(MetricsAccess { addr, token })
}

/// `INZAGE_TRUSTED_PROXIES`: IP addresses, separated by commas or spaces.
fn read_trusted_proxies(
    lookup: &impl Fn(&str) -> Option<String>,
) -> Result<Vec<std::net::IpAddr>, ConfigError> {
    let name = "INZAGE_TRUSTED_PROXIES";
    var(lookup, name)
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|a| !a.is_empty())
        .map(|a| {
            a.parse().map_err(|_| {
                fail(
                    name,
                    format!("expected IP addresses such as 127.0.0.1, got {a:?}"),
                )
            })
        })
        .collect()
}

/// `INZAGE_DEMO`: off unless asked for.
fn read_demo(lookup: &impl Fn(&str) -> Option<String>) -> Result<bool, ConfigError> {
    let name = "INZAGE_DEMO";
    let value = var(lookup, name);
    match value.trim().to_ascii_lowercase().as_str() {
        "1" | "true" | "yes" => Ok(true),
        "0" | "false" | "no" => Ok(false),
        _ => Err(fail(name, format!("expected 1 or 0, got {value:?}"))),
    }
}

/// A session's idle time in minutes (at most a day) and its length in
/// hours (at most 24).
fn read_limits(
    lookup: &impl Fn(&str) -> Option<String>,
    idle_name: &'static str,
    max_name: &'static str,
) -> Result<SessionLimits, ConfigError> {
    let idle = number_up_to(lookup, idle_name, 24 * 60)?;
    let max = number_up_to(lookup, max_name, 24)?;
    Ok(SessionLimits {
        idle: chrono::Duration::minutes(idle),
        max: chrono::Duration::hours(max),
    })
}

/// A whole number from 1 to `max`.
fn number_up_to(
    lookup: &impl Fn(&str) -> Option<String>,
    name: &'static str,
    max: i64,
) -> Result<i64, ConfigError> {
    let value = var(lookup, name);
    match value.trim().parse::<i64>() {
        Ok(n) if (1..=max).contains(&n) => Ok(n),
        _ => Err(fail(
            name,
            format!("expected a number from 1 to {max}, got {value:?}"),
        )),
    }
}

/// `INZAGE_STAFF_REQUIRE_2FA`: on unless `0`; demo mode turns it off.
fn read_staff_require_2fa(
    lookup: &impl Fn(&str) -> Option<String>,
    demo: bool,
) -> Result<bool, ConfigError> {
    let name = "INZAGE_STAFF_REQUIRE_2FA";
    let value = var(lookup, name);
    match value.trim() {
        "1" | "true" | "yes" => Ok(!demo),
        "0" | "false" | "no" => Ok(false),
        _ => Err(fail(name, format!("expected 1 or 0, got {value:?}"))),
    }
}
