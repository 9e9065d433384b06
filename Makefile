# Two commands do all the set-up on a fresh Debian machine (as root, or with sudo):
#   make run    install, migrate, load the demo fora, serve on http://127.0.0.1:5000 (SQLite)
#   make serve  production on one machine: migrate, then gunicorn + RQ worker + the minute
#               clock (needs DATABASE_URL, REDIS_URL, SECRET_KEY; see README "In production")
#   make test   install what the tests need, run them on SQLite, PostgreSQL and Chromium
#               (SQLite and PostgreSQL at the same time, one core each: each run has its own
#               database and instance folder, see tests/conftest.py)
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
FLASK := $(VENV)/bin/flask --app wsgi
PYTEST := $(PY) -m pytest
PIP_FLAGS := --disable-pip-version-check -q
RUN_DEBS := python3-venv libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core \
	fonts-noto-core fonts-noto-color-emoji fonts-droid-fallback
TEST_DEBS := $(RUN_DEBS) postgresql redis-server chromium libatomic1 poppler-utils
REPORTS := /tmp/foro-test-reports

.PHONY: run serve test lint format translations bench bench-load clean deps-run deps-test

# Install the Debian packages that are missing (apt-get update only when needed).
define apt_install
	@missing=$$(for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:" $$missing; \
	  sudo=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$sudo apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi
endef

deps-run:
	$(call apt_install,$(RUN_DEBS))

deps-test:
	$(call apt_install,$(TEST_DEBS))

$(VENV)/bin/python:
	python3 -m venv $(VENV)

$(VENV)/.run-installed: requirements.txt | $(VENV)/bin/python
	$(PY) -m pip install $(PIP_FLAGS) -r requirements.txt
	touch $@

$(VENV)/.test-installed: requirements.txt requirements-test.txt | $(VENV)/bin/python
	$(PY) -m pip install $(PIP_FLAGS) -r requirements-test.txt
	touch $(VENV)/.run-installed $@

translations: $(VENV)/.run-installed
	$(VENV)/bin/pybabel compile -d forum/translations

# The public development SECRET_KEY is accepted only with FORO_ENV=development (config.py).
run: export FORO_ENV = development
run: deps-run $(VENV)/.run-installed translations
	mkdir -p instance
	$(FLASK) db upgrade
	$(FLASK) forum seed-demo
	$(FLASK) run --host 127.0.0.1 --port 5000

# SERVE_ARGS="--port 8080 --workers 4 --rq-workers 2" to change the defaults.
serve: deps-run $(VENV)/.run-installed translations
	$(PY) deploy/serve.py $(SERVE_ARGS)

test: deps-test $(VENV)/.test-installed translations
	@set -euo pipefail; started=$$(date +%s); rm -rf $(REPORTS); mkdir -p $(REPORTS); \
	echo "== lint (ruff)"; $(VENV)/bin/ruff check .; \
	echo "== security: bandit (no high finding), pip-audit (no known vulnerability)"; \
	$(VENV)/bin/bandit -q -c pyproject.toml -r forum --severity-level high --confidence-level medium; \
	$(VENV)/bin/pip-audit -r requirements.txt --progress-spinner off; \
	echo "== starting a throwaway PostgreSQL"; \
	trap '.ci/postgres.sh stop' EXIT; pg_url=$$(.ci/postgres.sh start); \
	echo "== unit and integration tests on SQLite and on PostgreSQL ($$pg_url), side by side"; \
	$(PYTEST) -m "not e2e" -q --junitxml=$(REPORTS)/sqlite.xml >$(REPORTS)/sqlite.log 2>&1 & sqlite=$$!; \
	TEST_DATABASE_URL=$$pg_url $(PYTEST) -m "not e2e" -q --ignore=tests/scheduling \
	  --junitxml=$(REPORTS)/postgres.xml >$(REPORTS)/postgres.log 2>&1 & postgres=$$!; \
	sqlite_rc=0; wait $$sqlite || sqlite_rc=$$?; \
	echo "-- on SQLite ($$(( $$(date +%s) - started )) s since the start)"; cat $(REPORTS)/sqlite.log; \
	postgres_rc=0; wait $$postgres || postgres_rc=$$?; \
	echo "-- on PostgreSQL ($$(( $$(date +%s) - started )) s since the start)"; cat $(REPORTS)/postgres.log; \
	[ $$(( sqlite_rc + postgres_rc )) = 0 ]; \
	echo "== browser tests in Chromium"; \
	$(PYTEST) -m e2e -q --junitxml=$(REPORTS)/browser.xml; \
	echo "== make test took $$(( $$(date +%s) - started )) s"; \
	$(PY) .ci/summary.py $(REPORTS)/*.xml

lint:
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format:
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

bench: $(VENV)/.test-installed
	$(PY) benchmarks/scheduling_bench.py

# The load benchmark (benchmarks/load.py): locust lives in its own virtualenv, since its
# dependencies (gevent) have no place in the app's. BENCH_ARGS="--users 200 --seconds 60".
bench-load: deps-test $(VENV)/.test-installed translations
	[ -x .venv-bench/bin/locust ] || { python3 -m venv .venv-bench && \
	  .venv-bench/bin/pip install $(PIP_FLAGS) locust==2.47.0; }
	$(PY) benchmarks/load.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) instance/*.sqlite3 $(REPORTS)
