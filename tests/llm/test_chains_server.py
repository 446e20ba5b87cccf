"""The LLM path against a real llama.cpp server on 127.0.0.1 (Gemma-3-270M base model).

The model's copy is junk; these tests assert the plumbing: the HTTP round trip through the real `openai`
client, a schema-valid asset or a clean recorded failure, the repair pass, retries and timeouts, token
accounting, cache hits on the second run, and the CLI end to end.
"""

from __future__ import annotations

import json
import os
import subprocess
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from planner.assets import ASSET_MODELS, Asset
from planner.drafts import Failure, Job, Written
from planner.guidance import StoreGuidance
from planner.llm._cache import ModelCache
from planner.llm._chains import ChainWriter
from planner.llm._models import ModelSpec, build_chat_model, parse_model
from planner.stages import Stage
from tests.conftest import PAWS
from tests.conftest import cvj as _cvj


def cvj(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    return _cvj(*args, home=home, timeout=900)


pytestmark = pytest.mark.llm
# llama.cpp's own schema option: compact JSON, so the base model cannot pad a reply with whitespace.
COMPACT = {"x-guidance": {"whitespace_flexible": False}}


def _spec(server: Any, **changes: Any) -> ModelSpec:
    spec = parse_model("openai:gemma-3-270m", base_url=server.base_url)
    settings = {"max_tokens": 300, "timeout": 300.0, "retries": 1, "schema_extras": COMPACT, **changes}
    return replace(spec, **settings)


def _writer(server: Any, store: Any, paws: Any, cache_dir: Path | None, **changes: Any) -> ChainWriter:
    spec = _spec(server, **changes)
    cache = ModelCache(cache_dir, enabled=cache_dir is not None)
    return ChainWriter(build_chat_model(spec), spec, StoreGuidance(store), cache)


def _passes(asset: Asset) -> list[Failure]:
    return []


def _write(writer: ChainWriter, paws: Any, store: Any, job: Job, check: Any = _passes) -> Written:
    guidance = StoreGuidance(store).guidance_for([(job.stage, f"{job.asset_type} {job.stage}")])[0]
    return writer(paws, job, guidance, check)


def _assert_clean(written: Written, asset_type: str) -> None:
    """Either a schema-valid asset of the right type, or no asset and a one-line reason."""
    if written.asset is not None:
        assert isinstance(written.asset, ASSET_MODELS[asset_type])
        ASSET_MODELS[asset_type].model_validate(written.asset.model_dump())
    else:
        assert written.error and "\n" not in written.error and "Traceback" not in written.error


def test_round_trip_records_prompt_usage_and_latency(llm_server, store, paws, tmp_path) -> None:  # type: ignore[no-untyped-def]
    writer = _writer(llm_server, store, paws, tmp_path / "cache")
    written = _write(writer, paws, store, Job(Stage.aware, "social_ad", 1))
    _assert_clean(written, "social_ad")
    meta = written.meta
    assert meta["prompt"]["name"] == "aware/social_ad" and meta["prompt"]["version"] >= 1
    assert len(meta["prompt"]["hash"]) == 12
    assert meta["calls"] >= 1 and meta["latency_s"] > 0
    assert meta["usage"]["input_tokens"] > 200 and meta["usage"]["output_tokens"] > 0
    assert written.sources  # the guidance chunks it was grounded on


def test_second_run_is_served_from_the_cache(llm_server, store, paws, tmp_path) -> None:  # type: ignore[no-untyped-def]
    job = Job(Stage.promote, "referral_share", 2)
    first = _write(_writer(llm_server, store, paws, tmp_path), paws, store, job)
    second = _write(_writer(llm_server, store, paws, tmp_path), paws, store, job)
    assert first.meta["calls"] >= 1 and second.meta["calls"] == 0
    assert second.meta["cache_hits"] == first.meta["calls"]
    assert second.meta["usage"] == first.meta["usage"]  # token counts come back from the cache too
    assert (first.asset, first.error) == (second.asset, second.error)
    fresh = _write(_writer(llm_server, store, paws, None), paws, store, job)  # --no-cache
    assert fresh.meta["calls"] >= 1 and fresh.meta["cache_hits"] == 0


def test_failed_checks_trigger_one_repair_pass(llm_server, store, paws, tmp_path) -> None:  # type: ignore[no-untyped-def]
    seen: list[Asset] = []

    def strict(asset: Asset) -> list[Failure]:
        seen.append(asset)
        return [Failure("brand-voice", "uses 'miracle'. Fix: reword it.")]

    written = _write(
        _writer(llm_server, store, paws, tmp_path), paws, store, Job(Stage.aware, "search_ad", 1), strict
    )
    assert written.meta.get("repaired") is True, written.error
    assert written.meta["calls"] == 2  # the draft and exactly one repair
    _assert_clean(written, "search_ad")


def test_timeout_is_retried_then_recorded(llm_server, store, paws) -> None:  # type: ignore[no-untyped-def]
    writer = _writer(llm_server, store, paws, None, timeout=0.05, retries=1, max_tokens=900)
    written = _write(writer, paws, store, Job(Stage.engage, "blog_post", 1))
    assert written.asset is None and written.error == "the model call timed out (after retries)"


def test_unreachable_server_fails_the_draft_not_the_run(store, paws) -> None:  # type: ignore[no-untyped-def]
    from tests.llm_server import free_port

    spec = replace(parse_model("openai:x", base_url=f"http://127.0.0.1:{free_port()}/v1"), retries=1)
    writer = ChainWriter(build_chat_model(spec), spec, StoreGuidance(store), ModelCache(None))
    written = _write(writer, paws, store, Job(Stage.aware, "search_ad", 1))
    assert written.asset is None and "connection" in (written.error or "")


def test_campaign_end_to_end_then_cached(llm_server, tmp_path) -> None:  # type: ignore[no-untyped-def]
    home, out = tmp_path / "home", tmp_path / "out"
    args = [
        "campaign",
        "-b",
        str(PAWS),
        "-o",
        str(out),
        "--stages",
        "aware,advocate",
        "--model",
        "openai:gemma",
        "--base-url",
        llm_server.base_url,
        "--concurrency",
        "4",
        "--max-tokens",
        "200",
        "--timeout",
        "300",
    ]
    first = cvj(*args, home=home)
    assert first.returncode in (0, 1), first.stderr
    drafts = [json.loads(line) for line in (out / "drafts.jsonl").read_text().splitlines()]
    assert len(drafts) == 4 and all(d["model"] == "openai:gemma" for d in drafts)
    for d in drafts:
        if d["fields"]:  # schema-valid and checked
            ASSET_MODELS[d["asset_type"]].model_validate(d["fields"])
            assert d["meta"]["prompt"]["name"] == f"{d['stage']}/{d['asset_type']}"
        else:  # recorded, with its reason
            assert d["checks"]["failures"][0]["check"] == "generation"
    assert first.returncode == (0 if all(d["checks"]["passed"] for d in drafts) else 1)
    calls = sum(d["meta"]["calls"] for d in drafts)
    assert f"{calls} calls, 0 cache hits" in first.stdout
    second = cvj(*args, home=home)
    assert "model openai:gemma: 0 calls" in second.stdout, second.stdout
    assert (out / "drafts.jsonl").read_text().count('"calls": 0') == 4


def test_campaign_with_an_unreachable_server_is_exit_2(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from tests.llm_server import free_port

    result = cvj(
        "campaign",
        "-b",
        str(PAWS),
        "-o",
        str(tmp_path / "o"),
        "--model",
        "openai:x",
        "--base-url",
        f"http://127.0.0.1:{free_port()}/v1",
        home=tmp_path,
    )
    assert result.returncode == 2 and "cannot reach" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "o").exists()


def test_missing_key_is_exit_2(tmp_path) -> None:  # type: ignore[no-untyped-def]
    env_url = os.environ.pop("OPENAI_BASE_URL", None)
    try:
        result = cvj(
            "draft",
            "-b",
            str(PAWS),
            "-s",
            "aware",
            "-a",
            "search_ad",
            "--model",
            "openai:gpt-4o-mini",
            home=tmp_path,
        )
    finally:
        if env_url is not None:
            os.environ["OPENAI_BASE_URL"] = env_url
    assert result.returncode == 2 and "OPENAI_API_KEY" in result.stderr


def test_refine_with_the_model(llm_server, store, paws, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from planner.campaign import write_draft
    from planner.compose import OfflineWriter
    from planner.refine import refine
    from planner.rules._engine import Checker

    draft = write_draft(paws, Job(Stage.convert, "entry_offer", 1), [], OfflineWriter(), Checker(paws))
    writer = _writer(llm_server, store, paws, tmp_path)
    refined = refine(paws, draft, "for LinkedIn", writer)
    assert refined.asset_type == "entry_offer" and refined.meta["prompt"]["name"] == "common/refine"
    assert refined.meta["calls"] >= 1 and refined.id.startswith(draft.id + ".r")
    if refined.fields:
        ASSET_MODELS["entry_offer"].model_validate(refined.fields)
    else:
        assert refined.failures[0].check == "generation"
