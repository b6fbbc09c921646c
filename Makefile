# The two commands the README promises:
#   make run   sets up and runs the site on its embedded defaults (SQLite, tasks in-process)
#   make test  sets up and runs the whole test suite
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
# Exported so the site, and the worker that sends its emails, link to this port (SITE_URL).
export PORT

.PHONY: run test setup browser frontend lint worker beat clean messages

$(VENV)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

static/build/css/site.css: node_modules/.installed static/src/site.scss static/src/build.mjs
	npm run --silent build

# var/ holds local state (SQLite, emails as files, media); WhiteNoise wants staticfiles/ to exist.
setup: $(VENV)/.installed static/build/css/site.css
	mkdir -p var staticfiles

# Browser tests drive Debian's Chromium (a test tool's own browser download is not
# used); the benchmark harness's smoke test drives wrk; the language tests compile a
# catalogue with gettext's msgfmt.
browser:
	@(test -x /usr/bin/chromium && command -v wrk >/dev/null && command -v msgfmt >/dev/null) || \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium wrk gettext)

# The Welsh catalogue's source (locale/cy/LC_MESSAGES/django.po) from every marked string.
# Welsh is offered on the site only once the translated file is compiled (`manage.py compilemessages`).
messages:
	$(PY) manage.py makemessages -l cy

frontend: static/build/css/site.css

run: setup
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo --staff-password random
	@echo "Site running at http://127.0.0.1:$(PORT)/ (staff sign-in at /admin/)"
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

# Coverage of code and templates; the run fails below COVERAGE_FLOOR per cent
# (README "Tests and coverage" gives the latest figure).
# Tests run in one process per core (pytest-xdist); TEST_PROCESSES=0 runs them in this one.
COVERAGE_FLOOR ?= 94
TEST_PROCESSES ?= auto
test: setup browser
	$(PY) manage.py makemigrations --check --dry-run
	DJANGO_TEMPLATE_DEBUG=1 $(PY) -m pytest -n $(TEST_PROCESSES) --cov --cov-report=term:skip-covered \
	  --cov-fail-under=$(COVERAGE_FLOOR) $(PYTEST_ARGS)

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

worker: setup
	$(VENV)/bin/celery -A engagement_site worker --loglevel=INFO

beat: setup
	$(VENV)/bin/celery -A engagement_site beat --loglevel=INFO --schedule var/celerybeat-schedule

clean:
	rm -rf $(VENV) node_modules static/build staticfiles var

# Throughput, latency and query counts of every page and form against the bare
# view, production-like: gunicorn, PostgreSQL (127.0.0.1:5432), Redis (db 14),
# wrk (`apt-get install -y wrk`). About 15 minutes; writes benchmarks/results/latest.json.
# BENCHMARK_ARGS=--smoke --out /tmp/smoke.json runs every step for a second.
.PHONY: benchmark
benchmark: setup
	@command -v wrk >/dev/null || { echo "wrk is not installed: apt-get install -y wrk" >&2; exit 2; }
	$(PY) -m benchmarks $(BENCHMARK_ARGS)
