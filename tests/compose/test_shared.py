"""Copy from the business's own facts: two businesses' campaigns share few sentences word for word.

The same measure as `make bench-copy` (sentences of 5+ words, the business's name replaced by a token, lower
case, no punctuation; |shared| / the smaller set), on the example and the blind profiles."""

from __future__ import annotations

import re
from itertools import combinations
from pathlib import Path

from planner.assets import ASSET_MODELS
from planner.compose import compose
from planner.profile import load_profile

ROOT = Path(__file__).resolve().parents[2]
FILES = sorted((ROOT / "examples" / "profiles").glob("*.yaml")) + sorted(
    (ROOT / "tests" / "data" / "blind-profiles").glob("*.yaml")
)
_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")
_NOT_WORD = re.compile(r"[^\w\s]+")


def _sentences(path: Path) -> set[str]:
    profile = load_profile(path)
    name = re.compile(re.escape(profile.business.name), re.I)
    out = set()
    for asset_type in ASSET_MODELS:
        for variant in (1, 2, 3):
            text = name.sub(" BUSINESS ", compose(profile, asset_type, variant).asset.to_text())
            for sentence in _SENTENCE.split(text):
                words = _NOT_WORD.sub(" ", sentence.lower().replace("'", "")).split()
                if len(words) >= 5:
                    out.add(" ".join(words))
    return out


def test_no_two_campaigns_share_more_than_15_percent_of_sentences() -> None:
    sets = {path.stem: _sentences(path) for path in FILES}
    assert len(sets) == 6 and all(len(s) > 100 for s in sets.values())
    worst = max(
        (len(sets[a] & sets[b]) / min(len(sets[a]), len(sets[b])), a, b) for a, b in combinations(sets, 2)
    )
    assert worst[0] <= 0.15, worst
