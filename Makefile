# swift-mesos. The two commands: `make demo` (the main job) and `make test`.
SHELL := /bin/bash
export PATH := /opt/swift/usr/bin:$(PATH)

.PHONY: demo demo-throttler test deps build bench clean

## make demo: install missing Debian packages, build the local busybox image when a Docker engine
## answers, build, and run the DRF demo: a local master and agent (cpus:6;mem:8000), frameworks
## A, B and C, a live table, a summary and demo-shares.svg. DEMO_ARGS passes options, e.g.
## `make demo DEMO_ARGS=--duration=30`.
demo: deps
	@if docker info >/dev/null 2>&1; then ./.ci/test-image.sh; else echo "demo: no Docker engine answers: tasks run as host processes"; fi
	swift build
	.build/debug/swift-mesos-demo $(DEMO_ARGS)

## make demo-throttler: install missing Debian packages, build, and run the Throttler against a
## local HTTP target on a local master and agent; prints its events and report, stops everything.
## THROTTLER_ARGS passes options, e.g. `make demo-throttler THROTTLER_ARGS=--total-queries=500`.
demo-throttler: deps
	swift build
	.build/debug/swift-mesos-throttler-demo $(THROTTLER_ARGS)

## make test: install missing Debian packages, make sure a Docker engine runs (starting dockerd
## if needed, stopping it at the end), build the local test image, build without warnings, run
## every test.
test: deps
	@./.ci/test.sh

## Debian packages the build and the tests need (only the missing ones are installed).
deps:
	@./.ci/install-deps.sh

## make bench: every benchmark in a release build (about 15-20 minutes; .ci/bench.sh): each prints a
## table and writes JSON to bench-results/, then the results section of Docs/performance.md is
## rewritten from them. Starts dockerd for the launch benchmark when none answers.
bench: deps
	@./.ci/bench.sh

build: deps
	swift build

clean:
	rm -rf .build
