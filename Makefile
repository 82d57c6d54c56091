# The two commands a newcomer needs: `make demo` and `make test`. Both install what is missing first.
BUILD ?= build
JOBS ?= 2
BIN := $(BUILD)/oidc-doctor
# The sanitizer build (clang, ASan + UBSan, libFuzzer coverage): `make test` runs the offline
# suites and a short fuzz smoke per target in it; `make fuzz FUZZ_SECONDS=N` fuzzes each target.
ASAN_BUILD ?= build-asan
FUZZ_SECONDS ?= 60
FUZZ_TARGETS = config_yaml config_json diagnose_text diagnose_log diagnose_har token jwks import_export \
  machine_config classify discovery preflight_replay baseline

.PHONY: all setup build demo test clean asan-build fuzz

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

test: build asan-build
	@ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS)
	@ctest --test-dir $(ASAN_BUILD) --output-on-failure -j $(JOBS) -L 'offline|fuzz-smoke'

asan-build: setup
	@cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Asan -DCMAKE_CXX_COMPILER=clang++ >/dev/null
	@cmake --build $(ASAN_BUILD) -j $(JOBS) --target od-tests oidc-doctor $(addprefix fuzz-,$(FUZZ_TARGETS))

fuzz: asan-build
	@for t in $(FUZZ_TARGETS); do \
	  echo "== fuzz-$$t for $(FUZZ_SECONDS) s"; \
	  nice -n 19 tests/fuzz/run.sh $(ASAN_BUILD)/fuzz-$$t $$t $(FUZZ_SECONDS) $(ASAN_BUILD)/fuzz || exit 1; \
	done

clean:
	rm -rf $(BUILD) $(ASAN_BUILD)
