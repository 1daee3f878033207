# Fresh machine: only python3 and make are needed.
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: run test venv sysdeps lint clean bench accuracy

$(BIN)/reportparse: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $@

venv: $(BIN)/reportparse

run: venv
	$(BIN)/reportparse extract corpora/ --out out/

# System packages for the tests: CJK fonts (PDF generation, charts), Noto CJK (a CFF font for the
# PDFium cross-check) and chromium (the inspect --html browser test). Installed when apt-get and root
# are available; otherwise those tests skip outside CI.
SYSDEPS := fonts-wqy-zenhei fonts-arphic-ukai fonts-arphic-uming fonts-noto-cjk chromium
sysdeps:
	@if command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
	  missing=""; for p in $(SYSDEPS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	  if [ -n "$$missing" ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; fi; \
	else echo "(not root or no apt-get: skipping system packages $(SYSDEPS))"; fi

test: sysdeps venv
	$(BIN)/ruff check $(wildcard reportparse tests corpora bench)
	$(BIN)/python -m pytest

bench: venv
	$(BIN)/python bench/bench.py

accuracy: venv
	$(BIN)/python bench/accuracy.py --pdf

clean:
	rm -rf $(VENV) out .pytest_cache
