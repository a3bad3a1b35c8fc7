#!/usr/bin/env bash
# Release WebAssembly size (not run in CI). Usage: bench/wasm-size.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh --build >/dev/null
[[ ${BENCH_NO_BUILD:-} == 1 ]] || cargo leptos build --release >/dev/null 2>&1
wasm=target/site/pkg/inzage.wasm
raw=$(wc -c < "$wasm")
gz=$(gzip -9 -c "$wasm" | wc -c)
br=$(python3 -c 'import sys
try:
    import brotli
    print(len(brotli.compress(open(sys.argv[1], "rb").read(), quality=11)))
except ImportError:
    print("n/a")' "$wasm")
echo "release wasm: $raw bytes raw, $gz bytes gzip -9, brotli: $br"
