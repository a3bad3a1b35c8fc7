#!/usr/bin/env bash
# Logged-in overview page benchmark (not run in CI). Usage: bench/pages.sh [SECONDS [CONNECTIONS]]
# With many connections it is the saturation run: wrk's timeout count must stay 0.
# Release server on the demo municipality (SQLite), 100 demo residents logged in, wrk on /mijn with
# the next resident's session on every request: each request renders the page on the server and
# logs the view on that resident (so views spread as they would, instead of piling onto one person).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-20}
connections=${2:-16}
origin=http://127.0.0.1:3300
work=target/bench-pages; rm -rf "$work"; mkdir -p "$work"
source scripts/setup.sh --build >/dev/null
[[ ${BENCH_NO_BUILD:-} == 1 ]] || cargo leptos build --release >/dev/null 2>&1
export INZAGE_DATABASE_URL="sqlite://$work/inzage.db" INZAGE_KEY_DIR="$work/keys" INZAGE_DEMO=1 INZAGE_LOG=warn \
       LEPTOS_SITE_ROOT=target/site LEPTOS_SITE_PKG_DIR=pkg LEPTOS_SITE_ADDR=127.0.0.1:3300
target/release/inzage serve & server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 300); do curl -sf http://127.0.0.1:3300/readyz >/dev/null && break; sleep 0.2; done
curl -s http://127.0.0.1:3300/auth/demo-login | grep -o 'BSN [0-9]\{9\}' | awk '{print $2}' | head -n 100 > "$work/bsns"
while read -r bsn; do
  curl -s -o /dev/null -D - -H "Origin: $origin" -d "bsn=$bsn" http://127.0.0.1:3300/auth/demo-login \
    | awk -F'[ ;]' 'tolower($1) == "set-cookie:" {print $2}'
done < "$work/bsns" > "$work/cookies"
size=$(curl -s -H "Cookie: $(head -n 1 "$work/cookies")" http://127.0.0.1:3300/mijn | wc -c)
echo "$(wc -l < "$work/cookies") residents logged in; first page size: $size bytes"
cat > "$work/rotate.lua" <<LUA
local cookies, i = {}, 0
for line in io.lines("$work/cookies") do cookies[#cookies + 1] = line end
request = function()
  i = i % #cookies + 1
  return wrk.format("GET", "/mijn", { ["Cookie"] = cookies[i] })
end
LUA
wrk -t2 -c"$connections" -d"${seconds}s" --latency -s "$work/rotate.lua" http://127.0.0.1:3300/mijn
