"""The profile editor's form: lossless round trip, and validation errors placed next to their field."""

from __future__ import annotations

from typing import Any

from planner.app._profile_form import FIELDS, GENERAL, OFFERS, from_values, to_values, to_yaml, validate


def test_round_trip_keeps_the_profile(paws: Any) -> None:
    values, rows = to_values(paws.model_dump(mode="json"))
    assert len(values) == len(FIELDS) and len(rows) == len(paws.offers)
    profile, errors = validate(from_values(values, rows))
    assert errors == {} and profile == paws


def test_errors_land_on_their_fields(paws: Any) -> None:
    values, rows = to_values(paws.model_dump(mode="json"))
    values[0] = ""  # business name
    values[[f.path for f in FIELDS].index("avatar.objections")] = ""
    rows[2][2] = "eighty-nine"  # the core offer's price
    profile, errors = validate(from_values(values, rows))
    assert profile is None
    assert "business.name" in errors and "avatar.objections" in errors
    assert any("offers[2].price" in e for e in errors[OFFERS])


def test_ladder_without_core_is_an_offers_error(paws: Any) -> None:
    values, rows = to_values(paws.model_dump(mode="json"))
    _, errors = validate(from_values(values, [r for r in rows if r[0] != "core"]))
    assert "needs one offer with role: core" in errors[OFFERS][0]
    assert GENERAL not in errors


def test_yaml_output_loads_back(paws: Any, tmp_path: Any) -> None:
    from planner.profile import load_profile

    path = tmp_path / "p.yaml"
    path.write_text(to_yaml(paws))
    assert load_profile(path) == paws


def test_the_currency_field_sets_every_price(paws: Any) -> None:
    values, rows = to_values(paws.model_dump(mode="json"))
    at = [f.path for f in FIELDS].index("business.currency")
    assert values[at] == "$"
    values[at] = "£"
    profile, errors = validate(from_values(values, rows))
    assert errors == {} and profile is not None and profile.core().price_label() == "£89/month"
    values[at] = "GBP"
    _, errors = validate(from_values(values, rows))
    assert "business.currency" in errors
    values[at] = ""  # left empty: dollars, as before the field existed
    profile, errors = validate(from_values(values, rows))
    assert errors == {} and profile is not None and profile.core().price_label() == "$89/month"
