//! Benchmark (not run in CI): the verifiable log at scale. `bench/tree.sh`
//! runs it; see docs/benchmarks.md.
//!
//!   tree_bench URL fill N [expired] — fills an empty, migrated database with N synthetic
//!                             versions (expired: from 2020, with a retention of one day)
//!   tree_bench URL grow     — builds the tree over them and signs a checkpoint
//!   tree_bench URL verify   — `inzage verify` over the whole tree
//!   tree_bench URL proofs   — inclusion proofs of one resident's 50 newest entries, 1,000 residents

use inzage::{
    crypto::LogKey,
    store::{tree::Soort, DatabaseUrl, Db},
    tree::{self, Signer},
};
use std::{sync::Arc, time::Instant};

// The allocator of the `inzage` binary, so `verify` here costs what `inzage verify` does.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const RESIDENTS: i64 = 50_000;
const SAMPLES: usize = 1_000;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let (Some(url), Some(what)) = (args.get(1), args.get(2)) else {
        anyhow::bail!("usage: tree_bench URL fill N|grow|verify|proofs");
    };
    let url = DatabaseUrl::parse(url).map_err(anyhow::Error::msg)?;
    let db = Db::connect(&url, 4).await?;
    db.migrate().await?;
    let signer = Signer {
        origin: "bench.inzage.localhost".into(),
        key: Arc::new(LogKey::for_tests()),
    };
    match what.as_str() {
        "fill" => {
            let n = args
                .get(3)
                .and_then(|n| n.parse().ok())
                .unwrap_or(10_000_000);
            fill(&db, n, args.get(4).is_some_and(|a| a == "expired")).await
        }
        "grow" => {
            let started = Instant::now();
            let size = tree::grow(&db).await?;
            let grown = started.elapsed();
            tree::checkpoint(&db, &signer).await?;
            println!(
                "tree of {size} leaves built in {grown:.1?} ({:.0} leaves/s), signed",
                size as f64 / grown.as_secs_f64()
            );
            Ok(())
        }
        "verify" => {
            let started = Instant::now();
            let report = tree::verify::verify(&db, &signer.verifier(), 0).await?;
            println!(
                "verified {} leaves against {} checkpoint(s) in {:.1?}: {} problem(s)",
                report.leaves,
                report.checkpoints,
                started.elapsed(),
                report.problems.len()
            );
            Ok(())
        }
        "proofs" => proofs(&db).await,
        _ => anyhow::bail!("fill, grow, verify or proofs"),
    }
}

/// Synthetic versions with one person each, written by the database itself.
async fn fill(db: &Db, entries: i64, expired: bool) -> anyhow::Result<()> {
    let started = Instant::now();
    let year = 365 * 24 * 3600 * 1_000_000_i64;
    let now = if expired {
        chrono::DateTime::parse_from_rfc3339("2020-06-01T00:00:00Z")?.timestamp_micros()
    } else {
        chrono::Utc::now().timestamp_micros()
    };
    let term = if expired { "'P1D'" } else { "NULL" };
    let version = |series: &str, modulo: &str, salt: &str| {
        format!(
            "INSERT INTO actie_versie (seq, actie_id, wijziging, vervallen, client_id, registratie_utc, tijdstip, \
             tijdstip_utc, vertrouwelijkheid, actie_naam, verwerking_naam, verwerking_id, gebruiker, leaf_salt, bewaartermijn) \
             SELECT i, 'bench-' || i, 'create', FALSE, 'bench', {now}, '2026-01-01T00:00:00+01:00', \
             {now} - ({modulo}), 'normaal', 'Opvragen gegevens', 'Zaak ' || (i % 997), 'zaak-' || (i % 200000), \
             'mdw-' || (i % 50), {salt}, {term} FROM {series}"
        )
    };
    let objects = |blob: &str| {
        format!(
            "INSERT INTO verwerkt_object (seq, verwerkt_object_id, pseudonym, objecttype, soort_object_id, object_id_sealed, \
             betrokkenheid, soorten_gegevens, tijdstip_utc, zichtbaar, verwerkingsactiviteit_id) \
             SELECT v.seq, 'o-' || v.seq, p.pseudonym, 'persoon', 'BSN', {blob}, 'Betrokkene', '[\"Naam\"]', v.tijdstip_utc, \
             TRUE, NULL FROM actie_versie v JOIN bench_person p ON p.i = v.seq % {RESIDENTS} ORDER BY v.seq"
        )
    };
    match db {
        Db::Sqlite(pool, _) => {
            let mut conn = pool.acquire().await?;
            sqlx::query("PRAGMA synchronous = OFF; PRAGMA cache_size = -1000000")
                .execute(&mut *conn)
                .await?;
            let series = format!("(WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {entries}) SELECT i FROM n)");
            sqlx::query(&version(
                &series,
                &format!("abs(random()) % {year}"),
                "randomblob(32)",
            ))
            .execute(&mut *conn)
            .await?;
            sqlx::query(&format!(
                "CREATE TABLE bench_person AS WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < {RESIDENTS} - 1) \
                 SELECT i, randomblob(32) AS pseudonym FROM n"
            ))
            .execute(&mut *conn)
            .await?;
            sqlx::query(&objects("randomblob(44)"))
                .execute(&mut *conn)
                .await?;
            sqlx::query("ANALYZE").execute(&mut *conn).await?;
            sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
                .execute(&mut *conn)
                .await?;
        }
        Db::Postgres(pool) => {
            let series = format!("generate_series(1, {entries}) AS i");
            sqlx::query(&version(
                &series,
                &format!("(random() * {year})::bigint"),
                "uuid_send(gen_random_uuid()) || uuid_send(gen_random_uuid())",
            ))
            .execute(pool)
            .await?;
            sqlx::query(&format!(
                "CREATE TABLE bench_person AS SELECT i, decode(md5(random()::text) || md5(random()::text), 'hex') AS pseudonym \
                 FROM generate_series(0, {RESIDENTS} - 1) AS i"
            ))
            .execute(pool)
            .await?;
            sqlx::query(&objects(
                "uuid_send(gen_random_uuid()) || uuid_send(gen_random_uuid())",
            ))
            .execute(pool)
            .await?;
            sqlx::query(&format!("SELECT setval('actie_versie_seq_seq', {entries})"))
                .execute(pool)
                .await?;
            sqlx::query("VACUUM ANALYZE").execute(pool).await?;
        }
    }
    let filled = started.elapsed();
    let started = Instant::now();
    hash_leaves(db, entries).await?;
    println!(
        "filled {entries} versions for {RESIDENTS} residents in {filled:.0?}, \
         their leaf hashes (as the writer keeps them) in {:.0?}",
        started.elapsed()
    );
    Ok(())
}

/// The writer keeps each version's leaf hash on its row; the rows above are
/// written by SQL, so their hashes are computed and stored here.
async fn hash_leaves(db: &Db, entries: i64) -> anyhow::Result<()> {
    const STEP: i64 = 20_000;
    for first in (1..=entries).step_by(STEP as usize) {
        let seqs: Vec<i64> = (first..(first + STEP).min(entries + 1)).collect();
        let mut hashed: Vec<(i64, Vec<u8>)> = Vec::with_capacity(seqs.len());
        for v in db.versions_by_seq(&seqs).await? {
            hashed.push((v.seq, v.leaf()?.hash().to_vec()));
        }
        match db {
            Db::Sqlite(pool, _) => {
                let mut tx = pool.begin().await?;
                for (seq, hash) in &hashed {
                    sqlx::query("UPDATE actie_versie SET leaf_hash = $1 WHERE seq = $2")
                        .bind(hash)
                        .bind(seq)
                        .execute(&mut *tx)
                        .await?;
                }
                tx.commit().await?;
            }
            Db::Postgres(pool) => {
                let (seqs, hashes): (Vec<i64>, Vec<Vec<u8>>) = hashed.into_iter().unzip();
                sqlx::query(
                    "UPDATE actie_versie SET leaf_hash = u.h \
                     FROM unnest($1::bigint[], $2::bytea[]) AS u(s, h) WHERE seq = u.s",
                )
                .bind(seqs)
                .bind(hashes)
                .execute(pool)
                .await?;
            }
        }
    }
    if let Db::Postgres(pool) = db {
        sqlx::query("VACUUM ANALYZE actie_versie")
            .execute(pool)
            .await?;
    }
    Ok(())
}

/// What an export does per resident: the leaf indices of their 50 newest
/// entries and the inclusion proofs of all 50 at once.
async fn proofs(db: &Db) -> anyhow::Result<()> {
    let people: Vec<Vec<u8>> = inzage::on_pool!(db, pool => sqlx::query_scalar(
        "SELECT pseudonym FROM bench_person ORDER BY i"
    ).fetch_all(pool).await?);
    let size = db.tree_head().await?.size as u64;
    anyhow::ensure!(size > 0, "run grow first");
    let mut rng_state = 0x2026_u64;
    let upper = tree::upper::UpperLevels::default();
    let mut times = Vec::with_capacity(SAMPLES);
    for round in 0..SAMPLES + 100 {
        rng_state = rng_state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let p = &people[(rng_state >> 33) as usize % people.len()];
        let page = db.resident_page(p, None, i64::MIN, 50).await?;
        let mut seqs: Vec<i64> = page.iter().map(|v| v.seq).collect();
        seqs.sort_unstable();
        let start = Instant::now();
        let indices = db.leaf_indices(Soort::Actie, &seqs).await?;
        let leaves: Vec<u64> = indices.values().map(|i| *i as u64).collect();
        let proofs = tree::proof::inclusion(db, &upper, &leaves, size).await?;
        // The first 100 warm the cache, as on a running server.
        if round >= 100 {
            times.push(start.elapsed());
        }
        anyhow::ensure!(proofs.len() == 50, "50 proofs");
    }
    times.sort();
    let at = |q: f64| times[((times.len() as f64 * q) as usize).min(times.len() - 1)];
    println!(
        "{SAMPLES} residents' 50 newest entries proven at {size} leaves: p50 {:.2?}, p99 {:.2?}, max {:.2?}",
        at(0.50),
        at(0.99),
        times[times.len() - 1]
    );
    Ok(())
}
