"""`cvj batch --engine celery` with real parts on loopback: Debian's redis-server (broker and results), a real
`chroma run` shared by the workers, and `cvj worker` processes. A worker SIGKILLed mid-batch loses nothing
and duplicates nothing; Redis stopped mid-batch is one clear error, and --resume finishes; so does Ctrl-C.

Redelivery is shortened for the tests: a task taken by a worker that dies comes back after
CVJ_CELERY_VISIBILITY_TIMEOUT=10 s, found by a scan every CVJ_CELERY_RESTORE_INTERVAL=1 s (defaults: 3600 s
and about 100 s).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from tests.conftest import EXAMPLES, ROOT
from tests.redis_server import RedisServer
from tests.test_shared_store import chroma_url  # noqa: F401 — the shared Chroma server fixture

STAGES = "advocate,promote"  # 4 drafts a business: 40 businesses → 160 tasks


def _profiles(folder: Path, count: int) -> Path:
    """`count` profiles made from the examples, each business renamed."""
    folder.mkdir(parents=True, exist_ok=True)
    examples = sorted(EXAMPLES.glob("*.yaml"))
    for n in range(count):
        data = yaml.safe_load(examples[n % len(examples)].read_text())
        data["business"]["name"] += f" {n + 1}"
        (folder / f"business-{n + 1:02d}.yaml").write_text(yaml.safe_dump(data, sort_keys=False))
    return folder


class Services:
    """The environment every process shares, and the worker processes started for one test."""

    def __init__(self, redis: RedisServer, chroma: str, home: Path) -> None:
        self.redis = redis
        self.env = {
            **os.environ,
            "CVJ_HOME": str(home),
            "CVJ_BROKER_URL": redis.url,
            "CVJ_CHROMA_URL": chroma,
            "CVJ_CELERY_VISIBILITY_TIMEOUT": "10",
            "CVJ_CELERY_RESTORE_INTERVAL": "1",
        }
        self.env.pop("OPENAI_API_KEY", None)
        self.workers: list[subprocess.Popen[bytes]] = []
        self.home = home

    def worker(self, name: str) -> subprocess.Popen[bytes]:
        log = (self.home / f"{name}.log").open("ab")
        args = [sys.executable, "-m", "planner.cli", "worker", "-c", "1", "--name", f"{name}@%h"]
        proc = subprocess.Popen(
            args, cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )  # its own group: killed with its children
        self.workers.append(proc)
        return proc

    def batch(self, *args: str) -> subprocess.Popen[str]:
        command = [
            sys.executable,
            "-m",
            "planner.cli",
            "batch",
            *args,
            "--engine",
            "celery",
            "--stages",
            STAGES,
        ]
        return subprocess.Popen(
            command, cwd=ROOT, env=self.env, text=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )

    def stop(self) -> None:
        for proc in self.workers:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
        for proc in self.workers:
            try:
                proc.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()


@pytest.fixture()
def services(tmp_path: Path, chroma_url: str) -> Iterator[Services]:  # noqa: F811
    with RedisServer(tmp_path / "redis") as redis:
        found = Services(redis, chroma_url, tmp_path / "home")
        found.home.mkdir()
        try:
            yield found
        finally:
            found.stop()


def _wait_for_lines(log: Path, count: int, proc: subprocess.Popen[str]) -> None:
    deadline = time.time() + 180
    while time.time() < deadline and proc.poll() is None:
        if log.exists() and log.read_bytes().count(b"\n") >= count:
            return
        time.sleep(0.05)
    raise AssertionError(f"the batch ended or stalled before {count} drafts: {proc.poll()}")


def _ids(log: Path) -> list[str]:
    return [json.loads(line)["id"] for line in log.read_text().splitlines()]


def test_a_worker_killed_mid_batch_loses_and_duplicates_nothing(services: Services, tmp_path: Path) -> None:
    profiles, out = _profiles(tmp_path / "profiles", 40), tmp_path / "out"
    doomed = services.worker("w1")
    services.worker("w2")
    batch = services.batch(str(profiles), "--out", str(out))
    _wait_for_lines(out / "drafts.jsonl", 40, batch)
    os.killpg(doomed.pid, signal.SIGKILL)  # the whole worker: its main process and its pool process
    stdout, stderr = batch.communicate(timeout=300)
    assert batch.returncode == 0, stderr
    assert "40 businesses: 160 new drafts (0 already done), 0 fail" in stdout
    ids = _ids(out / "drafts.jsonl")
    assert len(ids) == len(set(ids)) == 160  # 0 lost, 0 duplicated
    assert (out / "fernwood-tea-40" / "campaign.md").exists()


def test_ctrl_c_then_redis_stopped_mid_batch_then_resume_finishes(services: Services, tmp_path: Path) -> None:
    # 40 businesses (160 drafts): on a quiet machine 10 finished before Redis could be stopped mid-batch.
    profiles, out = _profiles(tmp_path / "profiles", 40), tmp_path / "out"
    services.worker("w1")
    first = services.batch(str(profiles), "--out", str(out))
    _wait_for_lines(out / "drafts.jsonl", 5, first)
    first.send_signal(signal.SIGINT)
    _, stderr = first.communicate(timeout=60)
    assert first.returncode == 130 and "re-run with --resume" in stderr and "Traceback" not in stderr

    batch = services.batch(str(profiles), "--out", str(out), "--resume")
    _wait_for_lines(out / "drafts.jsonl", 15, batch)
    services.redis.stop()
    _, stderr = batch.communicate(timeout=120)
    assert batch.returncode == 2
    assert (
        "the broker at redis://127.0.0.1" in stderr
        and "does not answer" in stderr
        and "re-run with --resume" in stderr
    )
    assert "Traceback" not in stderr
    done = len(_ids(out / "drafts.jsonl"))

    services.redis.start()  # same port, empty: the queue went with it
    resumed = services.batch(str(profiles), "--out", str(out), "--resume")
    stdout, stderr = resumed.communicate(timeout=180)
    assert resumed.returncode == 0, stderr
    assert f"{160 - done} new drafts ({done} already done)" in stdout
    ids = _ids(out / "drafts.jsonl")
    assert len(ids) == len(set(ids)) == 160


def test_the_engine_and_the_worker_say_what_they_need(tmp_path: Path) -> None:
    env = {**os.environ, "CVJ_HOME": str(tmp_path / "home")}
    for key in ("CVJ_BROKER_URL", "CVJ_CHROMA_URL"):
        env.pop(key, None)
    run = [sys.executable, "-m", "planner.cli"]
    batch = subprocess.run(
        [*run, "batch", str(EXAMPLES), "--out", str(tmp_path / "o"), "--engine", "celery"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert batch.returncode == 2 and "needs CVJ_BROKER_URL" in batch.stderr
    env["CVJ_BROKER_URL"] = "redis://127.0.0.1:1/0"
    worker = subprocess.run([*run, "worker"], cwd=ROOT, env=env, capture_output=True, text=True)
    assert worker.returncode == 2 and "needs CVJ_CHROMA_URL" in worker.stderr
