"""The red-team findings of issue 13, run as a user would: the real `cvj` in a subprocess. Every case ends in
a clear message (exit 2) or a correct result — never a traceback, a hang or a half-written output."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import PAWS, cvj
from tests.test_yamlio import BOMB

GOOD = '{"id": "a", "stage": "aware", "text": "Meet Paws & Suds."}\n'


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("home")


def _no_traceback(result: object) -> None:
    stderr = getattr(result, "stderr", "")
    assert "Traceback" not in stderr and "Error:" not in stderr.replace("error:", ""), stderr


def test_alias_bomb_profile_is_exit_2_at_once(home: Path, tmp_path: Path) -> None:
    path = tmp_path / "bomb.yaml"
    path.write_text(BOMB + "\navatar:\n  goals_and_values: *i\n", encoding="utf-8")
    result = cvj("campaign", "--business", str(path), "--out", str(tmp_path / "out"), home=home, timeout=60)
    assert result.returncode == 2 and f"{path}: line 1, column 4: an anchor (&a)" in result.stderr
    _no_traceback(result)
    assert not (tmp_path / "out").exists()


def test_deep_profile_suite_and_jsonl_are_exit_2_with_file_and_line(home: Path, tmp_path: Path) -> None:
    profile = tmp_path / "deep.yaml"
    profile.write_text("business: " + "[" * 100_000, encoding="utf-8")
    result = cvj("campaign", "--business", str(profile), "--out", str(tmp_path / "o1"), home=home)
    assert result.returncode == 2 and f"{profile}: line 1" in result.stderr and "nested" in result.stderr
    _no_traceback(result)

    suite = tmp_path / "suite.yaml"
    suite.write_text(f"defaults:\n  business: {PAWS}\ncases: " + "[" * 100_000, encoding="utf-8")
    result = cvj("eval", str(suite), "--out", str(tmp_path / "o2"), home=home)
    assert result.returncode == 2 and f"{suite}: line 3" in result.stderr and "nested" in result.stderr
    _no_traceback(result)

    drafts = tmp_path / "deep.jsonl"
    drafts.write_text(GOOD + '{"id": "b", "stage": "aware", "text": "x", "fields": ' + "[" * 100_000 + "\n")
    result = cvj("check", str(drafts), "--business", str(PAWS), home=home)
    assert result.returncode == 2 and f"{drafts}:2: nested too deeply" in result.stderr
    assert result.stdout == ""
    _no_traceback(result)


def test_check_refuses_duplicate_ids_and_accepts_a_bom(home: Path, tmp_path: Path) -> None:
    dup = tmp_path / "dup.jsonl"
    dup.write_text(GOOD + GOOD)
    result = cvj("check", str(dup), "--business", str(PAWS), home=home)
    assert result.returncode == 2 and f"{dup}:2: id 'a' is also on line 1" in result.stderr

    bom = tmp_path / "bom.jsonl"
    bom.write_bytes(b"\xef\xbb\xbf" + GOOD.encode())
    result = cvj("check", str(bom), "--business", str(PAWS), home=home)
    assert result.returncode == 0 and '"id": "a"' in result.stdout
