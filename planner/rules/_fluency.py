"""Fluency checks: copy that passes every stage rule yet reads like a filled-in template.

Three tells, each a pure function over the draft's text segments that yields evidence strings:
copywriting-framework scaffolding left in the copy ("Before: … After: … The bridge: …"), the same sentence
twice, and a fragment after a colon that keeps its capital in running text ("Plus: Overwhelmed by choice.").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from typing import NamedTuple

from planner.rules._grammar import has_finite_verb, looks_common

# Labels of the copywriting frameworks (before-after-bridge, problem-agitate-solve, where you are → where
# you want to be). Matched right before a colon that opens a line or follows the end of a sentence.
_FRAMEWORK_LABELS = (
    r"Before|After|The bridge|Bridge|Problem|Agitate|Agitation|Solution|Where you are(?: now)?|"
    r"Where you(?:'d| would)? (?:want|like) to be|Where it leads|Where you start(?:ed)?|"
    r"Where you're (?:headed|going)"
)
# "Now:" and "Next:" open ordinary onboarding lines ("Next: set up your profile"), and "From:"/"To:" email
# headers: they are scaffolding only beside another framework label, or as a From/To pair.
_SEQUENCE_LABELS = frozenset({"Now", "Next", "Right now"})
_LABEL_BEFORE_COLON = re.compile(
    r"(?:^|(?<=[.!?])[ \t]+)[ \t]*(?:[-•*·][ \t]*)?"
    r"(?P<label>" + _FRAMEWORK_LABELS + r"|Now|Next|Right now|From|To)"
    r"[ \t]*$",
    re.M,
)
# The last word of every label above: a cheap test before the regular expression.
_LAST_WORDS = frozenset(
    {"Before", "After", "bridge", "Bridge", "Problem", "Agitate", "Agitation", "Solution", "are", "now", "be"}
    | {"leads", "start", "started", "headed", "going", "Now", "Next", "From", "To"}
)
_NAMES = re.compile(
    r"\bproblem[- ]agitat\w*[- ](?:solv\w*|solution)\b|\bbefore[- ]after[- ]bridge\b|"
    r"\battention[- ]interest[- ]desire[- ]action\b",
    re.I,
)
_NAME_WORDS = ("agitat", "after-bridge", "after bridge", "interest-desire", "interest desire")
_NAMES_EXACT = re.compile(r"\bAIDA\b|\bPAS (?:framework|formula|method|model|structure|copy)\b")
_END = re.compile(r"[.!?](?=\s)|\n")


def framework_labels(text: str) -> Iterator[str]:
    """Evidence of framework scaffolding: the labels found (with an example), or a framework named."""
    found = _labels_at_colons(text)
    names = {label for label, _ in found}
    framed = names - _SEQUENCE_LABELS - {"From", "To"}
    from_to = {"From", "To"} <= names and not any(
        re.search(r"[@<]", _line_at(text, i)) for label, i in found if label == "From"
    )  # "From: Jane <jane@…>" is an email header
    if framed or from_to:
        keep = [(label, i) for label, i in found if label not in ("From", "To") or from_to]
        start = keep[0][1]
        stop = _END.search(text, text.find(":", start) + 1)
        example = _clip(text[start : stop.start() + 1 if stop else len(text)].strip(), 60)
        labels = dict.fromkeys("From: … To:" if label in ("From", "To") else f"{label}:" for label, _ in keep)
        yield f"{', '.join(labels)} (e.g. '{example}')"
    low = text.lower()
    if any(word in low for word in _NAME_WORDS):  # the case-insensitive scan is costly; it is rarely needed
        yield from (f"the framework's name '{m.group(0)}'" for m in _NAMES.finditer(text))
    if "AIDA" in text or "PAS " in text:
        yield from (f"the framework's name '{m.group(0)}'" for m in _NAMES_EXACT.finditer(text))


def _line_at(text: str, i: int) -> str:
    end = text.find("\n", i)
    return text[i : end if end >= 0 else len(text)]


def _labels_at_colons(text: str) -> list[tuple[str, int]]:
    """(label, where it starts) for each framework-like label right before a colon; colons are few, so
    looking back from each is much cheaper than scanning the text for every label."""
    found = []
    colon = text.find(":")
    while colon >= 0:
        line_start = text.rfind("\n", 0, colon) + 1
        start = max(line_start, colon - 40)
        last_word = text[max(start, colon - 12) : colon].rsplit(None, 1)
        if not last_word or last_word[-1] not in _LAST_WORDS:
            colon = text.find(":", colon + 1)
            continue
        m = _LABEL_BEFORE_COLON.search(text, start, colon)  # "^" matches only at a real line start
        if m:
            found.append((m.group("label"), m.start("label")))
        colon = text.find(":", colon + 1)
    return found


class Segment(NamedTuple):  # cheap to make: every draft has one per field
    """A piece of a draft to read as prose: a field's text, or the whole plain text (normalised quotes)."""

    text: str
    known_prose: bool = False  # a body-like field: even a one-line "Label: fragment" is running text
    summary: bool = False  # restates other text by design (a meta description, an inbox preview)
    message: str = ""  # which message of an asset made of several (a referral share's SMS, its email)


# Splits after a sentence's end mark (kept, so evidence reads as written); a pattern that opens with a plain
# character set scans much faster than one that opens with a look-behind.
_SENTENCE = re.compile(r"(?:(?<=[.!?])[ \t]+|\n)\s*")
_WORDS = re.compile(r"\w+")


def repeated_sentences(segments: list[Segment], min_words: int = 5) -> Iterator[str]:
    """Sentences of ``min_words`` or more said twice, compared without case and punctuation."""
    seen: Counter[str] = Counter()
    first: dict[str, str] = {}
    for segment in segments:
        if segment.summary:
            continue
        for sentence in _SENTENCE.split(segment.text):
            if sentence.count(" ") < min_words - 1:
                continue  # too short to count, found without the costlier word split below
            # No case, no punctuation; "it's" is one word.
            words = _WORDS.findall(sentence.lower().replace("'", ""))
            if len(words) >= min_words:
                key = segment.message + "|" + " ".join(words)
                seen[key] += 1
                first.setdefault(key, sentence.strip())
    for key, count in seen.items():
        if count > 1:
            yield f"'{_clip(first[key], 70)}' appears {count} times"


_COLON_CAPITAL = re.compile(r":[ \t]+(?=[A-Z])")
_FRAGMENT_END = re.compile(r"[.!?;](?=\s|$)")
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")
_SENTENCE_BEFORE = re.compile(r".*[.!?][ \t]+", re.S)
_LABEL_WORDS = 3  # a longer lead-in ("And the goal is simple:") is a clause, not a label


def colon_capitals(
    segments: list[Segment], vocabulary: frozenset[str], names: frozenset[str]
) -> Iterator[str]:
    """Fragments after a colon that keep a capital in running text ("Plus: Overwhelmed by choice.").

    Not flagged: a whole sentence after the colon, a question, "I", names (the profile's, or words the text
    capitalises mid-sentence), acronyms, title case, one-word values, and — in plain text, where fields are
    unknown — a line that opens with a short "Label:" (a subject line, an ad field, a bullet, a script cue).
    """
    for segment in segments:
        text = segment.text
        candidates = list(_COLON_CAPITAL.finditer(text)) if ":" in text else []
        if not candidates:
            continue
        known = vocabulary | {w for w in _WORD.findall(text) if w[0].islower()}
        for m in candidates:
            found = _fragment_at(text, m, segment.known_prose, known, names)
            if found:
                yield f"'{_clip(found, 70)}'"


def _fragment_at(
    text: str, m: re.Match[str], known_prose: bool, vocabulary: frozenset[str], names: frozenset[str]
) -> str | None:
    line_start = text.rfind("\n", 0, m.start()) + 1
    line_end = text.find("\n", m.end())
    line_end = len(text) if line_end < 0 else line_end
    before = text[line_start : m.start()]
    opener = _SENTENCE_BEFORE.match(before)
    label = before[opener.end() :] if opener else before
    after = text[m.end() : line_end]
    end = _FRAGMENT_END.search(after)
    fragment = after[: end.start()] if end else after
    if not known_prose and opener is None and len(label.split()) <= _LABEL_WORDS:
        return None  # a line that opens "Label: value" ("Subject: …", "Description: …", "Your plan: …")
    if _label_exempt(label.strip(), vocabulary) or (end and end.group(0) == "?"):
        return None  # a question after a colon takes a capital ("Helper text: No gear?")
    words = _WORD.findall(fragment)
    if len(words) < 2 or not _common_capital(words, text, vocabulary, names) or has_finite_verb(words):
        return None
    return f"{label.strip()}: {fragment.strip()}"


def _label_exempt(label: str, vocabulary: frozenset[str]) -> bool:
    """Labels that introduce a value, not prose: script cues (VO (warm):, SFX:, [Cut:), Q:/A:, numbered
    labels (Step 1:, Day 5:), and names (a sender's "DoorDash:", "Muddy Paws:", a "Glossary:" heading)."""
    label = re.sub(r"\([^)]*\)", "", label).strip()
    letters = re.sub(r"[^A-Za-z]", "", label)
    if not letters or len(letters) == 1 or letters.isupper() or label.startswith("["):
        return True
    words = label.split()
    if re.search(r"\d", label) and len(words) <= 4:
        return True
    if len(words) == 1:
        return not looks_common(words[0], vocabulary)
    return len(words) <= 4 and all(w[0].isupper() for w in words)


def _common_capital(words: list[str], text: str, vocabulary: frozenset[str], names: frozenset[str]) -> bool:
    """Whether the first word is an everyday word wearing a capital, not a name, "I" or an acronym."""
    first = words[0]
    if first == "I" or first.startswith("I'") or (first.isupper() and len(first) > 1) or first in names:
        return False
    if any(w[0].isupper() for w in words[1:4]):
        return False  # title case or a run of names: "Sarah and Tom", "Doorstep Tune-Up"
    if re.search(rf"(?<=[a-z,;] ){re.escape(first)}\b", text):
        return False  # capitalised mid-sentence elsewhere: a name
    return looks_common(first, vocabulary)


def _clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
