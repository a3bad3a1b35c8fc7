#!/usr/bin/env bash
# The full check (README's test command; .ci/run calls it). Any failure stops it with a non-zero exit.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh --test

step() { echo; echo "=== test: $*"; }

# PostgreSQL: the Rust integration tests create a fresh database per run on this server, and fail
# (never skip) when it is unreachable. When none answers: as root, the machine's cluster is started
# (Debian's postgresql package makes one); as another user, a throw-away cluster of its own in
# target/pg on a free port (no system configuration touched), stopped when the tests end.
export PATH="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1):$PATH"
export INZAGE_TEST_POSTGRES_URL=${INZAGE_TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432}
pg_port() { sed -E 's#.*:([0-9]+)/?$#\1#' <<<"$INZAGE_TEST_POSTGRES_URL"; }
if ! pg_isready -q -h 127.0.0.1 -p "$(pg_port)"; then
  if [[ $(id -u) -eq 0 && -d /etc/postgresql ]]; then
    step "starting PostgreSQL"
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -n 1)" main start
  else
    step "starting a throw-away PostgreSQL in target/pg"
    rm -rf target/pg; mkdir -p target/pg
    initdb --pgdata=target/pg/data --username=postgres --auth=trust >target/pg/initdb.log
    port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    pg_ctl --pgdata=target/pg/data --log=target/pg/server.log \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $PWD/target/pg" start >/dev/null
    trap 'pg_ctl --pgdata=target/pg/data stop -m fast >/dev/null' EXIT
    export INZAGE_TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:$port
  fi
  for _ in $(seq 30); do pg_isready -q -h 127.0.0.1 -p "$(pg_port)" && break; sleep 1; done
  pg_isready -h 127.0.0.1 -p "$(pg_port)"
fi

# Test databases of earlier runs (each run makes fresh ones).
psql "$INZAGE_TEST_POSTGRES_URL/postgres" -Atc "SELECT datname FROM pg_database WHERE datname LIKE 'inzage_test_%'" \
  | while read -r db; do dropdb --maintenance-db="$INZAGE_TEST_POSTGRES_URL/postgres" "$db"; done

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

step "TLS proxy: nginx in front of Inzage (deploy/nginx/inzage.conf, deploy/inzage.service)"
PATH="/usr/sbin:$PATH" scripts/proxy-test.sh

step "playwright (end2end/; starts target/debug/inzage on a fresh target/e2e/inzage-e2e.db)"
rm -rf target/e2e
mkdir -p target/e2e
(cd end2end && npx playwright test)

step "all passed"
