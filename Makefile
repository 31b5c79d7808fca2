# Harmony — developer entry points. `make run` and `make test` are all a newcomer needs.
SHELL := /bin/bash
.DEFAULT_GOAL := help

# CI builds treat warnings as errors.
export HARMONY_WERROR ?= $(if $(filter true 1 yes,$(CI)),ON,OFF)

RELEASE_DIR := build/release
DEBUG_DIR   := build/debug
ASAN_DIR    := build/asan-ubsan
HARMONYD    := $(RELEASE_DIR)/daemons/harmonyd/harmonyd

.PHONY: help deps test-deps build debug asan run test test-unit test-asan lint lint-format format fuzz bench clean image deb

help: ## Show the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

deps: ## Install the missing Debian packages the build needs
	@scripts/deps.sh

test-deps: deps ## Install what the integration and e2e tiers need as well
	@scripts/deps.sh test

$(RELEASE_DIR)/build.ninja:
	cmake --preset release
$(DEBUG_DIR)/build.ninja:
	cmake --preset debug
$(ASAN_DIR)/build.ninja:
	cmake --preset asan-ubsan

build: deps $(RELEASE_DIR)/build.ninja ## Build the Release programs
	cmake --build --preset release

debug: deps $(DEBUG_DIR)/build.ninja
	cmake --build --preset debug

asan: deps $(ASAN_DIR)/build.ninja
	cmake --build --preset asan-ubsan --target unit_tests

run: deps $(RELEASE_DIR)/build.ninja ## Start harmonyd on http://127.0.0.1:8080/ with its state under ./var (Ctrl-C stops it)
	cmake --build --preset release --target harmonyd
	@mkdir -p var
	@echo "harmonyd: open http://127.0.0.1:$${APP_PORT:-8080}/ (state in $(CURDIR)/var; Ctrl-C stops)"
	@HARMONY_PROFILE=local APP_HOST=$${APP_HOST:-127.0.0.1} exec $(HARMONYD)

test-unit: debug ## Run the unit tier only
	ctest --preset unit

test-asan: asan ## Run the unit tier under AddressSanitizer and UndefinedBehaviorSanitizer
	ctest --preset asan-ubsan

test: test-deps ## Install, build and run every tier (unit under ASan/UBSan too); ends with each stage's result
	@scripts/test-tiers.sh

lint: debug ## clang-format check and clang-tidy over the sources (~1 h of CPU; not in CI)
	@scripts/lint.sh $(DEBUG_DIR)

lint-format: ## clang-format check only (what CI runs beside the tiers)
	@scripts/lint.sh --format-only

fuzz: deps ## Run every libFuzzer target for FUZZ_SECONDS (default 600) each under ASan/UBSan (not in CI)
	@scripts/fuzz.sh

format: ## Reformat the sources with clang-format
	@git ls-files '*.cpp' '*.hpp' | xargs clang-format -i

bench: build ## Build the benchmarks and run them (results: docs/benchmarks.md)
	@for b in $(RELEASE_DIR)/bench/bench_*; do echo "== $$b"; $$b; done
	@bench/harmonyd/run.sh $(RELEASE_DIR)

IMAGE ?= harmony/harmonyd:latest
image: ## Build the harmonyd Docker image (multi-stage, docker/harmonyd/Dockerfile) as $(IMAGE)
	tests/harness/dockerd-up.sh
	tests/harness/images.sh bookworm
	DOCKER_BUILDKIT=0 docker build --network host -f docker/harmonyd/Dockerfile -t $(IMAGE) .
	@docker image ls $(IMAGE)

ARCH ?= $(shell dpkg --print-architecture)
deb: deps ## Build harmony_<version>_<arch>.deb under build/deb-$(ARCH) and lintian it (ARCH=amd64|arm64|armhf)
	@packaging/deb/build-deb.sh $(ARCH)

clean: ## Remove build output (keeps ./var)
	rm -rf build
