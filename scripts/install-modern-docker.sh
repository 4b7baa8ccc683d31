#!/usr/bin/env bash
# Installs Debian sid's Docker (docker.io 28.5 with containerd 2.1 and runc), the Docker runners have
# now, into a prefix beside the system's Docker 20.10, the way scripts/install-modern-nix.sh installs
# Nix (scripts/trixie-prefix.sh: apt's own state, dpkg-deb -x, patchelf). Nothing of the system's
# Docker, libraries or apt state changes. Run as root. Idempotent: a prefix made by this very version
# of the scripts is kept.
#
#   scripts/install-modern-docker.sh [PREFIX]     (default /opt/docker-sid; prints PREFIX/bin)
#
# PREFIX/bin holds docker, dockerd, containerd, containerd-shim-runc-v2, runc, docker-init and
# docker-proxy: dockerd finds the last four on PATH, so PREFIX/bin goes first on the daemon's PATH
# (scripts/stack.sh does that, and starts containerd itself with its own root and socket).
set -euo pipefail

PREFIX=${1:-/opt/docker-sid}
here=$(dirname "${BASH_SOURCE[0]}")
export TRIXIE_SUITE=sid
# shellcheck source=scripts/trixie-prefix.sh
source "$here/trixie-prefix.sh"
trixie_init install-modern-docker /var/cache/nca-modern-docker-sid

trixie_current "${BASH_SOURCE[0]}" "$PREFIX" dockerd

trixie_download docker.io docker-cli containerd runc tini-static
tmp=$PREFIX.tmp
trixie_unpack "$tmp" docker.io docker-cli containerd runc tini-static 'lib*'
# Debian spreads them over /usr/bin and /usr/sbin (docker-init is a link to tini-static); one bin
# folder is what dockerd's PATH lookup needs.
mkdir -p "$tmp/bin"
for name in docker dockerd containerd containerd-shim-runc-v2 runc docker-init docker-proxy; do
  found=
  for dir in usr/bin usr/sbin; do
    if [[ -e $tmp/$dir/$name ]]; then
      found=$dir/$name
      break
    fi
  done
  [[ -n $found ]] || trixie_die "$name is not in sid's packages"
  ln -s "../$found" "$tmp/bin/$name"
  real=$(realpath --relative-to="$tmp" "$tmp/$found")
  trixie_patchelf "$PREFIX" "$tmp" "$real"
done
chmod -R a+rX "$tmp"
trixie_commit "$tmp" "$PREFIX"
"$PREFIX/bin/dockerd" --version >&2 || trixie_die "the unpacked dockerd does not run"
"$PREFIX/bin/containerd" --version >&2 || trixie_die "the unpacked containerd does not run"
trixie_stamp "$PREFIX"
trixie_log "installed in $PREFIX"
echo "$PREFIX/bin"
