"""Second person for copy: profile phrases are written in mixed person ("her dog shakes…", "my dog is too
anxious…"), and copy speaks to the reader ("your dog shakes…", "your dog is too anxious…").

Objections are quoted in the customer's own first-person voice instead (``said``), as inner speech to answer.
"""

from __future__ import annotations

import re

from planner.compose._text import cap, sentence, wordset

_FIRST_PERSON = {
    "i": "you",
    "me": "you",
    "my": "your",
    "mine": "yours",
    "myself": "yourself",
    "we": "you",
    "us": "you",
    "our": "your",
    "ours": "yours",
    "ourselves": "yourselves",
    "i'm": "you're",
    "i've": "you've",
    "i'd": "you'd",
    "i'll": "you'll",
    "we're": "you're",
    "we've": "you've",
    "we'd": "you'd",
    "we'll": "you'll",
}
# In an avatar phrase 'she'/'her' is the customer wherever it appears; 'they' only when it opens the phrase
# ("clients send statements late and their…" is about someone else).
_AVATAR = {
    "she": "you",
    "he": "you",
    "she's": "you're",
    "he's": "you're",
    "she'd": "you'd",
    "he'd": "you'd",
    "she'll": "you'll",
    "he'll": "you'll",
    "his": "your",
    "herself": "yourself",
    "himself": "yourself",
}
_THEY = {
    "they": "you",
    "their": "your",
    "them": "you",
    "they're": "you're",
    "they've": "you've",
    "themselves": "yourselves",
    "theirs": "yours",
}
# Verb forms that follow "I"/"she" and change when the subject becomes "you".
_AGREE_I = {"am": "are", "was": "were", "wasn't": "weren't"}
_AGREE_THIRD = {
    "is": "are",
    "was": "were",
    "has": "have",
    "does": "do",
    "doesn't": "don't",
    "isn't": "aren't",
    "wasn't": "weren't",
    "hasn't": "haven't",
}
_ADVERBS = {
    "never",
    "always",
    "often",
    "still",
    "usually",
    "really",
    "just",
    "also",
    "sometimes",
    "rarely",
    "barely",
    "hardly",
    "already",
    "constantly",
    "even",
    "ever",
}


# After these, 'her' is an object ("nobody helps her with…"), not a possessive ("her dog").
_OBJECT_NEXT = wordset("to and or with for in on at from about that when because if but so as than by")
_PAST = wordset("bought spent lost got made paid took felt found left had tried wasted gave kept ended")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*|[^A-Za-z]+")


def you_form(phrase: str) -> str:
    """Second person for copy: 'her dog shakes' → 'your dog shakes', 'I can never' → 'you can never'."""
    parts = _WORD.findall(phrase.strip())
    index = [i for i, part in enumerate(parts) if part[0].isalpha()]
    if not index:
        return phrase.strip()
    lows = [_low(parts[i]) for i in index]
    if _subjectless(lows):
        # "brews bitter cups because she's unsure" → "you brew bitter cups because you're unsure"
        first = parts[index[0]]
        verb = first if lows[0] in _PAST or lows[0].endswith("ed") else _third_to_you_verb(first)
        parts[index[0]] = "you " + verb[0].lower() + verb[1:]
    they = lows[0] in _THEY
    pending: dict[str, str] | None = None  # the verb after a swapped subject must agree with 'you'
    for pos, i in enumerate(index):
        word, low = parts[i], lows[pos]
        if pending is not None and (low in _ADVERBS or low.endswith("ly")):
            continue
        if pending is not None:
            new = pending.get(low) if pending is _AGREE_I else _third_to_you_verb(word)
            pending = None
        else:
            following = lows[pos + 1] if pos + 1 < len(lows) else ""
            new, pending = _swap(word, low, following, they)
        if new is not None:
            parts[i] = _match_case(word, new)
    return "".join(parts)


def _subjectless(lows: list[str]) -> bool:
    """An avatar phrase that opens with her verb: 'brews bitter cups because she…', 'bought … she…'."""
    about_her = any(low in _AVATAR or low == "her" for low in lows[1:])
    first = lows[0]
    verb_like = first in _PAST or first.endswith("ed") or (first.endswith("s") and not first.endswith("ss"))
    return about_her and verb_like and first not in _AVATAR and first not in _THEY and first != "her"


def _low(word: str) -> str:
    return word.lower().replace("’", "'")


def _swap(word: str, low: str, following: str, they: bool) -> tuple[str | None, dict[str, str] | None]:
    if word == "I":
        return "you", _AGREE_I
    if low == "i":
        return None, None
    if low in _FIRST_PERSON and not (low == "us" and word == "US"):
        return _FIRST_PERSON[low], None
    if low in ("she", "he"):
        return "you", _AGREE_THIRD
    if low in _AVATAR:
        return _AVATAR[low], None
    if low == "her":
        return ("you" if not following or following in _OBJECT_NEXT else "your"), None
    if they and low in _THEY:
        return _THEY[low], None
    return None, None


def _third_to_you_verb(word: str) -> str:
    """'wants' → 'want', 'worries' → 'worry', 'watches' → 'watch' (after 'she' became 'you')."""
    low = word.lower()
    if low in _AGREE_THIRD:
        return _AGREE_THIRD[low]
    if low.endswith("ies") and len(low) > 4:
        return word[:-3] + "y"
    if re.search(r"(ss|sh|ch|x|z|o)es$", low):
        return word[:-2]
    if low.endswith("s") and not low.endswith("ss") and len(low) > 2:
        return word[:-1]
    return word


def _match_case(original: str, new: str) -> str:
    if original[0].isupper() and original != "I":
        return new[0].upper() + new[1:]
    return new


_QUESTION_START = wordset("what how why will would can could should is are do does did who where when which")


def said(text: str) -> str:
    """Words in the customer's voice, ready to quote: capitalised, ending in '?' when they ask something."""
    first = text.strip().split(" ", 1)[0].lower() if text.strip() else ""
    return sentence(cap(text), "?" if first in _QUESTION_START else ".")
