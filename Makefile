# Two commands for a newcomer: `make run` and `make test`. Both set up first.
PORT ?= 8000
PY := .venv/bin/python

.PHONY: setup run test demo lint format messages bench replica screenshots

setup:
	@bash scripts/setup.sh

# `make run TERRITORY=44021` (NIS codes separated by commas, or `flanders`) serves that real
# territory instead of the fictional demo.
run: setup
ifdef TERRITORY
	@$(PY) manage.py load_demo --remove
	@$(PY) manage.py load_territory $(TERRITORY)
else
	@$(PY) manage.py load_demo
endif
	@echo "Buurtwijzer: http://127.0.0.1:$(PORT)/  (admin: http://127.0.0.1:$(PORT)/admin/)"
	@$(PY) manage.py runserver 127.0.0.1:$(PORT)

test: setup
	@bash scripts/test.sh

demo: setup
	@$(PY) manage.py load_demo

# A streaming replica of the database on port 5433 (REPLICA_PORT), for the map reads that
# docs/scaling.md sends to it; DATABASE_REPLICA_URL goes into .env. `scripts/replica.sh stop`.
replica: setup
	@bash scripts/replica.sh start

lint:
	@.venv/bin/ruff check .
	@.venv/bin/ruff format --check .

format:
	@.venv/bin/ruff check --fix .
	@.venv/bin/ruff format .

# Rewrite the reference screenshots (tests/browser/screenshots/) after an intended change of
# the look; only the pictures whose pixels changed are written. Look at them, then commit.
screenshots: setup
	@BUURTWIJZER_UPDATE_SCREENSHOTS=1 .venv/bin/pytest -p no:xdist -q tests/browser/test_screenshots.py -k looks_like

# Refresh the .po catalogues after changing translatable strings (one per folder in locale/).
messages:
	@for dir in locale/*; do $(PY) manage.py makemessages -l $${dir#locale/} --ignore '.venv/*' --ignore 'tests/*' --ignore 'node_modules/*' -v 0; done

# Benchmarks (not part of `make test`): a scratch database with 100,000 places and
# 1,000,000 occurrences, then the API against raw SQL; results in bench/results.json. Last,
# the load test: locust against gunicorn with 1, 2 and 4 workers (bench/load.py, ~10 minutes).
bench: setup
	@$(PY) -m bench.generate --places 100000 --activities 100000 --occurrences 1000000
	@$(PY) -m bench.api
	@$(PY) -m bench.tiles
	@$(PY) -m bench.map_render
	@$(PY) -m bench.offline
	@$(PY) -m bench.import_areas
	@$(PY) -m bench.import_places
	@$(PY) -m bench.coverage
	@$(PY) -m bench.load
