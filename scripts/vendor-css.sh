#!/usr/bin/env bash
# Copies the NL Design System CSS from tools/node_modules into public/nlds/ (gitignored, built locally,
# never loaded from a CDN). Idempotent: only copies files whose content changed.
set -euo pipefail
cd "$(dirname "$0")/.."

nm=tools/node_modules
tokens=$nm/@nl-design-system-unstable/voorbeeld-design-tokens
components=$nm/@utrecht/component-library-css
# A real municipality's published theme, for the browser tests' second municipality (end2end/teststad.toml).
denhaag=$nm/@gemeente-denhaag/design-tokens-components
out=public/nlds

for f in "$tokens/dist/theme.css" "$components/dist/index.css" "$denhaag/dist/theme/index.css"; do
  [[ -f $f ]] || { echo "vendor-css: $f missing; run 'npm ci' in tools/" >&2; exit 1; }
done
mkdir -p "$out"

written=()
put() { # put SRC DEST: copy only when different
  cmp -s "$1" "$2" || { install -m 0644 "$1" "$2"; written+=("${2##*/}"); }
}
put "$tokens/dist/theme.css" "$out/theme.css"
put "$components/dist/index.css" "$out/components.css"
put "$tokens/LICENSE.md" "$out/LICENSE-voorbeeld-design-tokens.md"
put "$components/LICENSE.md" "$out/LICENSE-utrecht-component-library-css.md"
put "$denhaag/dist/theme/index.css" "$out/denhaag-theme.css"
put "$denhaag/LICENSE.md" "$out/LICENSE-gemeente-denhaag-design-tokens-components.md"

ver() { node -p "require('./$1/package.json').version"; }
notice=$(mktemp)
trap 'rm -f "$notice"' EXIT
cat >"$notice" <<NOTICE
Third-party CSS in this folder (copied from npm at build time by scripts/vendor-css.sh)

theme.css       @nl-design-system-unstable/voorbeeld-design-tokens@$(ver "$tokens") (dist/theme.css)
                Licensed under the EUPL-1.2, see LICENSE-voorbeeld-design-tokens.md
components.css  @utrecht/component-library-css@$(ver "$components") (dist/index.css)
                Copyright (c) Gemeente Utrecht, Frameless B.V. and contributors
                Licensed under the EUPL-1.2, see LICENSE-utrecht-component-library-css.md
denhaag-theme.css  @gemeente-denhaag/design-tokens-components@$(ver "$denhaag") (dist/theme/index.css)
                Copyright (c) Gemeente Den Haag; licensed under the EUPL-1.2, see
                LICENSE-gemeente-denhaag-design-tokens-components.md

The files are copied unmodified, with their licence headers.
NOTICE
put "$notice" "$out/NOTICE"
if ((${#written[@]})); then echo "vendor-css: updated $out/ (${written[*]})"; fi
