"""The llm-rubric judge against the real llama.cpp server, and `cvj eval --judge` end to end.

Gemma-3-270M is a base model, so its verdicts are arbitrary; what is asserted is the plumbing: a typed
verdict or a clean recorded failure, cache hits on a repeat, and the judge's outcome in results.json.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from evals.judge import Judge, Verdict
from planner.llm._cache import ModelCache
from planner.llm._models import build_chat_model, parse_model
from planner.stages import Stage
from tests.conftest import PAWS, cvj

pytestmark = pytest.mark.llm
COMPACT = '{"x-guidance": {"whitespace_flexible": false}}'
DRAFT = "Thanks for visiting Paws & Suds! Would you tell other dog owners how it went in a Google review?"


def test_judge_returns_a_typed_verdict_or_a_clean_failure_and_caches(  # type: ignore[no-untyped-def]
    llm_server, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CVJ_SCHEMA_EXTRAS", COMPACT)
    spec = replace(parse_model("openai:gemma", base_url=llm_server.base_url), max_tokens=200, timeout=300)
    judge = Judge(build_chat_model(spec), spec, ModelCache(tmp_path / "cache"))
    first = judge("Paws & Suds", Stage.advocate, "Asks for an honest review with no reward", DRAFT)
    assert first.calls == 1 and first.tokens > 0
    if first.verdict is not None:
        assert isinstance(first.verdict, Verdict) and 0 <= first.verdict.score <= 1
    else:
        assert first.error and "\n" not in first.error
    again = judge("Paws & Suds", Stage.advocate, "Asks for an honest review with no reward", DRAFT)
    assert again.calls == 0 and again.cache_hits == 1
    assert (again.verdict is None) == (first.verdict is None)


def test_cvj_eval_with_a_judge(llm_server: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    suite = tmp_path / "suite.yaml"
    suite.write_text(
        f"defaults:\n  business: {PAWS}\n  threshold: 0\ncases:\n"
        f"  - id: honest-ask\n    stage: advocate\n    draft: {json.dumps(DRAFT)}\n    assert:\n"
        "      - type: stage-rules\n      - type: llm-rubric\n"
        "        value: Asks for an honest review, no reward\n"
    )
    monkeypatch.setenv("CVJ_SCHEMA_EXTRAS", COMPACT)  # the subprocess inherits it
    args = ("eval", str(suite), "--judge", "openai:gemma", "--base-url", llm_server.base_url)
    result = cvj(*args, "--out", str(tmp_path / "out"), home=tmp_path / "home", timeout=900)
    assert result.returncode == 0, result.stderr
    results = json.loads((tmp_path / "out" / "results.json").read_text())
    assert results["judge"] == "openai:gemma" and results["judge_calls"] == 1
    rubric = next(o for o in results["results"][0]["outcomes"] if o["check"] == "llm-rubric")
    assert rubric["passed"] in (True, False)  # asked, not skipped
    assert rubric["message"].startswith(("judge: ", "judge failed: "))
    assert "no judge model" not in result.stdout
