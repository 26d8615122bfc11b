# swift-mesos. The two commands: `make demo` (not built yet, see README) and `make test`.
SHELL := /bin/bash
export PATH := /opt/swift/usr/bin:$(PATH)

.PHONY: test deps build clean

## make test: install missing Debian packages, make sure a Docker engine runs (starting dockerd
## if needed, stopping it at the end), build the local test image, build without warnings, run
## every test.
test: deps
	@./.ci/test.sh

## Debian packages the build and the tests need (only the missing ones are installed).
deps:
	@./.ci/install-deps.sh

build: deps
	swift build

clean:
	rm -rf .build
