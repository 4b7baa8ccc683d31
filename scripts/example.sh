#!/usr/bin/env bash
# Runs the action's main job locally, as a runner would, on the example (fixture) flake: builds both
# architectures, loads and smoke-tests them in Docker, pushes a two-platform manifest to the local
# registry through the flake's manifest app, and reads it back. Works on a fresh machine, as root.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-stack.sh
[ -d node_modules ] || npm ci --no-audit --no-fund
[ -f dist/index.js ] || npm run build
bash scripts/stack.sh start
eval "$(bash scripts/stack.sh env)"

# Flakes see only files tracked by git: the example runs in a git copy of the fixture flake, with
# the real flocken beside it.
work=$STACK_DIR/example
rm -rf "$work"
mkdir -p "$work/runner" "$work/github-api/repos/example"
bash scripts/fixture-repo.sh "$work/flake"
# STAND-IN for GitHub's API (not reachable here), which flocken's GitHub mode reads while it evaluates.
echo '{"name":"greet","default_branch":"main","html_url":"https://github.com/example/greet"}' >"$work/github-api/repos/example/greet"
: >"$work/runner/output"
: >"$work/runner/summary"
: >"$work/runner/state"

# The environment a runner gives a step on a push of tag v1.0.0.
(
  cd "$work/flake"
  env GITHUB_ACTIONS=true GITHUB_WORKSPACE="$work/flake" RUNNER_TEMP="$work/runner" RUNNER_TOOL_CACHE="$work/runner/tools" \
    GITHUB_OUTPUT="$work/runner/output" GITHUB_STEP_SUMMARY="$work/runner/summary" GITHUB_STATE="$work/runner/state" \
    GITHUB_EVENT_NAME=push GITHUB_REF=refs/tags/v1.0.0 GITHUB_SHA="$(git rev-parse HEAD)" \
    GITHUB_REPOSITORY=example/greet GITHUB_REPOSITORY_OWNER=example GITHUB_ACTOR="$NCA_REGISTRY_USER" NCA_GITHUB_API="file://$work/github-api" \
    INPUT_CONTAINER=greetContainer INPUT_TOOL=greet INPUT_REGISTRY="$NCA_REGISTRY" \
    INPUT_USERNAME="$NCA_REGISTRY_USER" INPUT_PASSWORD="$NCA_REGISTRY_PASSWORD" \
    node "$OLDPWD/dist/index.js"
) | grep -v '^::add-mask::'

echo
echo "== outputs"
cat "$work/runner/output"
echo
echo "== the registry's copy of example/greet:1.0.0"
skopeo inspect --raw --tls-verify=false --authfile /dev/stdin "docker://$NCA_REGISTRY/example/greet:1.0.0" <<JSON
{"auths":{"$NCA_REGISTRY":{"auth":"$(printf '%s:%s' "$NCA_REGISTRY_USER" "$NCA_REGISTRY_PASSWORD" | base64 -w0)"}}}
JSON
echo
echo "== docker images"
docker image ls greet
grep -q '^digest<<' "$work/runner/output"
