"""Turn a chat message into an action: draft an asset, refine the last draft, explain a stage, or check text.

Offline there is no model to understand free text, so recognition leans on what marketers actually type:
stage and asset names *and* their everyday synonyms ("reviews", "upsell", "onboarding email", "tripwire"),
matched per word with a typo tolerance ("reveiw", "exite"), question versus instruction phrasing, and — when a
request names neither a stage nor an asset ("something to thank people who just bought") — the stage
classifier reading the request itself.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Literal

from planner.assets import ASSET_MODELS, asset_model, assets_for
from planner.stages import Stage

Kind = Literal["draft", "refine", "explain", "check", "help"]

STAGE_WORDS: dict[Stage, tuple[str, ...]] = {
    Stage.aware: (
        "aware",
        "awareness",
        "cold audience",
        "strangers",
        "brand awareness",
        "reach",
        "advert",
        "ads",
    ),
    Stage.engage: ("engage", "engagement", "content", "blog", "value content", "nurture"),
    Stage.subscribe: ("subscribe", "subscribers", "leads", "lead gen", "opt in", "email list", "signups"),
    Stage.convert: ("convert", "conversion", "first sale", "first purchase", "entry offer", "tripwire"),
    Stage.excite: ("excite", "onboarding", "onboard", "new customers", "just bought", "first win"),
    Stage.ascend: ("ascend", "upsell", "upgrade", "cross sell", "repeat purchase", "core offer"),
    Stage.advocate: ("advocate", "reviews", "review", "testimonials", "feedback", "ratings"),
    Stage.promote: ("promote", "referral", "referrals", "refer", "word of mouth", "affiliates"),
}

# Each asset type's everyday names live on its model (``chat_words``), beside everything else about it.
ASSET_WORDS: dict[str, tuple[str, ...]] = {a: m.chat_words for a, m in ASSET_MODELS.items()}

DRAFT_VERBS = (
    "write",
    "draft",
    "create",
    "make",
    "need",
    "give",
    "generate",
    "compose",
    "produce",
    "prepare",
)
QUESTION_WORDS = ("what", "how", "why", "when", "which", "explain", "tell", "should", "does", "is", "are")
REFINE_WORDS = (
    "shorter", "longer", "shorten", "lengthen", "punchier", "friendlier", "warmer", "formal", "casual",
    "playful", "simpler", "another", "again", "different", "rewrite", "tweak", "tone", "less", "more",
    "variant", "version", "redo", "instead",
)  # fmt: skip
CHECK_WORDS = ("check", "review this", "is this ok", "is this right", "does this fit", "lint", "audit this")


@dataclass(frozen=True)
class Intent:
    kind: Kind
    stage: Stage | None = None
    asset: str | None = None
    text: str = ""  # the refinement instruction, or the text to check

    def describe(self) -> str:
        parts = [self.kind, self.stage.value if self.stage else "", self.asset or ""]
        return " ".join(p for p in parts if p)


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower().replace("-", " "))


def _similar(a: str, b: str) -> bool:
    if a == b:
        return True
    if len(a) < 5 or len(b) < 5:  # short words must match exactly: "ad" is not "add"
        return False
    if sorted(a) == sorted(b):  # swapped letters: "reveiw"
        return True
    return SequenceMatcher(None, a, b).ratio() >= 0.84


def phrase_in(phrase: str, tokens: list[str]) -> bool:
    """Every word of the phrase appears, in order and adjacent, each allowing a small typo."""
    target = words(phrase)
    for start in range(len(tokens) - len(target) + 1):
        if all(_similar(t, tokens[start + i]) for i, t in enumerate(target)):
            return True
    return False


def _best(options: dict[str, tuple[str, ...]], tokens: list[str]) -> tuple[str | None, int]:
    """The option with the longest matching phrase (more words = more specific), and that length."""
    best, size = None, 0
    for key, phrases in options.items():
        for phrase in phrases:
            n = len(words(phrase))
            if n > size and phrase_in(phrase, tokens):
                best, size = key, n
    return best, size


def find_stage(tokens: list[str]) -> Stage | None:
    named = [s for s in Stage if any(_similar(s.value, t) for t in tokens)]
    if named:
        return named[0]
    found, _ = _best({s.value: w for s, w in STAGE_WORDS.items()}, tokens)
    return Stage(found) if found else None


def find_asset(tokens: list[str], stage: Stage | None) -> str | None:
    """An asset named in the message; when a stage is known, only that stage's assets count."""
    allowed = {m.asset_type for m in assets_for(stage)} if stage else set(ASSET_WORDS)
    found, _ = _best({a: w for a, w in ASSET_WORDS.items() if a in allowed}, tokens)
    return found


def _has(tokens: list[str], vocabulary: tuple[str, ...]) -> bool:
    return any(phrase_in(v, tokens) for v in vocabulary)


def recognise(message: str, has_draft: bool, classify: Callable[[str], Stage] | None = None) -> Intent:
    """The action a message asks for. ``classify`` guesses a stage from free text when none is named."""
    text = message.strip()
    tokens = words(text)
    if not tokens:
        return Intent("help")
    if _is_check(text, tokens):
        return Intent("check", find_stage(words(text.split(":", 1)[0])), text=_pasted(text))
    stage = find_stage(tokens)
    asset = find_asset(tokens, stage)
    if asset and stage is None:
        stage = asset_model(asset).stage
    drafting = _has(tokens, DRAFT_VERBS)
    # "make it shorter" uses a drafting verb too; naming no stage or asset is what makes it a refinement.
    if has_draft and not asset and stage is None and (_has(tokens, REFINE_WORDS) or len(tokens) <= 4):
        return Intent("refine", text=text)
    question = tokens[0] in QUESTION_WORDS or text.endswith("?")
    if stage and question and not drafting:
        return Intent("explain", stage)
    if drafting or asset:
        if stage is None and classify is not None:
            stage = classify(text)
        if stage is not None:
            return Intent("draft", stage, asset or assets_for(stage)[0].asset_type)
    if stage:
        return Intent("explain", stage)
    return Intent("help")


def _is_check(text: str, tokens: list[str]) -> bool:
    asks = _has(tokens[:6], CHECK_WORDS)
    pasted = len(tokens) >= 25 and ("\n" in text or '"' in text or "“" in text or ":" in text)
    return asks and (pasted or ":" in text or "\n" in text)


def _pasted(text: str) -> str:
    """The pasted copy after 'check this:' (or the whole message when it has no such lead-in)."""
    head, sep, rest = text.partition(":")
    if sep and len(head.split()) <= 10 and rest.strip():
        text = rest
    return text.strip().strip("\"“”'").strip()
