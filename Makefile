# Two entry points for a fresh machine:
#   make run   — install, build and validate the store, print the graph's summary
#   make test  — install and run the whole test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: setup run build test lint clean

$(BIN)/mea-graph: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

setup: $(BIN)/mea-graph

build: setup
	$(BIN)/mea-graph build

run: build
	$(BIN)/mea-graph stats

test: setup
	$(BIN)/python -m pytest

lint: setup
	$(BIN)/ruff check .

clean:
	rm -rf $(VENV) var .pytest_cache
