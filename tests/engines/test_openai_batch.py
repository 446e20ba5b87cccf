"""`cvj batch --engine openai-batch` against the loopback Files + Batches stand-in (tests/batch_api_server.py)
through the real `openai` SDK. Here the stand-in answers with schema-valid copy from the offline composer, so
the engine's logic runs in seconds; tests/engines/test_openai_batch_llm.py answers with the real llama.cpp
server."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from planner.engines._batch_api import parse_results
from planner.engines._openai_batch import split
from planner.llm import ModelSpec, output_schema, request_body
from planner.profile import load_profile
from tests.batch_api_server import Answer, BatchApiServer, composer_answer
from tests.conftest import EXAMPLES, ROOT, cvj


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("home")


def _spoiled(answer: Answer) -> Answer:
    """The composer's copy, except Paws & Suds' first testimonial request buys reviews (→ a repair pass)."""

    def spoil(body: dict[str, Any]) -> dict[str, Any]:
        reply = answer(body)
        prompt = json.dumps(body)
        if len(body["messages"]) == 2 and "Paws & Suds" in prompt and "testimonial_request" in prompt:
            fields = json.loads(reply["choices"][0]["message"]["content"])
            fields["permission_note"] = "Leave us a 5-star review and get $10 off your next groom!"
            reply["choices"][0]["message"]["content"] = json.dumps(fields)
        return reply

    return spoil


@pytest.fixture()
def server() -> Iterator[BatchApiServer]:
    profiles = [load_profile(p) for p in sorted(EXAMPLES.glob("*.yaml"))]
    with BatchApiServer(_spoiled(composer_answer(profiles))) as srv:
        yield srv


def _args(out: Path, server: BatchApiServer, *extra: str) -> list[str]:
    return [
        "batch",
        str(EXAMPLES),
        "--out",
        str(out),
        "--stages",
        "advocate",
        "--engine",
        "openai-batch",
        "--model",
        "openai:stand-in",
        "--base-url",
        server.base_url,
        "--poll",
        "0.1",
        "--batch-size",
        "2",
        *extra,
    ]


def _latest(out: Path) -> dict[str, dict[str, Any]]:
    return {d["id"]: d for d in map(json.loads, (out / "drafts.jsonl").read_text().splitlines())}


def _failure(draft: dict[str, Any]) -> str:
    return " ".join(f["message"] for f in draft["checks"]["failures"] if f["check"] == "generation")


def test_split_batches_repair_round_expired_and_failed_lines_then_resume(
    server: BatchApiServer, home: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    server.expire.add("ledgerly.advocate.review_request_email")
    first = cvj(*_args(out, server), home=home)
    assert first.returncode == 1, first.stderr  # one draft could not be generated
    assert "submitting 6 requests in 3 batch(es) — about" in first.stderr  # shown before submitting
    assert "Batch API: 7 requests in 4 batch(es) this run" in first.stdout  # + one repair, its own batch
    drafts = _latest(out)
    assert len(drafts) == 6
    assert "batch_expired" in _failure(drafts["ledgerly.advocate.review_request_email.v1"])
    repaired = drafts["paws-suds-grooming.advocate.testimonial_request.v1"]
    assert repaired["meta"]["repaired"] and repaired["checks"]["passed"]  # the follow-up batch fixed it
    assert all(n == 1 for n in server.asked.values()) and len(server.asked) == 7  # nothing asked twice
    assert (out / "ledgerly" / "campaign.md").exists()

    server.expire.clear()
    server.fail_next = 1  # the provider refuses the next batch as a whole (validation failed)
    second = cvj(*_args(out, server, "--resume"), home=home)
    assert "1 new drafts (5 already done)" in second.stdout, second.stderr
    assert "token_limit_exceeded" in _failure(_latest(out)["ledgerly.advocate.review_request_email.v1"])

    third = cvj(*_args(out, server, "--resume"), home=home)
    assert third.returncode == 0, third.stderr
    assert "1 new drafts (5 already done)" in third.stdout
    assert _latest(out)["ledgerly.advocate.review_request_email.v1"]["checks"]["passed"]
    lines = (out / "drafts.jsonl").read_text().splitlines()
    assert len(lines) == 8  # 6 drafts + two retries of the one that failed, each one whole line


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT])
def test_a_crash_before_download_reattaches_on_resume(
    server: BatchApiServer, home: Path, tmp_path: Path, sig: signal.Signals
) -> None:
    out = tmp_path / "out"
    server.hold.set()  # the batches stay in progress until the batch process is gone
    env = {**os.environ, "CVJ_HOME": str(home)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "planner.cli", *_args(out, server)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.time() + 120
    while len(server.batches) < 3 and time.time() < deadline and proc.poll() is None:
        time.sleep(0.05)
    time.sleep(0.3)  # batches.json is written right after each create
    proc.send_signal(sig)
    _, stderr = proc.communicate(timeout=60)
    if sig == signal.SIGINT:
        assert proc.returncode == 130 and "re-run with --resume" in stderr
        assert "3 Batch API batches keep running" in stderr and "Traceback" not in stderr
    assert not (out / "drafts.jsonl").exists() or not (out / "drafts.jsonl").read_text()
    saved = json.loads((out / "batches.json").read_text())["batches"]
    assert sorted(b["id"] for b in saved) == sorted(server.batches)

    server.hold.clear()
    resumed = cvj(*_args(out, server, "--resume"), home=home)
    assert resumed.returncode == 0, resumed.stderr
    assert "6 new drafts (0 already done)" in resumed.stdout
    assert "re-attached to 3 batch(es) already running" in resumed.stdout
    firsts = [cid for cid in server.asked if ".first." in cid]
    assert len(firsts) == 6 and all(server.asked[c] == 1 for c in firsts)  # no second submit


def test_openai_batch_needs_a_model(home: Path, tmp_path: Path) -> None:
    result = cvj("batch", str(EXAMPLES), "--out", str(tmp_path / "o"), "--engine", "openai-batch", home=home)
    assert result.returncode == 2 and "--engine openai-batch needs a model" in result.stderr


def test_request_body_is_what_the_chain_sends() -> None:
    """The Batch API line's body equals ChatOpenAI's own request for the same messages and schema."""
    from langchain_openai import ChatOpenAI

    from planner.assets import asset_model

    spec = ModelSpec("openai", "gpt-4o-mini", "http://127.0.0.1:9/v1", max_tokens=300)
    schema = output_schema(asset_model("referral_share"), {"x-guidance": {"whitespace_flexible": False}})
    messages = [("system", "S"), ("user", "U")]
    chat = ChatOpenAI(
        model=spec.name,
        base_url=spec.base_url,
        api_key="x",  # type: ignore[arg-type]
        temperature=spec.temperature,
        max_completion_tokens=spec.max_tokens,
    )
    sent = chat._get_request_payload(messages, response_format={"type": "json_schema", "json_schema": schema})
    assert request_body(spec, messages, schema) == sent


def test_split_respects_both_limits() -> None:
    bodies = {f"d{i}": {"messages": [{"role": "user", "content": "x" * 100}]} for i in range(7)}
    assert [len(c) for c in split(bodies, max_requests=3, max_bytes=10**6)] == [3, 3, 1]
    assert [len(c) for c in split(bodies, max_requests=100, max_bytes=600)] == [2, 2, 2, 1]


def test_result_lines_in_every_shape() -> None:
    ok = {
        "custom_id": "a",
        "response": {
            "status_code": 200,
            "body": {
                "choices": [{"message": {"content": "{}"}}],
                "usage": {"prompt_tokens": 5, "completion_tokens": 2},
            },
        },
        "error": None,
    }
    http = {"custom_id": "b", "response": {"status_code": 400, "body": {"error": {"message": "bad schema"}}}}
    expired = {"custom_id": "c", "response": None, "error": {"code": "batch_expired", "message": "too late"}}
    text = "\n".join(json.dumps(x) for x in (ok, http, expired)) + "\nnot json\n"
    answers = parse_results(text)
    assert answers["a"] == {"content": "{}", "usage": {"input_tokens": 5, "output_tokens": 2}}
    assert answers["b"] == {"error": "HTTP 400: bad schema"}
    assert answers["c"] == {"error": "batch_expired: too late"}
    assert len(answers) == 3
