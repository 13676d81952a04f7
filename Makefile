# wiretrace — set-up, demo, tests and benchmarks. Every target installs what it needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
CORPUS ?= ../shared/corpus/seeds
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: setup demo test system-deps lint clean bench-stories bench-stories-speed bench-stories-calibrate

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

setup: $(STAMP)

## make demo: ingest the seed articles (CORPUS=dir to change) into ./wiretrace.db and print the report
demo: $(STAMP)
	$(BIN)/wiretrace ingest $(CORPUS)
	$(BIN)/wiretrace report

## make test: install everything the tests need (system packages included) and run every test
test: $(STAMP) system-deps
	$(BIN)/python -m pytest

system-deps:
	scripts/system-deps.sh

## make bench-stories: story clustering on BASIL beside the Event Registry baseline, with neighbouring values
bench-stories: $(STAMP)
	$(BIN)/python benchmarks/stories_quality.py

## make bench-stories-speed: clustering 100,000 articles: articles/s per 10,000 and peak memory
bench-stories-speed: $(STAMP)
	$(BIN)/python benchmarks/stories.py

## make bench-stories-calibrate: the event threshold from PolNeAR's different-event scores
bench-stories-calibrate: $(STAMP)
	$(BIN)/python benchmarks/stories_calibrate.py

lint: $(STAMP)
	$(BIN)/ruff check wiretrace tests benchmarks

clean:
	rm -rf $(VENV) wiretrace.db wiretrace.db-wal wiretrace.db-shm tests/artifacts
