# swift-mesos. The two commands: `make demo` (not built yet, see README) and `make test`.
SHELL := /bin/bash
export PATH := /opt/swift/usr/bin:$(PATH)

.PHONY: test deps build bench clean

## make test: install missing Debian packages, make sure a Docker engine runs (starting dockerd
## if needed, stopping it at the end), build the local test image, build without warnings, run
## every test.
test: deps
	@./.ci/test.sh

## Debian packages the build and the tests need (only the missing ones are installed).
deps:
	@./.ci/install-deps.sh

## Benchmarks (release build): prints tables, writes JSON to bench-results/.
bench: deps
	swift build -c release --product swift-mesos-bench
	@mkdir -p bench-results
	.build/release/swift-mesos-bench allocator --output bench-results/allocator.json

build: deps
	swift build

clean:
	rm -rf .build
