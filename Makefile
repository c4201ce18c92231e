# Two commands on a fresh machine: `make run` (site + demo content) and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test bench lint format check messages worker beat prod-local

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.requirements: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.requirements-dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(VENV)/.requirements $@

# axe-core for the browser tests' accessibility checks (package.json, test-only).
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

## run: install, migrate, load the demo content and serve http://127.0.0.1:8000 with a
## Celery worker and beat on the embedded broker (no Redis needed); Ctrl-C stops all.
## With CELERY_BROKER_URL set it serves the web only: run `make worker` and `make beat`.
run: $(VENV)/.requirements
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py runstack $(HOST):$(PORT)

## test: install dev tools and run the whole suite (embedded default unless DATABASE_URL is set)
## in two processes (pytest-xdist; tests/conftest.py groups what they must not share).
## `make test XDIST=` runs it in one.
XDIST ?= -n auto --maxprocesses=2 --dist loadgroup
test: $(VENV)/.requirements-dev node_modules/.package-lock.json
	$(BIN)/python -m pytest $(XDIST) $(PYTEST_ARGS)

## bench: run every benchmark script; each prints `metric: value unit` lines.
## The PostgreSQL ones (search, stats, quiz load) make scratch databases on BENCH_DATABASE_URL.
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/postgres
bench: $(VENV)/.requirements-dev
	@for script in benchmarks/*.py; do \
		echo "== $$script"; DATABASE_URL=$(BENCH_DATABASE_URL) $(BIN)/python $$script || exit 1; \
	done

## lint: ruff, the import layers (import-linter, pyproject.toml), Django's checks and
## the migration check
lint: $(VENV)/.requirements-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run

## check: lint, then Django's deploy checks under the production settings and the
## deployment files (shell syntax; nginx's own test when nginx is installed)
check: lint
	DJANGO_SETTINGS_MODULE=config.settings.production \
	DJANGO_SECRET_KEY="$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))')" \
	DJANGO_ALLOWED_HOSTS=taphuan.example.gov.vn \
	DJANGO_PERSONAL_ID_KEYS="$$($(BIN)/python -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())')" \
	DJANGO_PERSONAL_ID_HASH_KEY="$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(32))')" \
	DATABASE_URL=postgres://portal@127.0.0.1:5432/portal \
		$(BIN)/python manage.py check --deploy --fail-level WARNING
	bash -n deploy/prod-local.sh
	$(BIN)/python -m pytest -q tests/deploy

format: $(VENV)/.requirements-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

## messages: refresh and compile the Vietnamese catalogue (needs gettext)
messages: $(VENV)/.requirements
	$(BIN)/python manage.py makemessages -l vi --no-obsolete --add-location=file \
		--ignore=.venv --ignore=tests --ignore=benchmarks --ignore=staticfiles
	$(BIN)/python manage.py compilemessages -l vi --ignore=.venv

## worker: a Celery worker for when CELERY_BROKER_URL points at a real broker
worker: $(VENV)/.requirements
	$(BIN)/celery -A config worker --loglevel=INFO

## prod-local: the production stack (gunicorn, worker, beat) on local PostgreSQL + Redis,
## in the foreground; Ctrl-C stops it all (deploy/prod-local.sh, docs/deployment.md)
prod-local: $(VENV)/.requirements
	HOST=$(HOST) PORT=$(PORT) BIN=$(BIN) deploy/prod-local.sh

## beat: the periodic tasks (e.g. re-queueing certificates stuck in pending)
beat: $(VENV)/.requirements
	$(BIN)/celery -A config beat --loglevel=INFO
