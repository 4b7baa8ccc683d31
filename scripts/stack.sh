#!/usr/bin/env bash
# The local test stack: two Docker daemons (classic and containerd image store), QEMU binfmt, OCI registries and sshd, all on loopback.
#
#   scripts/stack.sh start    start whatever is not running yet (idempotent)
#   scripts/stack.sh stop     stop what `start` started (pid files under $STACK_DIR)
#   scripts/stack.sh status   one line per service
#   scripts/stack.sh env      export lines for a shell (`eval "$(scripts/stack.sh env)"`) or a test
#
# State lives under ${STACK_DIR:-/var/tmp/nca-stack}. Run as root; packages come from scripts/install-stack.sh.
set -euo pipefail

REPO_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# Machine-wide, like the services themselves (ports, the Docker socket): every clone shares one stack.
STACK_DIR=${STACK_DIR:-/var/tmp/nca-stack}
[[ $STACK_DIR == /* ]] || STACK_DIR=$PWD/$STACK_DIR

REGISTRY_ADDR=127.0.0.1:5000
REGISTRY_USER=nca
REGISTRY_PASSWORD=nca-test-password
# A second registry with its own login: a flake that pushes to two registries (flocken's registries).
MIRROR_ADDR=127.0.0.1:5001
MIRROR_USER=mirror
MIRROR_PASSWORD=mirror-test-password
SSH_PORT=2222
# Docker as runners have it (Debian sid's 28.5, scripts/install-modern-docker.sh): the classic image
# store on the default socket, as on ubuntu-24.04, and the containerd image store on a second daemon,
# as on ubuntu-26.04 (DOCKER_HOST=unix://$CONTAINERD_DOCKER_SOCKET).
DOCKER_BIN=/opt/docker-sid/bin
# podman 5.8 and skopeo 1.22, as runners have (scripts/install-modern-podman.sh).
PODMAN_BIN=/opt/podman-modern/bin
DOCKER_VERSION=28.5
DOCKER_SOCKET=/var/run/docker.sock
CONTAINERD_DOCKER_SOCKET=/var/run/nca-docker-containerd.sock
FIXTURE_DIR=/opt/nca-fixture
# The Nix the tests run, first on PATH: Debian sid's 2.34, as new as runners have, or with
# NCA_NIX_BIN=/opt/nix-modern/bin trixie's 2.26, the oldest supported (scripts/install-modern-nix.sh).
# The system's Nix 2.8 stays installed (Debian's podman and the like do not need it) but is not tested.
MODERN_NIX_BIN=${NCA_NIX_BIN:-/opt/nix-sid/bin}
SSH_DIR=$STACK_DIR/ssh
SSH_KEY=$SSH_DIR/id_ed25519
WAIT_SECONDS=${STACK_WAIT_SECONDS:-30}
NIX_CONFIG_VALUE=$'experimental-features = nix-command flakes\nsubstituters =\nsandbox = false\nbuild-users-group ='

log() { echo "stack: $*" >&2; }
die() {
  log "error: $*"
  exit 1
}

# --- helpers -------------------------------------------------------------------------------------

pid_alive() { # pidfile
  local pid
  [[ -s $1 ]] || return 1
  pid=$(<"$1")
  [[ $pid =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null
}

# Wait until "$@" succeeds, at most WAIT_SECONDS.
wait_for() { # command...
  local deadline=$((SECONDS + WAIT_SECONDS))
  until "$@" >/dev/null 2>&1; do
    ((SECONDS < deadline)) || return 1
    sleep 0.2
  done
}

# Start a program detached from the calling shell (own session, no inherited stdio), record its pid.
spawn() { # pidfile logfile command...
  local pidfile=$1 logfile=$2
  shift 2
  setsid "$@" </dev/null >>"$logfile" 2>&1 &
  echo $! >"$pidfile"
}

stop_pidfile() { # name pidfile
  local name=$1 pidfile=$2 pid i
  if ! pid_alive "$pidfile"; then
    rm -f "$pidfile"
    return 0
  fi
  pid=$(<"$pidfile")
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 150; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.2
  done
  if kill -0 "$pid" 2>/dev/null; then
    log "$name (pid $pid) did not stop in 30 s: killing it"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$pidfile"
  log "$name stopped"
}

docker_ok() { timeout 10 "$DOCKER_BIN/docker" -H "unix://$1" info >/dev/null 2>&1; }
docker_version() { timeout 10 "$DOCKER_BIN/docker" -H "unix://$1" version --format '{{.Server.Version}}' 2>/dev/null || true; }
registry_code() { curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://${1:-$REGISTRY_ADDR}/v2/" || true; }
registry_ok() { [[ $(registry_code "${1:-$REGISTRY_ADDR}") == 401 ]]; }
binfmt_ok() { [[ $("$FIXTURE_DIR/busybox-aarch64" uname -m 2>/dev/null) == aarch64 ]]; }
ssh_cmd() {
  ssh -p "$SSH_PORT" -i "$SSH_KEY" -o BatchMode=yes -o StrictHostKeyChecking=no \
    -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR -o ConnectTimeout=5 root@127.0.0.1 "$@"
}
ssh_ok() { [[ -s $SSH_KEY ]] && ssh_cmd nix-store --version >/dev/null 2>&1; }

# --- services ------------------------------------------------------------------------------------

# NAME SOCKET CONFIG-JSON: a Docker 28.5 daemon with its own containerd (dockerd starts it, from the
# prefix first on PATH), data-root and exec-root, so the classic-store and containerd-store daemons
# never share state. A daemon of another version answering on SOCKET (the system's 20.10, started by
# an older stack) is ours to replace when its pid file is ours.
start_dockerd() {
  local name=$1 socket=$2 config=$3 dir=$STACK_DIR/$1
  if docker_ok "$socket"; then
    if [[ $(docker_version "$socket") == "$DOCKER_VERSION"* ]]; then
      log "$name: already answering on $socket"
      return 0
    fi
    pid_alive "$STACK_DIR/$name.pid" || die "another Docker ($(docker_version "$socket")) answers on $socket: stop it first"
    log "$name: Docker $(docker_version "$socket") answers, replacing it with $DOCKER_VERSION"
    stop_pidfile "$name" "$STACK_DIR/$name.pid"
  fi
  if pid_alive "$STACK_DIR/$name.pid"; then
    log "$name: started earlier, waiting for it"
  else
    mkdir -p "$dir/data" "$dir/exec"
    printf '%s\n' "$config" >"$dir/daemon.json"
    spawn "$STACK_DIR/$name.pid" "$STACK_DIR/$name.log" \
      env PATH="$DOCKER_BIN:$PATH" dockerd --config-file="$dir/daemon.json" \
      --iptables=false --ip-forward=false --ip-masq=false --bridge=none \
      --data-root="$dir/data" --exec-root="$dir/exec" --pidfile="$dir/dockerd.pid" --host="unix://$socket"
  fi
  wait_for docker_ok "$socket" || die "$name did not answer on $socket within ${WAIT_SECONDS}s (see $STACK_DIR/$name.log)"
  log "$name: Docker $(docker_version "$socket") started on $socket"
}

start_binfmt() {
  [[ -x $FIXTURE_DIR/busybox-aarch64 ]] || die "$FIXTURE_DIR/busybox-aarch64 missing: run scripts/install-stack.sh"
  if binfmt_ok; then
    log "binfmt: aarch64 programs already run"
    return 0
  fi
  if [[ ! -e /proc/sys/fs/binfmt_misc/register ]]; then
    mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc
  fi
  if [[ ! -e /proc/sys/fs/binfmt_misc/qemu-aarch64 ]]; then
    if ! update-binfmts --enable qemu-aarch64 >/dev/null 2>&1; then
      # Register by hand, with the F flag so the interpreter works inside containers and builders.
      local qemu
      qemu=$(command -v qemu-aarch64-static) || die "qemu-aarch64-static not found"
      printf '%s' ":qemu-aarch64:M::\\x7f\\x45\\x4c\\x46\\x02\\x01\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x02\\x00\\xb7\\x00:\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\x00\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xfe\\xff\\xff\\xff:$qemu:FP" \
        >/proc/sys/fs/binfmt_misc/register
    fi
  fi
  [[ $(</proc/sys/fs/binfmt_misc/qemu-aarch64) == enabled* ]] || echo 1 >/proc/sys/fs/binfmt_misc/qemu-aarch64
  binfmt_ok || die "qemu-aarch64 is registered but $FIXTURE_DIR/busybox-aarch64 does not run"
  log "binfmt: qemu-aarch64 enabled"
}

start_registry() { # name addr user password
  local name=$1 addr=$2 user=$3 password=$4
  if registry_ok "$addr"; then
    log "$name: already answering on $addr"
    return 0
  fi
  local code
  code=$(registry_code "$addr")
  [[ $code == 000 ]] || die "something else answers on $addr (HTTP $code)"
  local dir=$STACK_DIR/$name
  mkdir -p "$dir/data"
  if [[ ! -s $dir/htpasswd ]]; then
    htpasswd -B -b -c "$dir/htpasswd.tmp" "$user" "$password" 2>/dev/null
    mv "$dir/htpasswd.tmp" "$dir/htpasswd"
  fi
  cat >"$dir/config.yml" <<EOF
version: 0.1
log:
  level: info
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $dir/data
  delete:
    enabled: true
  cache:
    blobdescriptor: inmemory
http:
  addr: $addr
  secret: nca-local-test-stack
auth:
  htpasswd:
    realm: nca-test-$name
    path: $dir/htpasswd
EOF
  spawn "$STACK_DIR/$name.pid" "$STACK_DIR/$name.log" docker-registry serve "$dir/config.yml"
  wait_for registry_ok "$addr" || die "$name did not answer 401 on http://$addr/v2/ within ${WAIT_SECONDS}s (see $STACK_DIR/$name.log)"
  log "$name: started on $addr"
}

start_sshd() {
  if pid_alive "$SSH_DIR/sshd.pid" && ssh_ok; then
    log "sshd: already answering on 127.0.0.1:$SSH_PORT"
    return 0
  fi
  mkdir -p "$SSH_DIR" /run/sshd
  chmod 700 "$SSH_DIR"
  [[ -s $SSH_DIR/ssh_host_ed25519_key ]] || ssh-keygen -q -t ed25519 -N '' -C nca-stack-host -f "$SSH_DIR/ssh_host_ed25519_key"
  [[ -s $SSH_KEY ]] || ssh-keygen -q -t ed25519 -N '' -C nca-stack-client -f "$SSH_KEY"
  cp "$SSH_KEY.pub" "$SSH_DIR/authorized_keys"

  # The "remote machine": every ssh session runs in its own mount namespace with $STACK_DIR/remote-nix
  # bound over /nix, so the builder has its own store (a remote builder sharing the client's store
  # deadlocks on the output locks), and its own nix.conf: an aarch64 builder by emulation.
  mkdir -p /nix "$STACK_DIR/remote-nix" "$SSH_DIR/remote-etc"
  cat >"$SSH_DIR/remote-etc/nix.conf" <<EOF
experimental-features = nix-command flakes
build-users-group =
sandbox = false
substituters =
extra-platforms = aarch64-linux
EOF
  cat >"$SSH_DIR/remote-session" <<EOF
#!/bin/bash
# sshd ForceCommand (written by scripts/stack.sh).
export NIX_CONF_DIR=$SSH_DIR/remote-etc
exec unshare --mount --propagation private -- /bin/bash -c '
  mount --bind "\$0" /nix || exit 1
  if [ -n "\${SSH_ORIGINAL_COMMAND:-}" ]; then exec /bin/bash -c "\$SSH_ORIGINAL_COMMAND"; fi
  exec /bin/bash -l' "$STACK_DIR/remote-nix"
EOF
  chmod 0755 "$SSH_DIR/remote-session"
  cat >"$SSH_DIR/sshd_config" <<EOF
Port $SSH_PORT
ListenAddress 127.0.0.1
HostKey $SSH_DIR/ssh_host_ed25519_key
PidFile $SSH_DIR/sshd.pid
AuthorizedKeysFile $SSH_DIR/authorized_keys
PermitRootLogin prohibit-password
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
PrintMotd no
AllowTcpForwarding no
X11Forwarding no
ForceCommand $SSH_DIR/remote-session
# Non-interactive sessions (nix-daemon --stdio, nix-store --serve) must find Nix.
SetEnv PATH=$MODERN_NIX_BIN:/nix/var/nix/profiles/default/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
EOF
  /usr/sbin/sshd -t -f "$SSH_DIR/sshd_config" || die "sshd rejects $SSH_DIR/sshd_config"
  rm -f "$SSH_DIR/sshd.pid"
  # sshd daemonises itself and writes its pid file; -E sends its log to a file.
  setsid /usr/sbin/sshd -f "$SSH_DIR/sshd_config" -E "$STACK_DIR/sshd.log" </dev/null >/dev/null 2>&1
  wait_for ssh_ok || die "ssh -p $SSH_PORT root@127.0.0.1 nix-store --version failed within ${WAIT_SECONDS}s (see $STACK_DIR/sshd.log)"
  log "sshd: started on 127.0.0.1:$SSH_PORT"
}

# --- commands ------------------------------------------------------------------------------------

cmd_start() {
  [[ $(id -u) -eq 0 ]] || die "must run as root"
  mkdir -p "$STACK_DIR"
  start_binfmt
  start_dockerd dockerd "$DOCKER_SOCKET" '{}'
  start_dockerd dockerd-containerd "$CONTAINERD_DOCKER_SOCKET" '{"features": {"containerd-snapshotter": true}}'
  start_registry registry "$REGISTRY_ADDR" "$REGISTRY_USER" "$REGISTRY_PASSWORD"
  start_registry mirror "$MIRROR_ADDR" "$MIRROR_USER" "$MIRROR_PASSWORD"
  start_sshd
}

cmd_stop() {
  stop_pidfile sshd "$SSH_DIR/sshd.pid"
  stop_pidfile mirror "$STACK_DIR/mirror.pid"
  stop_pidfile registry "$STACK_DIR/registry.pid"
  stop_pidfile dockerd-containerd "$STACK_DIR/dockerd-containerd.pid"
  stop_pidfile dockerd "$STACK_DIR/dockerd.pid"
}

# The local registry's images are test and bench leftovers: a bench push section leaves gigabytes.
cmd_prune_registry() {
  stop_pidfile registry "$STACK_DIR/registry.pid"
  rm -rf "$STACK_DIR/registry/data"
  start_registry registry "$REGISTRY_ADDR" "$REGISTRY_USER" "$REGISTRY_PASSWORD"
}

cmd_status() {
  local rc=0 line
  local name socket
  for name in dockerd dockerd-containerd; do
    socket=$DOCKER_SOCKET
    [[ $name == dockerd ]] || socket=$CONTAINERD_DOCKER_SOCKET
    line="$name: "
    if docker_ok "$socket"; then line+="Docker $(docker_version "$socket") on $socket"; else line+="stopped"; rc=1; fi
    pid_alive "$STACK_DIR/$name.pid" && line+=" (pid $(<"$STACK_DIR/$name.pid"))"
    echo "$line"
  done
  if binfmt_ok; then echo "binfmt: qemu-aarch64 enabled"; else echo "binfmt: qemu-aarch64 not working"; rc=1; fi
  line="registry: "
  if registry_ok; then line+="running on $REGISTRY_ADDR"; else line+="stopped"; rc=1; fi
  pid_alive "$STACK_DIR/registry.pid" && line+=" (pid $(<"$STACK_DIR/registry.pid"))"
  echo "$line"
  line="mirror registry: "
  if registry_ok "$MIRROR_ADDR"; then line+="running on $MIRROR_ADDR"; else line+="stopped"; rc=1; fi
  echo "$line"
  line="sshd: "
  if ssh_ok; then line+="running on 127.0.0.1:$SSH_PORT"; else line+="stopped"; rc=1; fi
  pid_alive "$SSH_DIR/sshd.pid" && line+=" (pid $(<"$SSH_DIR/sshd.pid"))"
  echo "$line"
  return $rc
}

# Quote for the shell in one line: '...' normally, $'...' (escapes \\ \' \n only) when there is a newline.
# __tests__/helpers/fixture.ts parses exactly these two forms.
shell_quote() {
  local v=$1
  if [[ $v == *$'\n'* ]]; then
    v=${v//\\/\\\\}
    v=${v//\'/\\\'}
    v=${v//$'\n'/\\n}
    printf "\$'%s'" "$v"
  else
    printf "'%s'" "${v//\'/\'\\\'\'}"
  fi
}

# shellcheck disable=SC2034 # NCA_SSH_HOST_KEY is read through ${!name}
cmd_env() {
  local name
  # The builder's host key as a nix.conf `builders` line wants it (base64 of the public key line).
  NCA_SSH_HOST_KEY=
  if [[ -s $SSH_DIR/ssh_host_ed25519_key.pub ]]; then
    NCA_SSH_HOST_KEY=$(base64 -w0 "$SSH_DIR/ssh_host_ed25519_key.pub")
  fi
  for name in PATH NIX_CONFIG NCA_CONTAINERD_DOCKER_HOST NCA_REGISTRY NCA_REGISTRY_USER NCA_REGISTRY_PASSWORD NCA_MIRROR NCA_MIRROR_USER NCA_MIRROR_PASSWORD NCA_SSH_KEY NCA_SSH_PORT NCA_SSH_HOST_KEY STACK_DIR; do
    printf 'export %s=%s\n' "$name" "$(shell_quote "${!name}")"
  done
}

# The modern Nix, Docker and podman first; the caller's PATH after them, without earlier copies of those entries.
for bin in "$MODERN_NIX_BIN" "$DOCKER_BIN" "$PODMAN_BIN"; do PATH=${PATH//$bin:/}; done
PATH=$MODERN_NIX_BIN:$DOCKER_BIN:$PODMAN_BIN:$PATH
# shellcheck disable=SC2034
NCA_CONTAINERD_DOCKER_HOST=unix://$CONTAINERD_DOCKER_SOCKET
# shellcheck disable=SC2034 # read by cmd_env through ${!name}
NIX_CONFIG=$NIX_CONFIG_VALUE
# shellcheck disable=SC2034
NCA_REGISTRY=$REGISTRY_ADDR
# shellcheck disable=SC2034
NCA_REGISTRY_USER=$REGISTRY_USER
# shellcheck disable=SC2034
NCA_REGISTRY_PASSWORD=$REGISTRY_PASSWORD
# shellcheck disable=SC2034
NCA_MIRROR=$MIRROR_ADDR
# shellcheck disable=SC2034
NCA_MIRROR_USER=$MIRROR_USER
# shellcheck disable=SC2034
NCA_MIRROR_PASSWORD=$MIRROR_PASSWORD
# shellcheck disable=SC2034
NCA_SSH_KEY=$SSH_KEY
# shellcheck disable=SC2034
NCA_SSH_PORT=$SSH_PORT

case ${1:-} in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  env) cmd_env ;;
  prune-registry) cmd_prune_registry ;;
  *)
    echo "usage: $0 start|stop|status|env|prune-registry" >&2
    exit 2
    ;;
esac
