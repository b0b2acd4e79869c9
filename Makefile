# Two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: setup run test check bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

.env:
	cp .env.example .env

setup: $(VENV)/.installed .env

# Fills the demo hospital only when the database is empty, then serves.
run: setup
	$(BIN)/python run.py seed-demo --if-empty
	$(BIN)/python run.py

# SQLite by default; set TEST_DATABASE_URL to run the same suite on MariaDB.
test: $(VENV)/.installed
	$(BIN)/python -m pytest $(PYTEST_ARGS)

check: $(VENV)/.installed
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests
	$(BIN)/mypy src

bench: $(VENV)/.installed
	$(BIN)/python bench/pacientes.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
