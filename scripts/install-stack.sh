#!/usr/bin/env bash
# Install the local test stack's packages (Debian 12, run as root) and the fixture payloads:
# static busybox binaries for both architectures at fixed paths under /opt/nca-fixture.
# Idempotent, and fast when everything is already present (apt is skipped).
set -euo pipefail

PACKAGES=(nix-bin docker.io qemu-user-static binfmt-support docker-registry apache2-utils buildah skopeo
  podman openssh-server openssh-client busybox-static uidmap fuse-overlayfs jq curl)
FIXTURE_DIR=/opt/nca-fixture
export DEBIAN_FRONTEND=noninteractive

log() { echo "install-stack: $*" >&2; }

if [[ $(id -u) -ne 0 ]]; then
  log "must run as root"
  exit 1
fi

installed() { [[ $(dpkg-query -W -f='${Status}' "$1" 2>/dev/null) == "install ok installed" ]]; }

missing=()
for p in "${PACKAGES[@]}"; do
  installed "$p" || missing+=("$p")
done
if ((${#missing[@]})); then
  log "installing: ${missing[*]}"
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  log "all packages present"
fi

mkdir -p "$FIXTURE_DIR"

if [[ ! -x $FIXTURE_DIR/busybox-x86_64 ]]; then
  install -m 0755 /bin/busybox "$FIXTURE_DIR/busybox-x86_64"
  log "installed $FIXTURE_DIR/busybox-x86_64"
fi

if [[ ! -x $FIXTURE_DIR/busybox-aarch64 ]]; then
  if ! dpkg --print-foreign-architectures | grep -qx arm64; then
    dpkg --add-architecture arm64
  fi
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  # apt downloads as the unprivileged _apt user when it can write the target folder.
  if id _apt >/dev/null 2>&1; then chown _apt "$tmp"; fi
  # apt-get download needs arm64 package lists; refresh them only when the package is unknown.
  if ! (cd "$tmp" && apt-get download -qq busybox-static:arm64 >/dev/null 2>&1); then
    apt-get update -qq
    (cd "$tmp" && apt-get download -qq busybox-static:arm64 >/dev/null)
  fi
  dpkg-deb -x "$tmp"/busybox-static_*_arm64.deb "$tmp/x"
  install -m 0755 "$tmp/x/bin/busybox" "$FIXTURE_DIR/busybox-aarch64.tmp"
  mv "$FIXTURE_DIR/busybox-aarch64.tmp" "$FIXTURE_DIR/busybox-aarch64"
  log "installed $FIXTURE_DIR/busybox-aarch64"
fi

# A sanity check on what we installed (the file type, not execution: binfmt is set up by stack.sh).
elf_machine() { od -An -tx1 -j18 -N2 "$1" | tr -d ' \n'; }
[[ $(elf_machine "$FIXTURE_DIR/busybox-x86_64") == 3e00 ]] || {
  log "$FIXTURE_DIR/busybox-x86_64 is not an x86_64 ELF"
  exit 1
}
[[ $(elf_machine "$FIXTURE_DIR/busybox-aarch64") == b700 ]] || {
  log "$FIXTURE_DIR/busybox-aarch64 is not an aarch64 ELF"
  exit 1
}
log "ok"
