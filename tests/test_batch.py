"""`cvj batch`: many profiles, one line per draft, resume after a torn line, kill -9 or Ctrl-C."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from tests.conftest import EXAMPLES, ROOT, campaign_exit_ok, cvj


def _profiles(folder: Path, copies: int = 1) -> Path:
    """The three examples, each `copies` times under distinct business names."""
    folder.mkdir(parents=True, exist_ok=True)
    for path in sorted(EXAMPLES.glob("*.yaml")):
        for n in range(copies):
            data = yaml.safe_load(path.read_text())
            if n:
                data["business"]["name"] += f" {n + 1}"
            (folder / f"{path.stem}-{n + 1}.yaml").write_text(yaml.safe_dump(data, sort_keys=False))
    return folder


def _ids(log: Path) -> list[str]:
    return [json.loads(line)["id"] for line in log.read_text().splitlines()]


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("home")


def test_batch_writes_every_business_then_refuses_to_overwrite(home: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = cvj("batch", str(_profiles(tmp_path / "p")), "--out", str(out), home=home)
    assert campaign_exit_ok(result, out / "drafts.jsonl"), result.stdout + result.stderr
    assert "3 businesses: 48 new drafts (0 already done)" in result.stdout
    ids = _ids(out / "drafts.jsonl")
    assert len(ids) == len(set(ids)) == 48
    for slug in ("paws-suds-grooming", "ledgerly", "fernwood-tea"):
        assert (out / slug / "campaign.md").read_text().count("### ") == 16
        assert (out / slug / "campaign.csv").read_text().count("\n") >= 17
    before = (out / "drafts.jsonl").read_bytes()
    again = cvj("batch", str(tmp_path / "p"), "--out", str(out), home=home)
    assert again.returncode == 2 and "pass --resume" in again.stderr
    assert (out / "drafts.jsonl").read_bytes() == before


def test_resume_cuts_a_torn_last_line_and_finishes(home: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    profiles = _profiles(tmp_path / "p")
    assert campaign_exit_ok(cvj("batch", str(profiles), "--out", str(out), home=home), out / "drafts.jsonl")
    log = out / "drafts.jsonl"
    lines = log.read_bytes().splitlines(keepends=True)
    log.write_bytes(b"".join(lines[:20]) + lines[20][:57])  # a crash in the middle of line 21
    result = cvj("batch", str(profiles), "--out", str(out), "--resume", home=home)
    assert campaign_exit_ok(result, log), result.stdout + result.stderr
    assert "28 new drafts (20 already done)" in result.stdout
    ids = _ids(log)
    assert len(ids) == len(set(ids)) == 48
    assert log.read_bytes().startswith(b"".join(lines[:20]))


def test_a_bad_profile_stops_everything_before_writing(home: Path, tmp_path: Path) -> None:
    profiles = _profiles(tmp_path / "p")
    bad = yaml.safe_load((profiles / "ledgerly-1.yaml").read_text())
    bad["offers"][1]["price"] = "cheap"
    (profiles / "ledgerly-1.yaml").write_text(yaml.safe_dump(bad))
    out = tmp_path / "out"
    result = cvj("batch", str(profiles), "--out", str(out), home=home)
    assert result.returncode == 2
    assert "ledgerly-1.yaml" in result.stderr and "offers[1].price" in result.stderr
    assert not out.exists()


def _start(profiles: Path, out: Path, home: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "CVJ_HOME": str(home)}
    args = [sys.executable, "-m", "planner.cli", "batch", str(profiles), "--out", str(out), "--variants", "3"]
    return subprocess.Popen(
        args, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def _wait_for_lines(log: Path, count: int, proc: subprocess.Popen[str]) -> None:
    deadline = time.time() + 120
    while time.time() < deadline and proc.poll() is None:
        if log.exists() and log.read_bytes().count(b"\n") >= count:
            return
        time.sleep(0.02)
    raise AssertionError(f"the batch ended or stalled before {count} drafts: {proc.poll()}")


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT])
def test_kill_or_ctrl_c_mid_batch_then_resume(home: Path, tmp_path: Path, sig: signal.Signals) -> None:
    profiles, out = _profiles(tmp_path / "p", copies=3), tmp_path / "out"  # 9 businesses × 48 = 432 drafts
    cvj("ingest", "--business", str(EXAMPLES / "paws-and-suds.yaml"), home=home)  # a warm store
    proc = _start(profiles, out, home)
    log = out / "drafts.jsonl"
    _wait_for_lines(log, 40, proc)
    proc.send_signal(sig)
    _, stderr = proc.communicate(timeout=60)
    if sig == signal.SIGINT:
        assert proc.returncode == 130 and "re-run with --resume" in stderr
    else:
        assert proc.returncode == -signal.SIGKILL
    kept = log.read_bytes()
    whole = kept[: kept.rfind(b"\n") + 1]
    assert all(
        json.loads(line)["id"] for line in whole.splitlines()
    )  # nothing but whole drafts (+ a torn tail)
    done = len(whole.splitlines())
    assert 40 <= done < 432
    resumed = cvj("batch", str(profiles), "--out", str(out), "--variants", "3", "--resume", home=home)
    assert campaign_exit_ok(resumed, log), resumed.stdout + resumed.stderr
    assert f"{432 - done} new drafts ({done} already done)" in resumed.stdout
    ids = _ids(log)
    assert len(ids) == len(set(ids)) == 432
    assert log.read_bytes().startswith(whole)
