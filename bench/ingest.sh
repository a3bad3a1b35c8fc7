#!/usr/bin/env bash
# Ingest benchmark (not run in CI). Usage: bench/ingest.sh [RECORDS] [sqlite|postgres]
# Builds the release server (skip with BENCH_NO_BUILD=1), generates realistic records, and measures in one run:
#   1. bulk ingest over HTTP (NDJSON, 10,000 lines per request) until the verifiable log holds every
#      record, the server's peak memory, and the CPU time of the server (and of PostgreSQL's backends);
#   2. the baseline: sqlite3 `.import` (or PostgreSQL COPY) of the same rows into an equally indexed table;
#   3. single POSTs acknowledged after commit (wrk, 32 connections, 20 s).
set -euo pipefail
cd "$(dirname "$0")/.."
records=${1:-1000000}
engine=${2:-sqlite}
work=target/bench; rm -rf "$work"; mkdir -p "$work/chunks"
source scripts/setup.sh --build >/dev/null
[[ ${BENCH_NO_BUILD:-} == 1 ]] || cargo leptos build --release >/dev/null 2>&1
bin=target/release/inzage

echo "generating $records records"; python3 bench/gen_records.py "$records" "$work/records.ndjson" "$work/flat.csv"
split -l 10000 -d -a 4 "$work/records.ndjson" "$work/chunks/part-"
rows=$(wc -l < "$work/flat.csv")

if [[ $engine == sqlite ]]; then
  export INZAGE_DATABASE_URL="sqlite://$work/inzage.db"
else
  psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS inzage_bench" -c "CREATE DATABASE inzage_bench"
  export INZAGE_DATABASE_URL="postgres://postgres@127.0.0.1:5432/inzage_bench"
fi
export INZAGE_KEY_DIR="$work/keys" INZAGE_DEMO=0 INZAGE_LOG=warn LEPTOS_SITE_ROOT=target/site \
       LEPTOS_SITE_PKG_DIR=pkg LEPTOS_SITE_ADDR=127.0.0.1:3200
token=$($bin client add --name bench --organisation 00000001821002193000 --scopes create:normal | tail -n 1)
$bin serve & server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 50); do curl -sf http://127.0.0.1:3200/readyz >/dev/null && break; sleep 0.2; done

# CPU seconds (user + system) of the server, and of PostgreSQL's backends for this database.
ticks=$(getconf CLK_TCK)
cpu_of() { local t=0 p; for p in "$@"; do t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null || echo 0))); done; echo "$t"; }
backends() { [[ $engine == sqlite ]] || pgrep -f 'postgres: .* inzage_bench ' || true; }
server_cpu=$(cpu_of $server); db_cpu=$(cpu_of $(backends))
start=$(date +%s.%N)
for f in "$work"/chunks/part-*; do
  curl -sf -X POST http://127.0.0.1:3200/api/v1/verwerkingsacties/bulk -H "Authorization: Bearer $token" \
    -H 'Content-Type: application/x-ndjson' --data-binary @"$f" | grep -vc '"status":201' >> "$work/rejected" || true
done
# Acknowledged is not yet in the verifiable log: count until the tree holds every version too (a
# build from before the tree has no boom_blad and skips this).
sql() { if [[ $engine == sqlite ]]; then sqlite3 "$work/inzage.db" "$1"; else psql -h 127.0.0.1 -U postgres -d inzage_bench -Atc "$1"; fi; }
if [[ $(sql "SELECT COUNT(*) FROM information_schema.tables WHERE table_name = 'boom_blad'" 2>/dev/null || sql "SELECT COUNT(*) FROM sqlite_master WHERE name = 'boom_blad'") == 1 ]]; then
  until [[ $(sql "SELECT (SELECT COUNT(*) FROM boom_blad WHERE soort = 'actie') >= (SELECT COUNT(*) FROM actie_versie)") =~ ^(1|t)$ ]]; do sleep 0.1; done
fi
bulk=$(echo "$(date +%s.%N) - $start" | bc)
peak=$(awk '/VmHWM/ {print $2}' /proc/$server/status)
server_cpu=$(( ($(cpu_of $server) - server_cpu) / ticks )); db_cpu=$(( ($(cpu_of $(backends)) - db_cpu) / ticks ))
echo "bulk: $records records in ${bulk}s = $(echo "$records / $bulk" | bc) records/s; rejected lines: $(paste -sd+ "$work/rejected" | bc); server peak RSS $((peak / 1024)) MB"
echo "bulk CPU: server ${server_cpu} s$([[ $engine == sqlite ]] || echo ", PostgreSQL's backends ${db_cpu} s")"

# Baseline: the same rows into an equally indexed table.
schema="CREATE TABLE flat (nr INTEGER, actie_naam TEXT, handeling_naam TEXT, verwerking_naam TEXT, verwerking_id TEXT,
  activiteit_id TEXT, vertrouwelijkheid TEXT, bewaartermijn TEXT, systeem TEXT, gebruiker TEXT, gegevensbron TEXT,
  tijdstip TEXT, object_id TEXT, betrokkenheid TEXT, soorten TEXT);
  CREATE INDEX flat_person ON flat (object_id, tijdstip); CREATE INDEX flat_actie ON flat (nr);
  CREATE INDEX flat_verwerking ON flat (verwerking_id);"
start=$(date +%s.%N)
if [[ $engine == sqlite ]]; then
  sqlite3 "$work/baseline.db" "PRAGMA journal_mode=WAL;" "$schema" ".mode csv" ".import $work/flat.csv flat" >/dev/null
else
  psql -h 127.0.0.1 -U postgres -d inzage_bench -qc "$schema" -c "\\copy flat FROM '$work/flat.csv' WITH (FORMAT csv)"
fi
base=$(echo "$(date +%s.%N) - $start" | bc)
echo "baseline ($engine): $rows rows ($records records) in ${base}s = $(echo "$records / $base" | bc) records/s"
echo "ratio inzage/baseline: $(echo "scale=2; $base / $bulk" | bc)"

# Single POSTs, each acknowledged after its commit.
head -n 1 "$work/records.ndjson" > "$work/one.json"
cat > "$work/post.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $token"
local f = io.open("$work/one.json"); wrk.body = f:read("*a"); f:close()
LUA
wrk -t2 -c32 -d20s -s "$work/post.lua" http://127.0.0.1:3200/api/v1/verwerkingsacties | grep -E "Requests/sec|Non-2xx|Latency"
