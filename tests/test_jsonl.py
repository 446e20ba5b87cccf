"""JSON Lines input (cvj check, classify, audit): deep nesting, a BOM and duplicate ids, each handled the same
way everywhere — a clear file:line message (exit 2) or, for the BOM, simply accepted."""

from __future__ import annotations

from pathlib import Path

import pytest

from planner.errors import InputFileError
from planner.jsonl import read_objects
from planner.rules import read_drafts

GOOD = '{"id": "a", "stage": "aware", "text": "Meet Paws & Suds."}\n'


def test_deep_nesting_in_a_line_is_exit_2_material_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "deep.jsonl"
    path.write_text(GOOD + '{"id": "b", "stage": "aware", "text": "x", "fields": ' + "[" * 100_000 + "\n")
    with pytest.raises(InputFileError, match=rf"{path}:2: nested too deeply"):
        read_objects(path, ("id", "text"), "drafts")


def test_a_utf8_bom_is_accepted_like_audit_accepts_it(tmp_path: Path) -> None:
    path = tmp_path / "bom.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + GOOD.encode())
    assert [d.id for d in read_drafts(path)] == ["a"]


def test_a_bom_later_in_the_file_is_still_an_error(tmp_path: Path) -> None:
    path = tmp_path / "bom2.jsonl"
    path.write_bytes(GOOD.encode() + b"\xef\xbb\xbf" + GOOD.replace('"a"', '"b"').encode())
    with pytest.raises(InputFileError, match=rf"{path}:2: not valid JSON"):
        read_drafts(path)


def test_duplicate_ids_in_check_input_name_both_lines(tmp_path: Path) -> None:
    path = tmp_path / "dup.jsonl"
    path.write_text(GOOD + GOOD.replace('"a"', '"b"') + GOOD)
    with pytest.raises(InputFileError, match=rf"{path}:3: id 'a' is also on line 1 — ids must be unique"):
        read_drafts(path)
