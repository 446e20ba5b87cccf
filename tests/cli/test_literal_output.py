"""User text reaches the terminal literally: Rich markup in a business name, price, stage or path (``[/x]``)
used to crash with ``rich.errors.MarkupError`` — even inside the error handler — and ESC sequences in file
names went to the terminal raw."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import PAWS, ROOT, cvj

MARKUP = "[/x] Paws [bold]&[/bold] :dog: [link=file:///etc]Suds[/link]"


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("home")


def _profile(tmp_path: Path, old: str, new: str) -> Path:
    path = tmp_path / "p.yaml"
    path.write_text(PAWS.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    return path


def _clean(stderr: str) -> None:
    assert "Traceback" not in stderr and "MarkupError" not in stderr, stderr


def test_markup_in_a_business_name_is_printed_literally(home: Path, tmp_path: Path) -> None:
    profile = _profile(tmp_path, "name: Paws & Suds Grooming", f'name: "{MARKUP}"')
    result = cvj("scorecard", "--business", str(profile), home=home)
    assert result.returncode == 0, result.stderr
    assert MARKUP in result.stdout.replace("\n", "")


def test_markup_in_an_error_message_is_printed_literally(home: Path, tmp_path: Path) -> None:
    profile = _profile(tmp_path, "price: 29", 'price: "[/x]"')
    result = cvj("scorecard", "--business", str(profile), home=home)
    assert result.returncode == 2 and "price: must be a number" in result.stderr and "[/x]" in result.stderr
    _clean(result.stderr)
    result = cvj("draft", "--business", str(PAWS), "--stage", "[/x]", "--asset", "search_ad", home=home)
    assert result.returncode == 2 and "[/x]" in result.stderr
    _clean(result.stderr)


def test_markup_in_an_output_path_is_printed_literally(home: Path, tmp_path: Path) -> None:
    out = tmp_path / "[/x]" / "[red]out"
    data = ROOT / "tests" / "data" / "audit"
    result = cvj("audit", str(data), "--business", str(PAWS), "--out", str(out), home=home)
    assert result.returncode in (0, 1), result.stderr
    assert f"wrote {out / 'audit.md'}" in result.stdout.replace("\n", "")
    _clean(result.stderr)


def test_escape_sequences_in_file_names_are_shown_escaped(home: Path, tmp_path: Path) -> None:
    folder = tmp_path / "assets"
    folder.mkdir()
    (folder / "ad\x1b[2J\x1b]0;pwned\x07.txt").write_bytes(b"caf\xe9")  # not UTF-8: the error names the file
    result = cvj("audit", str(folder), "--business", str(PAWS), "--out", str(tmp_path / "o"), home=home)
    assert result.returncode == 2
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    assert "ad\\x1b[2J\\x1b]0;pwned\\x07.txt" in result.stderr
    _clean(result.stderr)


def test_progress_bars_print_business_names_literally(tmp_path: Path) -> None:
    folder = tmp_path / "profiles"
    folder.mkdir()
    _profile(folder, "name: Paws & Suds Grooming", f'name: "{MARKUP}"')
    env = {**os.environ, "CVJ_HOME": str(tmp_path / "home"), "FORCE_COLOR": "1", "COLUMNS": "200"}
    env.pop("OPENAI_API_KEY", None)
    args = ["batch", str(folder), "--out", str(tmp_path / "o"), "--stages", "aware"]
    result = subprocess.run(
        [sys.executable, "-m", "planner.cli", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=300,
    )
    assert result.returncode in (0, 1), result.stderr
    _clean(result.stderr)
    assert "[/x] Paws" in result.stderr  # the bar was drawn, with the name as written
