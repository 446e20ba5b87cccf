"""Find money amounts in copy: ``$189``, ``189 dollars``, ``49 bucks``, ``forty-nine dollars``, ``USD 99``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from planner.rules._text import normalise

_UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_SCALES = {"hundred": 100, "thousand": 1000}
_NUMBER_WORD = "|".join([*_UNITS, *_TENS, *_SCALES, "a", "and"])

# Not "pounds": "lose 10 pounds" is weight, not money.
_CURRENCY_WORD = r"(?:dollars?|bucks|usd|eur|euros?|gbp|cad|aud)"
_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?|\d+(?:\.\d{1,2})?"
_PATTERNS = [
    re.compile(rf"[$€£]\s?(?P<num>{_NUM})(?P<k>k\b)?", re.I),
    re.compile(rf"\b(?:usd|eur|gbp|cad|aud)\s?(?P<num>{_NUM})\b", re.I),
    re.compile(rf"\b(?P<num>{_NUM})(?P<k>k)?\s?{_CURRENCY_WORD}\b", re.I),
    re.compile(rf"\b(?P<words>(?:(?:{_NUMBER_WORD})[\s-]+)+){_CURRENCY_WORD}\b", re.I),
]
# A cheap first look: most sentences have no digit, currency sign or currency word at all.
_CURRENCY_WORD_RE = re.compile(rf"\b{_CURRENCY_WORD}", re.I)
_ANY_MONEY = re.compile(rf"[$€£]|\d|{_CURRENCY_WORD}", re.I)
# "20%", "20 percent", "20 per cent", and the same in words: "twenty percent", "twenty-five per cent".
_PERCENT = r"(?:%|\s?percent\b|\s?per\s?cent\b)"
_PERCENT_NUMBER = rf"(?:(?P<num>\d{{1,3}})|(?P<words>(?:(?:{_NUMBER_WORD})[\s-]+)*(?:{_NUMBER_WORD})))"
_OFF = r"\s?(?:off|discount|saving|savings|cheaper)\b"
_DISCOUNT = re.compile(rf"\b{_PERCENT_NUMBER}{_PERCENT}{_OFF}", re.I)
_SAVE_PERCENT = re.compile(
    rf"\b(?:save|saving|take|get)\s(?:an?\s)?(?:extra\s)?{_PERCENT_NUMBER}{_PERCENT}", re.I
)
_ANY_PERCENT = re.compile(rf"\b{_PERCENT_NUMBER}{_PERCENT}", re.I)
# Discounts said as fractions: "half price", "half-price", "half off", "a quarter off".
_FRACTION_OFF = re.compile(r"\b(?P<fraction>half|quarter)[\s-](?:price|off)\b", re.I)
_FRACTIONS = {"half": 50.0, "quarter": 25.0}
# A cheap first look: most sentences name no percent and no fraction at all.
_ANY_DISCOUNT = re.compile(r"%|percent|per\s?cent|half|quarter", re.I)


@dataclass(frozen=True)
class Amount:
    value: float
    text: str
    start: int
    end: int


def words_to_number(words: str) -> float | None:
    """'one hundred and eighty-nine' → 189; None when the words are not a number."""
    total, current, seen = 0, 0, False
    for word in re.split(r"[\s-]+", words.lower().strip()):
        if word in ("", "and"):
            continue
        if word == "a":
            current = max(current, 1)
        elif word in _UNITS:
            current += _UNITS[word]
            seen = True
        elif word in _TENS:
            current += _TENS[word]
            seen = True
        elif word == "hundred":
            current = max(current, 1) * 100
            seen = True
        elif word == "thousand":
            total += max(current, 1) * 1000
            current = 0
            seen = True
        else:
            return None
    return float(total + current) if seen else None


@lru_cache(maxsize=4096)
def find_amounts(text: str) -> tuple[Amount, ...]:
    """Every money amount in ``text``, in order, without overlaps (cached: rules ask about one text often)."""
    text = normalise(text)
    if not _ANY_MONEY.search(text):
        return ()
    found: list[Amount] = []
    taken: list[tuple[int, int]] = []
    has_word = _CURRENCY_WORD_RE.search(text) is not None
    for index, pattern in enumerate(_PATTERNS):
        if index >= 2 and not has_word:
            continue  # the slow word patterns only run when a currency word is there to anchor them
        for match in pattern.finditer(text):
            if any(match.start() < end and start < match.end() for start, end in taken):
                continue
            value = _value(match)
            if value is None:
                continue
            found.append(Amount(value, match.group(0).strip(), match.start(), match.end()))
            taken.append((match.start(), match.end()))
    return tuple(sorted(found, key=lambda a: a.start))


def _value(match: re.Match[str]) -> float | None:
    groups = match.groupdict()
    if groups.get("words"):
        return words_to_number(groups["words"])
    value = float(groups["num"].replace(",", ""))
    return value * 1000 if groups.get("k") else value


def find_discounts(text: str) -> list[Amount]:
    """Percent discounts ('20% off', 'save 15%', 'ninety percent off', 'half price'): an invented one is as
    bad as an invented price."""
    text = normalise(text)
    out: list[Amount] = []
    if not _ANY_DISCOUNT.search(text):
        return out
    for pattern in (_DISCOUNT, _SAVE_PERCENT, _FRACTION_OFF):
        for m in pattern.finditer(text):
            value = _percent_value(m)
            if value is not None and not any(m.start() < a.end and a.start < m.end() for a in out):
                out.append(Amount(value, m.group(0), m.start(), m.end()))
    return sorted(out, key=lambda a: a.start)


def find_percents(text: str) -> set[float]:
    """Every percentage the text states (figures, words, half or quarter off): what copy may repeat."""
    text = normalise(text)
    found = (_percent_value(m) for pattern in (_ANY_PERCENT, _FRACTION_OFF) for m in pattern.finditer(text))
    return {value for value in found if value is not None}


def _percent_value(match: re.Match[str]) -> float | None:
    groups = match.groupdict()
    if groups.get("fraction"):
        return _FRACTIONS[groups["fraction"].lower()]
    if groups.get("words"):
        return words_to_number(groups["words"])
    return float(groups["num"])


def same_amount(a: float, b: float) -> bool:
    return abs(a - b) < 0.005
