//! The resident's view of the store: own entries only, newest first, keyset
//! paging on the pseudonym index.

use crate::common::{self, TestDb};
use inzage::{
    crypto::Keys,
    domain::NewActie,
    ingest::{BatchItem, LogService},
    server::import::import_caller as caller,
    store::{
        log::{resident_page_sql, resident_summary_sql, resident_uses_sql},
        Db,
    },
};
use serde_json::json;
use std::sync::Arc;

fn actie(bsns: &[&str], minute: u32, vertrouwelijkheid: &str) -> NewActie {
    NewActie::from_json(&json!({
        "tijdstip": format!("2026-05-01T10:{minute:02}:00+02:00"),
        "vertrouwelijkheid": vertrouwelijkheid,
        "verwerkteObjecten": bsns.iter().map(|b| json!({
            "objecttype": "persoon", "soortObjectId": "BSN", "objectId": b })).collect::<Vec<_>>()
    }))
    .unwrap()
}

async fn seed(db: &Db) -> LogService {
    let log = LogService::new(db.clone(), Arc::new(Keys::for_tests()));
    let mut items = Vec::new();
    for minute in 0..30 {
        items.push(BatchItem {
            actie: actie(&["999993653"], minute, "normaal"),
            idempotency: None,
        });
        items.push(BatchItem {
            actie: actie(&["999990019", "999993653"], minute, "normaal"),
            idempotency: None,
        });
    }
    items.push(BatchItem {
        actie: actie(&["999993653"], 59, "vertrouwelijk"),
        idempotency: None,
    });
    for r in log.create_batch(&caller(), items).await.unwrap() {
        r.unwrap();
    }
    log
}

on_both_engines! {
    async fn a_resident_pages_through_own_entries_newest_first(t: TestDb) {
        let log = seed(&t.db).await;
        let me = inzage::ingest::seal::pseudonym(log.keys(), "BSN", "999993653");
        let mut seen = Vec::new();
        let mut cursor = None;
        loop {
            let page = t.db.resident_page(&me, cursor, i64::MIN, 25).await.unwrap();
            if page.is_empty() {
                break;
            }
            for v in &page {
                assert_eq!(v.objects.len(), 1, "only the resident's own object");
                assert_eq!(v.objects[0].pseudonym, me);
                assert_ne!(v.fields.vertrouwelijkheid, inzage::domain::Vertrouwelijkheid::Vertrouwelijk);
            }
            let last = page.last().unwrap();
            cursor = Some((last.fields.tijdstip_utc, last.seq));
            seen.extend(page.into_iter().map(|v| (v.fields.tijdstip_utc, v.seq)));
        }
        assert_eq!(seen.len(), 60, "every own entry once, the vertrouwelijk one not");
        let mut sorted = seen.clone();
        sorted.sort_by(|a, b| b.cmp(a));
        assert_eq!(seen, sorted, "newest first");
        sorted.dedup();
        assert_eq!(sorted.len(), 60, "no entry twice across pages");
    }

    async fn a_newer_version_replaces_the_old_one_in_the_residents_view(t: TestDb) {
        use inzage::{domain::{PatchBody, Vertrouwelijkheid}, ingest::scopes::Scopes, store::log::PersonFilter};
        let log = LogService::new(t.db.clone(), Arc::new(Keys::for_tests()));
        let all = common::api_caller(&t, Scopes::all()).await;
        let me = inzage::ingest::seal::pseudonym(log.keys(), "BSN", "999993653");
        let with_verwerking = |minute: u32, verwerking: &str| {
            let body = json!({
                "tijdstip": format!("2026-05-01T10:{minute:02}:00+02:00"),
                "verwerkingId": verwerking,
                "verwerkteObjecten": [{ "objecttype": "persoon", "soortObjectId": "BSN", "objectId": "999993653" }]
            });
            NewActie::from_json(&body).unwrap()
        };
        let mut ids = Vec::new();
        for (minute, verwerking) in [(1, "5f0a6e0c-0000-4000-8000-000000000001"), (2, "5f0a6e0c-0000-4000-8000-000000000002"),
                                     (3, "5f0a6e0c-0000-4000-8000-000000000003"), (4, "5f0a6e0c-0000-4000-8000-000000000004")] {
            ids.push(log.create(&all, with_verwerking(minute, verwerking), None).await.unwrap().actie_id);
        }
        log.update(&all, &ids[0], with_verwerking(10, "5f0a6e0c-0000-4000-8000-000000000001")).await.unwrap();
        log.delete(&all, &ids[1]).await.unwrap();
        let patch = |v| PatchBody { bewaartermijn: None, vertrouwelijkheid: Some(v) };
        log.patch(&all, "5f0a6e0c-0000-4000-8000-000000000003", &patch(Vertrouwelijkheid::Vertrouwelijk)).await.unwrap();
        log.patch(&all, "5f0a6e0c-0000-4000-8000-000000000004", &patch(Vertrouwelijkheid::Vertrouwelijk)).await.unwrap();
        log.patch(&all, "5f0a6e0c-0000-4000-8000-000000000004", &patch(Vertrouwelijkheid::Opgeheven)).await.unwrap();

        let page = t.db.resident_page(&me, None, i64::MIN, 50).await.unwrap();
        let shown: Vec<(&str, &str)> = page.iter()
            .map(|v| (v.actie_id.as_str(), v.fields.vertrouwelijkheid.as_str())).collect();
        assert_eq!(shown, [(ids[0].as_str(), "normaal"), (ids[3].as_str(), "opgeheven")],
            "the corrected action once, at its new time; the deleted and the confidential one not");
        assert!(page[0].fields.tijdstip.starts_with("2026-05-01T10:10"), "{:?}", page[0].fields);
        // The same as the general person query, which finds the current version by its seq.
        let filter = PersonFilter { pseudonym: me.clone(), vertrouwelijkheid: vec![inzage::domain::Vertrouwelijkheid::Normaal, inzage::domain::Vertrouwelijkheid::Opgeheven], ..Default::default() };
        let (count, general) = t.db.versions_for_person(&filter, 0, 50).await.unwrap();
        assert_eq!(count, 2);
        assert_eq!(general.iter().map(|v| v.seq).collect::<Vec<_>>(), page.iter().map(|v| v.seq).collect::<Vec<_>>());
        let summary = t.db.resident_summary(&me, i64::MIN).await.unwrap().uses;
        assert_eq!(summary.iter().map(|r| r.aantal).sum::<i64>(), 2, "the counts follow the same rule");
    }

    async fn the_residents_own_views_are_counted_apart_and_left_out_of_the_use(t: TestDb) {
        let log = seed(&t.db).await;
        let keys = log.keys();
        let bsn: inzage::domain::Bsn = "999993653".parse().unwrap();
        let (me, sealed) = inzage::ingest::seal::person(keys, &bsn);
        let before = t.db.resident_summary(&me, i64::MIN).await.unwrap();
        let first_use = t.db.resident_uses_page(&me, i64::MIN, 5).await.unwrap();
        for _ in 0..3 {
            log.log_view(&me, &sealed, "Overzicht bekeken").await.unwrap();
        }
        let after = t.db.resident_summary(&me, i64::MIN).await.unwrap();
        assert_eq!(after.uses, before.uses, "a look is not the municipality's use");
        assert_eq!(after.own_views.iter().map(|v| v.aantal).sum::<i64>(), 3);
        let uses = t.db.resident_uses_page(&me, i64::MIN, 5).await.unwrap();
        assert_eq!(uses.iter().map(|v| v.seq).collect::<Vec<_>>(),
                   first_use.iter().map(|v| v.seq).collect::<Vec<_>>(), "the newest use, not the looks");
        let all = t.db.resident_page(&me, None, i64::MIN, 5).await.unwrap();
        assert_eq!(all.iter().take(3).filter(|v| v.fields.verwerkingsactiviteit_id.as_deref()
            == Some(inzage::register::VIEW_ACTIVITY_ID)).count(), 3, "the full page still holds them");
    }

    async fn the_residents_page_reads_every_field_it_shows(t: TestDb) {
        // On SQLite the page has its own reader (store/sqlite_reads.rs), which
        // takes the columns by position: compare it with the general query.
        use inzage::store::log::{ActieFields, PersonFilter};
        let log = LogService::new(t.db.clone(), Arc::new(Keys::for_tests()));
        let example: serde_json::Value =
            serde_json::from_str(include_str!("../fixtures/vng-verwerkingsactie-post-volledig.json")).unwrap();
        let item = BatchItem { actie: NewActie::from_json(&example).unwrap(), idempotency: None };
        for r in log.create_batch(&caller(), vec![item]).await.unwrap() {
            r.unwrap();
        }
        let me = inzage::ingest::seal::pseudonym(log.keys(), "BSN", "479580261");
        let page = t.db.resident_page(&me, None, i64::MIN, 50).await.unwrap();
        let filter = PersonFilter { pseudonym: me.clone(), ..Default::default() };
        let (_, general) = t.db.versions_for_person(&filter, 0, 50).await.unwrap();
        let (read, full) = (&page[0], &general[0]);
        assert_eq!((page.len(), general.len()), (1, 1));
        assert_eq!((read.seq, &read.actie_id, read.registratie_utc), (full.seq, &full.actie_id, full.registratie_utc));
        let f = &full.fields;
        let shown = ActieFields {
            tijdstip: f.tijdstip.clone(), tijdstip_utc: f.tijdstip_utc, vertrouwelijkheid: f.vertrouwelijkheid,
            actie_naam: f.actie_naam.clone(), handeling_naam: f.handeling_naam.clone(),
            verwerking_naam: f.verwerking_naam.clone(), verwerking_id: f.verwerking_id.clone(),
            verwerkingsactiviteit_id: f.verwerkingsactiviteit_id.clone(),
            soort_afnemer_id: f.soort_afnemer_id.clone(), afnemer_id: f.afnemer_id.clone(),
            // Whether a person acted, as an empty text: never who.
            gebruiker: f.gebruiker.as_ref().map(|_| String::new()),
            ..Default::default()
        };
        assert!(f.gebruiker.as_deref().is_some_and(|g| !g.is_empty()), "the example names its user");
        assert_eq!(read.fields, shown, "what the page shows, and nothing it does not");
        assert_eq!(read.fields.actie_naam.as_deref(), Some("Zoeken personen"));
        assert_eq!(read.fields.afnemer_id.as_deref(), Some("00000001821002193000"));
        let (o, g) = (&read.objects[0], &full.objects[0]);
        assert_eq!(
            (&o.verwerkt_object_id, &o.objecttype, &o.soort_object_id, &o.betrokkenheid, &o.soorten_gegevens),
            (&g.verwerkt_object_id, &g.objecttype, &g.soort_object_id, &g.betrokkenheid, &g.soorten_gegevens)
        );
        assert_eq!(o.betrokkenheid.as_deref(), Some("Getuige"));
        let summary = t.db.resident_summary(&me, i64::MIN).await.unwrap().uses;
        assert_eq!(summary.len(), 1);
        assert_eq!(summary[0].verwerkingsactiviteit_id, f.verwerkingsactiviteit_id);
        assert_eq!((&summary[0].soorten_gegevens, summary[0].uur, summary[0].aantal),
                   (&g.soorten_gegevens, f.tijdstip_utc / 3_600_000_000, 1));
    }

    async fn the_quick_overview_equals_the_full_one(t: TestDb) {
        use inzage::{i18n::Lang, model::Filter, views::resident as view};
        let log = LogService::new(t.db.clone(), Arc::new(Keys::for_tests()));
        let today = chrono::Utc::now().date_naive();
        inzage::demo::seed(&t.db, &log, today).await.unwrap();
        let ctx = view::Context::load(&t.db, Lang::Nl).await.unwrap();
        let mut compared = 0;
        for resident in inzage::demo::residents::all().iter().take(12) {
            let me = inzage::ingest::seal::pseudonym(log.keys(), "BSN", &resident.bsn);
            for (maanden, toon) in [(12, 50), (0, 5), (3, 0)] {
                let filter = Filter { maanden, toon, ..Default::default() };
                assert!(!filter.narrows());
                let (all, capped) = view::entries(&t.db, &me, view::not_before(&filter)).await.unwrap();
                let full = view::overview(&ctx, all, capped, &filter);
                let quick = view::overview_page(&t.db, &ctx, &me, &filter).await.unwrap();
                assert_eq!(quick, full, "{} with {filter:?}", resident.naam);
                compared += full.totaal;
            }
        }
        assert!(compared > 100, "the residents have entries: {compared}");
    }

    async fn the_summary_counts_each_entry_in_its_dutch_month(t: TestDb) {
        use inzage::{i18n::Lang, model::Filter, views::resident as view};
        let log = LogService::new(t.db.clone(), Arc::new(Keys::for_tests()));
        // Around the starts of months: 22:30 UTC is 23:30 in winter time and
        // 00:30 the next day in summer time.
        let items = [
            "2026-01-31T22:30:00+00:00", // 31 January, 23:30
            "2026-03-31T21:30:00+00:00", // 31 March, 23:30
            "2026-03-31T22:30:00+00:00", // 1 April, 00:30
            "2026-09-30T22:30:00+00:00", // 1 October, 00:30
            "2026-10-31T22:30:00+00:00", // 31 October, 23:30
            "2026-10-31T23:30:00+00:00", // 1 November, 00:30
        ]
        .map(|tijdstip| BatchItem {
            actie: NewActie::from_json(&json!({
                "tijdstip": tijdstip,
                "verwerkteObjecten": [{ "objecttype": "persoon", "soortObjectId": "BSN", "objectId": "999993653" }]
            }))
            .unwrap(),
            idempotency: None,
        });
        for r in log.create_batch(&caller(), items.into()).await.unwrap() {
            r.unwrap();
        }
        let me = inzage::ingest::seal::pseudonym(log.keys(), "BSN", "999993653");
        let ctx = view::Context::load(&t.db, Lang::Nl).await.unwrap();
        let filter = Filter { maanden: 0, toon: 50, ..Default::default() };
        let (all, capped) = view::entries(&t.db, &me, view::not_before(&filter)).await.unwrap();
        let full = view::overview(&ctx, all, capped, &filter);
        let quick = view::overview_page(&t.db, &ctx, &me, &filter).await.unwrap();
        let months: Vec<(&str, u32)> = full.per_maand.iter().map(|m| (m.label.as_str(), m.aantal)).collect();
        assert_eq!(months.iter().map(|m| m.1).collect::<Vec<_>>(), [1, 1, 1, 2, 1], "{months:?}");
        assert_eq!(quick.per_maand, full.per_maand);
        assert_eq!(quick, full);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_first_page_searches_the_pseudonym_key_on_sqlite() {
    let t = TestDb::sqlite().await;
    seed(&t.db).await;
    let Db::Sqlite(pool, _) = &t.db else {
        unreachable!()
    };
    for sql in [
        resident_page_sql(false),
        resident_page_sql(true),
        resident_uses_sql(),
    ] {
        let plan: Vec<(i64, i64, i64, String)> =
            sqlx::query_as(&format!("EXPLAIN QUERY PLAN {sql}"))
                .bind(vec![0u8; 32])
                .bind(0i64)
                .bind(0i64)
                .bind(50i64)
                .bind(0i64)
                .fetch_all(pool)
                .await
                .unwrap();
        let plan: Vec<String> = plan.into_iter().map(|r| r.3).collect();
        // The first step searches the person index by pseudonym and time.
        assert!(
            plan[0].starts_with("SEARCH o USING INDEX verwerkt_object_persoon (pseudonym=?"),
            "plan: {plan:?}"
        );
        assert!(
            !plan.iter().any(|p| p.contains("CORRELATED")),
            "no probe per entry for newer versions: {plan:?}"
        );
        assert!(
            !plan.iter().any(|p| p.starts_with("SCAN o")),
            "no scan over all objects: {plan:?}"
        );
        assert!(
            !plan.iter().any(|p| p.contains("TEMP B-TREE")),
            "no sort: {plan:?}"
        );
    }
    // The resident's own views are counted from the person index alone.
    let plan: Vec<(i64, i64, i64, String)> = sqlx::query_as(&format!(
        "EXPLAIN QUERY PLAN {}",
        resident_summary_sql(true)
    ))
    .bind(vec![0u8; 32])
    .bind(0i64)
    .fetch_all(pool)
    .await
    .unwrap();
    assert!(
        plan[0]
            .3
            .starts_with("SEARCH o USING COVERING INDEX verwerkt_object_persoon (pseudonym=?"),
        "plan: {plan:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_first_page_uses_the_pseudonym_index_on_postgres() {
    let t = TestDb::postgres().await;
    seed(&t.db).await;
    let Db::Postgres(pool) = &t.db else {
        unreachable!()
    };
    let mut conn = pool.acquire().await.unwrap();
    // VACUUM sets the visibility map, as autovacuum does on a live server.
    sqlx::query("VACUUM ANALYZE")
        .execute(&mut *conn)
        .await
        .unwrap();
    // With few rows the planner may prefer a scan; forbid it to prove the index serves the query.
    sqlx::query("SET enable_seqscan = off")
        .execute(&mut *conn)
        .await
        .unwrap();
    let plan: Vec<String> = sqlx::query_scalar(&format!("EXPLAIN {}", resident_page_sql(false)))
        .bind(vec![0u8; 32])
        .bind(0i64)
        .bind(0i64)
        .bind(50i64)
        .bind(0i64)
        .fetch_all(&mut *conn)
        .await
        .unwrap();
    let plan = plan.join("\n");
    assert!(
        plan.contains("Index Only Scan using verwerkt_object_persoon"),
        "the resident's rows come from the index alone: {plan}"
    );
    assert!(!plan.contains("Sort"), "{plan}");
}
