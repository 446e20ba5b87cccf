"""The Batch API path end to end with real model output: the loopback Files + Batches stand-in answers every
batch line by sending its body to the real llama.cpp server (Gemma-3-270M). Split batches, one line
expired, a crash between submit and download, then --resume re-attaching without a second submit. (A
resume re-asking only the failed drafts is in test_openai_batch.py, where it costs no model time.)"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from tests.batch_api_server import BatchApiServer, llama_answer
from tests.conftest import PAWS, ROOT

pytestmark = pytest.mark.llm
COMPACT = '{"x-guidance": {"whitespace_flexible": false}}'


def _command(profiles: Path, out: Path, base_url: str, *extra: str) -> list[str]:
    return [
        sys.executable,
        "-m",
        "planner.cli",
        "batch",
        str(profiles),
        "--out",
        str(out),
        "--stages",
        "advocate",
        "--engine",
        "openai-batch",
        "--model",
        "openai:gemma",
        "--base-url",
        base_url,
        "--max-tokens",
        "200",
        "--poll",
        "0.2",
        "--batch-size",
        "1",
        *extra,
    ]


def _run(command: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=900)


def _latest(out: Path) -> dict[str, dict[str, Any]]:
    return {d["id"]: d for d in map(json.loads, (out / "drafts.jsonl").read_text().splitlines())}


def test_batch_api_end_to_end_on_the_real_model(llm_server: Any, tmp_path: Path) -> None:
    profiles, out = tmp_path / "profiles", tmp_path / "out"
    profiles.mkdir()
    (profiles / "paws.yaml").write_text(PAWS.read_text())
    env = {**os.environ, "CVJ_HOME": str(tmp_path / "home"), "CVJ_SCHEMA_EXTRAS": COMPACT}
    env.pop("OPENAI_API_KEY", None)
    with BatchApiServer(llama_answer(llm_server.base_url), workers=2) as server:
        server.expire.add("testimonial_request")
        server.hold.set()
        command = _command(profiles, out, server.base_url)
        proc = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        deadline = time.time() + 300
        while len(server.batches) < 2 and time.time() < deadline and proc.poll() is None:
            time.sleep(0.05)
        assert len(server.batches) == 2  # --batch-size 1: two drafts, two batches
        time.sleep(0.5)
        proc.send_signal(signal.SIGKILL)  # submitted, not yet downloaded
        proc.wait(60)
        assert not (out / "drafts.jsonl").exists() or not (out / "drafts.jsonl").read_text()
        server.hold.clear()

        resumed = _run([*command, "--resume"], env)
        assert "2 new drafts (0 already done)" in resumed.stdout, resumed.stderr
        assert "re-attached to 2 batch(es) already running" in resumed.stdout
        assert all(server.asked[c] == 1 for c in server.asked)  # no request was sent twice
        drafts = _latest(out)
        expired = drafts["paws-suds-grooming.advocate.testimonial_request.v1"]
        assert "batch_expired" in json.dumps(expired["checks"]["failures"])
        real = drafts["paws-suds-grooming.advocate.review_request_email.v1"]
        assert real["meta"]["usage"]["input_tokens"] > 100 and real["meta"]["usage"]["output_tokens"] > 0
        assert real["fields"] or "not a valid" in json.dumps(real["checks"]["failures"])  # the model's own
