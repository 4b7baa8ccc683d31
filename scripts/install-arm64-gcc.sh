#!/usr/bin/env bash
# trixie's gcc for arm64, unpacked as a root file system into /opt/nca-arm64-gcc, for the bench's
# cross-versus-QEMU row: an aarch64-linux derivation compiles greet.c with it under QEMU user
# emulation, with QEMU_LD_PREFIX at the folder, so the emulated gcc finds its loader, cc1, as, ld,
# headers and libc.a there as on an arm64 machine. Not needed by the tests.
# Prints the folder.
set -euo pipefail
# shellcheck source=trixie-prefix.sh
source "$(dirname "$0")/trixie-prefix.sh"
export TRIXIE_ARCH=arm64
PREFIX=/opt/nca-arm64-gcc

trixie_init install-arm64-gcc /var/cache/nca-arm64-gcc
if [[ -x $PREFIX/usr/bin/gcc && $(cat "$PREFIX/.install-stamp" 2>/dev/null) == "$(cat "$0" "$(dirname "$0")/trixie-prefix.sh" | sha256sum | cut -d' ' -f1)" ]]; then
  echo "$PREFIX"
  exit 0
fi
trixie_download gcc libc6-dev
staging=$PREFIX.new
trixie_unpack "$staging" '*'
# What base-files gives a merged-/usr system: the loader arm64 programs name is /lib/ld-linux-aarch64.so.1.
ln -s usr/lib "$staging/lib"
ln -s usr/bin "$staging/bin"
cat "$0" "$(dirname "$0")/trixie-prefix.sh" | sha256sum | cut -d' ' -f1 >"$staging/.install-stamp"
trixie_commit "$staging" "$PREFIX"
trixie_log "$(QEMU_LD_PREFIX=$PREFIX "$PREFIX/usr/bin/gcc" --version | head -n1) in $PREFIX"
echo "$PREFIX"
