#!/usr/bin/env bash
# Runs the integration tests matching FILTER… N times in a row, each run
# stopped after 180 s; prints one line per run and fails on the first run
# that fails or hangs. For intermittent failures, e.g.:
#   scripts/repeat-tests.sh 30 portal:: staff::
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:?usage: scripts/repeat-tests.sh N [FILTER...]}
shift
export INZAGE_TEST_POSTGRES_URL=${INZAGE_TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432}
cargo test --quiet --no-default-features --features ssr --test it --no-run
binary=$(cargo test --no-default-features --features ssr --test it --no-run --message-format=json 2>/dev/null \
  | sed -n 's/.*"executable":"\([^"]*\)".*/\1/p' | tail -n 1)
for i in $(seq "$n"); do
  start=$(date +%s)
  if timeout 180 "$binary" --quiet "$@" > target/repeat-tests.log 2>&1; then
    echo "run $i: passed in $(( $(date +%s) - start )) s"
  else
    status=$?
    [[ $status -eq 124 ]] && echo "run $i: HUNG (stopped after 180 s)" || echo "run $i: FAILED ($status)"
    tail -n 30 target/repeat-tests.log
    exit 1
  fi
done
echo "all $n runs passed"
