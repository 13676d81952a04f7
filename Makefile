# wiretrace — set-up, demo, tests and benchmarks. Every target installs what it needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
CORPUS ?= ../shared/corpus/seeds
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: setup demo test system-deps lint clean fuzz bench bench-cpu bench-dates bench-quotes train-cues train-statements train-furniture bench-extraction bench-startup bench-people bench-stories bench-stories-speed bench-stories-calibrate bench-serve bench-origins-credits bench-copies bench-copies-scale

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

## make bench-quotes: statements on PolNeAR dev, wiretrace beside textacy, scores and speed on one core
bench-quotes: $(STAMP)
	$(BIN)/python benchmarks/quotes.py

## make train-cues: rebuild wiretrace/models/cues.json from PolNeAR train (tuned on dev)
train-cues: $(STAMP)
	$(BIN)/python scripts/train_cues.py

## make train-statements: rebuild the statements stage's models from PolNeAR train: the cue model, then the span-edge models (~12 min)
train-statements: train-cues
	$(BIN)/python scripts/train_statements.py

## make train-furniture: rebuild wiretrace/models/furniture.json (the text-dump and HTML line models) from ../shared/eval/textdumps
train-furniture: $(STAMP)
	$(BIN)/python scripts/train_furniture.py

## make bench-extraction: bodies of text dumps and HTML pages beside whole dumps, jusText and trafilatura (~40 min)
bench-extraction: $(STAMP)
	$(BIN)/python benchmarks/extraction.py

## make bench-people: what the people stage files as persons on PolNeAR, beside a previous version (~10 min)
bench-people: $(STAMP)
	$(BIN)/python benchmarks/people.py

## make bench-startup: how fast `wiretrace --help` and `wiretrace articles` answer, beside bare typer + rich
bench-startup: $(STAMP)
	$(BIN)/python benchmarks/startup.py

system-deps:
	scripts/system-deps.sh

## make bench-stories: story clustering on BASIL (dated, undated, half undated, arrival orders) beside the Event Registry baseline, with neighbouring values
bench-stories: $(STAMP)
	$(BIN)/python benchmarks/stories_quality.py

## make bench-stories-speed: clustering 100,000 articles (a quarter undated): articles/s per 10,000 and peak memory
## (STORIES_SPEED_ARGS=--postgresql for a PostgreSQL store)
bench-stories-speed: $(STAMP)
	$(BIN)/python benchmarks/stories.py --undated 4 $(STORIES_SPEED_ARGS)

## make bench-stories-calibrate: the event threshold from PolNeAR's different-event scores
bench-stories-calibrate: $(STAMP)
	$(BIN)/python benchmarks/stories_calibrate.py

## make bench: throughput on 1 and 2 workers beside textacy, Ray against --workers 2, peak memory by size
## (BENCH_ARTICLES articles for the rates, BENCH_MEMORY sizes for memory)
BENCH_ARTICLES ?= 1000
BENCH_MEMORY ?= 10000,100000
bench: $(STAMP)
	$(BIN)/python benchmarks/throughput.py --articles $(BENCH_ARTICLES) --memory $(BENCH_MEMORY)

## make bench-cpu: CPU seconds per article of a Ray actor's work and of `wiretrace load` (docs/scaling.md)
bench-cpu: $(STAMP)
	$(BIN)/python benchmarks/cpu_rate.py

## make bench-origins-credits: wire credits on PolNeAR train+dev beside a dateline-only baseline
bench-origins-credits: $(STAMP)
	$(BIN)/python benchmarks/origins_credits.py

## make bench-copies: copy families in reprints made from PolNeAR, beside plain MinHash LSH
bench-copies: $(STAMP)
	$(BIN)/python benchmarks/copies.py

## make bench-copies-scale: the origins stage over 100,000 articles: articles/s and peak memory
bench-copies-scale: $(STAMP)
	$(BIN)/python benchmarks/copies.py --scale 100000

## make bench-dates: TempEval-3 measures on ../shared/eval/timebank, wiretrace beside dateparser
bench-dates: $(STAMP)
	$(BIN)/python benchmarks/dates.py

## make fuzz: fuzz the readers and the text stages for a fixed number of runs (FUZZ_RUNS)
FUZZ_RUNS ?= 200000
fuzz: $(STAMP)
	mkdir -p fuzz/corpus/readers fuzz/corpus/text
	$(BIN)/python fuzz/fuzz_readers.py -runs=$(FUZZ_RUNS) -max_len=8192 fuzz/corpus/readers
	$(BIN)/python fuzz/fuzz_text.py -runs=$(FUZZ_RUNS) -max_len=4096 fuzz/corpus/text

lint: $(STAMP)
	$(BIN)/ruff check wiretrace tests benchmarks

clean:
	rm -rf $(VENV) wiretrace.db wiretrace.db-wal wiretrace.db-shm tests/artifacts

## make bench-serve: the web server on a store of 200,000 articles (built once under benchmarks/.cache), p50/p95 per page
bench-serve: $(STAMP)
	$(BIN)/python benchmarks/serve.py
