#!/usr/bin/env bash
# Resident overview query benchmark (not run in CI). Usage: bench/resident-query.sh [sqlite|postgres]
# Fills a fresh database with 10,000,000 entries for 50,000 residents (SQL-generated, same tables and
# indexes as production), then times the first page (50 entries) for 2,000 random residents.
set -euo pipefail
cd "$(dirname "$0")/.."
engine=${1:-sqlite}
work=target/bench-query; mkdir -p "$work"
unset RUSTFLAGS
cargo build --quiet --release --example resident_query --no-default-features --features ssr
bin=target/release/examples/resident_query
if [[ $engine == sqlite ]]; then
  url="sqlite://$work/query.db"
  [[ -f $work/query.db ]] || $bin "$url" fill
else
  url="postgres://postgres@127.0.0.1:5432/inzage_bench_query"
  if ! psql -h 127.0.0.1 -U postgres -Atc "SELECT 1 FROM pg_database WHERE datname = 'inzage_bench_query'" | grep -q 1; then
    psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE inzage_bench_query"
    $bin "$url" fill
  fi
fi
$bin "$url" measure
