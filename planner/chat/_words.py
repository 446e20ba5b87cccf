"""Word matching for the chat: tokens, a small typo tolerance, phrases in order, numbers written as words."""

from __future__ import annotations

import re
from collections.abc import Iterable
from difflib import SequenceMatcher

NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "couple": 2, "pair": 2, "few": 3, "several": 3, "handful": 4,
}  # fmt: skip


def words(text: str) -> list[str]:
    text = text.lower().replace("’", "'").replace("-", " ")
    return re.findall(r"[a-z0-9]+(?:'[a-z]+)?", text)


def similar(a: str, b: str) -> bool:
    if a == b:
        return True
    shortest = min(len(a), len(b))
    if shortest < 4:  # short words must match exactly: "ad" is not "add"
        return False
    if len(a) == len(b) and sorted(a) == sorted(b) and a[0] == b[0]:  # swapped letters: "reveiw"
        return True
    # A four-letter word may be a five-letter one missing a letter ("chek"); longer words allow a bit more.
    return SequenceMatcher(None, a, b).ratio() >= (0.88 if shortest == 4 else 0.84)


def phrase_in(phrase: str, tokens: list[str]) -> bool:
    """Every word of the phrase appears, in order and adjacent, each allowing a small typo."""
    target = words(phrase)
    if not target:
        return False
    for start in range(len(tokens) - len(target) + 1):
        if all(similar(t, tokens[start + i]) for i, t in enumerate(target)):
            return True
    return False


def has_any(tokens: list[str], phrases: Iterable[str]) -> bool:
    return any(phrase_in(p, tokens) for p in phrases)


def best(options: dict[str, tuple[str, ...]], tokens: list[str]) -> tuple[str | None, int]:
    """The option with the longest matching phrase (more words = more specific), and that length."""
    found, size = None, 0
    for key, phrases in options.items():
        for phrase in phrases:
            n = len(words(phrase))
            if n > size and phrase_in(phrase, tokens):
                found, size = key, n
    return found, size


def number_before(tokens: list[str], nouns: Iterable[str], reach: int = 3) -> int | None:
    """ "3 subject lines", "a few post ideas", "five headlines": the number that counts one of ``nouns``."""
    nouns = tuple(nouns)
    for i, token in enumerate(tokens):
        value = int(token) if token.isdigit() and len(token) < 3 else NUMBERS.get(token)
        if value is None:
            continue
        ahead = tokens[i + 1 : i + 1 + reach + 1]
        if any(phrase_in(noun, ahead) for noun in nouns):
            return value
    return None
