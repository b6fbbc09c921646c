# The two commands the README promises:
#   make run   sets up and runs the site on its embedded defaults (SQLite, tasks in-process)
#   make test  sets up and runs the whole test suite
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000

.PHONY: run test setup browser frontend lint worker beat clean

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

setup: $(VENV)/.installed static/build/css/site.css

# Browser tests drive Debian's Chromium (a test tool's own browser download is not used).
browser:
	@test -x /usr/bin/chromium || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium)

frontend: static/build/css/site.css

run: setup
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo --staff-password random
	@echo "Site running at http://127.0.0.1:$(PORT)/ (staff sign-in at /admin/)"
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

test: setup browser
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) -m pytest $(PYTEST_ARGS)

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

worker: setup
	$(VENV)/bin/celery -A engagement_site worker --loglevel=INFO

beat: setup
	$(VENV)/bin/celery -A engagement_site beat --loglevel=INFO --schedule var/celerybeat-schedule

clean:
	rm -rf $(VENV) node_modules static/build staticfiles var
