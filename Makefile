# Two commands on a fresh machine: `make run` and `make test`.
# Python 3.11, which the requirements are pinned and tested for (PYTHON=... to override).
PYTHON ?= $(shell command -v python3.11 || echo python3)
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: setup run test check bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

# A new .env is .env.example with the demo admin filled in: admin@hospital.local
# and a random password, printed here and kept in .env (grep ADMIN_ .env).
.env:
	@$(PYTHON) -c "$$NEW_DOTENV"

define NEW_DOTENV
import os, re, secrets
password = secrets.token_urlsafe(12)
text = open(".env.example", encoding="utf-8").read()
text = re.sub(r"(?m)^ADMIN_EMAIL=$$", "ADMIN_EMAIL=admin@hospital.local", text)
text = re.sub(r"(?m)^ADMIN_PASSWORD=$$", "ADMIN_PASSWORD=" + password, text)
fd = os.open(".env", os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
with os.fdopen(fd, "w", encoding="utf-8") as env:
    env.write(text)
print("Created .env. Demo admin: admin@hospital.local / " + password)
print("(kept in .env: grep ADMIN_ .env; change it before real use)")
endef
export NEW_DOTENV

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
