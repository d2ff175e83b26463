# Kaizen Bot. `make run` sets everything up and starts the bot; `make test` runs every check.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
BROWSER := $(VENV)/.browser

.PHONY: run test lint typecheck check install migrate clean bench

run: $(STAMP)
	$(BIN)/kaizen db upgrade
	$(BIN)/kaizen run

test: $(STAMP) $(BROWSER)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/pytest

# Benchmarks print figures; they never fail a build (see bench/RESULTS.md). 6 to 9 minutes;
# the data-scale run uses PostgreSQL too when its binaries are installed.
bench: $(STAMP)
	$(BIN)/python -m bench.cold_start
	$(BIN)/python -m bench.throughput
	$(BIN)/python -m bench.fanout
	$(BIN)/python -m bench.stored
	$(BIN)/python -m bench.parsers
	$(BIN)/python -m bench.data_scale

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy

install: $(STAMP)

migrate: $(STAMP)
	$(BIN)/kaizen db upgrade

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Kaizen Bot needs Python 3.11 or newer; set PYTHON=python3.11")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	@touch $(STAMP)

# The board's browser test drives Chromium: Debian's when installed (`apt-get install
# chromium`, as .ci/run does), else the one Playwright downloads.
$(BROWSER): $(STAMP)
	@if command -v chromium >/dev/null || command -v chromium-browser >/dev/null; then :; \
	else echo "No chromium on PATH: downloading Playwright's Chromium for the board test"; \
	$(BIN)/playwright install chromium; fi
	@touch $(BROWSER)

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache *.egg-info
