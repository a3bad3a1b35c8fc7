#!/usr/bin/env bash
# Retention purge alongside ingest (not run in CI). Usage: bench/purge.sh [sqlite|postgres] [versions]
# Fills a fresh database with expired versions (default 1,000,000) and their tree, starts the release
# server on it, and measures single POSTs (wrk, 32 connections) first alone for 20 s, then for 30 s
# while `inzage purge` removes the expired versions (before the server's own daily run starts, 60 s
# after the server, and removes alongside it). Target: p99 at most doubles. Build first with
# `cargo leptos build --release` (or run bench/ingest.sh once). See docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
engine=${1:-sqlite}
versions=${2:-1000000}
work=target/bench-purge; rm -rf "$work"; mkdir -p "$work"
unset RUSTFLAGS
cargo build --quiet --release --example tree_bench --no-default-features --features ssr
bin=target/release/inzage
if [[ $engine == sqlite ]]; then
  export INZAGE_DATABASE_URL="sqlite://$work/inzage.db"
else
  psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS inzage_bench_purge" -qc "CREATE DATABASE inzage_bench_purge"
  export INZAGE_DATABASE_URL="postgres://postgres@127.0.0.1:5432/inzage_bench_purge"
fi
export INZAGE_KEY_DIR="$work/keys" INZAGE_DEMO=0 INZAGE_LOG=warn LEPTOS_SITE_ROOT=target/site \
       LEPTOS_SITE_PKG_DIR=pkg LEPTOS_SITE_ADDR=127.0.0.1:3201
echo "machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) vCPU; $(date -u +%F)"
target/release/examples/tree_bench "$INZAGE_DATABASE_URL" fill "$versions" expired
target/release/examples/tree_bench "$INZAGE_DATABASE_URL" grow
token=$($bin client add --name bench --organisation 00000001821002193000 --scopes create:normal | tail -n 1)
$bin serve & server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 50); do curl -sf http://127.0.0.1:3201/readyz >/dev/null && break; sleep 0.2; done

cat > "$work/one.json" <<JSON
{"actieNaam":"Opvragen gegevens","tijdstip":"2026-12-01T10:00:00+01:00","verwerkteObjecten":[{"objecttype":"persoon","soortObjectId":"BSN","objectId":"999993653"}]}
JSON
cat > "$work/post.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $token"
local f = io.open("$work/one.json"); wrk.body = f:read("*a"); f:close()
LUA
post() { wrk -t2 -c32 -d"$1" --latency -s "$work/post.lua" http://127.0.0.1:3201/api/v1/verwerkingsacties | grep -E "Requests/sec|Non-2xx| 99%"; }
echo "single POSTs alone:"; post 20s
start=$(date +%s.%N)
$bin purge > "$work/purge.txt" & purge=$!
echo "single POSTs during the purge:"; post 30s
wait $purge
echo "purge: $(head -n 1 "$work/purge.txt") in $(echo "$(date +%s.%N) - $start" | bc) s"
