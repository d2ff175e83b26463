# Kaizen Bot. `make run` sets everything up and starts the bot; `make test` runs every check.

# A Python 3.12+ (scripts/python.sh finds one, or builds one on Debian 12); PYTHON= overrides.
PYTHON ?=
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DEV    := $(VENV)/.dev
BROWSER := $(VENV)/.browser

.PHONY: run test lint typecheck check install migrate clean bench

run: $(STAMP)
	$(BIN)/kaizen db upgrade
	$(BIN)/kaizen run

test: $(DEV) $(BROWSER)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/pytest

# Benchmarks print figures; they never fail a build (see bench/RESULTS.md). 6 to 9 minutes;
# the data-scale run uses PostgreSQL too when its binaries are installed.
bench: $(DEV)
	$(BIN)/python -m bench.cold_start
	$(BIN)/python -m bench.throughput
	$(BIN)/python -m bench.fanout
	$(BIN)/python -m bench.stored
	$(BIN)/python -m bench.parsers
	$(BIN)/python -m bench.data_scale

lint: $(DEV)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(DEV)
	$(BIN)/mypy

install: $(STAMP)

migrate: $(STAMP)
	$(BIN)/kaizen db upgrade

$(STAMP): pyproject.toml
	@$(BIN)/python -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null || rm -rf $(VENV)
	@python=$$(PYTHON='$(PYTHON)' scripts/python.sh) && echo "$$python -m venv $(VENV)" \
		&& "$$python" -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[teams,postgresql]'
	@touch $(STAMP)

# `make run` installs what the bot runs on: the base, plus Teams and PostgreSQL, so that
# setting their environment variables is all either needs (no second install). The
# development tools (pytest, mypy, ruff, playwright: most of the 430 MB) come with `make test`.
$(DEV): $(STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	@touch $(DEV)

# The board's browser test drives Chromium: Debian's when installed (`apt-get install
# chromium`, as .ci/run does), else the one Playwright downloads.
$(BROWSER): $(DEV)
	@if command -v chromium >/dev/null || command -v chromium-browser >/dev/null; then :; \
	else echo "No chromium on PATH: downloading Playwright's Chromium for the board test"; \
	$(BIN)/playwright install chromium; fi
	@touch $(BROWSER)

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache *.egg-info
