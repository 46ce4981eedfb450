# The two commands: `make run` (set up everything, load demo data, serve) and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
# Two test processes: the machines this runs on have two cores.
PYTEST_ARGS ?= -n 2
PORT ?= 8000

.PHONY: run test install install-dev lint migrate demo serve clean bench

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"

$(VENV)/.installed: $(BIN)/python requirements.txt
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

run: install
	DEBUG=$${DEBUG:-1} $(BIN)/python manage.py ensure_database
	@echo "Setting up the database and the demo data (a minute on first run)…"
	@DEBUG=$${DEBUG:-1} $(BIN)/python manage.py migrate --noinput -v 0
	@DEBUG=$${DEBUG:-1} $(BIN)/python manage.py compile_translations >/dev/null
	@DEBUG=$${DEBUG:-1} $(BIN)/python manage.py seed_demo
	@echo "E-mails and SMS the portal sends are written to var/outbox/ (not sent)."
	DEBUG=$${DEBUG:-1} HOST=$(HOST) PORT=$(PORT) BIN=$(BIN) sh bin/serve

test: install-dev node_modules/.package-lock.json
	DEBUG=1 $(BIN)/python manage.py compile_translations >/dev/null
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# The benchmark (docs/PERFORMANCE.md), on a scratch PostgreSQL database: `make bench SCALE=0.01`.
SCALE ?= 1.0
bench: install-dev
	$(BIN)/python manage.py bench --scale $(SCALE)

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# axe-core for the browser tests, exactly as package-lock.json pins it.
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund

clean:
	rm -rf $(VENV) var node_modules test-artifacts
