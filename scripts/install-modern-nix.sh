#!/usr/bin/env bash
# Installs a modern Nix (Debian trixie's nix-bin, 2.26) into a prefix, next to the system's Nix 2.8,
# without touching the system's libraries or apt state: apt runs with its own lists, cache and an
# empty status (so it fetches every library nix-bin needs), the packages are unpacked with
# dpkg-deb -x, and the nix binary is pointed at the prefix's loader and libraries with patchelf.
# Both Nix versions share /nix/store and its database. Run as root. Idempotent.
#
#   scripts/install-modern-nix.sh [PREFIX]     (default /opt/nix-modern; prints PREFIX/bin)
set -euo pipefail

PREFIX=${1:-/opt/nix-modern}
STATE=/var/cache/nca-modern-nix
export DEBIAN_FRONTEND=noninteractive

log() { echo "install-modern-nix: $*" >&2; }
die() {
  log "error: $*"
  exit 1
}

[[ $(id -u) -eq 0 ]] || die "must run as root"
if [[ -x $PREFIX/bin/nix ]] && "$PREFIX/bin/nix" --version >/dev/null 2>&1; then
  log "$("$PREFIX/bin/nix" --version) already in $PREFIX"
  echo "$PREFIX/bin"
  exit 0
fi

command -v patchelf >/dev/null || { apt-get update -qq && apt-get install -y -qq --no-install-recommends patchelf >/dev/null; }

# The mirror this machine already uses, for the trixie suite.
uri=$(sed -n 's/^URIs: *//p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | grep -v security | head -n1)
[[ -n $uri ]] || uri=$(awk '$1 == "deb" && $0 !~ /security/ { print $2; exit }' /etc/apt/sources.list 2>/dev/null)
[[ -n $uri ]] || die "no Debian mirror found in /etc/apt/sources.list.d/debian.sources or /etc/apt/sources.list"

mkdir -p "$STATE/lists/partial" "$STATE/cache/archives/partial"
echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $uri trixie main" >"$STATE/sources.list"
: >"$STATE/status"
O=(-o "Dir::Etc::SourceList=$STATE/sources.list" -o Dir::Etc::SourceParts=/dev/null -o "Dir::State::Lists=$STATE/lists"
  -o "Dir::Cache=$STATE/cache" -o "Dir::State::status=$STATE/status" -o APT::Architecture=amd64 -o APT::Architectures=amd64)
# apt downloads as the unprivileged _apt user when it may write the target folder.
if id _apt >/dev/null 2>&1; then chown -R _apt "$STATE/lists" "$STATE/cache"; fi

log "downloading trixie's nix-bin and its libraries from $uri"
apt-get "${O[@]}" update -qq
apt-get "${O[@]}" install --download-only -y -qq --no-install-recommends nix-bin >/dev/null

tmp=$PREFIX.tmp
rm -rf "$tmp"
mkdir -p "$tmp"
for deb in "$STATE"/cache/archives/*.deb; do
  case $(basename "$deb") in
    nix-bin_* | lib*) dpkg-deb -x "$deb" "$tmp" ;;
  esac
done
libs=$PREFIX/usr/lib/x86_64-linux-gnu
[[ -e $tmp/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2 ]] || die "trixie's libc6 was not among the downloads"
# --force-rpath: an RPATH also applies to the libraries' own dependencies (libcurl's), a RUNPATH does not.
patchelf --set-interpreter "$libs/ld-linux-x86-64.so.2" --force-rpath --set-rpath "$libs" "$tmp/usr/bin/nix"
# A bin folder with Nix's commands only (the libraries' packages bring perl scripts into usr/bin).
mkdir -p "$tmp/bin"
for cmd in "$tmp"/usr/bin/nix*; do ln -s "../usr/bin/nix" "$tmp/bin/$(basename "$cmd")"; done
rm -rf "$PREFIX"
mv "$tmp" "$PREFIX"
"$PREFIX/bin/nix" --version >&2 || die "the unpacked nix does not run"
log "installed in $PREFIX"
echo "$PREFIX/bin"
