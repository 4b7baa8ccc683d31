#!/usr/bin/env bash
# Runner lanes: the e2e tests that matter on a GitHub runner, run the way a runner runs them: as the
# non-root user `runner` (passwordless sudo, owner of its workspace, in the Docker socket's group)
# against a multi-user Nix, a nix-daemon with nixbld build users, in two flavours:
#   trusted     the daemon trusts `runner` (what install-nix-action and nix-installer-action set up)
#   untrusted   it trusts only root (what Nix's official installer leaves)
# Each lane has its own daemon, socket and nix.conf (NIX_CONF_DIR, as /etc/nix on a runner), all
# sharing the machine's /nix/store. Run as root, after scripts/stack.sh start.
#
#   scripts/runner-lane.sh setup              the account, build users and both daemons (idempotent)
#   scripts/runner-lane.sh run LANE [ARGS]    the lane's tests as runner; ARGS go to jest
#   scripts/runner-lane.sh restart LANE       restart a lane's daemon (what `systemctl restart nix-daemon` does)
set -euo pipefail

REPO_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
STACK_DIR=${STACK_DIR:-/var/tmp/nca-stack}
LANES_DIR=$STACK_DIR/lanes
USER_NAME=runner
# The lanes' Nix, daemon and client alike: the one scripts/stack.sh puts first on PATH.
NIX_BIN=${NCA_NIX_BIN:-/opt/nix-sid/bin}
# Jest and the action it starts run on Node 24, as on the runners (scripts/node24.sh).
NODE_BIN=$(dirname "$(bash "$REPO_DIR/scripts/node24.sh")")
# The Docker client of the stack's daemons (scripts/install-modern-docker.sh).
DOCKER_BIN=/opt/docker-sid/bin
BUILD_USERS=4
# The tests a runner's job exercises: build, emulation, caches, both publishers, SBOMs, remote builders.
# The cache suite builds on stores of its own (NIX_STORE_DIR), which a daemon cannot serve: caching
# through the daemon is in runner.test.ts. Input builders need a trusted user (runner.test.ts says
# how an untrusted one fails).
LANE_TESTS=(runner core emulation publish sbom)
TRUSTED_ONLY_TESTS=(builders)
# A second account without sudo: the untrusted lane's "cannot fix the daemon" case.
NOSUDO_USER=nosudo

log() { echo "runner-lane: $*" >&2; }
die() {
  log "error: $*"
  exit 1
}

[[ $(id -u) -eq 0 ]] || die "must run as root"

lane_dir() { echo "$LANES_DIR/$1"; }

daemon_up() { # lane
  local dir
  dir=$(lane_dir "$1")
  NIX_REMOTE=daemon NIX_DAEMON_SOCKET_PATH=$dir/socket NIX_CONF_DIR=$dir/etc \
    timeout 10 "$NIX_BIN/nix" store info >/dev/null 2>&1
}

start_daemon() { # lane
  local lane=$1 dir pid
  dir=$(lane_dir "$lane")
  if [[ -s $dir/daemon.pid ]] && kill -0 "$(<"$dir/daemon.pid")" 2>/dev/null && daemon_up "$lane"; then
    return 0
  fi
  rm -f "$dir/socket"
  NIX_CONF_DIR=$dir/etc NIX_DAEMON_SOCKET_PATH=$dir/socket \
    setsid "$NIX_BIN/nix-daemon" </dev/null >>"$dir/daemon.log" 2>&1 &
  echo $! >"$dir/daemon.pid"
  for _ in $(seq 50); do
    daemon_up "$lane" && {
      log "$lane: nix-daemon $(<"$dir/daemon.pid") on $dir/socket"
      return 0
    }
    sleep 0.2
  done
  die "the $lane lane's nix-daemon did not answer (see $dir/daemon.log)"
}

stop_daemon() { # lane
  local dir pid
  dir=$(lane_dir "$1")
  [[ -s $dir/daemon.pid ]] || return 0
  pid=$(<"$dir/daemon.pid")
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  rm -f "$dir/daemon.pid"
}

write_lane() { # lane trusted-users
  local lane=$1 trusted=$2 dir
  dir=$(lane_dir "$lane")
  mkdir -p "$dir/etc" "$dir/bin"
  # The daemon's nix.conf, as an installer writes /etc/nix/nix.conf. The action may append to it (with sudo).
  cat >"$dir/etc/nix.conf" <<EOF
build-users-group = nixbld
trusted-users = $trusted
experimental-features = nix-command flakes
sandbox = false
substituters =
EOF
  chmod 0644 "$dir/etc/nix.conf"
  # STAND-IN for systemd, which does not run here: `systemctl restart nix-daemon[.service]` restarts
  # this lane's daemon, as it would the nix-daemon unit on a runner. Anything else is refused.
  cat >"$dir/bin/systemctl" <<EOF
#!/bin/bash
case "\$*" in
  "restart nix-daemon" | "restart nix-daemon.service") exec bash $REPO_DIR/scripts/runner-lane.sh restart $lane ;;
  *) echo "systemctl stand-in: only 'restart nix-daemon' is supported, not: \$*" >&2; exit 1 ;;
esac
EOF
  chmod 0755 "$dir/bin/systemctl"
}

cmd_setup() {
  command -v sudo >/dev/null || die "sudo is not installed (scripts/install-stack.sh installs it)"
  getent group nixbld >/dev/null || groupadd --system nixbld
  for i in $(seq "$BUILD_USERS"); do
    id "nixbld$i" >/dev/null 2>&1 || useradd --system --no-create-home --home-dir /var/empty --shell /usr/sbin/nologin -g nixbld -G nixbld "nixbld$i"
  done
  local u
  for u in "$USER_NAME" "$NOSUDO_USER"; do
    id "$u" >/dev/null 2>&1 || useradd --create-home --shell /bin/bash "$u"
    # The Docker socket's group, as on GitHub's runners.
    usermod -aG "$(stat -c %G /var/run/docker.sock)" "$u"
    # The per-user runtime directory logind makes on a runner (podman keeps its login there).
    install -d -m 0700 -o "$u" -g "$u" "/run/user/$(id -u "$u")"
  done
  echo "$USER_NAME ALL=(ALL) NOPASSWD:ALL" >/etc/sudoers.d/nca-runner
  chmod 0440 /etc/sudoers.d/nca-runner
  # The daemon's socket directories must be reachable by the user.
  mkdir -p "$LANES_DIR"
  chmod 0755 "$STACK_DIR" "$LANES_DIR"
  write_lane trusted "root $USER_NAME"
  write_lane untrusted "root"
  stop_daemon trusted
  stop_daemon untrusted
  start_daemon trusted
  start_daemon untrusted
  # The builder's client key and host key, readable by the runner (the stack keeps them root-only).
  local keys=$LANES_DIR/ssh
  mkdir -p "$keys"
  install -m 0600 -o "$USER_NAME" "$STACK_DIR/ssh/id_ed25519" "$keys/id_ed25519"
  chown "$USER_NAME" "$keys"
}

# The stack's environment as the runner sees it: the lane's Nix, its own copy of the ssh key, and no
# NIX_CONFIG (a runner's settings live in nix.conf; an untrusted user could not set most of them anyway).
lane_env_file() { # lane
  local lane=$1 dir file
  dir=$(lane_dir "$lane")
  file=$dir/stack-env
  (
    eval "$(bash "$REPO_DIR/scripts/stack.sh" env)"
    NIX_CONFIG=
    NCA_SSH_KEY=$LANES_DIR/ssh/id_ed25519
    for name in PATH NIX_CONFIG NCA_REGISTRY NCA_REGISTRY_USER NCA_REGISTRY_PASSWORD NCA_MIRROR NCA_MIRROR_USER NCA_MIRROR_PASSWORD NCA_SSH_KEY NCA_SSH_PORT NCA_SSH_HOST_KEY STACK_DIR; do
      printf 'export %s=%q\n' "$name" "${!name}"
    done
  ) >"$file"
  chmod 0644 "$file"
  echo "$file"
}

cmd_run() { # lane [jest args]
  local lane=${1:?usage: runner-lane.sh run trusted|untrusted [jest args]}
  shift
  [[ $lane == trusted || $lane == untrusted ]] || die "no lane '$lane': use trusted or untrusted"
  start_daemon "$lane"
  local dir home work env_file tests=()
  dir=$(lane_dir "$lane")
  home=$(getent passwd "$USER_NAME" | cut -d: -f6)
  env_file=$(lane_env_file "$lane")
  # The runner's own checkout of the project (its workspace), as actions/checkout leaves it.
  work=$home/work-$lane
  rm -rf "$work"
  mkdir -p "$work"
  (cd "$REPO_DIR" && tar --exclude=./node_modules --exclude=./.git -cf - .) | tar -xf - -C "$work"
  ln -s "$REPO_DIR/node_modules" "$work/node_modules"
  # fixture-repo.sh finds the real flocken beside the project.
  chown -R "$USER_NAME:" "$work"
  for t in "${LANE_TESTS[@]}"; do tests+=("__tests__/e2e/$t.test.ts"); done
  if [[ $lane == trusted ]]; then
    for t in "${TRUSTED_ONLY_TESTS[@]}"; do tests+=("__tests__/e2e/$t.test.ts"); done
  fi
  log "$lane: ${tests[*]} as $USER_NAME against $dir/socket"
  # The counts go to a file of the caller's (NCA_COUNTS), as in scripts/test.sh.
  sudo -u "$USER_NAME" -H env -i \
    HOME="$home" USER="$USER_NAME" LOGNAME="$USER_NAME" XDG_RUNTIME_DIR="/run/user/$(id -u "$USER_NAME")" PATH="$dir/bin:$NIX_BIN:$DOCKER_BIN:$NODE_BIN:/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin" \
    NIX_REMOTE=daemon NIX_DAEMON_SOCKET_PATH="$dir/socket" NIX_CONF_DIR="$dir/etc" \
    NCA_STACK_ENV="$env_file" NCA_VENDOR_DIR="${NCA_VENDOR_DIR:-$REPO_DIR/../shared/vendor}" NCA_LANE="$lane" \
    NCA_COUNTS="${NCA_COUNTS:-}" CI="${CI:-}" NODE_OPTIONS=--experimental-vm-modules \
    bash -c 'cd "$1" && shift && exec node node_modules/.bin/jest --ci --runInBand "$@"' lane "$work" "${tests[@]}" "$@"
}

case ${1:-} in
  setup) cmd_setup ;;
  run)
    shift
    cmd_run "$@"
    ;;
  restart)
    stop_daemon "${2:?lane}"
    start_daemon "$2"
    ;;
  *)
    echo "usage: $0 setup | run trusted|untrusted [jest args] | restart LANE" >&2
    exit 2
    ;;
esac
