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
# docs/performance.md. `bench` measures every peer at 100k and 1M (the targets are at 1M),
# then 5M without rdflib-endpoint, which at 5M needs minutes per query and a reload of
# minutes after each timeout. bench-quick runs 100k only, in under 3 minutes.
.PHONY: bench bench-quick
bench: setup
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	$(BIN)/python -m bench.harness --sizes 100k,1M --repeats 5 --timeout 10 --load-seconds 5
	$(BIN)/python -m bench.harness --sizes 5M --peers abce --repeats 5 --timeout 30 --load-seconds 5

bench-quick: setup
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	$(BIN)/python -m bench.harness --sizes 100k --repeats 3 --timeout 10 --load-seconds 2
