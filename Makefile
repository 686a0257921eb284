# The two commands in the README:
#   make build   (make serve for live preview)   builds the site into site/
#   make test                                     runs every check and test
# Both create .venv and install what they need, including Debian's chromium for tests.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: build serve test check lint schema browser clean

build: $(STAMP)
	$(BIN)/python -m tools.build

serve: $(STAMP)
	$(BIN)/mkdocs serve --strict

test: $(STAMP) browser
	$(BIN)/ruff check macros tools tests bench
	$(BIN)/python -m tools.schema --check
	$(BIN)/python -m tools.check
	$(BIN)/python -m pytest

check: $(STAMP)
	$(BIN)/python -m tools.check

schema: $(STAMP)
	$(BIN)/python -m tools.schema

browser:
	@tools/ensure-chromium.sh

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (found " + sys.version.split()[0] + "); set PYTHON=python3.11")'
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

clean:
	rm -rf site dist .site-new-* .site-old-* .pytest_cache
