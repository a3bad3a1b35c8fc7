//! Backup and restore while ingest runs: every record acknowledged before
//! the backup began is in it, and the staff can log in to the restored
//! database. SQLite through `inzage backup`/`restore`; PostgreSQL through
//! the `pg_dump`/`pg_restore` steps the README gives.

use crate::api::{actie, VERWERKING};
use crate::common::{api_caller, TestApp, TestDb, DEFAULT_POSTGRES};
use inzage::{
    domain::NewActie,
    ingest::scopes::Scopes,
    store::{backup::BackupError, DatabaseUrl},
};
use std::sync::{Arc, Mutex};

const RECORDS: usize = 300;

/// Ingests [`RECORDS`] records one by one while `backup` runs, once a
/// hundred are acknowledged; returns the ids acknowledged before it began.
async fn back_up_during_ingest<F, Fut>(t: &TestDb, backup: F) -> Vec<String>
where
    F: FnOnce() -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    inzage::server::staff_accounts::add(
        &t.db,
        "jan",
        "privacy_officer",
        Some("Jan"),
        Some("een-lang-wachtwoord".into()),
    )
    .await
    .unwrap();
    let caller = api_caller(t, Scopes::all()).await;
    let log = crate::common::state(t).log;
    let acknowledged = Arc::new(Mutex::new(Vec::new()));
    let writer = {
        let acknowledged = acknowledged.clone();
        tokio::spawn(async move {
            for i in 0..RECORDS {
                let mut body = actie(&["999993653"], VERWERKING, "normaal");
                body["actieNaam"] = format!("Opvragen {i}").into();
                let actie = NewActie::from_json(&body).unwrap();
                let created = log.create(&caller, actie, None).await.unwrap();
                acknowledged.lock().unwrap().push(created.actie_id);
            }
        })
    };
    while acknowledged.lock().unwrap().len() < 100 {
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    }
    let before = acknowledged.lock().unwrap().clone();
    backup().await;
    writer.await.unwrap();
    assert!(
        acknowledged.lock().unwrap().len() == RECORDS,
        "ingest went on during the backup"
    );
    before
}

/// Every id in `expected` is in `restored`, and Jan can log in there.
async fn check_restored(restored: TestDb, expected: &[String]) {
    let ids: Vec<String> = inzage::on_pool!(&restored.db, pool => sqlx::query_scalar("SELECT actie_id FROM actie_versie")
        .fetch_all(pool)
        .await
        .unwrap());
    for id in expected {
        assert!(
            ids.contains(id),
            "{id} was acknowledged before the backup began, but is not in it"
        );
    }
    let app = TestApp::configured(restored, |c| c.demo = false);
    let login = app
        .post(
            "/medewerker/inloggen",
            "x=y",
            "naam=jan&wachtwoord=een-lang-wachtwoord",
        )
        .await;
    assert_eq!(
        login.location(),
        "/medewerker",
        "the login works on the restored database"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_backup_during_ingest_restores_every_acknowledged_record() {
    let t = TestDb::sqlite().await;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("inzage-backup.db");
    let expected =
        back_up_during_ingest(&t, || async { t.db.backup_to(&file).await.unwrap() }).await;
    assert!(
        matches!(t.db.backup_to(&file).await, Err(BackupError::Exists(_))),
        "never overwrites a backup"
    );

    let target_dir = tempfile::tempdir().unwrap();
    let target = DatabaseUrl::Sqlite(format!(
        "sqlite://{}/inzage.db",
        target_dir.path().display()
    ));
    inzage::store::backup::restore(&file, &target, false)
        .await
        .unwrap();
    assert!(
        matches!(
            inzage::store::backup::restore(&file, &target, false).await,
            Err(BackupError::WouldReplace(_))
        ),
        "an existing database is only replaced when asked"
    );
    let garbage = dir.path().join("not-a-backup.db");
    std::fs::write(&garbage, b"this is not a database").unwrap();
    assert!(matches!(
        inzage::store::backup::restore(&garbage, &target, true).await,
        Err(BackupError::NotABackup(..))
    ));
    inzage::store::backup::restore(&file, &target, true)
        .await
        .unwrap();
    check_restored(TestDb::open(target, Some(target_dir)).await, &expected).await;
}

fn run(command: &str, args: &[&str]) {
    let status = std::process::Command::new(command)
        .args(args)
        .status()
        .unwrap_or_else(|e| panic!("{command}: {e}"));
    assert!(status.success(), "{command} {args:?}: {status}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_dump_during_ingest_restores_every_acknowledged_record() {
    let t = TestDb::postgres().await;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("inzage.dump");
    let source = t.url.as_str().to_owned();
    let dump = file.to_str().unwrap().to_owned();
    // The README's steps, word for word.
    let expected = back_up_during_ingest(&t, || async {
        let (source, dump) = (source.clone(), dump.clone());
        tokio::task::spawn_blocking(move || {
            run(
                "pg_dump",
                &["--format=custom", &format!("--file={dump}"), &source],
            )
        })
        .await
        .unwrap()
    })
    .await;
    let server =
        std::env::var("INZAGE_TEST_POSTGRES_URL").unwrap_or_else(|_| DEFAULT_POSTGRES.to_owned());
    let name = format!("inzage_test_{}", uuid::Uuid::new_v4().simple());
    let target = format!("{server}/{name}");
    run(
        "createdb",
        &["--maintenance-db", &format!("{server}/postgres"), &name],
    );
    run(
        "pg_restore",
        &["--no-owner", &format!("--dbname={target}"), &dump],
    );
    let restored = TestDb::open(DatabaseUrl::Postgres(target), None).await;
    check_restored(restored, &expected).await;
}
