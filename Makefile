# The two commands a newcomer needs: `make demo` and `make test`. Both install what is missing first.
BUILD ?= build
JOBS ?= 2
BIN := $(BUILD)/oidc-doctor

.PHONY: all setup build demo test clean

all: build

setup:
	@scripts/setup.sh

build: setup
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)

demo: build
	@echo "== oidc-doctor lint examples/acme-outsystems-okta.yaml (a demo config with deliberate defects)"
	@$(BIN) lint examples/acme-outsystems-okta.yaml --today 2026-11-22 --no-resolve-secrets; \
	  rc=$$?; echo "== exit code $$rc (1 = findings at or above the threshold)"; [ $$rc -le 1 ]
	@BIN=$(BIN) scripts/demo-preflight.sh

test: build
	@ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS)

clean:
	rm -rf $(BUILD)
