//! The verifiable log from the attacker's side: an administrator with the
//! database edits, deletes, inserts or reorders rows with plain SQL, and
//! `verify` names each row; retention removes entries and `verify` still
//! passes; an export proves its entries, and a changed byte fails both
//! checkers; the checkpoint API gives proofs a witness can check.

use crate::common::{self, TestApp, TestDb};
use inzage::{
    crypto::{
        merkle,
        note::{Checkpoint, NoteVerifier, SignedNote},
        LogKey,
    },
    domain::NewActie,
    ingest::{scopes::Scopes, BatchItem, Caller, LogService},
    server::import::import_caller,
    store::{staff::AuditLine, tree::Soort, Db},
    tree::{self, purge, verify::Problem, Signer},
};
use serde_json::json;
use std::sync::Arc;

const ME: &str = "999900006";
const OTHER: &str = "999900158";
const VERWERKING: &str = "66666666-6666-4666-8666-666666666666";

/// An API client allowed to log, change and delete.
async fn caller(t: &TestDb) -> Caller {
    let scopes = Scopes::parse("create:normal update:normal delete:normal").unwrap();
    common::api_caller(t, scopes).await
}

fn signer() -> Signer {
    Signer {
        origin: "inzage.localhost".into(),
        key: Arc::new(LogKey::for_tests()),
    }
}

fn item(naam: &str, bsns: &[&str], tijdstip: &str, bewaartermijn: Option<&str>) -> BatchItem {
    let mut body = json!({
        "actieNaam": naam,
        "tijdstip": tijdstip,
        "gebruiker": "mdw-1",
        "verwerkteObjecten": bsns.iter().map(|b| json!({
            "objecttype": "persoon", "soortObjectId": "BSN", "objectId": b,
            "verwerkteSoortenGegevens": [{ "soortGegeven": "Adres" }] })).collect::<Vec<_>>()
    });
    if let Some(term) = bewaartermijn {
        body["bewaartermijn"] = term.into();
    }
    BatchItem {
        actie: NewActie::from_json(&body).unwrap(),
        idempotency: None,
    }
}

async fn create(log: &LogService, items: Vec<BatchItem>) -> Vec<String> {
    create_as(log, &import_caller(), items).await
}

async fn create_as(log: &LogService, caller: &Caller, items: Vec<BatchItem>) -> Vec<String> {
    log.create_batch(caller, items)
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.unwrap().actie_id)
        .collect()
}

async fn audit(db: &Db, what: &str) {
    db.audit(&AuditLine {
        medewerker: "Test (clerk)",
        account: None,
        rol: "clerk",
        actie: what,
        onderwerp: None,
        details: None,
    })
    .await
    .unwrap();
}

async fn exec(db: &Db, sql: &str) {
    inzage::on_pool!(db, pool => sqlx::query(sql).execute(pool).await.map(|_| ()).unwrap());
}

async fn scalar(db: &Db, sql: &str) -> i64 {
    inzage::on_pool!(db, pool => sqlx::query_scalar::<_, i64>(sql).fetch_one(pool).await.unwrap())
}

async fn problems(db: &Db, since: i64) -> Vec<Problem> {
    tree::verify::verify(db, &signer().verifier(), since)
        .await
        .unwrap()
        .problems
}

/// The seq of the newest version of the action called `naam`.
async fn seq_of(db: &Db, naam: &str) -> i64 {
    scalar(
        db,
        &format!("SELECT MAX(seq) FROM actie_versie WHERE actie_naam = '{naam}'"),
    )
    .await
}

on_both_engines! {
    async fn verify_names_every_row_an_administrator_changed(t: TestDb) {
        let db = &t.db;
        let log = LogService::new(db.clone(), Arc::new(inzage::crypto::Keys::for_tests()));
        let t0 = "2026-11-01T10:00:00+01:00";
        let client = caller(&t).await;
        let ids = create_as(&log, &client, (0..8).map(|i| item(&format!("Actie {i}"), &[ME, OTHER], t0, None)).collect()).await;
        audit(db, "inwoner opgezocht").await;
        audit(db, "verzoek bekeken").await;
        // Two actions deleted: versions without persons, to reorder below.
        log.delete(&client, &ids[6]).await.unwrap();
        log.delete(&client, &ids[7]).await.unwrap();
        let signed = tree::seal(db, &signer()).await.unwrap().expect("a checkpoint");
        assert_eq!(signed.grootte, 12, "10 versions and 2 audit lines");
        assert_eq!(problems(db, 0).await, vec![], "an untouched log verifies");

        // An edited field of a version.
        let s1 = seq_of(db, "Actie 1").await;
        exec(db, &format!("UPDATE actie_versie SET gebruiker = 'mdw-2' WHERE seq = {s1}")).await;
        let found = problems(db, 0).await;
        assert!(matches!(found.as_slice(), [Problem::Changed { soort: Soort::Actie, seq, .. }] if *seq == s1), "{found:?}");

        // An edited person of a version.
        let s2 = seq_of(db, "Actie 2").await;
        exec(db, &format!("UPDATE verwerkt_object SET soorten_gegevens = '[\"Inkomen\"]' WHERE seq = {s2}")).await;
        assert!(problems(db, 0).await.contains(&changed(Soort::Actie, s2, db).await));

        // A deleted version.
        let s3 = seq_of(db, "Actie 3").await;
        exec(db, &format!("DELETE FROM verwerkt_object WHERE seq = {s3}")).await;
        exec(db, &format!("DELETE FROM actie_versie WHERE seq = {s3}")).await;
        assert!(problems(db, 0).await.iter().any(|p| matches!(p, Problem::Removed { soort: Soort::Actie, seq, .. } if *seq == s3)));

        // An inserted version, copied from another under a seq of its own.
        let s4 = seq_of(db, "Actie 4").await;
        let columns = columns_but_seq(db).await;
        exec(db, &format!("INSERT INTO actie_versie (seq, {columns}) SELECT 0, {columns} FROM actie_versie WHERE seq = {s4}")).await;
        assert!(problems(db, 0).await.contains(&Problem::Added { soort: Soort::Actie, seq: 0 }));

        // Two versions swapped in order.
        let (a, b) = (seq_of(db, "Actie 6").await, seq_of(db, "Actie 7").await);
        exec(db, &format!("UPDATE actie_versie SET seq = -7 WHERE seq = {a}")).await;
        exec(db, &format!("UPDATE actie_versie SET seq = {a} WHERE seq = {b}")).await;
        exec(db, &format!("UPDATE actie_versie SET seq = {b} WHERE seq = -7")).await;
        let found = problems(db, 0).await;
        for seq in [a, b] {
            assert!(found.contains(&changed(Soort::Actie, seq, db).await), "{seq}: {found:?}");
        }

        // An edited audit line.
        let line = scalar(db, "SELECT MIN(seq) FROM audit").await;
        exec(db, &format!("UPDATE audit SET actie = 'niets' WHERE seq = {line}")).await;
        assert!(problems(db, 0).await.contains(&changed(Soort::Audit, line, db).await));

        // A leaf changed to match: the signed root no longer holds.
        exec(db, "UPDATE boom_blad SET hash = (SELECT hash FROM boom_blad WHERE idx = 0) WHERE idx = 1").await;
        assert!(problems(db, 0).await.contains(&Problem::Root { size: 12 }));
    }

    async fn verify_since_checks_only_what_came_after_a_checkpoint(t: TestDb) {
        let db = &t.db;
        let log = LogService::new(db.clone(), Arc::new(inzage::crypto::Keys::for_tests()));
        create(&log, vec![item("Oud", &[ME], "2026-11-01T10:00:00+01:00", None)]).await;
        let first = tree::seal(db, &signer()).await.unwrap().unwrap().grootte;
        create(&log, vec![item("Nieuw", &[ME], "2026-11-02T10:00:00+01:00", None)]).await;
        tree::seal(db, &signer()).await.unwrap();
        assert_eq!(problems(db, first).await, vec![]);

        let old = seq_of(db, "Oud").await;
        exec(db, &format!("UPDATE actie_versie SET actie_naam = 'Oud!' WHERE seq = {old}")).await;
        assert_eq!(problems(db, first).await, vec![], "before the checkpoint: not checked");
        assert_eq!(problems(db, 0).await.len(), 1, "a full run finds it");
        let new = seq_of(db, "Nieuw").await;
        exec(db, &format!("UPDATE actie_versie SET actie_naam = 'Nieuw!' WHERE seq = {new}")).await;
        assert_eq!(problems(db, first).await, vec![changed(Soort::Actie, new, db).await]);
    }

    async fn the_tree_hashes_rows_stored_without_a_leaf_hash_and_verify_never_trusts_the_column(t: TestDb) {
        let db = &t.db;
        let log = LogService::new(db.clone(), Arc::new(inzage::crypto::Keys::for_tests()));
        create(&log, ["Gewoon", "Ouder", "Oudst", "Vals"].iter().map(|n| item(n, &[ME], "2026-11-01T10:00:00+01:00", None)).collect()).await;
        // As an older build stored them: without the hash, or without salt and hash.
        let (older, oldest, forged) = (seq_of(db, "Ouder").await, seq_of(db, "Oudst").await, seq_of(db, "Vals").await);
        exec(db, &format!("UPDATE actie_versie SET leaf_hash = NULL WHERE seq = {older}")).await;
        exec(db, &format!("UPDATE actie_versie SET leaf_hash = NULL, leaf_salt = NULL WHERE seq = {oldest}")).await;
        // An administrator slips in a hash before the tree takes the row.
        let other = seq_of(db, "Gewoon").await;
        exec(db, &format!("UPDATE actie_versie SET leaf_hash = (SELECT leaf_hash FROM actie_versie WHERE seq = {other}) WHERE seq = {forged}")).await;
        let signed = tree::seal(db, &signer()).await.unwrap().unwrap();
        assert_eq!(signed.grootte, 4, "every row is a leaf");
        assert_eq!(problems(db, 0).await, vec![changed(Soort::Actie, forged, db).await]);
    }

    async fn retention_removes_whole_actions_and_the_log_still_verifies(t: TestDb) {
        let app = TestApp::demo(t);
        let db = &app.state.db;
        let log = &app.state.log;
        // One action in three versions whose term (one month from 31 January) has
        // passed, one whose term runs, one without any term.
        let mut expired = item("Verlopen", &[ME], "2025-01-31T12:00:00+01:00", Some("P1M"));
        expired.actie = NewActie::from_json(&json!({
            "actieNaam": "Verlopen", "tijdstip": "2025-01-31T12:00:00+01:00", "bewaartermijn": "P1M",
            "verwerkingId": VERWERKING,
            "verwerkteObjecten": [{ "objecttype": "persoon", "soortObjectId": "BSN", "objectId": ME }]
        })).unwrap();
        let client = caller(&app).await;
        create_as(log, &client, vec![
            expired,
            item("Lopend", &[ME], "2025-01-31T12:00:00+01:00", Some("P100Y")),
            item("Zonder termijn", &[ME], "2020-01-01T12:00:00+01:00", None),
        ]).await;
        let patch = inzage::domain::PatchBody::from_json(&json!({ "bewaartermijn": "P1M" })).unwrap();
        log.patch(&client, VERWERKING, &patch).await.unwrap();
        log.patch(&client, VERWERKING, &patch).await.unwrap();
        tree::seal(db, &app.state.signer).await.unwrap();
        let now = chrono::Utc::now();

        let dry = purge::purge(db, now, purge::Mode::DryRun).await.unwrap();
        assert_eq!((dry.actions, dry.versions), (1, 3));
        assert_eq!(scalar(db, "SELECT COUNT(*) FROM actie_versie").await, 5, "a dry run removes nothing");

        let done = purge::purge(db, now, purge::Mode::Remove).await.unwrap();
        assert_eq!((done.actions, done.versions), (1, 3));
        assert_eq!(scalar(db, "SELECT COUNT(*) FROM actie_versie").await, 2);
        assert_eq!(scalar(db, "SELECT COUNT(*) FROM boom_blad WHERE gewist IS NOT NULL").await, 3, "the leaves stay");
        let audited = scalar(db, &format!("SELECT COUNT(*) FROM audit WHERE actie = '{}' AND details LIKE '1 acties, 3 versies;%'", purge::AUDIT_ACTIE)).await;
        assert_eq!(audited, 1, "the run is in the audit trail with its counts");
        tree::seal(db, &app.state.signer).await.unwrap();
        assert_eq!(problems_with(db, &app.state.signer).await, vec![], "verify passes after a purge");

        // Gone from the resident's page and export.
        let me = app.login_resident(ME).await;
        let page = app.get("/mijn?periode=0", &me).await.body;
        assert!(page.contains("Lopend") && !page.contains("Verlopen"), "{page}");
        let export = app.get("/mijn/export.json?periode=0", &me).await.body;
        let payload = payload_of(&export);
        assert!(payload.contains("Lopend") && !payload.contains("Verlopen"));

        // A removal passed off as retention: no removal in the audit trail names it.
        let lopend = seq_of(db, "Lopend").await;
        exec(db, &format!("UPDATE boom_blad SET gewist = 1 WHERE soort = 'actie' AND seq = {lopend}")).await;
        exec(db, &format!("DELETE FROM verwerkt_object WHERE seq = {lopend}")).await;
        exec(db, &format!("DELETE FROM actie_versie WHERE seq = {lopend}")).await;
        let leaf = db.leaf_indices(Soort::Actie, &[lopend]).await.unwrap()[&lopend];
        assert_eq!(problems_with(db, &app.state.signer).await, vec![Problem::Unexplained { seq: lopend, leaf }]);
    }

    async fn an_export_proves_each_entry_and_a_changed_byte_fails_both_checkers(t: TestDb) {
        let app = TestApp::demo(t);
        create(&app.state.log, vec![
            item("Eigen actie", &[ME], "2026-11-01T10:00:00+01:00", None),
            item("Samen", &[ME, OTHER], "2026-11-02T10:00:00+01:00", None),
            item("Van een ander", &[OTHER], "2026-11-03T10:00:00+01:00", None),
        ]).await;
        let me = app.login_resident(ME).await;
        let answer = app.get("/mijn/export.json?periode=0", &me).await;
        assert_eq!(answer.status, 200);
        let export = answer.body;
        let key = app.state.signer.verifier();
        let checked = tree::export::check(&export, Some(&key)).unwrap();
        assert_eq!(checked.entries, 2);
        let payload = payload_of(&export);
        assert!(!payload.contains("Van een ander") && !payload.contains("mdw-1"), "no one else's entry, not who acted");
        assert!(!payload.contains(ME) && !payload.contains(OTHER), "no BSN");

        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("export.json");
        std::fs::write(&file, &export).unwrap();
        assert!(python(&file, &key.to_string()), "the Python checker accepts it");
        // Another key: refused by both.
        let other = NoteVerifier::from_signing("inzage.localhost", LogKey::from_seed(&[1; 32]).signing());
        assert!(tree::export::check(&export, Some(&other)).is_err());
        assert!(!python(&file, &other.to_string()));
        // A changed byte anywhere: refused by both.
        for at in [2, export.len() / 3, export.len() / 2, export.len() - 3] {
            let mut bytes = export.clone().into_bytes();
            bytes[at] = if bytes[at] == b'A' { b'B' } else { b'A' };
            let changed = String::from_utf8(bytes).unwrap();
            assert!(tree::export::check(&changed, Some(&key)).is_err(), "byte {at}");
            std::fs::write(&file, &changed).unwrap();
            assert!(!python(&file, &key.to_string()), "byte {at}");
        }
    }

    async fn the_checkpoint_api_gives_proofs_a_witness_checks(t: TestDb) {
        let app = TestApp::new(t);
        let db = &app.state.db;
        assert_eq!(app.get("/api/v1/checkpoint", "").await.status, 404, "no checkpoint yet");
        create(&app.state.log, vec![item("Een", &[ME], "2026-11-01T10:00:00+01:00", None)]).await;
        let old = tree::seal(db, &app.state.signer).await.unwrap().unwrap();
        create(&app.state.log, (0..20).map(|i| item(&format!("Meer {i}"), &[OTHER], "2026-11-02T10:00:00+01:00", None)).collect()).await;
        let new = tree::seal(db, &app.state.signer).await.unwrap().unwrap();

        let key = app.get("/api/v1/checkpoint/sleutel", "").await.body;
        let key = NoteVerifier::parse(key.trim()).unwrap();
        let latest = app.get("/api/v1/checkpoint", "").await.body;
        let note = SignedNote::parse(&latest).unwrap();
        assert!(note.verify(&key));
        let body = Checkpoint::parse_body(&note.body).unwrap();
        assert_eq!(body.size, new.grootte as u64);

        let uri = format!("/api/v1/checkpoint/consistentie?van={}&tot={}", old.grootte, new.grootte);
        let answer: serde_json::Value = serde_json::from_str(&app.get(&uri, "").await.body).unwrap();
        let proof: Vec<merkle::Hash> = answer["bewijs"].as_array().unwrap().iter().map(|h| {
            use base64::Engine as _;
            base64::engine::general_purpose::STANDARD.decode(h.as_str().unwrap()).unwrap().try_into().unwrap()
        }).collect();
        let old_root: merkle::Hash = old.wortel.clone().try_into().unwrap();
        assert!(merkle::verify_consistency(old.grootte as u64, body.size, &old_root, &body.root, &proof));

        // A witness cosigns this, and refuses a rollback and a fork.
        let own = LogKey::from_seed(&[9; 32]);
        let witness = tree::witness::Witness { name: "fg.voorbeeld.nl", key: own.signing() };
        let first = tree::witness::cosign(&key, &witness, None, &old.notitie, &[]).unwrap();
        let second = tree::witness::cosign(&key, &witness, Some(&first), &latest, &proof).unwrap();
        assert!(SignedNote::parse(&second).unwrap().verify(&NoteVerifier::from_signing("fg.voorbeeld.nl", own.signing())));
        assert!(matches!(
            tree::witness::cosign(&key, &witness, Some(&second), &old.notitie, &[]),
            Err(tree::witness::Refusal::Rollback { .. })
        ));
        let forged = Checkpoint { origin: body.origin.clone(), size: body.size, root: [7; 32], extensions: vec![] };
        let forged = inzage::crypto::note::sign(&forged.body(), key.name(), app.state.signer.key.signing());
        assert!(matches!(
            tree::witness::cosign(&key, &witness, Some(&second), &forged, &[]),
            Err(tree::witness::Refusal::Fork { .. })
        ));

        // Only between signed sizes, and only numbers.
        let unsigned = format!("/api/v1/checkpoint/consistentie?van=2&tot={}", new.grootte);
        assert_eq!(app.get(&unsigned, "").await.status, 404);
        assert_eq!(app.get("/api/v1/checkpoint/consistentie?van=x&tot=1", "").await.status, 400);
        let listed: serde_json::Value = serde_json::from_str(&app.get("/api/v1/checkpoints", "").await.body).unwrap();
        assert_eq!(listed.as_array().unwrap().len(), 2);
    }

    async fn proofs_from_the_upper_levels_kept_in_memory_hold_as_the_tree_grows(t: TestDb) {
        let db = &t.db;
        let log = LogService::new(db.clone(), Arc::new(inzage::crypto::Keys::for_tests()));
        let signer = signer();
        let upper = tree::upper::UpperLevels::default();
        let mut previous: Option<(u64, merkle::Hash)> = None;
        // 600 leaves and then 1,200: past two and four nodes of 256 leaves,
        // the lowest level kept, so the second round reads on from the first.
        for round in 0..2 {
            for batch in 0..2 {
                create(&log, (0..300).map(|i| item(&format!("R{round} B{batch} {i}"), &[ME], "2026-11-01T10:00:00+01:00", None)).collect()).await;
            }
            let checkpoint = tree::seal(db, &signer).await.unwrap().unwrap();
            let size = checkpoint.grootte as u64;
            let root: merkle::Hash = checkpoint.wortel.clone().try_into().unwrap();
            let leaves = [0, 257, size / 2, size - 1];
            let proofs = tree::proof::inclusion(db, &upper, &leaves, size).await.unwrap();
            for (index, proof) in leaves.iter().zip(&proofs) {
                let stored = db.leaves(*index as i64, *index as i64 + 1).await.unwrap();
                let hash: merkle::Hash = stored[0].hash.clone().try_into().unwrap();
                assert!(merkle::verify_inclusion(*index, size, &hash, proof, &root), "leaf {index} of {size}");
            }
            if let Some((old, old_root)) = previous {
                let proof = tree::proof::consistency(db, &upper, old, size).await.unwrap();
                assert!(merkle::verify_consistency(old, size, &old_root, &root, &proof));
            }
            previous = Some((size, root));
        }
    }
}

async fn problems_with(db: &Db, signer: &Signer) -> Vec<Problem> {
    tree::verify::verify(db, &signer.verifier(), 0)
        .await
        .unwrap()
        .problems
}

/// The problem of a changed row, with its leaf index.
async fn changed(soort: Soort, seq: i64, db: &Db) -> Problem {
    let leaf = db.leaf_indices(soort, &[seq]).await.unwrap()[&seq];
    Problem::Changed { soort, seq, leaf }
}

/// Every column of `actie_versie` but `seq`, for copying a row.
async fn columns_but_seq(db: &Db) -> String {
    let names: Vec<String> = match db {
        Db::Sqlite(pool, _) => sqlx::query_scalar("SELECT name FROM pragma_table_info('actie_versie') ORDER BY cid")
            .fetch_all(pool).await.unwrap(),
        Db::Postgres(pool) => sqlx::query_scalar("SELECT column_name::text FROM information_schema.columns WHERE table_name = 'actie_versie' ORDER BY ordinal_position")
            .fetch_all(pool).await.unwrap(),
    };
    names
        .into_iter()
        .filter(|n| n != "seq")
        .collect::<Vec<_>>()
        .join(", ")
}

/// The signed JSON's payload, decoded.
fn payload_of(export: &str) -> String {
    use base64::Engine as _;
    let jws: serde_json::Value = serde_json::from_str(export).unwrap();
    let payload = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(jws["payload"].as_str().unwrap())
        .unwrap();
    String::from_utf8(payload).unwrap()
}

/// Whether scripts/verify-export.py accepts the file with this key.
fn python(file: &std::path::Path, key: &str) -> bool {
    let script = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/verify-export.py");
    let out = std::process::Command::new("python3")
        .arg(script)
        .arg(file)
        .arg("--key")
        .arg(key)
        .output()
        .expect("python3 runs");
    out.status.success()
}

/// PostgreSQL hands out a `seq` before its transaction commits: the tree
/// must wait for a writer that holds one, or it would pass that row by.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_postgres_the_tree_waits_for_a_writer_that_holds_a_seq() {
    let test = async {
        let t = TestDb::postgres().await;
        let log = LogService::new(t.db.clone(), Arc::new(inzage::crypto::Keys::for_tests()));
        create(
            &log,
            vec![item("Eerst", &[ME], "2026-11-01T10:00:00+01:00", None)],
        )
        .await;
        let Db::Postgres(pool) = &t.db else {
            unreachable!("a PostgreSQL database")
        };
        // A writer as store/log/write.rs runs one: its transaction id, then its seq.
        let mut writer = pool.begin().await.unwrap();
        sqlx::query("SELECT pg_current_xact_id()")
            .execute(&mut *writer)
            .await
            .unwrap();
        let seq: i64 = sqlx::query_scalar("SELECT nextval('actie_versie_seq_seq')")
            .fetch_one(&mut *writer)
            .await
            .unwrap();
        let committed = tokio::spawn({
            let db = t.db.clone();
            async move { db.committed().await.unwrap() }
        });
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
        assert!(
            !committed.is_finished(),
            "the tree waits while the writer runs"
        );
        writer.commit().await.unwrap();
        assert!(committed.await.unwrap().actie >= seq);
    };
    tokio::time::timeout(common::TEST_TIMEOUT, test)
        .await
        .expect("test timed out");
}
