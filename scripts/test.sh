#!/usr/bin/env bash
# The full check (README's test command; .ci/run calls it). Any failure stops it with a non-zero exit.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh --test

step() { echo; echo "=== test: $*"; }

# PostgreSQL: the Rust integration tests create a fresh database per run on this server, and fail
# (never skip) when it is unreachable.
export INZAGE_TEST_POSTGRES_URL=${INZAGE_TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432}
if ! pg_isready -q -h 127.0.0.1 -p 5432; then
  step "starting PostgreSQL"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -n 1)" main start
  for _ in $(seq 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
  pg_isready -h 127.0.0.1 -p 5432
fi

# Test databases of earlier runs (each run makes fresh ones).
psql -h 127.0.0.1 -U postgres -Atc "SELECT datname FROM pg_database WHERE datname LIKE 'inzage_test_%'" \
  | while read -r db; do dropdb -h 127.0.0.1 -U postgres "$db"; done

step "cargo fmt --check"
cargo fmt --check

step "cargo clippy, warnings as errors (server build with tests, browser build)"
cargo clippy --quiet --all-targets --no-default-features --features ssr -- -D warnings
cargo clippy --quiet --lib --no-default-features --features hydrate --target wasm32-unknown-unknown -- -D warnings

step "cargo leptos test (SQLite + PostgreSQL)"
cargo leptos test

step "cargo leptos build"
cargo leptos build

step "API contract: schemathesis with the official VNG OpenAPI documents"
scripts/contract-test.sh

step "playwright (end2end/; starts target/debug/inzage on a fresh target/e2e/inzage-e2e.db)"
rm -rf target/e2e
mkdir -p target/e2e
(cd end2end && npx playwright test)

step "all passed"
