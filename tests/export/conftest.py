"""Fixtures for the export tests: the hand-written drafts as a drafts.jsonl file, and the options most tests
use (the Paws & Suds profile, a fixed calendar start)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from planner.export import ExportOptions
from planner.profile import Profile
from tests.export.drafts import all_records, write

START = date(2027, 3, 1)  # a Monday


@pytest.fixture()
def drafts_file(tmp_path: Path) -> Path:
    return write(tmp_path / "drafts.jsonl", all_records())


@pytest.fixture()
def options(paws: Profile) -> ExportOptions:
    return ExportOptions(business=paws, start=START)
