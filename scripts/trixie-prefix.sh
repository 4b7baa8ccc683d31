# shellcheck shell=bash
# Sourced (not run) by scripts/install-modern-*.sh: installs Debian trixie's (or TRIXIE_SUITE's) build
# of a program into a prefix on this Debian 12 machine, next to the system's older version, without touching the
# system's libraries or apt state. apt runs with its own lists, cache and an empty status (so it
# fetches every library the program needs, libc included), the packages are unpacked with
# dpkg-deb -x, and the program's executables are pointed at the prefix's loader and libraries with
# patchelf. Nothing is installed by dpkg, so no maintainer script runs and /etc, /usr stay as they were.
#
# Use, in this order (each step stops the script with a message on error):
#   trixie_init NAME STATE              log as NAME; apt's own state lives in STATE; checks root, patchelf
#   trixie_current SCRIPT PREFIX PROG   ends the caller when PREFIX is already this version's (optional)
#   trixie_download PACKAGE...          downloads the packages and all they depend on; sets TRIXIE_DEBS
#   trixie_unpack DIR PATTERN...        unpacks the downloaded packages whose names match a pattern
#   trixie_patchelf PREFIX DIR FILE...  points DIR/FILE (an executable) at PREFIX's libc and libraries
#   trixie_commit DIR PREFIX            replaces PREFIX by DIR
#   trixie_stamp PREFIX                 marks it as this version's (with trixie_current)
# DIR is where the prefix is built (PREFIX.tmp): the patched executables name PREFIX's libraries, so
# they run only once trixie_commit has moved DIR to PREFIX. Messages go to stderr: a caller's stdout
# stays free for what it prints (its bin folder). TRIXIE_SUITE (default trixie) names another suite of
# the same mirror, e.g. sid for the versions runners have now; give it its own STATE.

TRIXIE_NAME=trixie-prefix
TRIXIE_SUITE=${TRIXIE_SUITE:-trixie}
# The Debian architecture of the packages (arm64 for a prefix that runs under QEMU).
TRIXIE_ARCH=${TRIXIE_ARCH:-amd64}
TRIXIE_STATE=
TRIXIE_APT=()
TRIXIE_DEBS=()

trixie_log() { echo "$TRIXIE_NAME: $*" >&2; }
trixie_die() {
  trixie_log "error: $*"
  exit 1
}

# NAME STATE: root is needed to write the prefix and apt's state; patchelf comes from the system's
# own (bookworm) apt, the one thing this installs there.
trixie_init() {
  TRIXIE_NAME=$1
  TRIXIE_STATE=$2
  export DEBIAN_FRONTEND=noninteractive
  [[ $(id -u) -eq 0 ]] || trixie_die "must run as root"
  command -v patchelf >/dev/null || { apt-get update -qq && apt-get install -y -qq --no-install-recommends patchelf >/dev/null; }
}

# SCRIPT PREFIX PROGRAM: when PREFIX was made by this very version of SCRIPT and of this helper (the
# configuration they write is part of the prefix) and PREFIX/bin/PROGRAM runs, says so, prints
# PREFIX/bin and ends the caller; else sets TRIXIE_STAMP, which trixie_stamp writes once installed.
trixie_current() {
  local script=$1 prefix=$2 program=$3
  TRIXIE_STAMP=$(cat "$script" "${BASH_SOURCE[0]}" | sha256sum | cut -d' ' -f1)
  if [[ -x $prefix/bin/$program && $(cat "$prefix/.install-stamp" 2>/dev/null) == "$TRIXIE_STAMP" ]] &&
    "$prefix/bin/$program" --version >/dev/null 2>&1; then
    trixie_log "$("$prefix/bin/$program" --version) already in $prefix"
    echo "$prefix/bin"
    exit 0
  fi
}

# PREFIX: marks PREFIX as made by this version of the scripts (see trixie_current).
trixie_stamp() {
  echo "$TRIXIE_STAMP" >"$1/.install-stamp"
}

# PACKAGE...: apt with its own state in TRIXIE_STATE, pointed at TRIXIE_SUITE on the mirror this machine
# already uses. Sets TRIXIE_DEBS to the exact .deb files of the solution (the packages and every
# dependency, read from apt's simulation), so a cache that still holds an older version of a
# library, or a package an earlier run needed, never adds it to the prefix.
trixie_download() {
  local uri sim name version deb
  uri=$(sed -n 's/^URIs: *//p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | grep -v security | head -n1 || true)
  [[ -n $uri ]] || uri=$(awk '$1 == "deb" && $0 !~ /security/ { print $2; exit }' /etc/apt/sources.list 2>/dev/null || true)
  [[ -n $uri ]] || trixie_die "no Debian mirror found in /etc/apt/sources.list.d/debian.sources or /etc/apt/sources.list"

  mkdir -p "$TRIXIE_STATE/lists/partial" "$TRIXIE_STATE/cache/archives/partial"
  echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $uri $TRIXIE_SUITE main" >"$TRIXIE_STATE/sources.list"
  # An empty status: apt believes nothing is installed, so it also fetches libc6 and every library.
  : >"$TRIXIE_STATE/status"
  TRIXIE_APT=(-o "Dir::Etc::SourceList=$TRIXIE_STATE/sources.list" -o Dir::Etc::SourceParts=/dev/null
    -o "Dir::State::Lists=$TRIXIE_STATE/lists" -o "Dir::Cache=$TRIXIE_STATE/cache" -o "Dir::State::status=$TRIXIE_STATE/status"
    -o "APT::Architecture=$TRIXIE_ARCH" -o "APT::Architectures=$TRIXIE_ARCH")
  # apt downloads as the unprivileged _apt user when it may write the target folder.
  if id _apt >/dev/null 2>&1; then chown -R _apt "$TRIXIE_STATE/lists" "$TRIXIE_STATE/cache"; fi

  trixie_log "downloading $TRIXIE_SUITE's $* and the libraries it needs from $uri"
  apt-get "${TRIXIE_APT[@]}" update -qq
  apt-get "${TRIXIE_APT[@]}" install --download-only -y -qq --no-install-recommends "$@" >/dev/null
  # Drops superseded versions (after a trixie point release) so the cache does not grow for ever.
  apt-get "${TRIXIE_APT[@]}" autoclean -qq >/dev/null

  # "Inst NAME (VERSION ...)" lines; the cached file is NAME_VERSION_ARCH.deb with ':' as %3a.
  sim=$(apt-get "${TRIXIE_APT[@]}" install -s -qq --no-install-recommends "$@")
  TRIXIE_DEBS=()
  while read -r name version; do
    deb=$(compgen -G "$TRIXIE_STATE/cache/archives/${name}_${version//:/%3a}_*.deb" | head -n1 || true)
    [[ -n $deb ]] || trixie_die "apt did not download $name $version"
    TRIXIE_DEBS+=("$deb")
  done < <(awk '$1 == "Inst" { print $2, substr($3, 2) }' <<<"$sim")
  ((${#TRIXIE_DEBS[@]} > 0)) || trixie_die "apt found nothing to download for $*"
}

# DIR PATTERN...: a fresh DIR with the packages whose names match one of the shell patterns (e.g.
# podman 'lib*'). Libraries' packages also bring executables and data nobody uses: harmless.
trixie_unpack() {
  local dir=$1 deb name pattern
  shift
  rm -rf "$dir"
  mkdir -p "$dir"
  for deb in "${TRIXIE_DEBS[@]}"; do
    name=$(basename "$deb")
    name=${name%%_*}
    for pattern in "$@"; do
      # shellcheck disable=SC2053 # $pattern is a glob on purpose
      if [[ $name == $pattern ]]; then
        dpkg-deb -x "$deb" "$dir"
        break
      fi
    done
  done
  local loader=usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2
  [[ $TRIXIE_ARCH == arm64 ]] && loader=usr/lib/aarch64-linux-gnu/ld-linux-aarch64.so.1
  [[ -e $dir/$loader ]] || trixie_die "$TRIXIE_SUITE's libc6 was not among the downloads"
}

# PREFIX DIR FILE...: FILE (relative to DIR) gets PREFIX's loader and library folder; a
# file without a loader (static, or not an executable) is left as it is. --force-rpath: an RPATH
# also applies to the libraries' own dependencies (libcurl's, libgpgme's), a RUNPATH does not.
trixie_patchelf() {
  local libs=$1/usr/lib/x86_64-linux-gnu dir=$2 file
  shift 2
  for file in "$@"; do
    [[ -f $dir/$file && ! -L $dir/$file ]] || trixie_die "$file is not in the unpacked packages"
    patchelf --print-interpreter "$dir/$file" >/dev/null 2>&1 || continue
    patchelf --set-interpreter "$libs/ld-linux-x86-64.so.2" --force-rpath --set-rpath "$libs" "$dir/$file"
  done
}

# DIR PREFIX: the old prefix (if any) goes, DIR takes its place.
trixie_commit() {
  rm -rf "$2"
  mv "$1" "$2"
}
