#!/usr/bin/env bash
# Records what real Nix versions print for `nix path-info --json` and `nix store info --json`, as the
# unit tests' fixtures: the JSON forms differ between versions, and the tests must read what Nix
# really prints, not what we believe it prints. For each nix given: plain --json and every
# --json-format it accepts, for a closure built from __tests__/recorded/path-info/closure.nix (with a
# path the store lacks), recursively, and from a signed binary cache; store info from the local
# store and from a daemon that trusts root or not. What each nix says on stderr (warnings, refused
# flags) goes to stderr.txt. Run as root.
#
#   scripts/record-path-info.sh [OUT [NIX...]]
#     (default __tests__/recorded/path-info, and /usr/bin/nix, /opt/nix-modern/bin/nix and
#     /opt/nix-sid/bin/nix: scripts/install-modern-nix.sh, then with /opt/nix-sid sid)
#
# Each daemon runs for a moment on its own socket in a temporary folder; other daemons stay as
# they are.
set -euo pipefail

REPO_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out=${1:-$REPO_DIR/__tests__/recorded/path-info}
shift || true
nixes=("$@")
((${#nixes[@]} > 0)) || nixes=(/usr/bin/nix /opt/nix-modern/bin/nix /opt/nix-sid/bin/nix)
[[ $(id -u) -eq 0 ]] || {
  echo "record-path-info: must run as root" >&2
  exit 1
}

tmp=$(mktemp -d)
daemon=
cleanup() {
  [[ -z $daemon ]] || kill "$daemon" 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT

export NIX_CONFIG=$'experimental-features = nix-command flakes\nsandbox = false\nsubstituters =\nbuild-users-group ='
# A path no store has: 32 characters of Nix's base-32 alphabet.
missing=/nix/store/0123456789abcdfghijklmnpqrsvwxyz-missing
newest=${nixes[-1]}
top=$("$(dirname "$newest")/nix-build" --no-out-link "$out/closure.nix")
mapfile -t closure < <("$(dirname "$newest")/nix-store" -q --requisites "$top")
# A cache signed with a key of its own, as a user's binary cache is.
"$newest" key generate-secret --key-name pathinfo-fixture-1 >"$tmp/key"
"$newest" copy --to "file://$tmp/cache?secret-key=$tmp/key" "$top"
cache=("--store" "file://$tmp/cache")

: >"$out/stderr.txt"
# NAME ARGS...: ARGS' stdout into NAME.json, their stderr (with the command) into stderr.txt; a
# refusal leaves no NAME.json.
record() {
  local name=$1 code=0
  shift
  "$@" >"$tmp/stdout" 2>"$tmp/stderr" || code=$?
  { echo "== $name: $* (exit $code)" && cat "$tmp/stderr"; } | sed "s|$tmp|TMP|g" >>"$out/stderr.txt"
  if ((code == 0)); then mv "$tmp/stdout" "$out/$name.json"; fi
  return "$code"
}

# SOCKET CONF NIX: a daemon of NIX serving SOCKET with the nix.conf in folder CONF.
start_daemon() {
  NIX_CONF_DIR=$2 NIX_DAEMON_SOCKET_PATH=$1 "$(dirname "$3")/nix-daemon" >/dev/null 2>&1 &
  daemon=$!
  for _ in $(seq 100); do
    [[ -S $1 ]] && return 0
    sleep 0.1
  done
  echo "record-path-info: $3's daemon did not start" >&2
  exit 1
}
stop_daemon() {
  kill "$daemon"
  wait "$daemon" 2>/dev/null || true
  daemon=
  rm -f "$1"
}

for nix in "${nixes[@]}"; do
  version=$("$nix" --version | sed -n '1s/.* \([0-9][0-9.]*\)$/\1/p')
  v=${version%.*}
  formats=()
  if record "$v-json" "$nix" path-info --json "$top" "$missing"; then formats+=(json); fi
  for n in 1 2 3; do
    if record "$v-format-$n" "$nix" path-info --json --json-format "$n" "$top" "$missing"; then formats+=("format-$n"); fi
  done
  for f in "${formats[@]}"; do
    flags=(--json)
    [[ $f == json ]] || flags+=(--json-format "${f#format-}")
    record "$v-$f-recursive" "$nix" path-info "${flags[@]}" --recursive "$top"
    record "$v-$f-cache" "$nix" path-info "${cache[@]}" "${flags[@]}" "${closure[@]}" "$missing"
  done

  # Nix before 2.14 has no store info in JSON: its refusal is in stderr.txt, and no daemon is asked.
  record "$v-store-info-local" "$nix" store info --json || continue
  for trust in trusted untrusted; do
    mkdir -p "$tmp/conf-$trust"
    users=root
    [[ $trust == trusted ]] || users=nobody
    printf 'build-users-group =\ntrusted-users = %s\nallowed-users = *\n' "$users" >"$tmp/conf-$trust/nix.conf"
    start_daemon "$tmp/socket" "$tmp/conf-$trust" "$nix"
    NIX_REMOTE=daemon NIX_DAEMON_SOCKET_PATH=$tmp/socket record "$v-store-info-daemon-$trust" "$nix" store info --json
    stop_daemon "$tmp/socket"
  done
done
echo "record-path-info: recorded ${nixes[*]} into $out" >&2
