"""`cvj audit INPUT` reads only INPUT: a link that leaves the folder is not followed (``/proc/self/environ``
ended up quoted, NUL bytes and all, in audit.md), the size cap counts bytes read rather than what ``stat``
says (``/proc`` files say 0), and a file with NUL bytes is refused as not text."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from planner.audit import read_assets
from planner.errors import UserError

AD = "Tired of stressful grooming? Meet Paws & Suds, the calm salon for anxious dogs."


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "assets"
    (folder / "ads").mkdir(parents=True)
    (folder / "ads" / "spring.txt").write_text(AD)
    return folder


def test_links_out_of_the_folder_are_not_followed(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    secret = tmp_path / "secret.txt"
    secret.write_text("API_KEY=sk-secret")
    (folder / "leak.txt").symlink_to(secret)
    (folder / "environ.txt").symlink_to("/proc/self/environ")
    (folder / "etc").symlink_to("/etc", target_is_directory=True)
    found = read_assets(folder)
    assert [a.id for a in found.assets] == ["ads/spring.txt"]
    assert "sk-secret" not in " ".join(a.text for a in found.assets)
    assert {"environ.txt", "leak.txt", "etc"} <= set(found.skipped)


def test_links_inside_the_folder_still_work(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    (folder / "copy.txt").symlink_to(folder / "ads" / "spring.txt")
    assert sorted(a.id for a in read_assets(folder).assets) == ["ads/spring.txt", "copy.txt"]


def test_the_cap_counts_bytes_read_not_what_stat_says(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from planner.audit import _inputs

    folder = _folder(tmp_path)
    (folder / "big.txt").write_text("word " * 1000)
    monkeypatch.setattr(_inputs, "MAX_ASSET_BYTES", 1000)
    real_stat = Path.stat

    def zero_size(self: Path, **kwargs: bool) -> os.stat_result:  # what /proc files report
        result = real_stat(self, **kwargs)
        return os.stat_result((*result[:6], 0, *result[7:])) if self.name == "big.txt" else result

    monkeypatch.setattr(Path, "stat", zero_size)
    with pytest.raises(UserError, match=r"big\.txt: more than 1,000 bytes"):
        read_assets(folder)


def test_nul_bytes_are_refused_as_not_text(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    (folder / "dump.txt").write_bytes(b"PATH=/usr/bin\x00HOME=/root\x00")
    with pytest.raises(UserError, match=r"dump\.txt: has NUL bytes — it is not a text file"):
        read_assets(folder)
