#!/usr/bin/env bash
# 32 clients at once (16 bulk, 16 single POST) for 60 s against one bulk client alone (not run in CI).
# Usage: bench/mixed.sh [sqlite|postgres] [SECONDS]. Checks: no errors, every acknowledged record
# stored exactly once (the database holds exactly the acknowledged actieIds), and the mixed rate.
set -euo pipefail
cd "$(dirname "$0")/.."
engine=${1:-sqlite}; seconds=${2:-60}
work=target/bench-mixed; rm -rf "$work"; mkdir -p "$work"
source scripts/setup.sh --build >/dev/null
[[ ${BENCH_NO_BUILD:-} == 1 ]] || cargo leptos build --release >/dev/null 2>&1
bin=target/release/inzage
python3 bench/gen_records.py 1500000 "$work/records.ndjson" /dev/null

run() {  # name bulk single
  local db_name="inzage_bench_mixed_${1//-/_}"
  if [[ $engine == sqlite ]]; then
    export INZAGE_DATABASE_URL="sqlite://$work/$1.db"
  else
    psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $db_name" -c "CREATE DATABASE $db_name"
    export INZAGE_DATABASE_URL="postgres://postgres@127.0.0.1:5432/$db_name"
  fi
  export INZAGE_KEY_DIR="$work/keys" INZAGE_DEMO=0 INZAGE_LOG=warn LEPTOS_SITE_ROOT=target/site \
         LEPTOS_SITE_PKG_DIR=pkg LEPTOS_SITE_ADDR=127.0.0.1:3500
  local token; token=$($bin client add --name "bench-$1" --organisation 00000001821002193000 --scopes create:normal | tail -n 1)
  $bin serve & local server=$!
  for _ in $(seq 100); do curl -sf http://127.0.0.1:3500/readyz >/dev/null && break; sleep 0.2; done
  python3 bench/mixed.py http://127.0.0.1:3500 "$token" "$work/records.ndjson" "$seconds" "$2" "$3" "$work/$1.ids"
  kill $server; wait $server || true
  local stored
  if [[ $engine == sqlite ]]; then
    stored=$(sqlite3 "$work/$1.db" "SELECT COUNT(DISTINCT actie_id) || ' ' || COUNT(*) FROM actie_versie")
  else
    stored=$(psql -h 127.0.0.1 -U postgres -d "$db_name" -Atc "SELECT COUNT(DISTINCT actie_id) || ' ' || COUNT(*) FROM actie_versie")
  fi
  echo "$1: stored actions (distinct, rows): $stored; acknowledged: $(grep -c . "$work/$1.ids")"
}
run single-bulk 1 0
run mixed 16 16
