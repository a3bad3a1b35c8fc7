//! `inzage import` and `inzage client`, run as the real binary.

use std::{path::Path, process::Command};

fn inzage(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_inzage"))
        .args(args)
        .env(
            "INZAGE_DATABASE_URL",
            format!("sqlite://{}/inzage.db", dir.display()),
        )
        .env("INZAGE_KEY_DIR", dir.join("keys"))
        .env("INZAGE_LOG", "warn")
        .env_remove("INZAGE_PSEUDONYM_KEY")
        .env_remove("INZAGE_ENCRYPTION_KEY")
        .output()
        .expect("run inzage")
}

fn record(bsn: &str, minute: u32) -> String {
    format!(
        r#"{{"tijdstip":"2026-05-01T10:{minute:02}:00+02:00","verwerkteObjecten":[{{"objecttype":"persoon","soortObjectId":"BSN","objectId":"{bsn}"}}]}}"#
    )
}

#[test]
fn import_reports_rejected_lines_and_a_rerun_adds_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("log.ndjson");
    let lines = [
        record("999993653", 1),
        record("999990019", 2),
        String::new(),
        record("123456789", 3), // fails the 11-proef
        "{not json".to_owned(),
        record("999993653", 1), // the same record again: a second record
    ];
    std::fs::write(&file, lines.join("\n")).unwrap();

    let first = inzage(dir.path(), &["import", file.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&first.stderr);
    assert!(
        !first.status.success(),
        "rejected lines make the exit code non-zero"
    );
    assert!(stderr.contains("line 4: rejected"), "{stderr}");
    assert!(stderr.contains("line 5: rejected"), "{stderr}");
    assert!(
        stderr.contains("3 stored, 0 already present, 2 rejected"),
        "{stderr}"
    );
    assert!(
        !stderr.contains("123456789"),
        "no BSN in the report: {stderr}"
    );

    let second = inzage(dir.path(), &["import", file.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&second.stderr);
    assert!(
        stderr.contains("0 stored, 3 already present, 2 rejected"),
        "{stderr}"
    );

    let keys = dir.path().join("keys/pseudonym.key");
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(
        std::fs::metadata(keys).unwrap().permissions().mode() & 0o777,
        0o600
    );
}

#[test]
fn import_takes_a_json_array_and_exits_zero_when_all_is_well() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("log.json");
    std::fs::write(
        &file,
        format!("[{}, {}]", record("999993653", 1), record("999990019", 2)),
    )
    .unwrap();
    let out = inzage(dir.path(), &["import", file.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("2 stored"), "{stderr}");
}

#[test]
fn client_add_prints_a_token_once_and_revoke_ends_it() {
    let dir = tempfile::tempdir().unwrap();
    let out = inzage(
        dir.path(),
        &[
            "client",
            "add",
            "--name",
            "zaaksysteem",
            "--organisation",
            "00000001821002193000",
            "--scopes",
            "create:normal",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    let token = stdout.lines().last().unwrap();
    assert!(token.starts_with("inz_"), "{stdout}");

    let list = inzage(dir.path(), &["client", "list"]);
    let listed = String::from_utf8_lossy(&list.stdout);
    assert!(
        listed.contains("zaaksysteem") && listed.contains("active"),
        "{listed}"
    );
    assert!(!listed.contains(token), "the token is never shown again");

    assert!(inzage(dir.path(), &["client", "revoke", "zaaksysteem"])
        .status
        .success());
    let listed =
        String::from_utf8_lossy(&inzage(dir.path(), &["client", "list"]).stdout).into_owned();
    assert!(listed.contains("revoked"), "{listed}");
    assert!(!inzage(dir.path(), &["client", "revoke", "zaaksysteem"])
        .status
        .success());

    let bad = inzage(
        dir.path(),
        &[
            "client",
            "add",
            "--name",
            "x",
            "--organisation",
            "123",
            "--scopes",
            "create:normal",
        ],
    );
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("--organisation"));
}

#[test]
fn bad_configuration_names_the_variable() {
    let out = Command::new(env!("CARGO_BIN_EXE_inzage"))
        .arg("migrate")
        .env("INZAGE_DATABASE_URL", "mysql://nope")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("INZAGE_DATABASE_URL"));
}

#[test]
fn register_import_refuses_a_file_with_a_bad_row_and_stores_a_good_one() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("register.csv");
    std::fs::write(
        &bad,
        "id,naam,doel,grondslag\n\
         0b6f9a52-3c1d-4e8f-9a7b-1c2d3e4f5a6b,Parkeervergunning,Vergunningen verlenen,Publieke taak\n\
         not-a-uuid,,Iets,Onbekend\n",
    )
    .unwrap();
    let out = inzage(dir.path(), &["register", "import", bad.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(stderr.contains("row 3: id: not a UUID"), "{stderr}");
    assert!(stderr.contains("row 3: naam: required"), "{stderr}");
    assert!(stderr.contains("nothing was stored"), "{stderr}");

    let good = dir.path().join("var.json");
    std::fs::copy(
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/vng-var-verwerkingsactiviteit.json"
        ),
        &good,
    )
    .unwrap();
    let out = inzage(dir.path(), &["register", "import", good.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("1 activity stored"));
}
