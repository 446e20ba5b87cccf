"""atomic_write: whole files or nothing, and the permissions any other file would get."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from planner.output import atomic_write


def test_written_files_follow_the_umask(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        atomic_write(tmp_path / "out" / "campaign.md", "hello\n")
    finally:
        os.umask(old)
    path = tmp_path / "out" / "campaign.md"
    assert path.read_text() == "hello\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o644  # mkstemp alone would leave 0600


def test_a_failed_write_leaves_the_old_file_and_no_temp(tmp_path: Path) -> None:
    path = tmp_path / "audit.md"
    path.write_text("old\n")
    with pytest.raises(UnicodeEncodeError):
        atomic_write(path, "bad \udc80 surrogate")
    assert path.read_text() == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["audit.md"]
