#!/usr/bin/env bash
# Peak memory under hostile bulk requests (not run in CI). Usage: bench/bulk-memory.sh [MB_PER_REQUEST]
# Four bulk requests at once, two from each of two clients (a client may run two), each MB_PER_REQUEST
# (default 300) of lines of almost 1 MiB, against the server's dev build (target/debug/inzage; build
# it first with `cargo leptos build`, or BENCH_BIN=target/release/inzage). Prints the server's
# resident memory before, and its peak (VmHWM) after.
set -euo pipefail
cd "$(dirname "$0")/.."
mb=${1:-300}
bin=${BENCH_BIN:-target/debug/inzage}
work=target/bench-memory; rm -rf "$work"; mkdir -p "$work"
export INZAGE_DATABASE_URL="sqlite://$work/inzage.db" INZAGE_KEY_DIR="$work/keys" INZAGE_DEMO=0 \
       INZAGE_LOG=warn LEPTOS_SITE_ROOT=target/site LEPTOS_SITE_PKG_DIR=pkg LEPTOS_SITE_ADDR=127.0.0.1:3300 \
       INZAGE_BULK_MAX_BYTES=$(( (mb + 10) * 1024 * 1024 ))
python3 - "$work/big.ndjson" "$mb" <<'PY'
import json, sys
path, mb = sys.argv[1], int(sys.argv[2])
name = "x" * (1024 * 1024 - 300)   # a line just under the 1 MiB limit
line = json.dumps({"actieNaam": name, "tijdstip": "2026-05-01T10:00:00+02:00",
                   "verwerkteObjecten": [{"objecttype": "persoon", "soortObjectId": "BSN", "objectId": "999993653"}]})
with open(path, "w") as f:
    for _ in range(mb):
        f.write(line + "\n")
PY
tokens=()
for i in 1 2; do
  tokens+=("$($bin client add --name "bench-$i" --organisation 00000001821002193000 --scopes create:normal | tail -n 1)")
done
$bin serve & server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 100); do curl -sf http://127.0.0.1:3300/readyz >/dev/null && break; sleep 0.2; done
rss() { awk "/^$1:/ {print int(\$2 / 1024)}" "/proc/$server/status"; }
echo "before: $(rss VmRSS) MB resident"
start=$(date +%s.%N)
pids=()
for token in "${tokens[@]}" "${tokens[@]}"; do
  curl -sS -o "$work/answer-$RANDOM.ndjson" -w '%{http_code} ' http://127.0.0.1:3300/api/v1/verwerkingsacties/bulk \
    -H "Authorization: Bearer $token" -H 'Content-Type: application/x-ndjson' \
    --data-binary @"$work/big.ndjson" & pids+=($!)
done
wait "${pids[@]}"
echo
echo "4 requests of $mb MB in $(echo "$(date +%s.%N) - $start" | bc) s; peak: $(rss VmHWM) MB resident"
