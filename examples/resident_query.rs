//! Benchmark (not run in CI): the first page of one resident's overview on a
//! log of 10,000,000 entries for 50,000 residents. `bench/resident-query.sh`
//! runs it; see docs/benchmarks.md.
//!
//!   resident_query URL fill    — fills an empty, migrated database with synthetic entries
//!   resident_query URL measure — times the first page (50 entries) for 2,000 random residents

use inzage::store::{DatabaseUrl, Db};
use std::time::Instant;

const ENTRIES: i64 = 10_000_000;
const RESIDENTS: i64 = 50_000;
const PAGE: i64 = 50;
const SAMPLES: usize = 2_000;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let (Some(url), Some(what)) = (args.get(1), args.get(2)) else {
        anyhow::bail!("usage: resident_query URL fill|measure");
    };
    let url = DatabaseUrl::parse(url).map_err(anyhow::Error::msg)?;
    // The fill runs on one connection, so its SQLite cache settings hold for all of it.
    let db = Db::connect(&url, if what == "fill" { 1 } else { 4 }).await?;
    db.migrate().await?;
    match what.as_str() {
        "fill" => fill(&db).await,
        "measure" => measure(&db).await,
        _ => anyhow::bail!("fill or measure"),
    }
}

/// Synthetic but index-faithful rows: one person per entry, spread over a
/// year, 2% confidential (4 of each resident's 200), written by the database itself (fast).
async fn fill(db: &Db) -> anyhow::Result<()> {
    let started = Instant::now();
    let year = 365 * 24 * 3600 * 1_000_000_i64;
    let now = chrono::Utc::now().timestamp_micros();
    let version = |series: &str, modulo: &str, hex: &str| {
        format!(
            "INSERT INTO actie_versie (seq, actie_id, wijziging, vervallen, client_id, registratie_utc, tijdstip, \
             tijdstip_utc, vertrouwelijkheid, actie_naam, verwerking_naam, verwerking_id, verwerkingsactiviteit_id) \
             SELECT i, 'bench-' || i, 'create', FALSE, 'bench', {now}, '2026-01-01T00:00:00+01:00', \
             {now} - ({modulo}), CASE WHEN (i / {RESIDENTS}) % 50 = 0 THEN 'vertrouwelijk' ELSE 'normaal' END, \
             'Opvragen gegevens', 'Zaak ' || (i % 997), 'zaak-' || (i % 200000), {hex} FROM {series}"
        )
    };
    match db {
        Db::Sqlite(pool, _) => {
            sqlx::query("PRAGMA synchronous = OFF; PRAGMA cache_size = -1000000")
                .execute(pool)
                .await?;
            let series = format!("(WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {ENTRIES}) SELECT i FROM n)");
            sqlx::query(&version(
                &series,
                &format!("abs(random()) % {year}"),
                "NULL",
            ))
            .execute(pool)
            .await?;
            sqlx::query(&format!(
                "CREATE TABLE bench_person AS WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < {RESIDENTS} - 1) \
                 SELECT i, randomblob(32) AS pseudonym FROM n"
            )).execute(pool).await?;
            sqlx::query(&format!(
                "INSERT INTO verwerkt_object (seq, verwerkt_object_id, pseudonym, objecttype, soort_object_id, object_id_sealed, \
                 betrokkenheid, soorten_gegevens, tijdstip_utc, zichtbaar, verwerkingsactiviteit_id) \
                 SELECT v.seq, 'o-' || v.seq, p.pseudonym, 'persoon', 'BSN', x'00', 'Betrokkene', '[\"Naam\"]', v.tijdstip_utc, \
                 v.vertrouwelijkheid <> 'vertrouwelijk', v.verwerkingsactiviteit_id \
                 FROM actie_versie v JOIN bench_person p ON p.i = v.seq % {RESIDENTS} ORDER BY v.seq"
            )).execute(pool).await?;
            sqlx::query("ANALYZE").execute(pool).await?;
            // A running server's write-ahead log stays small; fold the fill's into the file.
            sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
                .execute(pool)
                .await?;
        }
        Db::Postgres(pool) => {
            let series = format!("generate_series(1, {ENTRIES}) AS i");
            sqlx::query(&version(
                &series,
                &format!("(random() * {year})::bigint"),
                "NULL",
            ))
            .execute(pool)
            .await?;
            sqlx::query(&format!(
                "CREATE TABLE bench_person AS SELECT i, decode(md5(random()::text) || md5(random()::text), 'hex') AS pseudonym \
                 FROM generate_series(0, {RESIDENTS} - 1) AS i"
            )).execute(pool).await?;
            sqlx::query(&format!(
                "INSERT INTO verwerkt_object (seq, verwerkt_object_id, pseudonym, objecttype, soort_object_id, object_id_sealed, \
                 betrokkenheid, soorten_gegevens, tijdstip_utc, zichtbaar, verwerkingsactiviteit_id) \
                 SELECT v.seq, 'o-' || v.seq, p.pseudonym, 'persoon', 'BSN', '\\x00', 'Betrokkene', '[\"Naam\"]', v.tijdstip_utc, \
                 v.vertrouwelijkheid <> 'vertrouwelijk', v.verwerkingsactiviteit_id \
                 FROM actie_versie v JOIN bench_person p ON p.i = v.seq % {RESIDENTS} ORDER BY v.seq"
            )).execute(pool).await?;
            // Sets the visibility map, as autovacuum would on a live server, so reads can be index-only.
            sqlx::query("VACUUM ANALYZE").execute(pool).await?;
        }
    }
    println!(
        "filled {ENTRIES} entries for {RESIDENTS} residents in {:.0?}",
        started.elapsed()
    );
    Ok(())
}

async fn measure(db: &Db) -> anyhow::Result<()> {
    let people: Vec<Vec<u8>> = inzage::on_pool!(db, pool => sqlx::query_scalar(
        "SELECT pseudonym FROM bench_person ORDER BY i"
    ).fetch_all(pool).await?);
    anyhow::ensure!(people.len() as i64 == RESIDENTS, "run fill first");
    // Warm the cache the way a running server has it.
    for p in people.iter().take(200) {
        db.resident_page(p, None, i64::MIN, PAGE).await?;
    }
    let mut rng_state = 0x2026_u64;
    let mut times = Vec::with_capacity(SAMPLES);
    for _ in 0..SAMPLES {
        rng_state = rng_state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let p = &people[(rng_state >> 33) as usize % people.len()];
        let start = Instant::now();
        let page = db.resident_page(p, None, i64::MIN, PAGE).await?;
        times.push(start.elapsed());
        anyhow::ensure!(
            page.len() as i64 == PAGE,
            "every resident has more than a page"
        );
    }
    times.sort();
    let at = |q: f64| times[((times.len() as f64 * q) as usize).min(times.len() - 1)];
    println!(
        "{} first pages of {PAGE}: p50 {:.2?}, p99 {:.2?}, max {:.2?}",
        SAMPLES,
        at(0.50),
        at(0.99),
        times[times.len() - 1]
    );
    Ok(())
}
