#!/usr/bin/env bash
# dist/ is what users run: it must be exactly what `npm run build` makes from src/ now.
set -euo pipefail
cd "$(dirname "$0")/.."
fresh=$(mktemp -d)
trap 'rm -rf "$fresh"' EXIT
cp -r dist "$fresh/committed"
npm run --silent build >/dev/null
if ! diff -r "$fresh/committed" dist >/dev/null; then
  diff -rq "$fresh/committed" dist | head -20 || true
  cp -r "$fresh/committed/." dist/
  echo "dist/ is stale: run 'npm run build' and commit dist/"
  exit 1
fi
