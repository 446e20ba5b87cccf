"""Profile values that used to slip through or be misreported: NUL and other control characters (they
reached campaign.md, file names and terminals), and ``price: .nan`` (reported as "too large")."""

from __future__ import annotations

from pathlib import Path

import pytest

from planner.errors import ProfileError
from planner.profile import load_profile
from tests.conftest import PAWS


def _write(tmp_path: Path, old: str, new: str) -> Path:
    text = PAWS.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "p.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize(("char", "code"), [("\\0", "U+0000"), ("\\e", "U+001B"), ("\\x7f", "U+007F")])
def test_control_characters_in_a_name_are_refused_with_the_field(
    tmp_path: Path, char: str, code: str
) -> None:
    path = _write(tmp_path, "name: Paws & Suds Grooming", f'name: "Paws{char} & Suds"')
    with pytest.raises(ProfileError) as caught:
        load_profile(path)
    assert f"business.name: contains a control character ({code})" in str(caught.value)


def test_newlines_and_tabs_are_still_text(tmp_path: Path) -> None:
    path = _write(tmp_path, "name: Paws & Suds Grooming", 'name: "Paws &\\tSuds\\nGrooming"')
    assert load_profile(path).business.name.startswith("Paws")


@pytest.mark.parametrize("value", [".nan", ".inf", "-.inf"])
def test_a_price_that_is_not_a_number_says_so(tmp_path: Path, value: str) -> None:
    path = _write(tmp_path, "price: 29", f"price: {value}")
    with pytest.raises(ProfileError) as caught:
        load_profile(path)
    message = str(caught.value)
    assert "price: must be a number" in message and "too large" not in message
