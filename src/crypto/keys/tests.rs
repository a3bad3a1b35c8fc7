//! Tests of loading, creating and refusing keys.

use super::*;

const HEX_A: &str = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
const HEX_B: &str = "f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff0102030405060708090a0b0c0d0e0f10";

fn mode_of(path: &Path) -> u32 {
    fs::metadata(path).unwrap().permissions().mode() & 0o777
}

fn write_key(path: &Path, contents: &str, mode: u32) {
    fs::write(path, contents).unwrap();
    fs::set_permissions(path, fs::Permissions::from_mode(mode)).unwrap();
}

#[test]
fn creates_key_files_with_mode_0600_and_reuses_them() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("keys");
    let first = Keys::load(None, None, &dir).unwrap();
    assert_eq!(mode_of(&dir), 0o700);
    for name in [PSEUDONYM_KEY_FILE, ENCRYPTION_KEY_FILE] {
        let path = dir.join(name);
        assert_eq!(mode_of(&path), 0o600, "{name}");
        let text = fs::read_to_string(&path).unwrap();
        assert_eq!(text.len(), 65);
        assert!(text.ends_with('\n'));
    }
    assert_ne!(first.pseudonym.expose(), first.encryption.expose());

    let second = Keys::load(None, None, &dir).unwrap();
    assert_eq!(first.pseudonym.expose(), second.pseudonym.expose());
    assert_eq!(first.encryption.expose(), second.encryption.expose());
}

#[test]
fn reads_existing_hex_key_file() {
    let tmp = tempfile::tempdir().unwrap();
    write_key(
        &tmp.path().join(PSEUDONYM_KEY_FILE),
        &format!("{HEX_A}\n"),
        0o600,
    );
    write_key(&tmp.path().join(ENCRYPTION_KEY_FILE), HEX_B, 0o400);
    let keys = Keys::load(None, None, tmp.path()).unwrap();
    assert_eq!(keys.pseudonym.expose()[..], hex::decode(HEX_A).unwrap());
    assert_eq!(keys.encryption.expose()[..], hex::decode(HEX_B).unwrap());
}

#[test]
fn refuses_group_or_world_readable_key_file() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join(PSEUDONYM_KEY_FILE);
    write_key(&path, HEX_A, 0o644);
    let err = Keys::load(None, None, tmp.path()).unwrap_err();
    assert!(
        matches!(err, KeyError::InsecurePermissions { mode: 0o644, .. }),
        "{err:?}"
    );
    let msg = err.to_string();
    assert!(msg.contains(&path.display().to_string()), "{msg}");
    assert!(!msg.contains(HEX_A));

    write_key(&path, HEX_A, 0o640);
    assert!(matches!(
        Keys::load(None, None, tmp.path()),
        Err(KeyError::InsecurePermissions { .. })
    ));
}

#[test]
fn refuses_key_file_of_wrong_length() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join(ENCRYPTION_KEY_FILE);
    write_key(&path, &HEX_B[..62], 0o600);
    let err = Keys::load(Some(HEX_A.into()), None, tmp.path()).unwrap_err();
    assert!(matches!(err, KeyError::MalformedFile { .. }), "{err:?}");
    assert!(err.to_string().contains(ENCRYPTION_KEY_FILE));

    write_key(&path, &format!("{HEX_B}00"), 0o600);
    assert!(matches!(
        Keys::load(Some(HEX_A.into()), None, tmp.path()),
        Err(KeyError::MalformedFile { .. })
    ));

    write_key(&path, "", 0o600);
    assert!(matches!(
        Keys::load(Some(HEX_A.into()), None, tmp.path()),
        Err(KeyError::MalformedFile { .. })
    ));
}

#[test]
fn env_keys_win_over_files() {
    let tmp = tempfile::tempdir().unwrap();
    write_key(&tmp.path().join(PSEUDONYM_KEY_FILE), HEX_B, 0o600);
    write_key(&tmp.path().join(ENCRYPTION_KEY_FILE), HEX_A, 0o600);
    let b64 = STANDARD.encode(hex::decode(HEX_B).unwrap());
    let keys = Keys::load(Some(HEX_A.into()), Some(b64), tmp.path()).unwrap();
    assert_eq!(keys.pseudonym.expose()[..], hex::decode(HEX_A).unwrap());
    assert_eq!(keys.encryption.expose()[..], hex::decode(HEX_B).unwrap());
}

#[test]
fn env_keys_do_not_touch_the_key_dir() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("absent");
    let b64 = URL_SAFE_NO_PAD.encode(hex::decode(HEX_B).unwrap());
    Keys::load(Some(format!(" {HEX_A}\n")), Some(b64), &dir).unwrap();
    assert!(!dir.exists());
}

#[test]
fn bad_env_value_error_names_the_variable() {
    let tmp = tempfile::tempdir().unwrap();
    let secretish = "not-a-key-but-do-not-print-me";
    for (value, var) in [
        (Some(secretish.to_string()), PSEUDONYM_KEY_ENV),
        (Some(HEX_A[..60].to_string()), PSEUDONYM_KEY_ENV),
        (Some(String::new()), PSEUDONYM_KEY_ENV),
        (Some("0".repeat(64)), PSEUDONYM_KEY_ENV),
    ] {
        let err = Keys::load(value, Some(HEX_B.into()), tmp.path()).unwrap_err();
        assert!(matches!(err, KeyError::MalformedEnv { var: v, .. } if v == var));
        let msg = err.to_string();
        assert!(msg.contains(var), "{msg}");
        assert!(!msg.contains(secretish), "{msg}");
    }
    // base64 of the wrong length
    let short = STANDARD.encode([7u8; 16]);
    let err = Keys::load(Some(HEX_A.into()), Some(short), tmp.path()).unwrap_err();
    assert!(err.to_string().contains(ENCRYPTION_KEY_ENV), "{err}");
}

#[test]
fn refuses_equal_keys() {
    let tmp = tempfile::tempdir().unwrap();
    let b64 = STANDARD.encode(hex::decode(HEX_A).unwrap());
    let err = Keys::load(Some(HEX_A.into()), Some(b64), tmp.path()).unwrap_err();
    assert!(matches!(err, KeyError::EqualKeys), "{err:?}");
}

#[test]
fn debug_is_redacted() {
    let keys = Keys::for_tests();
    let shown = format!("{keys:?} {:?} {:?}", keys.pseudonym, keys.encryption);
    assert!(!shown.contains("11"), "{shown}");
    assert!(shown.contains("redacted"));
    assert_ne!(keys.pseudonym.expose(), keys.encryption.expose());
}
