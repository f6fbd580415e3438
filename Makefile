# shinchoku: `make run` starts the demo on SQLite; `make test` runs everything CI runs.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
PG_URL ?= postgres://postgres@127.0.0.1:5432/test
DEMO_PASSWORD_FILE := .demo-password

.PHONY: run install install-dev messages test test-sqlite test-postgres suite-sqlite suite-postgres lint browser postgres requirements clean screenshots drill loadtest audit bench

## run: create .venv, install, migrate the SQLite database, load the demo and serve it (DEBUG off;
## static files collected into ./staticfiles and served by whitenoise). Developers: SHINCHOKU_DEBUG=1 make run
run: install messages
	$(BIN)/shinchoku migrate --no-input -v0
	@test -s $(DEMO_PASSWORD_FILE) || $(BIN)/python -c "import secrets; print(secrets.token_urlsafe(12))" > $(DEMO_PASSWORD_FILE)
	$(BIN)/shinchoku demo --password "$$(cat $(DEMO_PASSWORD_FILE))"
	$(BIN)/shinchoku collectstatic --no-input -v0
	@echo "(パスワードは $(DEMO_PASSWORD_FILE) に保存されています / the password is kept in $(DEMO_PASSWORD_FILE))"
	$(BIN)/shinchoku runserver $(HOST):$(PORT)

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"

# Reinstall only when a requirements file changed (the stamp records which one was installed).
$(VENV)/.installed-runtime: requirements.txt pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements.txt
	$(BIN)/pip install --quiet --no-deps -e .
	@touch $@

$(VENV)/.installed-dev: requirements-dev.txt pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements-dev.txt
	$(BIN)/pip install --quiet --no-deps -e .
	@touch $@ $(VENV)/.installed-runtime

install: $(VENV)/.installed-runtime
install-dev: $(VENV)/.installed-dev

## messages: compile the Japanese translations (.po → .mo)
messages: install
	cd src/shinchoku && ../../$(BIN)/shinchoku compilemessages -v0

## test: lint, then the whole suite on SQLite and on PostgreSQL at once (one core each; each run's
## output is printed whole when it ends)
test: install-dev messages browser lint audit postgres
	$(MAKE) --no-print-directory -j2 --output-sync=target suite-sqlite suite-postgres

## lint: ruff, the layers of docs/architecture.md (import-linter) and mypy --strict over src/
lint: install-dev
	$(BIN)/ruff check src tests loadtest scripts
	$(BIN)/ruff format --check src tests loadtest scripts
	PYTHONPATH=src $(BIN)/lint-imports --no-cache
	$(BIN)/mypy

## audit: known vulnerabilities of the pinned packages (skipped with a message when offline)
audit: install-dev
	$(BIN)/python scripts/audit-deps.py

test-sqlite: install-dev messages browser
	$(MAKE) --no-print-directory suite-sqlite

test-postgres: install-dev messages browser postgres
	$(MAKE) --no-print-directory suite-postgres

# The suites alone, without their prerequisites (which must not run twice at once: apt locks).
suite-sqlite:
	env -u DATABASE_URL $(BIN)/python -m pytest

suite-postgres:
	DATABASE_URL=$(PG_URL) $(BIN)/python -m pytest

## screenshots: run the browser, report and import-layout tests, saving their pictures into docs/screenshots/
screenshots: install-dev messages browser
	SHINCHOKU_SCREENSHOTS=1 env -u DATABASE_URL $(BIN)/python -m pytest tests/browser tests/reports/test_council_report.py tests/imports/test_layout_pictures.py

## drill: back up while another process writes, damage, restore, compare the report (SQLite, then PostgreSQL)
drill: install-dev postgres
	$(BIN)/python -m shinchoku.operations.drill sqlite
	$(BIN)/python -m shinchoku.operations.drill postgresql

## loadtest: gunicorn + PostgreSQL on loopback, 50 locust users for 5 minutes; p50/p95 into docs/benchmarks.md
loadtest: install-dev postgres
	$(BIN)/python loadtest/run.py

## bench: national scale (1,788 organizations) on SQLite and PostgreSQL, ratios into docs/benchmarks.md and .json
bench: install-dev messages postgres
	$(BIN)/shinchoku bench --database sqlite --database postgresql --write docs

## browser: Debian's Chromium, Japanese fonts and poppler-utils for the tests
browser:
	@bash scripts/ensure-test-tools.sh

## postgres: make sure PostgreSQL answers on 127.0.0.1:5432 with a database `test`
postgres:
	@bash scripts/ensure-postgres.sh

## requirements: re-pin requirements*.txt from pyproject.toml (with hashes)
requirements: install-dev
	$(BIN)/pip-compile --quiet --generate-hashes --strip-extras --allow-unsafe -o requirements.txt pyproject.toml
	$(BIN)/pip-compile --quiet --generate-hashes --strip-extras --allow-unsafe --extra dev -o requirements-dev.txt pyproject.toml

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .mypy_cache .ruff_cache .hypothesis
