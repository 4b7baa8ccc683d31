#!/usr/bin/env bash
# Installs a modern Nix (Debian trixie's nix-bin, 2.26) into a prefix, next to the system's Nix 2.8,
# without touching the system's libraries or apt state: scripts/trixie-prefix.sh downloads nix-bin
# and every library it needs with apt's own state, unpacks them with dpkg-deb -x, and points the nix
# binary at the prefix's loader and libraries with patchelf. Both Nix versions share /nix/store and
# its database. Run as root. Idempotent.
#
#   scripts/install-modern-nix.sh [PREFIX [SUITE]]     (default /opt/nix-modern trixie; prints PREFIX/bin)
#
# SUITE sid gives a Nix as new as runners have now, e.g. to record what its commands print.
set -euo pipefail

PREFIX=${1:-/opt/nix-modern}
export TRIXIE_SUITE=${2:-trixie}
# shellcheck source=scripts/trixie-prefix.sh
source "$(dirname "${BASH_SOURCE[0]}")/trixie-prefix.sh"
# Each suite keeps its own apt lists and cache: trixie's state stays where earlier runs left it.
state=/var/cache/nca-modern-nix
[[ $TRIXIE_SUITE == trixie ]] || state+=-$TRIXIE_SUITE
trixie_init install-modern-nix "$state"

if [[ -x $PREFIX/bin/nix ]] && "$PREFIX/bin/nix" --version >/dev/null 2>&1; then
  trixie_log "$("$PREFIX/bin/nix" --version) already in $PREFIX"
  echo "$PREFIX/bin"
  exit 0
fi

trixie_download nix-bin
tmp=$PREFIX.tmp
trixie_unpack "$tmp" nix-bin 'lib*'
trixie_patchelf "$PREFIX" "$tmp" usr/bin/nix
# A bin folder with Nix's commands only (the libraries' packages bring perl scripts into usr/bin).
mkdir -p "$tmp/bin"
for cmd in "$tmp"/usr/bin/nix*; do ln -s "../usr/bin/nix" "$tmp/bin/$(basename "$cmd")"; done
trixie_commit "$tmp" "$PREFIX"
"$PREFIX/bin/nix" --version >&2 || trixie_die "the unpacked nix does not run"
trixie_log "installed in $PREFIX"
echo "$PREFIX/bin"
