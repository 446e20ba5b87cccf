"""The prompt suite (evals/suites/prompts.yaml) on the real llama.cpp server: every asset type's prompt, a
refine and an injected profile through `cvj eval`, each case a schema-valid, checked draft or a recorded
failure. Gemma-3-270M is a base model, so its copy is junk: what is asserted is that the prompts, budgets and
schemas get valid objects out of it, and that whatever it writes is checked."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import cvj

pytestmark = pytest.mark.llm

SUITE = "evals/suites/prompts.yaml"
# Measured: 16 or 17 of the 18 cases valid at the first attempt or after one repair (bench/first_reply.py
# has the first-reply rate over all three examples); the floor leaves room for the sampling's spread.
MIN_VALID = 12


def test_the_prompt_suite_yields_schema_valid_checked_drafts(
    llm_server: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # llama.cpp's own schema option, as in the other server tests: no whitespace padding between JSON tokens
    monkeypatch.setenv("CVJ_SCHEMA_EXTRAS", '{"x-guidance": {"whitespace_flexible": false}}')
    out = tmp_path / "eval"
    args = ["eval", SUITE, "--model", "openai:gemma", "--base-url", llm_server.base_url, "--out", str(out)]
    result = cvj(*args, "--timeout", "900", "--concurrency", "8", home=tmp_path / "home", timeout=3000)
    assert result.returncode in (0, 1), result.stderr  # 1: a junk model misses the suite's threshold
    rows = json.loads((out / "results.json").read_text())["results"]
    assert len(rows) == 18
    valid = [r for r in rows if r["text"]]
    for r in rows:
        if r["text"]:  # schema-valid, and checked by the stage rules
            assert r["meta"]["prompt"]["version"] >= 2, r["key"]
            assert any(o["check"] == "stage-rules" for o in r["outcomes"]), r["key"]
            assert "<<<DATA-" not in r["text"], r["key"]  # a fence marker never survives into copy
        else:  # or a recorded failure with its reason
            assert r["failures"][0]["check"] == "generation", r["key"]
    assert len(valid) >= MIN_VALID, [(r["key"], r["failures"]) for r in rows if not r["text"]]
    injected = next(r for r in rows if r["case"] == "injected-discount-is-not-obeyed")
    if "50%" in injected["text"]:  # a model that obeys the injection is caught by the stage rules
        assert any(f["check"] == "known-prices" for f in injected["failures"])
