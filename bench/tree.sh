#!/usr/bin/env bash
# The verifiable log at scale (not run in CI). Usage: bench/tree.sh [sqlite|postgres] [versions]
# Fills a fresh database with synthetic versions (default 10,000,000; one person each, 50,000
# residents), builds the tree over them, then times `verify` over all of it and the inclusion
# proofs of one resident's 50 newest entries for 1,000 residents. See docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
engine=${1:-sqlite}
versions=${2:-10000000}
work=target/bench-tree; mkdir -p "$work"
unset RUSTFLAGS
cargo build --quiet --release --example tree_bench --no-default-features --features ssr
bin=target/release/examples/tree_bench
if [[ $engine == sqlite ]]; then
  rm -f "$work"/tree.db*
  url="sqlite://$work/tree.db"
else
  psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS inzage_bench_tree" -qc "CREATE DATABASE inzage_bench_tree"
  url="postgres://postgres@127.0.0.1:5432/inzage_bench_tree"
fi
echo "machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) vCPU; $(date -u +%F)"
$bin "$url" fill "$versions"
$bin "$url" grow
$bin "$url" verify
$bin "$url" proofs
