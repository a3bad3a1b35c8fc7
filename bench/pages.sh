#!/usr/bin/env bash
# Logged-in overview page benchmark (not run in CI). Usage: bench/pages.sh [SECONDS]
# Release server on the demo municipality (SQLite), one demo resident logged in, wrk on /mijn:
# every request renders the whole page on the server and logs the view on the resident.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-20}
work=target/bench-pages; rm -rf "$work"; mkdir -p "$work"
source scripts/setup.sh --build >/dev/null
[[ ${BENCH_NO_BUILD:-} == 1 ]] || cargo leptos build --release >/dev/null 2>&1
export INZAGE_DATABASE_URL="sqlite://$work/inzage.db" INZAGE_KEY_DIR="$work/keys" INZAGE_DEMO=1 INZAGE_LOG=warn \
       LEPTOS_SITE_ROOT=target/site LEPTOS_SITE_PKG_DIR=pkg LEPTOS_SITE_ADDR=127.0.0.1:3300
target/release/inzage serve & server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 300); do curl -sf http://127.0.0.1:3300/readyz >/dev/null && break; sleep 0.2; done
cookie=$(curl -s -o /dev/null -D - -d bsn=999900857 http://127.0.0.1:3300/auth/demo-login \
  | awk -F'[ ;]' 'tolower($1) == "set-cookie:" {print $2}')
size=$(curl -s -H "Cookie: $cookie" http://127.0.0.1:3300/mijn | wc -c)
echo "page size: $size bytes (Hanna Kaya, the busiest demo resident)"
wrk -t2 -c16 -d"${seconds}s" --latency -H "Cookie: $cookie" http://127.0.0.1:3300/mijn
