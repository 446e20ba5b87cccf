"""Every bad input ends in exit 2 with the file, the field or line, and the fix — never a traceback, and
nothing written. Profiles (via `cvj campaign`), suites (via `cvj eval`) and JSON Lines (via `cvj check`)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import PAWS, cvj

BIG = "x" * 1_000_000


def _paws() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(PAWS.read_text())
    return data


def _set(path: list[Any], value: Any) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        target = data
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return change


PROFILE_CASES: list[tuple[str, Callable[[dict[str, Any]], None] | bytes, str]] = [
    ("bad-yaml", b"business: {name: [unclosed\n", "YAML syntax error"),
    ("wrong-type", _set(["offers", 2, "price"], "eighty-nine"), "offers[2].price: must be a number"),
    ("unknown-field", _set(["business", "colour"], "red"), "business.colour: unknown field 'colour'"),
    ("empty-list", _set(["avatar", "objections"], []), "avatar.objections: needs at least one item"),
    ("huge-string", _set(["business", "description"], BIG), "bytes; a profile must be under"),
    ("non-utf8", b"business:\n  name: Caf\xe9\n", "is not UTF-8"),
    ("not-a-mapping", b"- just\n- a list\n", "must be a YAML mapping"),
]


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("home")


@pytest.mark.parametrize(("name", "change", "expected"), PROFILE_CASES, ids=[c[0] for c in PROFILE_CASES])
def test_bad_profiles(home: Path, tmp_path: Path, name: str, change: Any, expected: str) -> None:
    path = tmp_path / f"{name}.yaml"
    if isinstance(change, bytes):
        path.write_bytes(change)
    else:
        data = _paws()
        change(data)
        path.write_text(yaml.safe_dump(data, allow_unicode=True))
    out = tmp_path / "out"
    result = cvj("campaign", "--business", str(path), "--out", str(out), home=home)
    assert result.returncode == 2, result.stdout
    assert str(path) in result.stderr and expected in result.stderr
    assert "Traceback" not in result.stderr and not out.exists()


SUITE_HEAD = f"defaults:\n  business: {PAWS}\ncases:\n"
CASE = "  - stage: aware\n    asset: social_ad\n"
SUITE_CASES = [
    ("bad-yaml", SUITE_HEAD + "  - stage: aware\n    asset: [oops\n", "YAML syntax error"),
    ("wrong-type", SUITE_HEAD + CASE + "    repeat: lots\n", ":6: cases[0].repeat"),
    ("unknown-field", SUITE_HEAD + CASE + "    colour: red\n", ":6: cases[0].colour: Extra inputs"),
    ("empty-cases", SUITE_HEAD.replace("cases:\n", "cases: []\n"), "cases: List should have at least 1 item"),
    ("huge-string", SUITE_HEAD + f"  - stage: aware\n    draft: {BIG}\n", "cases[0].draft"),
    (
        "unknown-assertion",
        SUITE_HEAD + CASE + "    assert: [{type: contain}]\n",
        "unknown assertion 'contain'",
    ),
]


@pytest.mark.parametrize(("name", "body", "expected"), SUITE_CASES, ids=[c[0] for c in SUITE_CASES])
def test_bad_suites(home: Path, tmp_path: Path, name: str, body: str, expected: str) -> None:
    path = tmp_path / f"{name}.yaml"
    path.write_text(body)
    out = tmp_path / "out"
    result = cvj("eval", str(path), "--out", str(out), home=home)
    assert result.returncode == 2, result.stdout
    assert str(path) in result.stderr and expected in result.stderr
    assert "Traceback" not in result.stderr and not out.exists()


def test_non_utf8_suite(home: Path, tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes(SUITE_HEAD.encode() + "  - stage: aware\n    draft: Café\n".encode("latin-1"))
    result = cvj("eval", str(path), "--out", str(tmp_path / "out"), home=home)
    assert result.returncode == 2 and "is not UTF-8" in result.stderr


def test_jsonl_bad_line_is_reported_with_its_number(home: Path, tmp_path: Path) -> None:
    path = tmp_path / "drafts.jsonl"
    good = '{"id": "a", "stage": "aware", "text": "Meet Paws & Suds."}\n'
    path.write_text(good + good.replace('"a"', '"b"') + "{not json\n" + good)
    result = cvj("check", str(path), "--business", str(PAWS), home=home)
    assert result.returncode == 2 and f"{path}:3: not valid JSON" in result.stderr
    assert result.stdout == ""  # nothing printed before the whole file was validated
