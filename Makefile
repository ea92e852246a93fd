# modelgen: `make run` regenerates generated/ from specs/; `make test` runs the test suite.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# The peer generators of `make bench` / `make fidelity-gaps`, one venv each, at the versions measured.
PEERS ?= .peers

.PHONY: run test install install-test check golden fidelity fidelity-gaps fuzz bench peers full clean
.PHONY: faults interpreters bench-targets
.PHONY: typeddict-fidelity
.PHONY: install-site chromium docs-site docs-browser-test bench-site
# `make docs-site`: the docs site of this spec, served on 127.0.0.1.
SITE_SPEC ?= specs/realtime.yaml
SITE_OUT ?= build/docs-site
SITE_LINK_BASE ?= https://platform.openai.com
SITE_PORT ?= 8000

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

install: $(BIN)/python
	$(BIN)/python -m pip install -q -e .

install-test: $(BIN)/python
	$(BIN)/python -m pip install -q -e '.[test,site]'
	$(BIN)/python -m modelgen.site.assets >/dev/null

# The docs site's generator and theme, and mermaid's script (npm registry, pinned).
install-site: $(BIN)/python
	$(BIN)/python -m pip install -q -e '.[site]'
	$(BIN)/python -m modelgen.site.assets >/dev/null

# Debian's Chromium for the browser tests (Playwright drives it; no browser download).
chromium:
	@test -x /usr/bin/chromium || { apt-get update -qq && apt-get install -y -qq chromium; }

docs-site: install-site
	$(BIN)/modelgen docs $(SITE_SPEC) -o $(SITE_OUT) --site --link-base $(SITE_LINK_BASE)
	@echo "docs site: http://127.0.0.1:$(SITE_PORT)/  (Ctrl-C stops)"
	$(BIN)/python -m http.server $(SITE_PORT) --bind 127.0.0.1 --directory $(SITE_OUT)/site

docs-browser-test: install-test chromium
	MODELGEN_BROWSER=1 $(BIN)/python -m pytest -rP tests/test_site_browser.py

# Site build against Markdown generation, 2026-08 spec (also part of `make bench`).
bench-site: install-site
	$(BIN)/python bench/site.py

run: install
	$(BIN)/modelgen

check: install
	$(BIN)/modelgen check

test: install-test
	$(BIN)/python -m pytest --require-shared

# Rewrite tests/cases/*/expected/ from the current code (review the diff before committing).
golden: install-test
	$(BIN)/python -m tests.golden

full: install-test
	$(BIN)/python -m pytest --require-shared -m ""

fidelity: install-test
	$(BIN)/python -m pytest --require-shared -m fidelity tests/test_fidelity.py

# The same measurement for --target dataclasses (gaps: tests/fidelity_gaps_dataclasses.json).
.PHONY: dataclasses-fidelity
dataclasses-fidelity: install-test
	$(BIN)/python -m pytest --require-shared -s -m fidelity tests/test_target_dataclasses_real.py -k fidelity

# Re-list the known gaps from a full measurement (every component of both OpenAI specs:
# 2024-12-18 20 instances each, 2026-08 10 instances and 15 s each; 2 processes make them).
FID_2024 = ../shared/specs/openai/openai-2024-12-18.yaml
FID_2026 = ../shared/specs/openai/openai-2026-08.yaml --examples 10 --timeout 15
fidelity-gaps: install-test peers
	$(BIN)/python bench/fidelity.py $(FID_2024) --peers-dir $(PEERS) --update-gaps
	$(BIN)/python bench/fidelity.py $(FID_2026) --peers-dir $(PEERS) --update-gaps

# The same for the other targets (same instances; gaps in tests/fidelity_gaps_<target>.json).
.PHONY: fidelity-targets
fidelity-targets: install-test
	for t in msgspec dataclasses; do for s in "$(FID_2024)" "$(FID_2026)"; do \
	  $(BIN)/python bench/fidelity.py $$s --peers-dir /nonexistent --target $$t --update-gaps || exit 1; \
	done; done

# How many valid instances type-check against --target typeddict (mypy); gaps by reason
# (every component of both specs, the instances of make fidelity-gaps; minutes of mypy).
TD_FIDELITY = $(BIN)/python bench/typeddict_fidelity.py --update-gaps
typeddict-fidelity: install-test
	$(TD_FIDELITY) $(FID_2024)
	$(TD_FIDELITY) $(FID_2026)

peers: $(PEERS)/dcg/bin/datamodel-codegen $(PEERS)/opc/bin/openapi-python-client $(PEERS)/oag/bin/openapi-generator-cli

$(PEERS)/dcg/bin/datamodel-codegen:
	$(PYTHON) -m venv $(PEERS)/dcg
	$(PEERS)/dcg/bin/python -m pip install -q datamodel-code-generator==0.89.0 black==26.10.1 isort==8.0.1

$(PEERS)/opc/bin/openapi-python-client:
	$(PYTHON) -m venv $(PEERS)/opc
	$(PEERS)/opc/bin/python -m pip install -q openapi-python-client==0.29.1 ruff==0.17.6

$(PEERS)/oag/bin/openapi-generator-cli:
	$(PYTHON) -m venv $(PEERS)/oag
	$(PEERS)/oag/bin/python -m pip install -q openapi-generator-cli==7.26.0

# Fault injection on the OpenAI specs (signals, full disks, races, damaged caches and
# manifests); prints each fault with how often it was injected and the outcomes.
faults: install-test
	$(BIN)/python -m pytest -s -m faults tests/test_faults.py

# The same spec generated under every Python >= 3.11 found on the machine: same bytes.
interpreters: install-test
	$(BIN)/python -m pytest -s -m interpreters tests/test_interpreters.py

# mypy --strict over every corpus spec's package for msgspec, typeddict and dataclasses
# (one target: `make corpus-mypy CORPUS_TARGET=msgspec`); prints seconds and files per spec.
.PHONY: corpus-mypy
corpus-mypy: install-test
	nice -n 10 $(BIN)/python -m pytest --require-shared -s -m corpus_mypy tests/test_corpus_mypy.py $(if $(CORPUS_TARGET),-k $(CORPUS_TARGET))

fuzz: install-test
	$(BIN)/python -m pytest --require-shared -m fuzz tests/test_fuzz.py

bench: install peers
	$(BIN)/python bench/bench.py --peers-dir $(PEERS)
	$(BIN)/python bench/imports.py
	$(MAKE) bench-site
	$(MAKE) bench-targets

# Every target in one run: cold generation of both OpenAI specs, import of
# one model, decoding of the docs' example payloads (ratios to pydantic).
bench-targets: install-test
	$(BIN)/python bench/targets.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache
