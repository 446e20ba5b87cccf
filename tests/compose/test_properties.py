"""Any valid profile composes: profiles generated with phrases in every form people write them — full
sentences, questions, bare verb phrases, lower-case fragments, shouting, semicolons, em dashes, colons,
ellipses, quotes — long and short descriptions, and offer names that share words with the description.
Every asset type must compose, pass its own stage checks and leave no framework label in the copy."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.assets import ASSET_MODELS
from planner.compose import compose
from planner.profile import Profile, parse_profile
from planner.rules import check_text

# Framework scaffolding that must never reach copy (the rules' framework-labels check looks for more).
LABELS = re.compile(r"(?m)^(?:Before|After|The bridge|Bridge|Now|Next|From|To|Problem|Agitate|Solution):\s")

SUBJECTS = ["I", "my dog", "our team", "she", "the kids", "clients"]
VERBS = ["never get", "always worry about", "can't find", "keep losing", "hate waiting for"]
THINGS = ["a fixed quote", "the right size", "an evening slot", "the invoices", "good tea", "parking"]
TAILS = ["", "; it drives me mad", " — every single week", ": no idea why", "...", " (honestly)"]


def _phrase() -> st.SearchStrategy[str]:
    sentence = st.builds(
        lambda s, v, t, tail, end: f"{s} {v} {t}{tail}{end}",
        st.sampled_from(SUBJECTS), st.sampled_from(VERBS), st.sampled_from(THINGS), st.sampled_from(TAILS),
        st.sampled_from([".", "!", "", "?"]),
    )  # fmt: skip
    question = st.builds(lambda t: f"What if {t} is wrong?", st.sampled_from(THINGS))
    verb = st.builds(lambda v, t: f"{v} {t}", st.sampled_from(["get", "find", "keep", "stop losing"]),
                     st.sampled_from(THINGS))  # fmt: skip
    fragment = st.sampled_from(["no time", "price", "trust issues w/ online shops", "overwhelmed by choice",
                                "too HOT?", "ANOTHER subscription…", "“too expensive”"])  # fmt: skip
    noun = st.builds(lambda t: f"{t} that actually works", st.sampled_from(THINGS))
    return st.one_of(sentence, question, verb, fragment, noun)


def _case(text: str, how: str) -> str:
    return {"lower": text.lower(), "upper": text.upper(), "title": text.title(), "as is": text}[how]


@st.composite
def profiles(draw: Any) -> Profile:
    words = draw(st.sampled_from(["Weekly Piano Lessons", "Nightly Office Cleaning", "Small-Batch Sauce"]))
    long = draw(st.booleans())
    description = (
        f"{words} for busy adults in Leith; friendly, patient teachers — and a free first chat: no pressure."
        if long
        else f"{words}, done properly."
    )
    phrase_list = st.lists(_phrase(), min_size=1, max_size=4)
    how = draw(st.sampled_from(["lower", "upper", "title", "as is"]))
    data = {
        "business": {"name": draw(st.sampled_from(["Leith Keys", "Brightwell & Co.", "Ms O'Hara's"])),
                     "description": description},
        "brand_voice": {"tone": draw(st.lists(st.sampled_from(["warm", "bold", "professional", "cheeky"]),
                                              min_size=1, max_size=2)), "avoid": ["cheap"]},
        "avatar": {
            "name": "Reader",
            "goals_and_values": [_case(p, how) for p in draw(phrase_list)],
            "sources_of_information": ["Instagram", "friends"],
            "demographics": "adults",
            "challenges_and_pain_points": [_case(p, how) for p in draw(phrase_list)],
            "objections": [_case(p, how) for p in draw(phrase_list)],
            "role_in_purchase": "decides",
        },
        "offers": [
            {"role": "core", "name": f"{words} Plan", "price": 120, "billing": "monthly",
             "description": f"{words} every week; notes after each session: yours to keep."},
            {"role": "entry_point", "name": f"First {words.split()[-1]}", "price": 30,
             "description": "One 45-minute session: we meet, listen and plan."},
            {"role": "referral", "name": "Friends' Rates", "price": 0,
             "description": "Refer a friend; you both get a month at half price — ask us how."},
        ],
        "proof": draw(st.lists(st.sampled_from(["4.8 stars from 90 reviews", "family-run since 1998"]),
                               max_size=2, unique=True)),
        "differentiators": draw(st.lists(st.sampled_from(["same teacher every week", "we never upsell",
                                                          "fully insured"]), max_size=2, unique=True)),
    }  # fmt: skip
    return parse_profile(data)


@pytest.fixture(autouse=True, scope="module")
def _own_grammar_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Generated phrases go to a throwaway grammar cache, not the user's."""
    import os

    home = Path(tmp_path_factory.mktemp("grammar-home"))
    old = os.environ.get("CVJ_HOME")
    os.environ["CVJ_HOME"] = str(home)
    yield
    if old is None:
        os.environ.pop("CVJ_HOME", None)
    else:
        os.environ["CVJ_HOME"] = old


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(profile=profiles(), variant=st.integers(min_value=1, max_value=5))
def test_any_valid_profile_composes_every_asset_and_passes_its_own_checks(
    profile: Profile, variant: int
) -> None:
    for model in ASSET_MODELS.values():
        asset = compose(profile, model.asset_type, variant).asset
        text = asset.to_text()
        failures = check_text(profile, model.stage, text, model.asset_type, asset.model_dump(mode="json"))
        assert failures == [], (model.asset_type, variant, failures, text)
        assert not LABELS.search(text), (model.asset_type, text)
        assert "  " not in text.replace("\n", " \n"), (model.asset_type, text)
