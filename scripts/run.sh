#!/usr/bin/env bash
# Builds and runs Inzage on http://127.0.0.1:3000 with an embedded SQLite database in data/.
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
mkdir -p data

echo "run: http://$LEPTOS_SITE_ADDR/"
exec target/debug/inzage serve "$@"
