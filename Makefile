# Fresh machine: only python3 and make are needed.
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: run test venv lint clean bench

$(BIN)/reportparse: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $@

venv: $(BIN)/reportparse

run: venv
	$(BIN)/reportparse extract corpora/ --out out/

test: venv
	$(BIN)/ruff check $(wildcard reportparse tests corpora bench)
	$(BIN)/python -m pytest

bench: venv
	$(BIN)/python bench/bench.py

clean:
	rm -rf $(VENV) out .pytest_cache
