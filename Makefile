# Two entry points for a fresh machine:
#   make run   — install, build and validate the store, print its summary, serve the API
#   make test  — install and run the whole test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

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
	$(BIN)/mea-graph serve --host $(HOST) --port $(PORT)

test: setup
	$(BIN)/ruff check .
	$(BIN)/mypy src/mea_graph --ignore-missing-imports
	$(BIN)/python -m pytest

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy src/mea_graph --ignore-missing-imports

clean:
	rm -rf $(VENV) var .pytest_cache

.PHONY: bench-extraction
bench-extraction: setup
	$(BIN)/python -m bench.extraction

# Benchmarks of issue 6 (not part of CI): bench/harness, results in bench/results/ and
# docs/performance.md. bench-quick runs 100k only (issue 6 asks for under 3 minutes; its
# first run took 3 min 18 s on a shared 2-core machine).
.PHONY: bench bench-quick
bench: setup
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	$(BIN)/python -m bench.harness --sizes 100k,1M,5M --repeats 10 --timeout 60 --load-seconds 10

bench-quick: setup
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	$(BIN)/python -m bench.harness --sizes 100k --repeats 5 --timeout 10 --load-seconds 2
