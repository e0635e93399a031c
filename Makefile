# Two commands for a user: `make run` and `make test`. Both set the project up first.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
ASSETS := static/node_modules/.package-lock.json
PORT ?= 8501

.PHONY: setup run test geocode bench clean

setup: $(INSTALLED) $(ASSETS)

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null || { echo "$(PYTHON) not found: install Python 3.11 or run make PYTHON=python3"; exit 1; }
	$(PYTHON) -m venv $(VENV)

$(INSTALLED): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

# Leaflet and its plugins, from the npm registry, so the map needs no CDN.
$(ASSETS): static/package.json static/package-lock.json
	@command -v npm >/dev/null || { echo "npm not found: install it with 'apt-get install -y npm'"; exit 1; }
	cd static && npm ci --no-audit --no-fund --loglevel=error
	touch $@

run: setup
	$(BIN)/streamlit run app.py --server.port $(PORT) --server.headless true

test: setup
	$(BIN)/python -m pytest

geocode: setup
	$(BIN)/python -m strikes.geocode $(ARGS)

bench: setup
	$(BIN)/python bench/run.py $(ARGS)

clean:
	rm -rf $(VENV) static/node_modules
