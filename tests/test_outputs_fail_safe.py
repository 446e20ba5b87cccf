"""Outputs are all or nothing, even when the disk fills up mid-write; an --out that cannot be written is one
clear message (exit 2); two `cvj batch` runs on one --out cannot both write (the second refuses at once)."""

from __future__ import annotations

import errno
import os
from pathlib import Path
from typing import Any

import pytest

from planner.errors import UserError
from planner.output import atomic_write, write_campaign
from planner.profile import Profile
from tests.conftest import EXAMPLES, PAWS, cvj
from tests.test_output_safety import _record


def _disk_fills_after(monkeypatch: pytest.MonkeyPatch, calls: int) -> None:
    """fsync is where a full disk shows up for buffered writes (delayed allocation): fail after `calls`."""
    real = os.fsync
    seen = {"n": 0}

    def fsync(fd: int) -> None:
        seen["n"] += 1
        if seen["n"] > calls:
            raise OSError(errno.ENOSPC, "No space left on device")
        real(fd)

    monkeypatch.setattr("planner.output.os.fsync", fsync)


def test_disk_full_mid_campaign_changes_no_file(
    paws: Profile, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    write_campaign(out, paws, [_record("first run")])
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    _disk_fills_after(monkeypatch, 1)  # drafts.jsonl's temp is written, campaign.md's is not
    with pytest.raises(UserError) as caught:
        write_campaign(out, paws, [_record("second run")])
    assert "No space left on device" in str(caught.value) and str(out) in str(caught.value)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before  # no temp files left either


def test_disk_full_on_a_single_file_is_a_user_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _disk_fills_after(monkeypatch, 0)
    with pytest.raises(UserError, match="No space left on device — free some space"):
        atomic_write(tmp_path / "scorecard.csv", "a,b\n")
    assert list(tmp_path.iterdir()) == []


def test_disk_full_mid_batch_is_exit_2_material_and_resumable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from planner.batch import DraftLog

    log = DraftLog(tmp_path / "drafts.jsonl")

    def full(fd: int, data: Any) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("planner.batch.os.write", full)
    resume = r"\(No space left on device\) — free some space, then re-run with --resume"
    with pytest.raises(UserError, match=resume):
        log.append(_record("x"))
    monkeypatch.undo()
    log.close()


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("home")


def _profiles(tmp_path: Path) -> Path:
    folder = tmp_path / "profiles"
    folder.mkdir()
    (folder / "paws.yaml").write_bytes(PAWS.read_bytes())
    return folder


@pytest.mark.parametrize("command", ["campaign", "batch", "audit", "scorecard"])
def test_an_out_that_is_a_file_is_one_clear_message(home: Path, tmp_path: Path, command: str) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("I am a file\n")
    target = blocker / "sub" if command != "scorecard" else blocker / "card.csv"
    args = {
        "campaign": ["campaign", "--business", str(PAWS), "--stages", "aware"],
        "batch": ["batch", str(_profiles(tmp_path)), "--stages", "aware"],
        "audit": ["audit", str(Path(__file__).parent / "data" / "audit"), "--business", str(PAWS)],
        "scorecard": ["scorecard", "--business", str(PAWS)],
    }[command]
    result = cvj(*args, "--out", str(target), home=home)
    assert result.returncode == 2, result.stdout + result.stderr
    assert str(blocker) in result.stderr and "Traceback" not in result.stderr
    assert blocker.read_text() == "I am a file\n"


def test_a_second_batch_on_the_same_out_refuses_at_once(home: Path, tmp_path: Path) -> None:
    from planner.batch import lock_output

    out = tmp_path / "out"
    with lock_output(out):  # a batch in progress holds the folder
        result = cvj("batch", str(_profiles(tmp_path)), "--out", str(out), home=home)
    assert result.returncode == 2
    assert f"{out}: another `cvj batch` is writing to this folder" in result.stderr
    assert not (out / "drafts.jsonl").exists()
    assert EXAMPLES.exists()


def test_the_lock_is_released_and_leaves_no_trace_when_nothing_was_written(tmp_path: Path) -> None:
    from planner.batch import lock_output

    out = tmp_path / "new"
    with lock_output(out):
        assert out.is_dir()
    assert not out.exists()  # the run wrote nothing (say, a missing API key): no folder left behind
    with lock_output(out):  # and it can be taken again
        (out / "drafts.jsonl").write_text("")
    assert (out / "drafts.jsonl").exists()
