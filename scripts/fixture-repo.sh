#!/usr/bin/env bash
# Lays out the example (fixture) flake in DEST as a git repository, the way a user's checkout looks:
# the files of __tests__/fixture, plus the real flocken, nixpkgs' lib and dockerTools' stream_layered_image.py in vendor/ from
# ../shared/vendor (or $NCA_VENDOR_DIR), all committed (flakes see only files tracked by git).
#
#   scripts/fixture-repo.sh DEST
set -euo pipefail
REPO_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
dest=${1:?usage: fixture-repo.sh DEST}
vendor=${NCA_VENDOR_DIR:-$REPO_DIR/../shared/vendor}

shopt -s nullglob
flocken=("$vendor"/flocken-*.tar.gz)
nixpkgs_lib=("$vendor"/nixpkgs-lib-*.tar.gz)
stream_script=("$vendor"/nixpkgs-stream_layered_image-*.py)
if ((${#flocken[@]} != 1 || ${#nixpkgs_lib[@]} != 1 || ${#stream_script[@]} != 1)); then
  echo "fixture-repo: $vendor must hold one flocken-*.tar.gz, one nixpkgs-lib-*.tar.gz and one nixpkgs-stream_layered_image-*.py (the real flocken the e2e tests publish with, and dockerTools' image writer); set NCA_VENDOR_DIR to the folder that has them" >&2
  exit 1
fi

mkdir -p "$dest/vendor"
# Leave out stray `result` links of a local experiment.
(cd "$REPO_DIR/__tests__/fixture" && tar --exclude='./result*' --exclude=./.git --exclude=./vendor -cf - .) | tar -xf - -C "$dest"
tar -xzf "${flocken[0]}" -C "$dest/vendor"
tar -xzf "${nixpkgs_lib[0]}" -C "$dest/vendor"
cp "${stream_script[0]}" "$dest/vendor/stream_layered_image.py"
git -C "$dest" init -q
git -C "$dest" add -A
git -C "$dest" -c user.name="nca test" -c user.email=nca-test@example.invalid -c commit.gpgsign=false commit -qm fixture
