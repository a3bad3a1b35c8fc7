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

#[test]
fn the_organisation_is_configuration() {
    let c = config(&[]).unwrap();
    assert_eq!(c.organisation.name, "Gemeente Voorbeeld", "the example");
    let c = config(&[
        ("INZAGE_ORGANISATION_NAME", "Gemeente Teststad"),
        ("INZAGE_ORGANISATION_PHONE", "14 0999"),
        (
            "INZAGE_ORGANISATION_CONTACT_URL",
            "https://www.teststad.nl/contact",
        ),
    ])
    .unwrap();
    assert_eq!(c.organisation.name, "Gemeente Teststad");
    assert_eq!(c.organisation.phone_href(), "tel:140999");
    assert_eq!(
        c.organisation.contact_url.as_deref(),
        Some("https://www.teststad.nl/contact")
    );
    for (var, value) in [
        ("INZAGE_ORGANISATION_OIN", "123"),
        ("INZAGE_ORGANISATION_CONTACT_URL", "http://teststad.nl"),
        ("INZAGE_ORGANISATION_PRIVACY_EMAIL", "privacy"),
        ("INZAGE_THEME_CLASS", "x\" onload=\"alert(1)"),
        ("INZAGE_THEME_CSS", "/does/not/exist.css"),
        ("INZAGE_ORGANISATION_LOGO", "/does/not/exist.svg"),
        ("INZAGE_ORGANISATION_LOGO", "Cargo.toml"),
    ] {
        assert_eq!(config(&[(var, value)]).unwrap_err().variable, var);
    }
}

#[test]
fn security_txt_needs_a_contact_and_an_expiry_within_a_year() {
    assert!(config(&[]).unwrap().security_txt.is_none());
    let contact = (
        "INZAGE_ORGANISATION_SECURITY_CONTACT",
        "mailto:cert@teststad.nl",
    );
    let soon = (chrono::Utc::now() + chrono::Duration::days(100)).to_rfc3339();
    let expires = ("INZAGE_ORGANISATION_SECURITY_EXPIRES", soon.as_str());
    let txt = config(&[contact, expires]).unwrap().security_txt.unwrap();
    assert_eq!(txt.contact, "mailto:cert@teststad.nl");
    assert_eq!(
        config(&[contact]).unwrap_err().variable,
        "INZAGE_ORGANISATION_SECURITY_EXPIRES"
    );
    let late = (chrono::Utc::now() + chrono::Duration::days(400)).to_rfc3339();
    let too_late = ("INZAGE_ORGANISATION_SECURITY_EXPIRES", late.as_str());
    assert_eq!(
        config(&[contact, too_late]).unwrap_err().variable,
        "INZAGE_ORGANISATION_SECURITY_EXPIRES"
    );
    let plain = (
        "INZAGE_ORGANISATION_SECURITY_CONTACT",
        "http://teststad.nl/cert",
    );
    assert_eq!(
        config(&[plain, expires]).unwrap_err().variable,
        "INZAGE_ORGANISATION_SECURITY_CONTACT"
    );
}

#[test]
fn the_file_names_settings_without_their_prefix_and_the_environment_wins() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("inzage.toml");
    std::fs::write(
        &file,
        "db_max_connections = 3\ndemo = true\n[organisation]\nname = \"Gemeente Teststad\"\nphone = \"14 0999\"\n",
    )
    .unwrap();
    let secret = dir.path().join("secret");
    std::fs::write(&secret, "s3cret\n").unwrap();
    let env: HashMap<String, String> = [
        ("INZAGE_CONFIG", file.to_str().unwrap()),
        ("INZAGE_ORGANISATION_PHONE", "14 0123"),
        ("INZAGE_OIDC_CLIENT_SECRET_FILE", secret.to_str().unwrap()),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    let sources = settings::Sources::new(|name: &str| env.get(name).cloned()).unwrap();
    let get = |name| sources.get(name).unwrap();
    assert_eq!(get("INZAGE_DB_MAX_CONNECTIONS").as_deref(), Some("3"));
    assert_eq!(get("INZAGE_DEMO").as_deref(), Some("1"));
    assert_eq!(
        get("INZAGE_ORGANISATION_NAME").as_deref(),
        Some("Gemeente Teststad")
    );
    assert_eq!(
        get("INZAGE_ORGANISATION_PHONE").as_deref(),
        Some("14 0123"),
        "environment first"
    );
    assert_eq!(
        get("INZAGE_OIDC_CLIENT_SECRET").as_deref(),
        Some("s3cret"),
        "from its _FILE"
    );
    assert_eq!(get("INZAGE_LOG"), None);

    for (text, problem) in [
        ("databse_url = \"x\"", "unknown setting"),
        ("[organisation]\nnaam = \"x\"", "unknown setting"),
        ("demo = [1]", "expected a string"),
        ("demo = ", "TOML"),
    ] {
        let err = settings::ConfigFile::parse(text).unwrap_err();
        assert!(
            err.contains(problem) || problem == "TOML",
            "{text:?}: {err}"
        );
    }
}

#[test]
fn config_check_never_prints_a_secret() {
    let values: HashMap<String, String> = [
        ("INZAGE_DATABASE_URL", "postgres://inzage:hunter2@db/inzage"),
        ("INZAGE_OIDC_CLIENT_SECRET", "s3cret"),
        ("INZAGE_PSEUDONYM_KEY", "00112233"),
        ("INZAGE_ORGANISATION_NAME", "Gemeente Teststad"),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    let shown = settings::describe(|name| values.get(name).cloned());
    for secret in ["hunter2", "s3cret", "00112233"] {
        assert!(!shown.contains(secret), "{secret} in\n{shown}");
    }
    assert!(shown.contains("INZAGE_DATABASE_URL = postgres://inzage:***@db/inzage"));
    assert!(shown.contains("INZAGE_ORGANISATION_NAME = Gemeente Teststad\n"));
    assert!(shown.contains("INZAGE_LOG = info (default)"));
    // Every setting is listed, in --help as well.
    for s in settings::SETTINGS {
        assert!(shown.contains(s.name) && settings::help().contains(s.name));
    }
}

#[test]
fn the_example_file_is_a_valid_configuration() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let example = settings::ConfigFile::read(&root.join("inzage.example.toml")).unwrap();
    let c = Config::from_lookup(|name| example.get(name).map(str::to_owned)).unwrap();
    assert_eq!(c.organisation.name, "Gemeente Voorbeeld");
    assert_eq!(c.log_format, LogFormat::Json);
    // The browser tests' second municipality names only known settings.
    settings::ConfigFile::read(&root.join("end2end/teststad.toml")).unwrap();
}
