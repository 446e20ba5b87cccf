"""`cvj batch` against a model server that misbehaves — for real: a proxy on 127.0.0.1 in front of the real
llama.cpp server answers junk, half a JSON object, HTTP 503 or too slowly, and a second real server is killed
mid-batch. Each time: retries, then a recorded per-draft failure, the batch goes on, and --resume re-asks."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import PAWS, ROOT, cvj
from tests.fault_proxy import FaultProxy

pytestmark = pytest.mark.llm
COMPACT = '{"x-guidance": {"whitespace_flexible": false}}'


@pytest.fixture()
def profiles(tmp_path: Path) -> Path:
    folder = tmp_path / "profiles"
    folder.mkdir()
    (folder / "paws.yaml").write_text(PAWS.read_text())
    return folder


def _batch(
    profiles: Path, out: Path, base_url: str, home: Path, *extra: str
) -> subprocess.CompletedProcess[str]:
    os.environ["CVJ_SCHEMA_EXTRAS"] = COMPACT
    try:
        args = ["batch", str(profiles), "--out", str(out), "--stages", "advocate", "--model", "openai:gemma"]
        return cvj(*args, "--base-url", base_url, "--max-tokens", "300", *extra, home=home, timeout=900)
    finally:
        del os.environ["CVJ_SCHEMA_EXTRAS"]


def _latest(out: Path) -> dict[str, dict[str, Any]]:
    return {d["id"]: d for d in map(json.loads, (out / "drafts.jsonl").read_text().splitlines())}


def _generation_failure(draft: dict[str, Any]) -> str:
    return next((f["message"] for f in draft["checks"]["failures"] if f["check"] == "generation"), "")


@pytest.mark.parametrize(
    ("mode", "extra", "reason"),
    [
        ("junk", (), "not a valid"),
        ("truncated", (), "not a valid"),
        ("error", (), "answered HTTP 503 (after retries)"),
        ("slow", ("--timeout", "1"), "timed out (after retries)"),
    ],
)
def test_faults_are_recorded_per_draft_and_resume_asks_again(  # type: ignore[no-untyped-def]
    llm_server, profiles: Path, tmp_path: Path, mode: str, extra: tuple[str, ...], reason: str
) -> None:
    out, home = tmp_path / "out", tmp_path / "home"
    with FaultProxy(llm_server.base_url, mode=mode, delay=3) as proxy:
        broken = _batch(profiles, out, proxy.base_url, home, *extra)
        assert broken.returncode == 1, broken.stderr  # the batch finished, with failures
        assert "2 could not be generated" in broken.stdout
        drafts = _latest(out)
        assert len(drafts) == 2 and all(reason in _generation_failure(d) for d in drafts.values())
        faulty = {key: _generation_failure(d) for key, d in drafts.items()}
        if mode in ("error", "slow"):
            assert proxy.requests[mode] >= 2 * 3  # each draft's call was tried three times
        proxy.mode = "pass"
        resumed = _batch(profiles, out, proxy.base_url, home, "--resume", "--timeout", "300")
        assert "2 new drafts (0 already done)" in resumed.stdout, resumed.stderr
        assert proxy.requests["pass"] >= 2  # asked the real server afresh, not the cached junk
    for key, draft in _latest(out).items():  # now the real server's reply: a valid draft, or its own failure
        assert draft["meta"]["calls"] >= 1 and draft["meta"]["cache_hits"] == 0
        if mode in ("junk", "truncated"):
            # the base model may itself run out of tokens, in the very words the proxy's cut-off reply
            # earned, so the proof it answered is the usage: the proxy's canned reply counts 10 tokens a call
            assert draft["meta"]["usage"]["output_tokens"] != 10 * draft["meta"]["calls"]
        else:  # the real server, given 300 s, neither answers 503 nor times out
            assert draft["fields"] or _generation_failure(draft) != faulty[key]


def test_server_killed_mid_batch_then_resume_on_a_new_server(profiles: Path, tmp_path: Path) -> None:
    from tests.llm_server import LlamaServer, model_path

    out, home = tmp_path / "out", tmp_path / "home"
    data = yaml.safe_load(PAWS.read_text())
    env = {**os.environ, "CVJ_HOME": str(home), "CVJ_SCHEMA_EXTRAS": COMPACT}
    with LlamaServer(model_path(), parallel=1, ctx_size=8192, threads=2) as server:
        args = [sys.executable, "-m", "planner.cli", "batch", str(profiles), "--out", str(out), "--model",
                "openai:gemma", "--base-url", server.base_url, "--max-tokens", "200", "--concurrency", "1",
                "--stages", "advocate,promote", "--timeout", "300"]  # fmt: skip
        proc = subprocess.Popen(
            args, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        log = out / "drafts.jsonl"
        deadline = time.time() + 600
        while not (log.exists() and log.read_text().count("\n") >= 1):
            assert time.time() < deadline and proc.poll() is None, proc.communicate()
            time.sleep(0.2)
        server.kill()  # SIGKILL the model server with drafts still to write
        _, stderr = proc.communicate(timeout=300)
    assert proc.returncode == 1, stderr  # finished, with the remaining drafts recorded as failures
    drafts = _latest(out)
    assert len(drafts) == 4
    lost = [
        d
        for d in drafts.values()
        if "connection" in _generation_failure(d) or "reach" in _generation_failure(d)
    ]
    assert lost, [_generation_failure(d) for d in drafts.values()]
    with LlamaServer(
        model_path(), parallel=2, ctx_size=16384, threads=2, extra={"kv_unified": True}
    ) as again:
        more = ("--resume", "--stages", "advocate,promote", "--timeout", "300")
        resumed = _batch(profiles, out, again.base_url, home, *more)
    # every draft whose latest line is a generation failure is asked again: the lost ones, and any the base
    # model itself botched before the kill (it can run out of tokens mid-object)
    retried = sum(1 for d in drafts.values() if _generation_failure(d))
    assert f"{retried} new drafts ({4 - retried} already done)" in resumed.stdout, resumed.stderr
    assert data["business"]["name"]  # the profile was never touched
    final = _latest(out)
    assert all("connection" not in _generation_failure(d) for d in final.values())
