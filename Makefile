# Fresh machine: only python3 and make are needed.
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: run test venv sysdeps lint clean bench accuracy

# `make run` installs only what running needs (core + xlsx); `make test` / `make venv` add the
# test extras (pytest, ruff, PDF generators, matplotlib, duckdb, dask) into the same venv.
$(BIN)/python:
	@$(PY) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
	  { echo "reportparse needs Python >= 3.11; $(PY) is $$($(PY) --version 2>&1). Use: make PY=python3.11"; exit 1; }
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.run-deps: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e '.[xlsx]'
	touch $@

$(VENV)/.test-deps: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $(VENV)/.run-deps $@

venv: $(VENV)/.test-deps

run: $(VENV)/.run-deps
	$(BIN)/reportparse extract corpora/ --out out/

# System packages for the tests: CJK fonts (PDF generation, charts), Noto CJK (a CFF font for the
# PDFium cross-check) and chromium (the inspect --html browser test). Installed when apt-get and root
# are available; otherwise those tests skip outside CI.
SYSDEPS := fonts-wqy-zenhei fonts-arphic-ukai fonts-arphic-uming fonts-noto-cjk chromium
sysdeps:
	@if command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
	  missing=""; for p in $(SYSDEPS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	  if [ -n "$$missing" ]; then echo "root with apt-get: installing system packages$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; fi; \
	else echo "(not root or no apt-get: skipping system packages $(SYSDEPS))"; fi

test: sysdeps venv
	$(BIN)/ruff check $(wildcard reportparse tests corpora bench)
	$(BIN)/python -m pytest -n 2 --dist loadgroup

bench: venv
	$(BIN)/python bench/bench.py

accuracy: venv
	$(BIN)/python bench/accuracy.py --pdf

clean:
	rm -rf $(VENV) out .pytest_cache
