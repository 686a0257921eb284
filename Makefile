# The two commands in the README:
#   make build   (make serve for live preview)   builds the site into site/ and the offline zip into dist/
#   make test                                     runs every check and test
# Both create .venv, install the pinned Python and npm packages, and install the Debian
# packages they need (node and npm; for tests also chromium and a Java runtime).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
NPM_STAMP := node_modules/.installed
SHIM   := docs/javascripts/vendor/iframe-worker-shim.js
export NO_MKDOCS_2_WARNING := 1

.PHONY: build serve test check lint schema system-build system-test clean

build: system-build $(STAMP) $(SHIM)
	$(BIN)/python -m tools.build

serve: system-build $(STAMP) $(SHIM)
	$(BIN)/mkdocs serve --strict

test: system-test $(STAMP) $(SHIM)
	$(BIN)/ruff check macros tools tests bench
	$(BIN)/python -m tools.schema --check
	$(BIN)/python -m tools.check
	$(BIN)/python -m pytest

check: $(STAMP)
	$(BIN)/python -m tools.check

schema: $(STAMP)
	$(BIN)/python -m tools.schema

system-build:
	@tools/ensure-system-packages.sh build

system-test:
	@tools/ensure-system-packages.sh test

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (found " + sys.version.split()[0] + "); set PYTHON=python3.11")'
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

# npm packages are pinned in package-lock.json; install scripts are not run (vnu-jar's
# would download a Java runtime; the machine's Java is used instead).
$(NPM_STAMP): package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

# Material's offline plugin needs this shim for search on file://; it is copied from
# node_modules into the build, never fetched from a CDN and never committed.
$(SHIM): $(NPM_STAMP)
	mkdir -p $(dir $@)
	cp node_modules/iframe-worker/shim/index.js $@

clean:
	rm -rf site dist .site-new-* .site-old-* .pytest_cache $(dir $(SHIM))
