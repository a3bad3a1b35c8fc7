//! The same store tests on SQLite and on PostgreSQL.

use crate::common::TestDb;
use inzage::store::{
    log::{ActieFields, Appended, IdempotencyKey, NewVersion, Wijziging},
    sessions::SessionBackend,
    Db,
};
use tower_sessions::{
    session::{Id, Record},
    SessionStore,
};

on_both_engines! {
    async fn migrations_create_the_schema(t: TestDb) {
        let tables = t.db.table_names().await.unwrap();
        assert!(tables.contains(&"installation".to_owned()), "tables: {tables:?}");
        assert!(tables.contains(&"_sqlx_migrations".to_owned()), "tables: {tables:?}");
    }

    async fn migrations_can_run_twice(t: TestDb) {
        t.db.migrate().await.expect("second run");
        let reopened = Db::connect(&t.url, 1).await.unwrap();
        reopened.migrate().await.expect("run on a new connection");
    }

    async fn ping_answers_until_closed(t: TestDb) {
        t.db.ping().await.expect("ping");
        t.db.resident_page(b"someone", None, 0, 50).await.expect("reads while open");
        t.db.close().await;
        assert!(t.db.ping().await.is_err(), "a closed pool must not answer");
        assert!(t.db.resident_page(b"someone", None, 0, 50).await.is_err(), "nor its readers");
    }

    async fn sessions_round_trip(t: TestDb) {
        let store = SessionBackend::new(&t.db);
        let mut record = Record {
            id: Id::default(),
            data: [("pseudonym".to_owned(), serde_json::json!("abc"))].into(),
            expiry_date: tower_sessions::cookie::time::OffsetDateTime::now_utc()
                + tower_sessions::cookie::time::Duration::hours(1),
        };
        store.create(&mut record).await.unwrap();
        let loaded = store.load(&record.id).await.unwrap().expect("stored");
        assert_eq!(loaded.data, record.data);
        assert_eq!(loaded.expiry_date.unix_timestamp(), record.expiry_date.unix_timestamp());
        record.data.insert("taal".to_owned(), serde_json::json!("en"));
        store.save(&record).await.unwrap();
        let saved = store.load(&record.id).await.unwrap().expect("saved");
        assert_eq!(saved.data, record.data, "a saved change is read back");
        store.delete(&record.id).await.unwrap();
        assert!(store.load(&record.id).await.unwrap().is_none());
    }

    async fn appends_with_the_same_keys_in_opposite_orders_both_finish(t: TestDb) {
        // PostgreSQL runs two writing transactions at once: claiming the same
        // idempotency keys in opposite orders must not deadlock them.
        let fields = ActieFields {
            tijdstip: "2026-11-29T10:00:00+01:00".into(),
            vertrouwelijkheid: inzage::domain::Vertrouwelijkheid::Normaal,
            ..Default::default()
        };
        let ids: Vec<String> = (0..2000).map(|i| format!("01900000-0000-7000-8000-{i:012}")).collect();
        let forward = keyed(&ids[..1000], 0..1000, &fields);
        let backward = keyed(&ids[1000..], (0..1000).rev(), &fields);
        let (a, b) = tokio::join!(t.db.append_versions(&forward), t.db.append_versions(&backward));
        let (a, b) = (a.expect("forward batch"), b.expect("backward batch"));
        for k in 0..1000 {
            let once = matches!(
                (&a[k], &b[999 - k]),
                (Appended::Stored, Appended::Replayed { .. }) | (Appended::Replayed { .. }, Appended::Stored)
            );
            assert!(once, "key {k}: {:?} and {:?}", a[k], b[999 - k]);
        }
        assert_eq!(t.db.version_count().await.unwrap(), 1000);
    }

    async fn a_person_row_keeps_its_version(t: TestDb) {
        // PostgreSQL checks this once per statement (its migrations), SQLite
        // by a foreign key: the database itself refuses a broken link.
        let refused = |result: Result<(), sqlx::Error>, what: &str| match result {
            Err(sqlx::Error::Database(e)) if e.kind() == sqlx::error::ErrorKind::ForeignKeyViolation => {}
            other => panic!("{what}: {other:?}"),
        };
        const PERSON: &str = "INSERT INTO verwerkt_object (seq, verwerkt_object_id, pseudonym, objecttype, \
            soort_object_id, object_id_sealed, soorten_gegevens, tijdstip_utc, zichtbaar) \
            VALUES ($1, 'o', $2, 'persoon', 'BSN', $2, '[]', 0, TRUE)";
        const VERSION: &str = "INSERT INTO actie_versie (seq, actie_id, wijziging, vervallen, client_id, \
            registratie_utc, tijdstip, tijdstip_utc, vertrouwelijkheid) \
            VALUES ($1, 'a', 'create', FALSE, 'c', 0, 't', 0, 'normaal')";
        refused(execute(&t.db, PERSON, 1).await, "a person row without its version");
        execute(&t.db, VERSION, 1).await.expect("a version");
        execute(&t.db, PERSON, 1).await.expect("a person row with its version");
        refused(execute(&t.db, "DELETE FROM actie_versie WHERE seq = $1", 1).await, "deleting the version");
        refused(execute(&t.db, "UPDATE actie_versie SET seq = 2 WHERE seq = $1", 1).await, "renumbering it");
        refused(execute(&t.db, "UPDATE verwerkt_object SET seq = 2 WHERE seq = $1", 1).await, "moving the row");
        execute(&t.db, "UPDATE verwerkt_object SET zichtbaar = FALSE WHERE seq = $1", 1)
            .await
            .expect("other columns still change");
    }

    async fn expired_sessions_are_not_loaded(t: TestDb) {
        let store = SessionBackend::new(&t.db);
        let mut record = Record {
            id: Id::default(),
            data: Default::default(),
            expiry_date: tower_sessions::cookie::time::OffsetDateTime::now_utc()
                - tower_sessions::cookie::time::Duration::minutes(1),
        };
        store.create(&mut record).await.unwrap();
        assert!(store.load(&record.id).await.unwrap().is_none());
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_file_and_folder_are_created_when_missing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nested/folder/inzage.db");
    let url = inzage::store::DatabaseUrl::Sqlite(format!("sqlite://{}", path.display()));
    let db = Db::connect(&url, 1).await.unwrap();
    db.migrate().await.unwrap();
    assert!(path.exists());
    if let Db::Sqlite(pool, _) = &db {
        let mode: String = sqlx::query_scalar("PRAGMA journal_mode")
            .fetch_one(pool)
            .await
            .unwrap();
        assert_eq!(mode, "wal");
    }
}

/// Checkpoints run beside the writers instead of inside their commits
/// (store/checkpoint.rs); what was committed must still reach the database
/// file itself while the server runs, not only when it closes.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_copies_the_log_into_the_database_file_while_open() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("inzage.db");
    let url = inzage::store::DatabaseUrl::Sqlite(format!("sqlite://{}", path.display()));
    let db = Db::connect(&url, 2).await.unwrap();
    let Db::Sqlite(pool, _) = &db else {
        unreachable!("a SQLite URL opens SQLite")
    };
    sqlx::query("CREATE TABLE marker (v TEXT)")
        .execute(pool)
        .await
        .unwrap();
    sqlx::query("INSERT INTO marker VALUES ('committed')")
        .execute(pool)
        .await
        .unwrap();
    // A copy of the main file without its -wal holds only what was copied back.
    let copy = dir.path().join("copy.db");
    let mut found = None;
    for _ in 0..50 {
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        std::fs::copy(&path, &copy).unwrap();
        let options = sqlx::sqlite::SqliteConnectOptions::new()
            .filename(&copy)
            .immutable(true);
        let Ok(mut conn) = sqlx::ConnectOptions::connect(&options).await else {
            continue;
        };
        found = sqlx::query_scalar::<_, String>("SELECT v FROM marker")
            .fetch_optional(&mut conn)
            .await
            .ok()
            .flatten();
        if found.is_some() {
            break;
        }
    }
    assert_eq!(found.as_deref(), Some("committed"));
}

/// Runs one statement with `seq` as `$1` and, if it has a `$2`, a byte string.
async fn execute(db: &Db, sql: &str, seq: i64) -> Result<(), sqlx::Error> {
    let bytes = sql.contains("$2").then(|| vec![0u8; 32]);
    macro_rules! run {
        ($pool:expr) => {{
            let mut query = sqlx::query(sql).bind(seq);
            if let Some(bytes) = bytes {
                query = query.bind(bytes);
            }
            query.execute($pool).await.map(drop)
        }};
    }
    match db {
        Db::Sqlite(pool, _) => run!(pool),
        Db::Postgres(pool) => run!(pool),
    }
}

/// Versions with the ids given, keyed by the numbers given (key `k` holds `k` in its first 8 bytes).
fn keyed<'a>(
    ids: &'a [String],
    keys: impl Iterator<Item = usize>,
    fields: &'a ActieFields,
) -> Vec<NewVersion<'a>> {
    ids.iter()
        .zip(keys)
        .map(|(actie_id, k)| {
            let mut key_hash = [0; 32];
            key_hash[..8].copy_from_slice(&(k as u64).to_be_bytes());
            NewVersion {
                actie_id,
                wijziging: Wijziging::Create,
                client_id: "test",
                registratie_utc: 0,
                fields,
                objects: &[],
                idempotency: Some(IdempotencyKey {
                    key_hash,
                    request_hash: [0; 32],
                }),
                leaf_salt: [0; 32],
                replaces: None,
            }
        })
        .collect()
}

/// The bundled SQLite is built without memory statistics
/// (`.cargo/config.toml`): they take a process-wide lock for every value a
/// row is copied into (docs/benchmarks.md).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_keeps_no_memory_statistics() {
    let t = TestDb::sqlite().await;
    let inzage::store::Db::Sqlite(pool, _) = &t.db else {
        panic!("a SQLite database");
    };
    let off: i64 = sqlx::query_scalar("SELECT sqlite_compileoption_used('DEFAULT_MEMSTATUS=0')")
        .fetch_one(pool)
        .await
        .unwrap();
    assert_eq!(off, 1);
}
