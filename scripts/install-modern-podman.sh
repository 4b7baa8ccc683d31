#!/usr/bin/env bash
# Installs the podman and skopeo runners have now (Debian sid's podman 5.8 and skopeo 1.22) into a
# prefix, next to the system's podman 4.3, which lacks `manifest create --annotation` and cannot read
# a gzip-compressed docker-archive. Done
# the way scripts/install-modern-nix.sh installs Nix (scripts/trixie-prefix.sh: apt's own state,
# dpkg-deb -x, patchelf), so the system's libraries and apt state stay as they were. Run as root.
# Idempotent: a prefix built by this very version of the scripts is kept.
#
#   scripts/install-modern-podman.sh [PREFIX]     (default /opt/podman-modern; prints PREFIX/bin)
#
# PREFIX/bin/podman is a wrapper that gives podman its own configuration and storage, whoever runs
# it, so it never reads, shares or migrates podman 4.3's (see the wrapper's comments):
#   root       storage /var/lib/podman-modern, run-time files /run/podman-modern
#   any user   storage ${XDG_DATA_HOME:-~/.local/share}/podman-modern, run-time files
#              $XDG_RUNTIME_DIR/podman-modern (or /tmp/podman-modern-run-UID without one)
# Registries and signature policy are the system's (/etc/containers/registries.conf, policy.json).
# It is meant for image and manifest-list work (manifest create/add/inspect/push, login); conmon,
# crun and netavark are in the prefix only because podman 5 refuses to start without them.
set -euo pipefail

PREFIX=${1:-/opt/podman-modern}
here=$(dirname "${BASH_SOURCE[0]}")
# shellcheck source=scripts/trixie-prefix.sh
export TRIXIE_SUITE=sid
source "$here/trixie-prefix.sh"
trixie_init install-modern-podman /var/cache/nca-modern-podman-sid

# The wrapper and configuration are written by this script: a prefix made by another version of it
# (or of the helper) is rebuilt, from apt's cache, rather than kept with stale configuration.
trixie_current "${BASH_SOURCE[0]}" "$PREFIX" podman

trixie_download podman skopeo
tmp=$PREFIX.tmp
# podman, what it insists on finding (conmon, an OCI runtime, netavark), containers-common for its
# seccomp profile, and the libraries. Not the rest of podman's dependencies (gnupg, iptables, ...).
trixie_unpack "$tmp" podman skopeo conmon crun netavark golang-github-containers-common 'lib*'
# A 36 MB helper for podman's own test suite.
rm -f "$tmp/usr/libexec/podman/podman-testing"
# Every executable podman may start, so none of them fails on bookworm's older libc.
trixie_patchelf "$PREFIX" "$tmp" usr/bin/podman usr/bin/skopeo usr/bin/conmon usr/bin/crun \
  usr/lib/podman/netavark usr/lib/podman/netavark-dhcp-proxy-client usr/libexec/podman/quadlet usr/libexec/podman/rootlessport

conf=$tmp/etc/containers
mkdir -p "$conf" "$tmp/bin"

# containers.conf, for users (podman's rootless mode) and, with its run-time folder, for root.
# CONTAINERS_CONF makes podman read this file instead of /usr/share/containers/containers.conf
# (bookworm's, written for podman 4.3), /etc/containers/containers.conf and ~/.config/containers/.
containers_conf() { # [ENGINE-LINE [NETWORK-LINE]]: root's extra settings
  cat <<EOF
# Written by scripts/install-modern-podman.sh; read through CONTAINERS_CONF, set by $PREFIX/bin/podman.
[containers]
seccomp_profile = "$PREFIX/usr/share/containers/seccomp.json"

[engine]
# No systemd on these machines (and no containers to put in cgroups).
cgroup_manager = "cgroupfs"
events_logger = "none"
# podman 5's own database, in its own storage: never podman 4.3's boltdb.
database_backend = "sqlite"
# File locks live in the run-time folder; the default shared-memory segment (/dev/shm/libpod_lock,
# /dev/shm/libpod_rootless_lock_UID) is podman 4.3's too.
lock_type = "file"
# podman 5 refuses to start without conmon, an OCI runtime and netavark, even for commands that use none.
conmon_path = ["$PREFIX/usr/bin/conmon"]
helper_binaries_dir = ["$PREFIX/usr/lib/podman", "$PREFIX/usr/libexec/podman"]
runtime = "crun"
${1:-}

[engine.runtimes]
crun = ["$PREFIX/usr/bin/crun"]

[network]
network_backend = "netavark"
${2:-}
EOF
}
# A user's run-time folder follows XDG_RUNTIME_DIR (the wrapper's); root's would be /run/libpod,
# podman 4.3's, and root's network definitions /etc/containers/networks.
containers_conf >"$conf/containers.conf"
containers_conf 'tmp_dir = "/run/podman-modern/libpod/tmp"' \
  'network_config_dir = "/var/lib/podman-modern/networks"' >"$conf/containers-root.conf"

# storage.conf, read through CONTAINERS_STORAGE_CONF: vfs (no overlay mounts, nothing to set up,
# fine for a few small image layers). Paths are expanded by podman from the wrapper's variables.
# podman 5.8 takes graphroot for users too (rootless_storage_path is deprecated), and
# $XDG_RUNTIME_DIR/containers as a user's run root.
cat >"$conf/storage.conf" <<'EOF'
# Written by scripts/install-modern-podman.sh; read through CONTAINERS_STORAGE_CONF, set by bin/podman.
[storage]
driver = "vfs"
graphroot = "$PODMAN_MODERN_DATA/storage"
runroot = "$XDG_RUNTIME_DIR/containers"
EOF

cat >"$tmp/bin/podman" <<EOF
#!/usr/bin/env bash
# Debian sid's podman from $PREFIX (scripts/install-modern-podman.sh) with its own configuration
# and storage, never podman 4.3's. Options on the command line (--root, --runroot, --tmpdir, ...)
# still win over these defaults.
set -euo pipefail
prefix=$(printf %q "$PREFIX")
EOF
cat >>"$tmp/bin/podman" <<'EOF'
uid=$(id -u)
if ((uid == 0)); then
  data=/var/lib/podman-modern
  run=/run/podman-modern
  conf=containers-root.conf
else
  : "${HOME:?podman: HOME is not set}"
  data=${XDG_DATA_HOME:-$HOME/.local/share}/podman-modern
  # A private folder in the user's run-time folder, or in /tmp without a usable one. Podman keeps
  # its run root, lock files, its pause process' pid (for its user namespace) and the default
  # auth.json under XDG_RUNTIME_DIR: changing it keeps all of these apart from podman 4.3's.
  if [[ -n ${XDG_RUNTIME_DIR:-} && -d $XDG_RUNTIME_DIR && -O $XDG_RUNTIME_DIR && -w $XDG_RUNTIME_DIR ]]; then
    run=$XDG_RUNTIME_DIR/podman-modern
  else
    run=/tmp/podman-modern-run-$uid
  fi
  conf=containers.conf
fi
# Its parent always exists; it may exist already (or another podman be making it right now).
mkdir -m 700 "$run" 2>/dev/null || true
# /tmp is everyone's: a folder (or link) someone else made there must not be used.
[[ -d $run && ! -L $run && -O $run ]] || {
  echo "podman: $run is not a folder of $(id -un)'s" >&2
  exit 125
}
# Root's podman honours XDG_RUNTIME_DIR for the default auth.json (/run/podman-modern/containers).
export XDG_RUNTIME_DIR=$run PODMAN_MODERN_DATA=$data
export CONTAINERS_CONF=$prefix/etc/containers/$conf CONTAINERS_STORAGE_CONF=$prefix/etc/containers/storage.conf
# Nothing here runs containers, so cgroups v1 (these machines') does not matter: no warning on each call.
export PODMAN_IGNORE_CGROUPSV1_WARNING=${PODMAN_IGNORE_CGROUPSV1_WARNING-1}
exec "$prefix/usr/bin/podman" "$@"
EOF
# skopeo reads the system's registries.conf and policy, as on a runner.
printf '#!/bin/sh\nexec %q "$@"\n' "$PREFIX/usr/bin/skopeo" >"$tmp/bin/skopeo"
chmod 755 "$tmp/bin/podman" "$tmp/bin/skopeo"
chmod -R a+rX "$tmp"

trixie_commit "$tmp" "$PREFIX"
"$PREFIX/bin/podman" --version >&2 || trixie_die "the unpacked podman does not run"
"$PREFIX/bin/skopeo" --version >&2 || trixie_die "the unpacked skopeo does not run"
trixie_stamp "$PREFIX"
trixie_log "installed in $PREFIX"
echo "$PREFIX/bin"
