#!/usr/bin/env bash
# Installs the local test stack's Debian 12 packages and the fixture payloads: static busybox
# binaries for both architectures at /opt/nca-fixture/busybox-{x86_64,aarch64}. Run as root.
# Idempotent, and fast when everything is present (apt is not touched then).
set -euo pipefail

# gcc, and Debian's cross compiler with its C library, compile the fixture's images cross-compiled on
# x86_64-linux (__tests__/fixture/cross-images.nix).
PACKAGES=(nix-bin docker.io qemu-user-static binfmt-support docker-registry apache2-utils buildah skopeo
  podman openssh-server openssh-client busybox-static uidmap fuse-overlayfs jq curl patchelf sudo pigz tinyproxy-bin
  gcc libc6-dev gcc-aarch64-linux-gnu libc6-dev-arm64-cross)
FIXTURE_DIR=/opt/nca-fixture
export DEBIAN_FRONTEND=noninteractive

log() { echo "install-stack: $*" >&2; }
die() {
  log "error: $*"
  exit 1
}

[[ $(id -u) -eq 0 ]] || die "must run as root"

installed() { [[ $(dpkg-query -W -f='${Status}' "$1" 2>/dev/null) == "install ok installed" ]]; }
elf_machine() { od -An -tx1 -j18 -N2 "$1" | tr -d ' \n'; } # e_machine, little endian

need_arm64=
[[ -x $FIXTURE_DIR/busybox-aarch64 ]] || need_arm64=1
if [[ -n $need_arm64 ]] && ! dpkg --print-foreign-architectures | grep -qx arm64; then
  dpkg --add-architecture arm64
  log "added dpkg architecture arm64"
fi

missing=()
for p in "${PACKAGES[@]}"; do
  installed "$p" || missing+=("$p")
done
updated=
if ((${#missing[@]})); then
  log "installing: ${missing[*]}"
  apt-get update -qq
  updated=1
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  log "all packages present"
fi

mkdir -p "$FIXTURE_DIR"

if [[ ! -x $FIXTURE_DIR/busybox-x86_64 ]]; then
  install -m 0755 /bin/busybox "$FIXTURE_DIR/busybox-x86_64" # from busybox-static
  log "installed $FIXTURE_DIR/busybox-x86_64"
fi

if [[ -n $need_arm64 ]]; then
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  # apt downloads as the unprivileged _apt user when it may write the target folder.
  if id _apt >/dev/null 2>&1; then chown _apt "$tmp"; fi
  download() { (cd "$tmp" && apt-get download -qq busybox-static:arm64 >/dev/null); }
  if ! download 2>/dev/null; then
    [[ -n $updated ]] || apt-get update -qq # the arm64 package lists were missing or stale
    download
  fi
  dpkg-deb -x "$tmp"/busybox-static_*_arm64.deb "$tmp/x"
  install -m 0755 "$tmp/x/bin/busybox" "$FIXTURE_DIR/busybox-aarch64.tmp"
  mv "$FIXTURE_DIR/busybox-aarch64.tmp" "$FIXTURE_DIR/busybox-aarch64"
  log "installed $FIXTURE_DIR/busybox-aarch64"
fi

# What the tests run, as runners have it now, beside the system's older versions: Debian sid's Nix
# 2.34 (and trixie's 2.26, the oldest supported), podman 5.8 and skopeo 1.22 (Debian 12's podman 4.3
# has no `manifest create --annotation`), and Docker 28.5.
bash "$(dirname "$0")/install-modern-nix.sh" /opt/nix-sid sid >/dev/null
bash "$(dirname "$0")/install-modern-nix.sh" >/dev/null
bash "$(dirname "$0")/install-modern-podman.sh" >/dev/null
bash "$(dirname "$0")/install-modern-docker.sh" >/dev/null

# Check the file types (not execution: binfmt is set up by scripts/stack.sh).
[[ $(elf_machine "$FIXTURE_DIR/busybox-x86_64") == 3e00 ]] || die "$FIXTURE_DIR/busybox-x86_64 is not an x86_64 ELF"
[[ $(elf_machine "$FIXTURE_DIR/busybox-aarch64") == b700 ]] || die "$FIXTURE_DIR/busybox-aarch64 is not an aarch64 ELF"
log "ok"
