"""What a question is about: a journey stage (by name or everyday word) or a term from ``glossary.yaml``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from planner.chat._words import best, similar, words
from planner.stages import Stage
from planner.yamlio import load_yaml

GLOSSARY_FILE = Path(__file__).with_name("glossary.yaml")

STAGE_WORDS: dict[Stage, tuple[str, ...]] = {
    Stage.aware: ("aware", "awareness", "cold audience", "strangers", "brand awareness", "reach"),
    Stage.engage: ("engage", "engagement", "value content", "nurture"),
    Stage.subscribe: ("subscribe", "subscribers", "lead gen", "opt in", "email list", "signups"),
    Stage.convert: ("convert", "conversion", "first sale", "first purchase"),
    Stage.excite: ("excite", "onboarding", "onboard", "just bought", "first win"),
    Stage.ascend: ("ascend", "ascension", "upsell", "upgrade", "cross sell", "repeat purchase"),
    Stage.advocate: ("advocate", "advocacy", "reviews", "testimonials", "ratings"),
    Stage.promote: (
        "promote",
        "promoter",
        "promoters",
        "referral",
        "referrals",
        "word of mouth",
        "affiliates",
    ),
}


@dataclass(frozen=True)
class Term:
    term: str
    aliases: tuple[str, ...]
    stage: Stage | None
    definition: str


@cache
def glossary() -> tuple[Term, ...]:
    data = load_yaml(GLOSSARY_FILE.read_text(encoding="utf-8"), str(GLOSSARY_FILE))
    return tuple(
        Term(
            e["term"],
            tuple(e.get("aliases") or ()),
            _stage(e.get("stage")),
            " ".join(e["definition"].split()),
        )
        for e in data
    )


def _stage(value: str | None) -> Stage | None:
    return Stage(value) if value else None


def term(name: str) -> Term | None:
    return next((t for t in glossary() if t.term == name), None)


def find_stage(tokens: list[str]) -> Stage | None:
    named = [s for s in Stage if any(similar(s.value, t) for t in tokens)]
    if named:
        return named[0]
    found, _ = best({s.value: w for s, w in STAGE_WORDS.items()}, tokens)
    return Stage(found) if found else None


def topics_in(text: str) -> list[str]:
    """Stages named outright and glossary terms, in the order they appear: ["excite", "ascend"],
    ["lead magnet", "entry-point offer"]."""
    tokens = words(text)
    joined = " ".join(tokens)
    found: list[tuple[int, str]] = []
    for i, token in enumerate(tokens):
        for stage in Stage:
            if similar(stage.value, token) or token == f"{stage.value}s":
                found.append((i, stage.value))
    for entry in glossary():
        for name in (entry.term, *entry.aliases):
            phrase = " ".join(words(name))
            match = re.search(rf"\b{re.escape(phrase)}s?\b", joined)
            if match and phrase not in {"reviews", "the journey"}:
                found.append((joined[: match.start()].count(" "), entry.term))
                break
    ordered: list[str] = []
    for _, topic in sorted(found):
        if topic not in ordered:
            ordered.append(topic)
    return ordered
