"""Checking pasted copy in chat: the stage rules and the classifier, then — when something broke a rule — a
fixed version, itself checked.

Offline, the fix removes what broke the rule and nothing else: each sentence is checked on its own, and a
sentence that carries a failing problem by itself (a payment ask, a countdown, a bought review) is dropped;
shouting (capitals, "!!!") is calmed. A problem that is about something *missing* (no email ask) cannot be
fixed by removing words, so the reply says what to add instead.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from planner.chat._verdict import stage_fit
from planner.classify import get_classifier
from planner.drafts import Failure
from planner.profile import Profile
from planner.rules import check_text
from planner.stages import Stage

_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9“\"'(])|\n+")
_CAPS = re.compile(r"\b[A-Z][A-Z'’]{3,}\b")
_KEEP_CAPS = frozenset({"FREE", "FAQ", "FAQS", "HVAC", "NASA", "USDA", "ASAP"})


def check_markdown(profile: Profile, text: str, stage: Stage | None) -> str:
    if not text.strip():
        return (
            "Paste the copy after *check this:* (or on the next line) and I'll check it against its stage — "
            "for example *check this for a cold ad: Book today, only 3 slots left!*"
        )
    prediction = get_classifier().predict_one(text)
    target = stage or prediction.stage
    failures = check_text(profile, target, text)
    _, verdict = stage_fit(target, text, failures)
    how = "the stage you named" if stage else f"the stage it reads as ({prediction.confidence:.0%} sure)"
    lines = [f"Checked against **{target.value}**, {how}.", "", verdict]
    problems = [f for f in failures if not f.warning]
    if problems:
        fixed = fix(profile, target, text, problems)
        if fixed is not None and fixed.strip() != text.strip():
            left = [f for f in check_text(profile, target, fixed) if not f.warning]
            state = "passes the rules" if not left else f"still needs: {', '.join(f.check for f in left)}"
            lines += [
                "",
                f"**A fixed version** ({state}):",
                "",
                *(f"> {line}" for line in fixed.splitlines()),
            ]
        elif fixed is None:
            lines += [
                "",
                f"Every sentence breaks a {target.value} rule, so no fixed version is left to show. "
                f"Ask me to write one for {target.value} instead.",
            ]
    return "\n".join(lines)


def fix(profile: Profile, stage: Stage, text: str, failures: list[Failure]) -> str | None:
    """The text without the sentences that carry a failing problem, and without shouting; None when
    removing words cannot help."""
    failing = {f.check for f in failures}

    def clean(piece: str) -> bool:
        return not failing & {f.check for f in check_text(profile, stage, piece)}

    kept_lines = []
    for line in text.splitlines():
        parts = [calm(p) for p in _SENTENCE.split(line) if p.strip()]
        kept = [p if clean(p) else _clauses(p, clean) for p in parts]
        kept = [p for p in kept if p]
        if kept or not parts:
            kept_lines.append(" ".join(kept))
    fixed = "\n".join(kept_lines).strip()
    return fixed or None


def _clauses(sentence: str, clean: Callable[[str], bool]) -> str:
    """'$29 intro groom, limited slots, book today' → '$29 intro groom.': the clauses that pass alone."""
    clauses = [c.strip() for c in re.split(r",\s+|;\s+|\s+[–—-]\s+", sentence.rstrip(".!? ")) if c.strip()]
    kept = [c for c in clauses if clean(c)]
    if not kept or len(kept) == len(clauses):
        return ""
    joined = ", ".join(kept)
    return joined[:1].upper() + joined[1:] + "."


def calm(sentence: str) -> str:
    """'BEST groomers in town!!!' → 'Best groomers in town.' (acronyms and FREE keep their capitals)."""

    def quiet(m: re.Match[str]) -> str:
        word = m.group()
        if word in _KEEP_CAPS:
            return word
        return word.capitalize() if m.start() == 0 else word.lower()

    sentence = _CAPS.sub(quiet, sentence)
    sentence = re.sub(r"!{2,}", ".", sentence)
    words = sentence.split()
    if words and sum(w.isupper() and len(w) > 1 for w in words) > len(words) / 2:
        sentence = sentence.capitalize()
    return sentence
