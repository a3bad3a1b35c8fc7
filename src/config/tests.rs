//! Tests of reading the configuration from its variables.

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
