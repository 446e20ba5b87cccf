"""Profile loading: the examples validate; bad input names the file, the field path and the fix."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from planner.compose import compose, compose_promotion
from planner.errors import ProfileError
from planner.profile import OfferRole, load_profile
from tests.conftest import EXAMPLES, PAWS


def _write(tmp_path: Path, data: object, name: str = "profile.yaml") -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, sort_keys=False) if not isinstance(data, str) else data)
    return path


def _paws_data() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(PAWS.read_text())
    return data


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.name)
def test_examples_load(path: Path) -> None:
    profile = load_profile(path)
    assert profile.core().price > 0
    assert profile.offer(OfferRole.core) is not None


def test_three_kinds_of_example() -> None:
    assert len(list(EXAMPLES.glob("*.yaml"))) >= 3


def test_price_label(paws) -> None:  # type: ignore[no-untyped-def]
    assert paws.core().price_label() == "$89/month"
    assert paws.offer(OfferRole.lead_magnet).price_label() == "free"


def test_prices_print_in_the_business_currency(tmp_path: Path) -> None:
    data = _paws_data()
    data["business"]["currency"] = "£"
    data["promotions"] = [
        {"name": "Spring spa", "terms": "a spa bath at a lower price", "starts": "2026-03-01",
         "ends": "2026-03-31", "price": 79, "offer": data["offers"][2]["name"]}
    ]  # fmt: skip
    profile = load_profile(_write(tmp_path, data))
    assert profile.core().price_label() == "£89/month"
    assert profile.offer(OfferRole.lead_magnet).price_label() == "free"  # type: ignore[union-attr]
    page = compose(profile, "entry_offer", 1).asset.to_text()
    assert "$" not in page and profile.offer(OfferRole.entry_point).price_label() in page  # type: ignore[union-attr]
    promo = compose_promotion(profile, profile.promotions[0]).model_dump()
    assert promo["price"] == "£79"


def test_a_currency_is_one_of_three_symbols(tmp_path: Path) -> None:
    data = _paws_data()
    data["business"]["currency"] = "GBP"
    assert "business.currency: Input should be '$', '£' or '€' (got 'GBP')" in _error(tmp_path, data)


def _error(tmp_path: Path, data: object) -> str:
    path = _write(tmp_path, data)
    with pytest.raises(ProfileError) as info:
        load_profile(path)
    message = str(info.value)
    assert str(path) in message
    return message


def test_negative_price_names_field_path(tmp_path: Path) -> None:
    data = _paws_data()
    data["offers"][2]["price"] = -5
    assert "offers[2].price: must be a number ≥ 0" in _error(tmp_path, data)


def test_text_price_is_rejected(tmp_path: Path) -> None:
    data = _paws_data()
    data["offers"][1]["price"] = "twenty-nine"
    assert "offers[1].price" in _error(tmp_path, data)


def test_missing_core(tmp_path: Path) -> None:
    data = _paws_data()
    data["offers"] = [o for o in data["offers"] if o["role"] != "core"]
    assert "needs one offer with role: core" in _error(tmp_path, data)


def test_unknown_field_and_role(tmp_path: Path) -> None:
    data = _paws_data()
    data["avatar"]["favourite_colour"] = "blue"
    data["offers"][0]["role"] = "upsell"
    message = _error(tmp_path, data)
    assert "avatar.favourite_colour: unknown field" in message
    assert "offers[0].role: unknown value 'upsell'" in message and "lead_magnet" in message


def test_missing_field(tmp_path: Path) -> None:
    data = _paws_data()
    del data["avatar"]["objections"]
    assert "avatar.objections: is required" in _error(tmp_path, data)


def test_empty_list(tmp_path: Path) -> None:
    data = _paws_data()
    data["brand_voice"]["tone"] = []
    assert "brand_voice.tone: needs at least one item" in _error(tmp_path, data)


def test_yaml_syntax_error_has_line(tmp_path: Path) -> None:
    message = _error(tmp_path, "business:\n  name: [unclosed\n  description: x\n")
    assert "YAML syntax error" in message and "line " in message


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes("business: {name: Caf\xe9}".encode("latin-1"))
    with pytest.raises(ProfileError, match="not UTF-8"):
        load_profile(path)


def test_top_level_must_be_mapping(tmp_path: Path) -> None:
    assert "must be a YAML mapping" in _error(tmp_path, "- just\n- a list\n")


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ProfileError, match="no such profile file"):
        load_profile(tmp_path / "nope.yaml")
