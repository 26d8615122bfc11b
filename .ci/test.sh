#!/usr/bin/env bash
# What `make test` runs: a Docker engine (started here if none runs, stopped again at the end),
# the local busybox test image, a warning-free build, then every test.
set -euo pipefail
cd "$(dirname "$0")/.."
swift=${SWIFT:-swift}

# Daemons and ZooKeeper servers a failed test may have left behind (they all live under
# temporary directories named swift-mesos-*) are stopped at the end, then the Docker engine this
# run started. Tests remove their own containers.
cleanup() {
  tmp="${TMPDIR:-/tmp}"
  pkill -f -- "--work_dir=$tmp/swift-mesos-" 2>/dev/null || true
  pkill -f -- "$tmp/swift-mesos-zk-" 2>/dev/null || true
  ./.ci/docker-engine.sh down
}
trap cleanup EXIT
./.ci/docker-engine.sh up
./.ci/test-image.sh

mkdir -p .build
echo "test: building (swift build --build-tests)"
set +e
$swift build --build-tests 2>&1 | tee .build/build.log
build_status=${PIPESTATUS[0]}
set -e
[ "$build_status" -eq 0 ] || { echo "test: build failed" >&2; exit "$build_status"; }
if grep -E "^$PWD/(Sources|Tests|Examples)/.*warning:" .build/build.log | sort -u | grep .; then
  echo "test: the build has warnings in our code (listed above); fix them" >&2
  exit 1
fi

# At most 12 tests at once: every test at once (Swift Testing's default) starts a dozen ZooKeeper
# JVMs, daemons and docker CLIs together on 2 cores, and the in-process parts of other tests then
# wait seconds for a core; the whole run takes no longer this way.
export SWT_EXPERIMENTAL_MAXIMUM_PARALLELIZATION_WIDTH=${SWT_EXPERIMENTAL_MAXIMUM_PARALLELIZATION_WIDTH:-12}
echo "test: running every test (swift test, at most $SWT_EXPERIMENTAL_MAXIMUM_PARALLELIZATION_WIDTH at once)"
$swift test --skip-build 2>&1 | tee .build/test.log
exit "${PIPESTATUS[0]}"
