"""Text helpers for the stage rules: normalising, sentences, tokens, a light stemmer and negation."""

from __future__ import annotations

import re
from functools import lru_cache

_QUOTE_PAIRS = (("’", "'"), ("‘", "'"), ("“", '"'), ("”", '"'), ("–", "-"), ("—", " - "), ("\u00a0", " "))
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+|(?<=[:;])\s+(?=[A-Z])")
_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")

STOPWORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "of",
        "for",
        "to",
        "in",
        "on",
        "at",
        "by",
        "with",
        "from",
        "your",
        "our",
        "my",
        "their",
        "his",
        "her",
        "its",
        "this",
        "that",
        "these",
        "those",
        "is",
        "are",
        "be",
        "been",
        "was",
        "were",
        "it",
        "you",
        "we",
        "us",
        "i",
        "me",
        "they",
        "them",
        "as",
        "into",
        "per",
        "via",
        "&",
        "+",
        "new",
        "first",
        "one",
    ]
)

# Words that turn a following cue around: "no credit card needed", "you won't pay", "nothing to buy".
NEGATORS = frozenset(
    [
        "no",
        "not",
        "never",
        "without",
        "n't",
        "dont",
        "don't",
        "doesn't",
        "won't",
        "wont",
        "isn't",
        "aren't",
        "zero",
        "nothing",
        "nobody",
        "none",
        "free-of",
        "cannot",
        "can't",
    ]
)
_NOT_NEEDED_AFTER = re.compile(
    r"^\W*(?:\w+\W+){0,3}?(?:isn't|is not|aren't|are not|not)\s+(?:needed|required|necessary)\b"
)
_NEEDED_AFTER = re.compile(r"^\W*(?:\w+\W+){0,2}?(?:needed|required|necessary)\b")


def normalise(text: str) -> str:
    # Every character it maps is non-ASCII, and str.replace runs in C: together far cheaper than translate's
    # per-character dictionary lookups, which were the checker's costliest call on long drafts.
    if text.isascii():
        return text
    for old, new in _QUOTE_PAIRS:
        if old in text:
            text = text.replace(old, new)
    return text


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_END.split(normalise(text)) if s and s.strip()]


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(normalise(text).lower())


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Crude suffix stripping: enough to match 'memberships'/'membership', 'grooming'/'groom'."""
    w = word.lower()
    for suffix in ("ations", "ation", "ings", "ing", "ies", "ers", "er", "ed", "es", "s"):
        if len(w) - len(suffix) >= 4 and w.endswith(suffix):
            base = w[: -len(suffix)]
            return base + "y" if suffix == "ies" else base
    return w


def stems(text: str) -> list[str]:
    return [stem(t) for t in tokens(text)]


def is_negated(text: str, start: int, end: int) -> bool:
    """Whether the cue at text[start:end] is negated by nearby words in its sentence.

    "No credit card required", "you won't need to pay", "credit card not needed" and "no sign-up, email or
    card needed" are negated; "a card is required" and "no fuss, buy now" are not.
    """
    sentence_before = re.split(r"[.!?\n]", text[max(0, start - 120) : start])[-1]
    clause_before = re.split(r"[,;:]", sentence_before)[-1]
    if any(_is_negator(w) for w in tokens(clause_before)[-5:]):
        return True
    after = re.split(r"[.!?\n]", text[end : end + 60])[0].lower()
    if _NOT_NEEDED_AFTER.match(after):
        return True
    return bool(_NEEDED_AFTER.match(after)) and any(_is_negator(w) for w in tokens(sentence_before))


def _is_negator(word: str) -> bool:
    return word in NEGATORS or word.endswith("n't")
