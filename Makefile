# The README's two commands: `make run` and `make test`. Both start from a fresh machine and install what they need.
SHELL := /bin/bash
.DEFAULT_GOAL := run
UV := $(shell command -v uv 2>/dev/null || echo python3 -m uv)
PG_URL ?= postgres://postgres@127.0.0.1:5432/sco
PYTEST_ARGS ?= -n 2 --dist loadfile
SCO := $(UV) run --frozen --no-sync sco
# Where `make run` serves (host:port) and how many gunicorn workers: read by `sco serve` and by the banner.
SCO_BIND ?= 127.0.0.1:8000
SCO_WORKERS ?= 3
export SCO_BIND SCO_WORKERS

.PHONY: run test test-sqlite test-postgres bench load lint format messages compile-messages tools chromium deps deps-dev setup demo

tools:
	@command -v uv >/dev/null 2>&1 || python3 -m uv --version >/dev/null 2>&1 || python3 -m pip install --quiet uv
	@# gettext compiles the catalogs; DejaVu gives the PDF exports their Cyrillic glyphs.
	@command -v msgfmt >/dev/null 2>&1 && test -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf || \
		{ apt-get update -qq && apt-get install -y -qq gettext fonts-dejavu-core >/dev/null; }

chromium:
	@test -x /usr/bin/chromium && fc-list 2>/dev/null | grep -qi wenquanyi || { echo "installing Chromium from Debian's packages"; apt-get update -qq && apt-get install -y -qq chromium fonts-wqy-microhei >/dev/null; }

deps: tools
	$(UV) sync --frozen --no-dev --inexact

deps-dev: tools
	$(UV) sync --frozen

compile-messages:
	cd src/sco && $(SCO) compilemessages --ignore='.venv' -v0

setup: compile-messages
	$(SCO) setup

demo:
	$(SCO) demo

run: deps
	@$(MAKE) --no-print-directory setup demo
	@echo
	@echo "  SCO Cooperation Platform: http://$(SCO_BIND)   (API docs: http://$(SCO_BIND)/api/v1/docs; $(SCO_WORKERS) workers)"
	@echo "  Demo logins (password sco-demo-2026): hod-kz hod-cn hod-ru hod-in hod-ir hod-kg hod-pk hod-tj hod-uz hod-by"
	@echo "                                        delegate-kz chair secretariat financier cert-kz admin"
	@echo "  Scheduled jobs: a Celery worker and beat run beside the web server; Ctrl-C stops all three."
	@echo
	$(SCO) serve

test: deps-dev chromium compile-messages
	@$(MAKE) --no-print-directory test-sqlite
	@if [ -n "$$DATABASE_URL" ] || python3 -c "import socket; socket.create_connection(('127.0.0.1', 5432), 2)" 2>/dev/null; then \
		$(MAKE) --no-print-directory test-postgres; \
	elif [ "$$CI" = "true" ]; then \
		echo "PostgreSQL does not answer at 127.0.0.1:5432, and CI needs it"; exit 1; \
	else \
		echo "PostgreSQL does not answer at 127.0.0.1:5432: the PostgreSQL run is skipped (outside CI only)"; \
	fi

test-sqlite:
	@echo "== tests on SQLite =="
	env -u DATABASE_URL $(UV) run --frozen --no-sync pytest $(PYTEST_ARGS)

test-postgres:
	@echo "== tests on PostgreSQL =="
	DATABASE_URL=$${DATABASE_URL:-$(PG_URL)} $(UV) run --frozen --no-sync pytest $(PYTEST_ARGS)

# The load run of #11: wrk, 32 connections, 60 s, against `sco serve` on the demo data (apt-get install wrk).
load: deps-dev compile-messages
	@command -v wrk >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
	$(UV) run --frozen --no-sync python bench/load_run.py

bench: deps-dev compile-messages
	@for script in bench/bench_*.py; do echo "== $$script =="; $(UV) run --frozen --no-sync python $$script || exit 1; done

lint: deps-dev
	$(UV) run --frozen --no-sync ruff check src bench
	$(UV) run --frozen --no-sync ruff format --check src bench
	$(UV) run --frozen --no-sync mypy src
	$(UV) run --frozen --no-sync lint-imports --no-cache

format: deps-dev
	$(UV) run --frozen --no-sync ruff format src bench
	$(UV) run --frozen --no-sync ruff check --fix src bench

# Extract every translatable string into the catalogs: the project's own (core, members, templates) and each part's.
messages: deps-dev
	cd src/sco && for part in decisions projects documents events financing corridors trade infosec; do \
		if [ -d $$part/locale ]; then (cd $$part && $(SCO) makemessages -l ru -l zh_Hans --no-obsolete -i 'tests/*' -v0); fi; \
	done
	cd src/sco && $(SCO) makemessages -l ru -l zh_Hans --no-obsolete -v0 \
		-i 'decisions/*' -i 'projects/*' -i 'documents/*' -i 'events/*' -i 'financing/*' -i 'corridors/*' -i 'trade/*' -i 'infosec/*' -i '*/tests/*' -i 'conftest.py'
