//! Typed configuration from `INZAGE_*` environment variables. Every variable
//! is listed in the README with its default; a bad value stops start-up with
//! a message that names the variable.

use std::fmt;

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
    /// log, demo login). `auto` (default) means on for SQLite, off for
    /// PostgreSQL.
    pub demo: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DatabaseUrl {
    Sqlite(String),
    Postgres(String),
}

impl DatabaseUrl {
    pub const DEFAULT: &'static str = "sqlite://data/inzage.db";

    pub fn parse(value: &str) -> Result<Self, String> {
        let value = value.trim();
        if value.starts_with("sqlite:") {
            Ok(DatabaseUrl::Sqlite(value.to_owned()))
        } else if value.starts_with("postgres://") || value.starts_with("postgresql://") {
            Ok(DatabaseUrl::Postgres(value.to_owned()))
        } else {
            Err("use sqlite://PATH or postgres://USER@HOST/DB".into())
        }
    }

    pub fn as_str(&self) -> &str {
        match self {
            DatabaseUrl::Sqlite(url) | DatabaseUrl::Postgres(url) => url,
        }
    }

    /// Safe to log: the password, if any, is hidden.
    pub fn redacted(&self) -> String {
        match url::Url::parse(self.as_str()) {
            Ok(mut url) if url.password().is_some() => {
                let _ = url.set_password(Some("***"));
                url.to_string()
            }
            _ => self.as_str().to_owned(),
        }
    }
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
    /// loopback needs them off; everywhere else they stay on.
    pub fn resolve(self, site_addr: std::net::SocketAddr) -> bool {
        match self {
            SecureCookies::Always => true,
            SecureCookies::Never => false,
            SecureCookies::Auto => !site_addr.ip().is_loopback(),
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
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// Reads the configuration through `lookup`, so tests need not touch the
    /// process environment.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let var = |name: &'static str, default: &str| {
            let value = lookup(name).unwrap_or_default();
            let value = if value.trim().is_empty() {
                default.to_owned()
            } else {
                value
            };
            (name, value)
        };
        let fail = |variable: &'static str, problem: String| ConfigError { variable, problem };

        let (name, value) = var("INZAGE_DATABASE_URL", DatabaseUrl::DEFAULT);
        let database = DatabaseUrl::parse(&value).map_err(|p| fail(name, p))?;

        let (name, value) = var("INZAGE_DB_MAX_CONNECTIONS", "8");
        let db_max_connections = match value.trim().parse::<u32>() {
            Ok(n) if (1..=1000).contains(&n) => n,
            _ => {
                return Err(fail(
                    name,
                    format!("expected a number from 1 to 1000, got {value:?}"),
                ))
            }
        };

        let (name, value) = var("INZAGE_LOG_FORMAT", "human");
        let log_format = match value.trim().to_ascii_lowercase().as_str() {
            "human" => LogFormat::Human,
            "json" => LogFormat::Json,
            _ => return Err(fail(name, format!("expected human or json, got {value:?}"))),
        };

        let (_, log_filter) = var("INZAGE_LOG", "info");
        if tracing_subscriber::EnvFilter::try_new(&log_filter).is_err() {
            return Err(fail(
                "INZAGE_LOG",
                format!("not a valid log filter: {log_filter:?}"),
            ));
        }

        let (name, value) = var("INZAGE_SECURE_COOKIES", "auto");
        let secure_cookies = match value.trim().to_ascii_lowercase().as_str() {
            "auto" => SecureCookies::Auto,
            "true" | "1" | "yes" => SecureCookies::Always,
            "false" | "0" | "no" => SecureCookies::Never,
            _ => {
                return Err(fail(
                    name,
                    format!("expected auto, true or false, got {value:?}"),
                ))
            }
        };

        let (name, value) = var("INZAGE_PUBLIC_URL", "");
        let public_url = match value.trim() {
            "" => None,
            url => match url::Url::parse(url) {
                Ok(parsed)
                    if matches!(parsed.scheme(), "http" | "https") && parsed.query().is_none() =>
                {
                    Some(url.trim_end_matches('/').to_owned())
                }
                _ => {
                    return Err(fail(
                        name,
                        format!(
                        "expected an http(s) URL such as https://inzage.gemeente.nl, got {value:?}"
                    ),
                    ))
                }
            },
        };

        let (_, key_dir) = var("INZAGE_KEY_DIR", "data/keys");

        let (name, value) = var("INZAGE_BULK_MAX_BYTES", "1073741824");
        let bulk_max_bytes = match value.trim().parse::<u64>() {
            Ok(n) if n >= 1024 => n,
            _ => {
                return Err(fail(
                    name,
                    format!("expected a number of bytes (at least 1024), got {value:?}"),
                ))
            }
        };

        let (name, value) = var("INZAGE_DEMO", "auto");
        let demo = match value.trim().to_ascii_lowercase().as_str() {
            "auto" => matches!(database, DatabaseUrl::Sqlite(_)),
            "1" | "true" | "yes" => true,
            "0" | "false" | "no" => false,
            _ => return Err(fail(name, format!("expected auto, 1 or 0, got {value:?}"))),
        };

        Ok(Config {
            demo,
            database,
            db_max_connections,
            log_format,
            log_filter,
            secure_cookies,
            public_url,
            key_dir: key_dir.into(),
            bulk_max_bytes,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn config(vars: &[(&str, &str)]) -> Result<Config, ConfigError> {
        let vars: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Config::from_lookup(|name| vars.get(name).cloned())
    }

    #[test]
    fn defaults_are_the_embedded_database() {
        let c = config(&[]).unwrap();
        assert_eq!(c.database, DatabaseUrl::Sqlite(DatabaseUrl::DEFAULT.into()));
        assert_eq!(c.log_format, LogFormat::Human);
        assert_eq!(c.secure_cookies, SecureCookies::Auto);
    }

    #[test]
    fn postgres_is_recognised() {
        let c = config(&[("INZAGE_DATABASE_URL", "postgres://u:pw@db/inzage")]).unwrap();
        assert!(matches!(c.database, DatabaseUrl::Postgres(_)));
        assert_eq!(c.database.redacted(), "postgres://u:***@db/inzage");
    }

    #[test]
    fn errors_name_the_variable() {
        for (var, value) in [
            ("INZAGE_DATABASE_URL", "mysql://x"),
            ("INZAGE_LOG_FORMAT", "xml"),
            ("INZAGE_DB_MAX_CONNECTIONS", "0"),
            ("INZAGE_SECURE_COOKIES", "maybe"),
            ("INZAGE_PUBLIC_URL", "ftp://x"),
            ("INZAGE_BULK_MAX_BYTES", "lots"),
            ("INZAGE_DEMO", "perhaps"),
        ] {
            let err = config(&[(var, value)]).unwrap_err();
            assert_eq!(err.variable, var);
            assert!(err.to_string().contains(var));
        }
    }

    #[test]
    fn secure_cookies_auto_is_off_only_on_loopback() {
        let local = "127.0.0.1:3000".parse().unwrap();
        let public = "0.0.0.0:3000".parse().unwrap();
        assert!(!SecureCookies::Auto.resolve(local));
        assert!(SecureCookies::Auto.resolve(public));
        assert!(SecureCookies::Always.resolve(local));
    }
}
