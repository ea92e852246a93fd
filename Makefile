# modelgen: `make run` regenerates generated/ from specs/; `make test` runs the test suite.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# The peer generators of `make bench` / `make fidelity-gaps`, one venv each, at the versions measured.
PEERS ?= .peers

.PHONY: run test install install-test check fidelity fidelity-gaps fuzz bench peers full clean faults interpreters

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

install: $(BIN)/python
	$(BIN)/python -m pip install -q -e .

install-test: $(BIN)/python
	$(BIN)/python -m pip install -q -e '.[test]'

run: install
	$(BIN)/modelgen

check: install
	$(BIN)/modelgen check

test: install-test
	$(BIN)/python -m pytest

full: install-test
	MODELGEN_FULL=1 $(BIN)/python -m pytest

fidelity: install-test
	MODELGEN_FULL=1 $(BIN)/python -m pytest tests/test_fidelity.py

# Re-list the known gaps from a full measurement (20 instances per component, both OpenAI specs).
fidelity-gaps: install-test peers
	$(BIN)/python bench/fidelity.py --peers-dir $(PEERS) --update-gaps

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

fuzz: install-test
	MODELGEN_FULL=1 $(BIN)/python -m pytest tests/test_fuzz.py

bench: install peers
	$(BIN)/python bench/bench.py --peers-dir $(PEERS)

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache
