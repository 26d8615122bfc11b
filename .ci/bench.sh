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
$bench allocator --output bench-results/allocator.json
$bench load --sweep 250 --sweep 500 --sweep 1000 --output bench-results/load.json
$bench scale --output bench-results/scale.json
$bench scale-core --output bench-results/scale-core.json
$bench launch --output bench-results/launch.json
$bench failover --output bench-results/failover.json
$bench report --input bench-results --document Docs/performance.md
