#!/usr/bin/env bash
# docker-engine.sh up   — makes sure a Docker engine answers; starts dockerd in the background
#                         when none does and we are root (remembering that we did).
# docker-engine.sh down — stops the dockerd that `up` started, and only that one.
set -euo pipefail
state_dir="${SWIFT_MESOS_STATE_DIR:-/tmp/swift-mesos-ci}"
pid_file="$state_dir/dockerd.pid"
mkdir -p "$state_dir"

case "${1:-up}" in
up)
  if docker info >/dev/null 2>&1; then
    echo "docker-engine: a Docker engine is reachable"
    exit 0
  fi
  if [ "$(id -u)" -ne 0 ]; then
    echo "docker-engine: no Docker engine reachable and not root, so cannot start dockerd: start it (e.g. 'sudo dockerd &') and retry" >&2
    exit 1
  fi
  if ! command -v dockerd >/dev/null 2>&1; then
    echo "docker-engine: dockerd not installed (Debian package docker.io)" >&2
    exit 1
  fi
  echo "docker-engine: starting dockerd (log: $state_dir/dockerd.log)"
  nohup dockerd >"$state_dir/dockerd.log" 2>&1 </dev/null &
  echo $! >"$pid_file"
  for _ in $(seq 1 60); do
    if docker info >/dev/null 2>&1; then
      echo "docker-engine: dockerd is up"
      exit 0
    fi
    sleep 0.5
  done
  echo "docker-engine: dockerd did not come up in 30 s; its log:" >&2
  tail -n 30 "$state_dir/dockerd.log" >&2 || true
  exit 1
  ;;
down)
  if [ -f "$pid_file" ]; then
    pid=$(cat "$pid_file")
    if kill -0 "$pid" 2>/dev/null; then
      echo "docker-engine: stopping the dockerd we started (pid $pid)"
      kill "$pid" || true
      for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
      kill -9 "$pid" 2>/dev/null || true
    fi
    rm -f "$pid_file"
  fi
  ;;
*)
  echo "usage: $0 up|down" >&2
  exit 2
  ;;
esac
