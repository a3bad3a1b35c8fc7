#!/usr/bin/env bash
# Release WebAssembly size (not run in CI). Usage: bench/wasm-size.sh
# Builds the release site with precompressed assets, as it is deployed, then asks a release server
# for the WebAssembly with each encoding and counts the bytes that cross the wire.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh --build >/dev/null
[[ ${BENCH_NO_BUILD:-} == 1 ]] || cargo leptos build --release --precompress >/dev/null 2>&1
work=target/bench-wasm; rm -rf "$work"; mkdir -p "$work"
export INZAGE_DATABASE_URL="sqlite://$work/inzage.db" INZAGE_KEY_DIR="$work/keys" INZAGE_LOG=warn \
       LEPTOS_SITE_ROOT=target/site LEPTOS_SITE_PKG_DIR=pkg LEPTOS_SITE_ADDR=127.0.0.1:3302
target/release/inzage serve & server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 300); do curl -sf http://127.0.0.1:3302/readyz >/dev/null && break; sleep 0.2; done
for encoding in identity gzip br; do
  bytes=$(curl -s -H "Accept-Encoding: $encoding" -o /dev/null -w '%{size_download}' \
    http://127.0.0.1:3302/pkg/inzage.wasm)
  echo "release wasm, Accept-Encoding: $encoding: $bytes bytes"
done
