# The two commands in the README:
#   make build   (make serve for live preview)   builds the site in every language into site/ (Spanish in
#                                                site/es/) and the offline zip into dist/
#   make serve LANGUAGE=es                        previews the Spanish pages (docs/es/) instead of the English
#   make test                                     runs every check and test
# Both create .venv, install the locked Python packages (requirements/*.txt, hash-checked) and
# the locked npm packages, and install the Debian packages they need (node and npm; for tests
# also chromium and a Java runtime). `make build` installs only what building needs.
#   make lock    rewrites the Python locks from pyproject.toml (UPGRADE=--upgrade for newer versions)

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip install --quiet
PIP_STAMP   := $(VENV)/.installed-pip
BUILD_STAMP := $(VENV)/.installed-build
STAMP  := $(VENV)/.installed
NPM_STAMP := node_modules/.installed
SHIM   := docs/javascripts/vendor/iframe-worker-shim.js
export NO_MKDOCS_2_WARNING := 1
# `make serve` previews one language: English (mkdocs.yml) unless LANGUAGE names a translation (mkdocs.es.yml).
LANGUAGE ?= en
SERVE_CONFIG := $(if $(filter en,$(LANGUAGE)),mkdocs.yml,mkdocs.$(LANGUAGE).yml)

.PHONY: build serve test check lint lock schema system-build system-test clean

build: system-build $(BUILD_STAMP) $(SHIM)
	$(BIN)/python -m tools.build

serve: system-build $(BUILD_STAMP) $(SHIM)
	@test -f $(SERVE_CONFIG) || { echo "No $(SERVE_CONFIG): LANGUAGE is en or a translation's folder (es)"; exit 2; }
	COURSE_PREVIEW=1 $(BIN)/mkdocs serve --strict -f $(SERVE_CONFIG)   # a chapter can be previewed before it is PEMAT-scored

test: system-test $(STAMP) $(SHIM)
	$(BIN)/ruff check macros tools tests bench
	$(BIN)/python -m tools.schema --check
	$(BIN)/python -m tools.check
	$(BIN)/zizmor --offline --no-progress --quiet .github   # the workflows and dependabot.yml
	$(BIN)/python -m pytest

check: $(STAMP)   # the reading level uses textstat, one of the test tools
	$(BIN)/python -m tools.check

schema: $(BUILD_STAMP)
	$(BIN)/python -m tools.schema

system-build:
	@tools/ensure-system-packages.sh build

system-test:
	@tools/ensure-system-packages.sh test

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (found " + sys.version.split()[0] + "); set PYTHON=python3.11")'
	$(PYTHON) -m venv $(VENV)

# Python packages: every version and file hash comes from a lock in requirements/, written by
# `make lock` from the ranges in pyproject.toml. pip refuses any file whose hash is not in the
# lock; the project itself is then installed with no dependencies and no download (its build
# backend, setuptools, is in the lock). A changed lock or pyproject.toml reinstalls.
# pip.txt: pip itself, first. build.txt: what building needs. test.txt: the same versions,
# plus the check and test tools.
$(PIP_STAMP): requirements/pip.txt | $(BIN)/python
	$(PIP) --require-hashes -r requirements/pip.txt
	touch $@

$(BUILD_STAMP): requirements/build.txt pyproject.toml | $(PIP_STAMP)
	$(PIP) --require-hashes -r requirements/build.txt
	$(PIP) --no-deps --no-build-isolation -e .
	touch $@

# The test lock holds the build lock's versions, so this install also satisfies `make build`.
$(STAMP): requirements/test.txt requirements/build.txt pyproject.toml | $(PIP_STAMP)
	$(PIP) --require-hashes -r requirements/test.txt
	$(PIP) --no-deps --no-build-isolation -e .
	touch $@ $(BUILD_STAMP)

# The lock tool, uv, is itself locked (requirements/lock.txt). The test lock is resolved with
# the build lock as a constraint, so both give the same version of each package they share.
# uv keeps the versions already locked when they still fit pyproject.toml; UPGRADE=--upgrade
# moves every package to the newest version its range allows, UPGRADE=--upgrade-package=NAME one.
LOCK := $(BIN)/uv pip compile --quiet --universal --python-version 3.11 --generate-hashes \
	--custom-compile-command "make lock" $(UPGRADE)

lock: $(BIN)/uv
	$(LOCK) pyproject.toml --group setup -o requirements/build.txt
	$(LOCK) pyproject.toml --group setup --extra test -c requirements/build.txt -o requirements/test.txt
	$(LOCK) --group pyproject.toml:lock -o requirements/lock.txt
	$(LOCK) --group pyproject.toml:pip -o requirements/pip.txt

$(BIN)/uv: requirements/lock.txt | $(PIP_STAMP)
	$(PIP) --require-hashes -r requirements/lock.txt
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
