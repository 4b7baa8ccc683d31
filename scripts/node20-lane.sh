#!/usr/bin/env bash
# The unit tests again on this machine's own Node 20 (the suite runs on Node 24, as runners do): the
# CLI's users may still run it on Node 20 (package.json engines).
# Usage: scripts/node20-lane.sh [jest args...]
set -uo pipefail
cd "$(dirname "$0")/.."
files=("$@")
[ ${#files[@]} -gt 0 ] || files=(--selectProjects unit)
NODE_OPTIONS=--experimental-vm-modules /usr/bin/node node_modules/.bin/jest --ci "${files[@]}"
