//! Typed configuration from `INZAGE_*` environment variables. Every variable
//! is listed in the README with its default; a bad value stops start-up with
//! a message that names the variable.

use crate::store::DatabaseUrl;
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
}

/// One OpenID Connect relying-party registration.
#[derive(Clone)]
pub struct OidcSettings {
    pub issuer: String,
    pub client_id: String,
    pub client_auth: ClientAuth,
    pub scopes: String,
    /// The claim that carries the BSN (residents) or the roles (staff).
    pub claim: String,
    /// The lowest assurance level (`acr`) a login must have; residents:
    /// DigiD Substantieel unless configured otherwise. Staff: none, their
    /// identity provider decides.
    pub min_acr: Option<crate::domain::Acr>,
}

/// How the portal proves itself at the token endpoint.
#[derive(Clone)]
pub enum ClientAuth {
    /// `client_secret_basic`.
    Secret(String),
    /// `private_key_jwt` (NL GOV profile): a signed assertion with this key.
    PrivateKey(jsonwebtoken::EncodingKey, jsonwebtoken::Algorithm),
}

impl fmt::Debug for OidcSettings {
    // The client secret and key never reach a log line.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let auth = match self.client_auth {
            ClientAuth::Secret(_) => "client_secret_basic",
            ClientAuth::PrivateKey(..) => "private_key_jwt",
        };
        f.debug_struct("OidcSettings")
            .field("issuer", &self.issuer)
            .field("client_id", &self.client_id)
            .field("client_auth", &auth)
            .field("scopes", &self.scopes)
            .field("claim", &self.claim)
            .field("min_acr", &self.min_acr)
            .finish_non_exhaustive()
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

        let (name, value) = var("INZAGE_DEMO", "0");
        let demo = match value.trim().to_ascii_lowercase().as_str() {
            "1" | "true" | "yes" => true,
            "0" | "false" | "no" => false,
            _ => return Err(fail(name, format!("expected 1 or 0, got {value:?}"))),
        };

        let resident_oidc = oidc_settings(
            &lookup,
            &OidcVars {
                issuer: "INZAGE_OIDC_ISSUER",
                client_id: "INZAGE_OIDC_CLIENT_ID",
                client_secret: "INZAGE_OIDC_CLIENT_SECRET",
                private_key_file: "INZAGE_OIDC_PRIVATE_KEY_FILE",
                scopes: ("INZAGE_OIDC_SCOPES", "openid bsn"),
                claim: ("INZAGE_OIDC_BSN_CLAIM", "bsn"),
                min_acr: Some(("INZAGE_OIDC_MIN_ACR", "substantieel")),
            },
        )?;
        let staff_oidc = oidc_settings(
            &lookup,
            &OidcVars {
                issuer: "INZAGE_STAFF_OIDC_ISSUER",
                client_id: "INZAGE_STAFF_OIDC_CLIENT_ID",
                client_secret: "INZAGE_STAFF_OIDC_CLIENT_SECRET",
                private_key_file: "INZAGE_STAFF_OIDC_PRIVATE_KEY_FILE",
                scopes: ("INZAGE_STAFF_OIDC_SCOPES", "openid profile roles"),
                claim: ("INZAGE_STAFF_OIDC_ROLE_CLAIM", "roles"),
                min_acr: None,
            },
        )?;

        let minutes = |name: &'static str, default: &str, max: i64| {
            let (name, value) = var(name, default);
            match value.trim().parse::<i64>() {
                Ok(n) if (1..=max).contains(&n) => Ok(n),
                _ => Err(fail(
                    name,
                    format!("expected a number from 1 to {max}, got {value:?}"),
                )),
            }
        };
        let staff_idle =
            chrono::Duration::minutes(minutes("INZAGE_STAFF_IDLE_MINUTES", "15", 24 * 60)?);
        let staff_max = chrono::Duration::hours(minutes("INZAGE_STAFF_MAX_HOURS", "8", 24)?);
        let resident_idle =
            chrono::Duration::minutes(minutes("INZAGE_RESIDENT_IDLE_MINUTES", "15", 24 * 60)?);
        let resident_max = chrono::Duration::hours(minutes("INZAGE_RESIDENT_MAX_HOURS", "2", 24)?);

        let (name, value) = var("INZAGE_STAFF_REQUIRE_2FA", "1");
        let staff_require_2fa = match value.trim() {
            "1" | "true" | "yes" => !demo,
            "0" | "false" | "no" => false,
            _ => return Err(fail(name, format!("expected 1 or 0, got {value:?}"))),
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
            staff_idle,
            staff_max,
            resident_idle,
            resident_max,
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
        })
    }
}

/// The variables of one OpenID Connect registration, with the defaults of
/// those that have one.
struct OidcVars {
    issuer: &'static str,
    client_id: &'static str,
    client_secret: &'static str,
    private_key_file: &'static str,
    scopes: (&'static str, &'static str),
    claim: (&'static str, &'static str),
    min_acr: Option<(&'static str, &'static str)>,
}

/// Reads one OpenID Connect registration. Absent when the issuer is empty;
/// otherwise the client id and a client secret or private key file are
/// required. An http issuer is only accepted on loopback (a test provider).
fn oidc_settings(
    lookup: &impl Fn(&str) -> Option<String>,
    vars: &OidcVars,
) -> Result<Option<OidcSettings>, ConfigError> {
    let get = |name: &str| {
        lookup(name)
            .map(|v| v.trim().to_owned())
            .unwrap_or_default()
    };
    let fail = |variable: &'static str, problem: String| ConfigError { variable, problem };
    let issuer = get(vars.issuer);
    if issuer.is_empty() {
        return Ok(None);
    }
    match url::Url::parse(&issuer) {
        Ok(u) if u.scheme() == "https" => {}
        Ok(u) if u.scheme() == "http" && is_loopback(&u) => {}
        _ => {
            return Err(fail(
                vars.issuer,
                format!("expected the issuer's https URL (http only on loopback), got {issuer:?}"),
            ))
        }
    }
    let or = |(name, default): (&str, &str)| {
        Some(get(name))
            .filter(|v| !v.is_empty())
            .unwrap_or_else(|| default.to_owned())
    };
    let scopes = or(vars.scopes);
    if !scopes.split_whitespace().any(|s| s == "openid") {
        return Err(fail(
            vars.scopes.0,
            format!("must include openid, got {scopes:?}"),
        ));
    }
    let client_id = get(vars.client_id);
    if client_id.is_empty() {
        return Err(fail(
            vars.client_id,
            format!("required when {} is set", vars.issuer),
        ));
    }
    let key_file = get(vars.private_key_file);
    let secret = get(vars.client_secret);
    let client_auth = if !key_file.is_empty() {
        let pem = std::fs::read(&key_file).map_err(|e| {
            fail(
                vars.private_key_file,
                format!("cannot read {key_file:?}: {e}"),
            )
        })?;
        private_key(&pem).ok_or_else(|| {
            fail(
                vars.private_key_file,
                "expected an RSA or EC (P-256) private key in PEM".into(),
            )
        })?
    } else if !secret.is_empty() {
        ClientAuth::Secret(secret)
    } else {
        return Err(fail(
            vars.client_secret,
            format!(
                "{} or {} is required when {} is set",
                vars.private_key_file, vars.client_secret, vars.issuer
            ),
        ));
    };
    let min_acr = match vars.min_acr {
        None => None,
        Some((name, default)) => {
            let value = or((name, default));
            Some(value.parse().map_err(|_| {
                fail(
                    name,
                    format!(
                        "expected basis, midden, substantieel, hoog or a DigiD URN, got {value:?}"
                    ),
                )
            })?)
        }
    };
    Ok(Some(OidcSettings {
        issuer: issuer.trim_end_matches('/').to_owned(),
        client_id,
        client_auth,
        scopes,
        claim: or(vars.claim),
        min_acr,
    }))
}

fn is_loopback(url: &url::Url) -> bool {
    match url.host() {
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        Some(url::Host::Domain(name)) => name == "localhost",
        None => false,
    }
}

/// The signing key for `private_key_jwt`: RSA (RS256) or EC P-256 (ES256).
fn private_key(pem: &[u8]) -> Option<ClientAuth> {
    use jsonwebtoken::{Algorithm, EncodingKey};
    let text = std::str::from_utf8(pem).ok()?;
    if text.contains("BEGIN EC PRIVATE KEY") {
        return EncodingKey::from_ec_pem(pem)
            .ok()
            .map(|key| ClientAuth::PrivateKey(key, Algorithm::ES256));
    }
    if let Ok(key) = EncodingKey::from_rsa_pem(pem) {
        return Some(ClientAuth::PrivateKey(key, Algorithm::RS256));
    }
    EncodingKey::from_ec_pem(pem)
        .ok()
        .map(|key| ClientAuth::PrivateKey(key, Algorithm::ES256))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Acr;
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
            ("INZAGE_OIDC_ISSUER", "not a url"),
            ("INZAGE_STAFF_IDLE_MINUTES", "0"),
            ("INZAGE_STAFF_MAX_HOURS", "forever"),
        ] {
            let err = config(&[(var, value)]).unwrap_err();
            assert_eq!(err.variable, var);
            assert!(err.to_string().contains(var));
        }
    }

    #[test]
    fn oidc_needs_client_credentials_and_the_openid_scope() {
        assert!(config(&[]).unwrap().resident_oidc.is_none());
        let issuer = ("INZAGE_OIDC_ISSUER", "http://127.0.0.1:9090/");
        let id = ("INZAGE_OIDC_CLIENT_ID", "inzage");
        let secret = ("INZAGE_OIDC_CLIENT_SECRET", "s3cret");
        assert_eq!(
            config(&[issuer, id]).unwrap_err().variable,
            "INZAGE_OIDC_CLIENT_SECRET"
        );
        let scopes = ("INZAGE_OIDC_SCOPES", "profile bsn");
        assert_eq!(
            config(&[issuer, id, secret, scopes]).unwrap_err().variable,
            "INZAGE_OIDC_SCOPES"
        );
        let oidc = config(&[issuer, id, secret])
            .unwrap()
            .resident_oidc
            .unwrap();
        assert_eq!(oidc.issuer, "http://127.0.0.1:9090");
        assert_eq!(
            (oidc.scopes.as_str(), oidc.claim.as_str()),
            ("openid bsn", "bsn")
        );
        assert!(!format!("{oidc:?}").contains("s3cret"));
        assert_eq!(
            oidc.min_acr,
            Some(Acr::Substantieel),
            "DigiD Substantieel by default"
        );
        let midden = ("INZAGE_OIDC_MIN_ACR", "midden");
        let oidc = config(&[issuer, id, secret, midden])
            .unwrap()
            .resident_oidc
            .unwrap();
        assert_eq!(oidc.min_acr, Some(Acr::Midden));
        let unknown = ("INZAGE_OIDC_MIN_ACR", "super");
        assert_eq!(
            config(&[issuer, id, secret, unknown]).unwrap_err().variable,
            "INZAGE_OIDC_MIN_ACR"
        );
        let remote = ("INZAGE_OIDC_ISSUER", "http://idp.example.nl");
        assert_eq!(
            config(&[remote, id, secret]).unwrap_err().variable,
            "INZAGE_OIDC_ISSUER",
            "http only on loopback"
        );
        let key = ("INZAGE_OIDC_PRIVATE_KEY_FILE", "/does/not/exist.pem");
        assert_eq!(
            config(&[issuer, id, key]).unwrap_err().variable,
            "INZAGE_OIDC_PRIVATE_KEY_FILE"
        );
    }

    #[test]
    fn secure_cookies_auto_is_off_only_on_loopback() {
        let local = "127.0.0.1:3000".parse().unwrap();
        let public = "0.0.0.0:3000".parse().unwrap();
        assert!(!SecureCookies::Auto.resolve(local, false));
        assert!(
            SecureCookies::Auto.resolve(local, true),
            "TLS proxy on loopback"
        );
        assert!(SecureCookies::Auto.resolve(public, false));
        assert!(SecureCookies::Always.resolve(local, false));
    }

    #[test]
    fn demo_mode_is_off_unless_asked_for_and_never_beside_a_real_login() {
        assert!(!config(&[]).unwrap().demo);
        let sqlite = ("INZAGE_DATABASE_URL", "sqlite://x.db");
        assert!(!config(&[sqlite]).unwrap().demo, "not even on SQLite");
        assert!(config(&[("INZAGE_DEMO", "1")]).unwrap().demo);
        let oidc = [
            ("INZAGE_DEMO", "1"),
            ("INZAGE_OIDC_ISSUER", "http://127.0.0.1:9090"),
            ("INZAGE_OIDC_CLIENT_ID", "inzage"),
            ("INZAGE_OIDC_CLIENT_SECRET", "s3cret"),
        ];
        assert_eq!(config(&oidc).unwrap_err().variable, "INZAGE_DEMO");
        let staff = [
            ("INZAGE_DEMO", "1"),
            ("INZAGE_STAFF_OIDC_ISSUER", "http://127.0.0.1:9090"),
            ("INZAGE_STAFF_OIDC_CLIENT_ID", "inzage"),
            ("INZAGE_STAFF_OIDC_CLIENT_SECRET", "s3cret"),
        ];
        assert_eq!(config(&staff).unwrap_err().variable, "INZAGE_DEMO");
    }
}
