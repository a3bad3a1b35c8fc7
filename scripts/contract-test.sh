#!/usr/bin/env bash
# Contract test: runs schemathesis with the official VNG OpenAPI documents (and Inzage's own
# document) against a running Inzage on a fresh database. Needs the dev build (cargo leptos build)
# and .venv-test (scripts/setup.sh --test).
set -euo pipefail
cd "$(dirname "$0")/.."

work=target/contract
rm -rf "$work"; mkdir -p "$work"
export INZAGE_DATABASE_URL="sqlite://$work/inzage.db" INZAGE_KEY_DIR="$work/keys" \
       LEPTOS_SITE_ROOT=target/site LEPTOS_SITE_PKG_DIR=pkg LEPTOS_SITE_ADDR=127.0.0.1:3100 \
       INZAGE_LOG_FORMAT=json INZAGE_LOG=warn INZAGE_DEMO=0
base=http://127.0.0.1:3100/api/v1

token=$(target/debug/inzage client add --name contract --organisation 00000001821002193000 \
  --scopes "create:confidential read:confidential update:confidential delete:confidential" | tail -n 1)
target/debug/inzage serve > "$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 50); do curl -sf http://127.0.0.1:3100/readyz >/dev/null && break; sleep 0.2; done

# Seed the log so reads find something (the VNG example, through the API).
curl -sf -o /dev/null -X POST "$base/verwerkingsacties" -H "Authorization: Bearer $token" \
  -H 'Content-Type: application/json' --data @tests/fixtures/vng-verwerkingsactie-post-volledig.json

checks=not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance,response_headers_conformance
run() {
  echo "--- schemathesis: $1"
  SCHEMATHESIS_HOOKS=end2end/contract/vng_hooks.py .venv-test/bin/st run "$1" --url "$base" \
    -H "Authorization: Bearer $token" --checks "$checks" --phases examples,fuzzing \
    --max-examples 25 --seed 1 --no-color
}
run end2end/contract/bewerking-api.yaml
run end2end/contract/inzage-api.yaml
run "$base/openapi.json"
