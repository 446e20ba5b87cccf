"""Brand tone → word choice: greeting, sign-off, how an objection is acknowledged, exclamation use.

Profiles name tones freely ("warm", "Plain spoken", "confident"), so tones are normalised and mapped through
aliases; the first recognised tone sets the phrasing and unknown tones fall back to a neutral voice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from planner.profile import Profile


@dataclass(frozen=True)
class Voice:
    key: str
    bang: bool  # whether headlines and calls to action may end in "!"
    hello: str
    sign_off: str
    agree: str  # acknowledges an objection before answering it
    nudge: str  # one low-key line before a call to action
    thanks: str

    def end(self, text: str) -> str:
        """Close a short line (headline, button) with "!" for energetic voices, else leave it plain."""
        text = text.rstrip(" .!")
        return text + "!" if self.bang else text


_TABLE: dict[str, Voice] = {
    "warm": Voice(
        "warm",
        True,
        "Hi",
        "Warmly",
        "We hear that a lot, and it makes sense.",
        "Whenever you're ready, it's here for you.",
        "Thank you so much",
    ),
    "playful": Voice(
        "playful", True, "Hey", "Cheers", "Totally fair question!", "Go on, have a look!", "Thanks a bunch"
    ),
    "bold": Voice(
        "bold",
        True,
        "Hi",
        "Talk soon",
        "Straight answer:",
        "Don't put this off another week.",
        "Thanks",
    ),
    "professional": Voice(
        "professional",
        False,
        "Hello",
        "Best regards",
        "That's a reasonable concern.",
        "Take a look when it suits your schedule.",
        "Thank you",
    ),
    "plain-spoken": Voice(
        "plain-spoken", False, "Hi", "Thanks", "Fair question.", "No pressure either way.", "Thanks"
    ),
    "reassuring": Voice(
        "reassuring",
        False,
        "Hi",
        "Take care",
        "That worry is completely normal.",
        "No rush, and no pressure.",
        "Thank you",
    ),
    "witty": Voice(
        "witty",
        True,
        "Hey",
        "Cheers",
        "Fair. We'd ask the same thing.",
        "Future you will be glad you did.",
        "Thanks a million",
    ),
    "expert": Voice(
        "expert",
        False,
        "Hello",
        "Best",
        "It's a common concern, and a fair one.",
        "Worth a look when you have a moment.",
        "Thank you",
    ),
    "neutral": Voice(
        "neutral", False, "Hi", "Best", "Fair question.", "Take a look when you're ready.", "Thank you"
    ),
}

_ALIASES = {
    "friendly": "warm",
    "caring": "warm",
    "kind": "warm",
    "welcoming": "warm",
    "approachable": "warm",
    "fun": "playful",
    "cheeky": "playful",
    "cheerful": "playful",
    "upbeat": "playful",
    "whimsical": "playful",
    "confident": "bold",
    "energetic": "bold",
    "punchy": "bold",
    "direct": "plain-spoken",
    "straightforward": "plain-spoken",
    "honest": "plain-spoken",
    "clear": "plain-spoken",
    "no-nonsense": "plain-spoken",
    "plain": "plain-spoken",
    "practical": "plain-spoken",
    "calm": "reassuring",
    "gentle": "reassuring",
    "empathetic": "reassuring",
    "supportive": "reassuring",
    "patient": "reassuring",
    "humorous": "witty",
    "clever": "witty",
    "funny": "witty",
    "dry": "witty",
    "authoritative": "expert",
    "knowledgeable": "expert",
    "precise": "expert",
    "technical": "expert",
    "formal": "professional",
    "polished": "professional",
    "trustworthy": "professional",
}
# Tones that call for a level head: their presence keeps exclamation marks out of the copy.
_CALM = {"professional", "expert", "reassuring", "plain-spoken"}


def _norm(tone: str) -> str:
    tone = re.sub(r"[\s_]+", "-", tone.strip().lower())
    return _ALIASES.get(tone, tone)


def voice_for(profile: Profile) -> Voice:
    tones = [_norm(t) for t in profile.brand_voice.tone]
    known = [t for t in tones if t in _TABLE]
    base = _TABLE[known[0]] if known else _TABLE["neutral"]
    bang = any(_TABLE[t].bang for t in known) and not any(t in _CALM for t in known)
    return Voice(base.key, bang, base.hello, base.sign_off, base.agree, base.nudge, base.thanks)
