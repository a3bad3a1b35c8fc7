#!/usr/bin/env bash
# Installs whatever is missing to build (and with --test, to test) Inzage. Safe to run again: silent and
# fast when everything is in place; prints one line per step that does work.
#   scripts/setup.sh [--build|--test]       or, to keep the PATH:   source scripts/setup.sh [--build|--test]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# npm wasm-opt (binaryen 132) must come first: Debian's binaryen 108 breaks hydration (docs/development.md#wasm-opt).
export PATH="$PWD/tools/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

say() { echo "setup: $*"; }

# apt-get install PACKAGE… (root, or through sudo)
apt_install() {
  local sudo=""; [[ $(id -u) -eq 0 ]] || sudo=sudo
  $sudo apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

# npm ci in DIR when node_modules is missing or older than package-lock.json
npm_deps() {
  local dir=$1 stamp=$1/node_modules/.package-lock.json
  if [[ ! -f $stamp || $dir/package-lock.json -nt $stamp ]]; then
    say "npm ci in $dir/"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  fi
}

setup_build() {
  if ! grep -qx wasm32-unknown-unknown <<<"$(rustup target list --installed)"; then
    say "rustup target add wasm32-unknown-unknown"
    rustup target add wasm32-unknown-unknown
  fi
  if [[ "$(cargo leptos --version 2>/dev/null)" != *" 0.3.10" ]]; then
    say "cargo install cargo-leptos 0.3.10 (takes ~15 min)"
    cargo install --quiet --locked --force cargo-leptos --version 0.3.10
  fi
  # wasm-bindgen-cli must equal the wasm-bindgen crate in Cargo.lock. Not --locked: its lock names a
  # webpki-roots version the registry does not have.
  local wbg
  wbg=$(awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/"/, ""); print $3; exit }' Cargo.lock)
  [[ -n $wbg ]] || { echo "setup: no wasm-bindgen in Cargo.lock" >&2; return 1; }
  if [[ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $wbg" ]]; then
    say "cargo install wasm-bindgen-cli $wbg (takes ~2 min)"
    cargo install --quiet --force wasm-bindgen-cli --version "$wbg"
  fi
  npm_deps tools
  scripts/vendor-css.sh
}

setup_test() {
  export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1   # tests use Debian's /usr/bin/chromium
  if [[ ! -x /usr/bin/chromium ]]; then
    say "apt-get install chromium"
    apt_install chromium
  fi
  # The integration tests need a PostgreSQL server; scripts/test.sh starts one when none answers.
  if ! compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null; then
    say "apt-get install postgresql"
    apt_install postgresql
  fi
  # The TLS-proxy test (scripts/proxy-test.sh) runs Debian's nginx in front of Inzage.
  if ! command -v nginx >/dev/null && [[ ! -x /usr/sbin/nginx ]]; then
    say "apt-get install nginx"
    apt_install nginx-light
  fi
  if ! python3 -c 'import ensurepip' 2>/dev/null; then
    say "apt-get install python3-venv"
    apt_install python3-venv
  fi
  npm_deps end2end
  if ! compgen -G ".venv-test/lib/python3*/site-packages/schemathesis-4.32.5.dist-info" >/dev/null; then
    say "python venv .venv-test/ with schemathesis 4.32.5"
    [[ -x .venv-test/bin/pip ]] || python3 -m venv .venv-test
    .venv-test/bin/pip install --quiet schemathesis==4.32.5
  fi
}

case ${1:---build} in
  --build) setup_build ;;
  --test) setup_build; setup_test ;;
  *) echo "usage: scripts/setup.sh [--build|--test]" >&2; exit 2 ;;
esac
