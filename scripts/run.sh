#!/usr/bin/env bash
# Builds and runs the Inzage demo on http://127.0.0.1:3000: the embedded SQLite database in data/,
# seeded with the fictional "Gemeente Voorbeeld", with demo logins (INZAGE_DEMO=1; never set that
# beside real data: start-up refuses a log with records from API clients).
# Extra arguments go to `inzage serve`, e.g. scripts/run.sh --help
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh --build

cargo leptos build

# cargo-leptos bakes LEPTOS_OUTPUT_NAME in at compile time; the rest is read at run time.
export LEPTOS_SITE_ROOT=${LEPTOS_SITE_ROOT:-target/site}
export LEPTOS_SITE_PKG_DIR=${LEPTOS_SITE_PKG_DIR:-pkg}
export LEPTOS_SITE_ADDR=${LEPTOS_SITE_ADDR:-127.0.0.1:3000}
export INZAGE_DATABASE_URL=${INZAGE_DATABASE_URL:-sqlite://data/inzage.db}
export INZAGE_DEMO=${INZAGE_DEMO:-1}
mkdir -p data

echo "run: http://$LEPTOS_SITE_ADDR/"
exec target/debug/inzage serve "$@"
