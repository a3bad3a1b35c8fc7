#!/usr/bin/env bash
# Screenshots of the resident's overview and a case, the clerk's resident page and the privacy
# officer's queue, at 390 and 1280 px, into docs/screens/: the demo on a fresh database in
# target/screens on port 3300 (beside scripts/run.sh), then end2end/screens.mjs.
#   scripts/screens.sh        (builds first; BENCH_NO_BUILD=1 uses the current build)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh --test
[[ ${BENCH_NO_BUILD:-} == 1 ]] || cargo leptos build

rm -rf target/screens && mkdir -p target/screens
export LEPTOS_SITE_ROOT=target/site LEPTOS_SITE_PKG_DIR=pkg LEPTOS_SITE_ADDR=127.0.0.1:3300
export INZAGE_DATABASE_URL=sqlite://target/screens/inzage.db INZAGE_KEY_DIR=target/screens/keys INZAGE_DEMO=1
target/debug/inzage serve > target/screens/server.log 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 120); do curl -fs http://127.0.0.1:3300/readyz >/dev/null && break; sleep 1; done
curl -fs http://127.0.0.1:3300/readyz >/dev/null || { cat target/screens/server.log; exit 1; }

(cd end2end && node screens.mjs http://127.0.0.1:3300 ../docs/screens)
