# The README's commands. Each one creates .venv and installs what it needs first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: serve build test bench schema chromium clean

serve: $(VENV)/.build-deps
	$(BIN)/python tools/coach_site.py serve $(if $(PORT),--port $(PORT))

build: $(VENV)/.build-deps
	$(BIN)/python tools/coach_site.py build

# guidance.schema.json for editors, generated from the model in hooks/coach/model/.
schema: $(VENV)/.build-deps
	cd hooks && ../$(BIN)/python -m coach.schema > ../guidance.schema.json

# Parallel workers (pytest-xdist), one per CPU: they share one site build, one server, and each has one browser.
# Idle workers take waiting tests from busy ones (worksteal), so all finish together. TEST_WORKERS=0: no workers.
TEST_WORKERS ?= auto
test: $(VENV)/.test-deps chromium
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist worksteal $(PYTEST_ARGS)

$(VENV)/bin/python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "Python 3.11 or newer is needed (set PYTHON=...)")'
	$(PYTHON) -m venv $(VENV)

$(VENV)/.build-deps: requirements.txt $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.test-deps: requirements-test.txt requirements.txt $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-test.txt
	touch $@ $(VENV)/.build-deps

# Build time, page weight and Lighthouse scores against plain Material (tools/bench.py); exits 1 on a miss.
# Playwright (from the test packages) measures page weight; BENCH_ARGS=--quick for a shorter run.
bench: $(VENV)/.test-deps chromium tools/bench/node_modules/.installed
	$(BIN)/python tools/bench.py $(BENCH_ARGS)

tools/bench/node_modules/.installed: tools/bench/package-lock.json
	cd tools/bench && npm ci --no-audit --no-fund --silent
	touch $@

# Debian's Chromium for the browser tests (Playwright's own browser download is not used).
chromium:
	@command -v chromium >/dev/null || { \
	  echo "Installing Debian's chromium package..."; \
	  $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }

clean:
	rm -rf site site.previous .site-staging-* .pytest_cache
