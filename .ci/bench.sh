#!/usr/bin/env bash
# bench.sh — every benchmark in a release build; JSON in bench-results/, then the results
# section of Docs/performance.md is rewritten from it. Starts dockerd for the launch benchmark
# when no Docker engine answers (and stops it at the end).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"

./.ci/docker-engine.sh up
trap './.ci/docker-engine.sh down' EXIT
./.ci/test-image.sh

swift build -c release
bench=.build/release/swift-mesos-bench
mkdir -p bench-results
failed=()
# A benchmark that fails does not stop the others; its old JSON is removed so the report
# does not show stale figures as this run's.
run() {
  local name=$1
  shift
  echo "==== bench: $name"
  if ! $bench "$@" --output "bench-results/$name.json"; then
    echo "bench: $name FAILED" >&2
    rm -f "bench-results/$name.json"
    failed+=("$name")
  fi
}
run allocator allocator
run codec codec
run http-client http-client
run load load --sweep 250 --sweep 500 --sweep 1000
run load-h2 load --http2
run scale scale
run scale-50k scale --agents 50000 --tasks 100000 --http2
# Rounds every second, frameworks declining with 5 s filters (as in scale-50k).
run scale-core scale-core --refuse-seconds 5 --round-interval 1
run growth growth
run launch launch
run failover failover
$bench report --input bench-results --document Docs/performance.md
if [ ${#failed[@]} -gt 0 ]; then
  echo "bench: failed: ${failed[*]}" >&2
  exit 1
fi
