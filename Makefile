# modelgen: `make run` regenerates generated/ from specs/; `make test` runs the test suite.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: run test install install-test check fidelity fuzz bench full clean

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

fuzz: install-test
	MODELGEN_FULL=1 $(BIN)/python -m pytest tests/test_fuzz.py

bench: install
	$(BIN)/python bench/bench.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache
