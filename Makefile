# The two commands of the README:
#   make run   — install what is missing, build, start the platform with demo data
#   make test  — install what is missing, build, run every test tier that needs no GPU
# Other targets are the steps they are made of.

JOBS ?= $(shell nproc)
DATA_DIR ?= .data
LISTEN ?= 127.0.0.1:8080
BUILD_RELEASE := build/release
BUILD_DEBUG := build/debug
BUILD_FUZZ := build/fuzz
PRECINCT := $(BUILD_RELEASE)/apps/precinct/precinct

.PHONY: run test setup build web release debug fuzz test-unit test-debug test-e2e test-fuzz bench clean

run: setup build
	$(PRECINCT) serve --data-dir $(DATA_DIR) --listen $(LISTEN) --demo

test: setup build debug fuzz
	scripts/test

setup:
	scripts/setup

build: release web

web:
	cd web && npm run build

release:
	cmake --preset release >/dev/null
	cmake --build --preset release -j $(JOBS)

debug:
	cmake --preset debug >/dev/null
	cmake --build --preset debug -j $(JOBS)

fuzz:
	cmake --preset fuzz >/dev/null
	cmake --build --preset fuzz -j $(JOBS)

bench: setup build
	bench/http/run.sh

clean:
	rm -rf build web/dist
