#!/usr/bin/env bash
# Hands image closures from the reusable workflow's build jobs to its publish job, so the publish job
# rebuilds nothing (.github/workflows/build.yml runs this; __tests__/e2e/handoff.test.ts runs it
# against two Nix stores).
#
#   handoff.sh export [--paths-only] DIR NAME STORE-PATH...
#       DIR/NAME.paths: the store paths, one a line. DIR/NAME.closure: their whole closure as
#       `nix-store --export` writes it, unless --paths-only (the paths went to a binary cache).
#   handoff.sh import DIR
#       imports every DIR/*.closure, then realises every path in DIR/*.paths: a no-op for imported
#       paths, a download for paths a binary cache holds. Fails when one is neither.
#
# Importing unsigned paths needs a trusted Nix user (root, or trusted-users in nix.conf: the default
# of cachix/install-nix-action). The store is Nix's configured one (NIX_REMOTE, or `store =` in NIX_CONFIG).
set -euo pipefail

die() {
  echo "handoff: $*" >&2
  exit 1
}

cmd_export() {
  local closure=1
  if [[ ${1:-} == --paths-only ]]; then
    closure=
    shift
  fi
  (($# >= 3)) || die "usage: handoff.sh export [--paths-only] DIR NAME STORE-PATH..."
  local dir=$1 name=$2
  shift 2
  [[ $name =~ ^[A-Za-z0-9._-]+$ ]] || die "NAME must be letters, digits, '.', '_' or '-', not '$name'"
  mkdir -p "$dir"
  local roots=("$@")
  printf '%s\n' "${roots[@]}" >"$dir/$name.paths"
  if [[ -n $closure ]]; then
    local paths
    mapfile -t paths < <(nix-store --query --requisites "${roots[@]}")
    nix-store --export "${paths[@]}" >"$dir/$name.closure"
    echo "handoff: exported ${#roots[@]} image(s), ${#paths[@]} store paths, $(du -h "$dir/$name.closure" | cut -f1) to $dir/$name.closure"
  else
    echo "handoff: listed ${#roots[@]} image(s) in $dir/$name.paths"
  fi
}

cmd_import() {
  (($# == 1)) || die "usage: handoff.sh import DIR"
  local dir=$1 file roots=()
  shopt -s nullglob
  local closures=("$dir"/*.closure) lists=("$dir"/*.paths)
  ((${#lists[@]})) || die "no *.paths file in $dir: did the build jobs upload their handoff?"
  for file in "${closures[@]}"; do
    echo "handoff: importing $file"
    nix-store --import <"$file" >/dev/null
  done
  for file in "${lists[@]}"; do
    mapfile -t -O "${#roots[@]}" roots <"$file"
  done
  # Valid after the import: printed and nothing else. Otherwise substituted from a binary cache.
  nix-store --realise "${roots[@]}" >/dev/null || die "some image is neither imported nor in a binary cache: ${roots[*]}"
  echo "handoff: ${#roots[@]} image(s) present: ${roots[*]}"
}

case ${1:-} in
  export)
    shift
    cmd_export "$@"
    ;;
  import)
    shift
    cmd_import "$@"
    ;;
  *) die "usage: handoff.sh export [--paths-only] DIR NAME STORE-PATH... | import DIR" ;;
esac
