//! A fuzzer on the stable toolchain (not run in CI): feeds random and mutated
//! inputs to the parsers that take text from outside — the action parser,
//! the bulk line reader, durations, timestamps, BSNs and OINs — for as long
//! as asked, and stops at the first panic with the input that caused it.
//!
//!   cargo run --release --features ssr --example fuzz -- 600    # ten minutes
//!
//! Inputs are mutations of valid examples (tests/fixtures) and of earlier
//! inputs: bytes flipped, inserted, deleted, cut and repeated. Each run
//! prints its seed; `INZAGE_FUZZ_SEED=n` repeats a run.

use inzage::domain::{Bsn, IsoDuration, NewActie, Oin, PatchBody, Tijdstip};
use rand::{rngs::StdRng, Rng, SeedableRng};
use std::time::{Duration, Instant};

const SEEDS: &[&str] = &[
    include_str!("../tests/fixtures/vng-verwerkingsactie-post-volledig.json"),
    r#"{"tijdstip":"2026-05-01T10:00:00+02:00","verwerkteObjecten":[{"objecttype":"persoon","soortObjectId":"BSN","objectId":"999993653"}]}"#,
    r#"{"bewaartermijn":"P1Y2M10DT2H30M","vertrouwelijkheid":"opgeheven"}"#,
    "P1Y2M3W4DT5H6M7.5S",
    "2026-12-05T23:59:60.123456789+14:00",
    "999993653",
    "00000001821002193000",
];

fn mutate(rng: &mut StdRng, input: &[u8]) -> Vec<u8> {
    let mut out = input.to_vec();
    for _ in 0..rng.gen_range(1..8) {
        let at = if out.is_empty() {
            0
        } else {
            rng.gen_range(0..out.len())
        };
        match rng.gen_range(0..6) {
            0 if !out.is_empty() => out[at] = rng.gen(),
            1 => out.insert(at, rng.gen()),
            2 if !out.is_empty() => {
                out.remove(at);
            }
            3 => out.truncate(at),
            4 => {
                let end = (at + rng.gen_range(0..64)).min(out.len());
                let piece = out[at..end].to_vec();
                for _ in 0..rng.gen_range(1..100) {
                    out.splice(at..at, piece.iter().copied());
                }
            }
            _ => {
                let interesting: &[&[u8]] = &[
                    b"\n", b"\r\n", b"\"", b"{", b"}", b"[", b"]", b"-", b"9", b"\xff", b"\xc3",
                    b"\0", b"1e400", b"null",
                ];
                let piece = interesting[rng.gen_range(0..interesting.len())];
                out.splice(at..at, piece.iter().copied());
            }
        }
    }
    out
}

fn exercise(input: &[u8]) {
    let text = String::from_utf8_lossy(input);
    let _ = text.parse::<Bsn>();
    let _ = text.parse::<Oin>();
    let _ = text.parse::<IsoDuration>();
    let _ = text.parse::<Tijdstip>();
    let _ = inzage::domain::may_hold_bsn(&text);
    if let Ok(value) = serde_json::from_slice::<serde_json::Value>(input) {
        let _ = NewActie::from_json(&value);
        let _ = PatchBody::from_json(&value);
    }
}

fn main() {
    let seconds: u64 = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(60);
    let seed: u64 = std::env::var("INZAGE_FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(rand::random);
    println!("fuzz: {seconds} s, seed {seed}");
    let mut rng = StdRng::seed_from_u64(seed);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("runtime");
    let mut pool: Vec<Vec<u8>> = SEEDS.iter().map(|s| s.as_bytes().to_vec()).collect();
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let mut runs: u64 = 0;
    while Instant::now() < deadline {
        let parent = &pool[rng.gen_range(0..pool.len())];
        let input = mutate(&mut rng, parent);
        // The bulk reader gets the input as a body in random chunks.
        let cuts: Vec<usize> = (0..rng.gen_range(0..8))
            .map(|_| rng.gen_range(0..=input.len()))
            .collect();
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            exercise(&input);
            runtime.block_on(inzage::api::bulk::split_for_fuzzing(&input, cuts));
        }));
        if outcome.is_err() {
            let name = format!("target/fuzz-crash-{seed}-{runs}.bin");
            let _ = std::fs::write(&name, &input);
            eprintln!("fuzz: panic after {runs} inputs; input saved as {name}");
            std::process::exit(1);
        }
        runs += 1;
        if input.len() < 64 * 1024 && rng.gen_ratio(1, 16) {
            if pool.len() >= 4096 {
                let gone = rng.gen_range(SEEDS.len()..pool.len());
                pool.swap_remove(gone);
            }
            pool.push(input);
        }
    }
    println!("fuzz: {runs} inputs in {seconds} s, no panic");
}
