"""Text helpers the stage writers share: casing, length fitting, phrase choice and list splitting.

Channel limits are hard, so ``fit`` shortens at a natural break (a comma, "that", "at", "in"…) or a word
boundary and never leaves a dangling "and"/"the"; ``shorten``/``short`` give only clean cuts, so writers can
offer several candidate lines and let ``pick`` choose the first that fits.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

T = TypeVar("T")


def wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Words a shortened phrase must not end on: cutting after them leaves the sentence hanging.
DANGLING = wordset(
    """a an the and or but nor of to for with in on at by from that which who whom whose your my our their
    his her its is are was were be been being as so than into onto about without within every each no
    not very too more less most least this these those if when while because can could will would should
    may might must do does did has have had just also even only both either via per like over under
    after before between through any some all such own same other another it's you're we're they're i'm"""
)
# Words a long phrase can be cut in front of, keeping the head of the phrase ("matted fur | that is…").
# Strong breaks start a clause; medium ones a prepositional phrase; "and"/commas may split a list, so a
# cut there must keep more of the room to be worth it.
_BREAKS = (
    (wordset("that which who whom when because while so with without for during after before unless"), 0.4),
    (wordset("at in on to from by every into through across"), 0.4),
    (wordset("and or but"), 0.6),
)
_END = ".!?…"
# Names ending in one of these read as a thing: "the Month-End Close Report", "the Sudsy Club Membership",
# and, for a service, "the Movement Assessment", "the First-Visit Mechanical Inspection".
_PRODUCT_NOUNS = wordset(
    """checklist guide kit quiz report ebook webinar course workbook toolkit template playbook planner
    calculator sheet membership club plan package bundle box set sampler workshop session migration program
    programme subscription pass audit consultation call demo trial series newsletter masterclass challenge
    inspection assessment check review clean class lesson tasting tour fitting treatment appointment"""
)
# The gap after a sentence, captured so a caller can split and rejoin without losing paragraph breaks.
# A sentence ends at . ! ? or a closing quote, but not after a title or a company abbreviation ("St. Paul",
# "Dr. Patel", "Pepper Co. is").
_ABBREVIATED = "".join(
    rf"(?<!\b{a}\.)"
    for a in ("St", "Dr", "Mr", "Mrs", "Ms", "Co", "Ltd", "Inc", "vs", "Mt", "No", "Ste", "Jr", "Sr")
)
SENTENCE_GAP = re.compile(rf"(?<=[.!?”]){_ABBREVIATED}(\s+)(?=[A-Z“\"•–-])")
_COMMON_START = wordset(
    """a an the my our your her his their no not too it its this that these those i we you she he they long
    matted getting keeping finding having being making spending wasting trying never always every one
    some more less lots little big small slow late hard"""
)


def clause(text: str) -> str:
    """A phrase ready to sit mid-sentence: no trailing full stop, common first words lower-cased."""
    text = " ".join(text.split()).rstrip(" .;:,")
    first = text.split(" ", 1)[0] if text else ""
    common = first.lower() in _COMMON_START or first.lower().endswith("ing")
    if first[:1].isupper() and first[1:].islower() and common:
        text = text[0].lower() + text[1:]
    return text


def cap(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def sentence(text: str, end: str = ".") -> str:
    """Capitalised, ending in punctuation: 'your dog shakes' → 'Your dog shakes.'"""
    text = cap(" ".join(text.split()).rstrip(" ,;:"))
    if not text:
        return text
    return text if text[-1] in _END or text.endswith(("”", '"', ")")) else text + end


def title_ref(name: str) -> str:
    """An offer name inside a sentence: 'Month-End Close Report' → 'the Month-End Close Report'.

    A name that asks a question and then says what it is reads badly mid-sentence ("get the Is It Safe to
    Ride? The 5-Minute Bike Check"): the subtitle names it when it says more than its kind, else the kind
    leads and the question is quoted ("the checklist “Is Your Piano Worth Keeping?”").
    """
    question, mark, subtitle = name.partition("? ")
    if mark and question and subtitle.strip():
        words = subtitle.strip().rstrip(".").split()
        if len(words) >= 3:
            return title_ref(" ".join(words))
        return f"the {words[-1].lower()} “{question}?”"
    if name.startswith("The "):
        return "the " + name[4:]
    last = re.findall(r"[A-Za-z]+", name)[-1:]
    plain = not re.match(r"(?:a|an|the|your|our|my)\s", name, re.I)
    # A name typed all in lower case ("taster evening") is a description, not a brand: it takes "the".
    described = name == name.lower() and " " in name.strip()
    return f"the {name}" if plain and last and (last[0].lower() in _PRODUCT_NOUNS or described) else name


def fit(text: str, limit: int) -> str:
    """Shorten to at most ``limit`` characters at a natural break or word boundary, never mid-word; a
    sentence that would keep only its first word or two ("…grooming salons? Start") goes whole."""
    cut = _fit(text, limit)
    if cut == " ".join(text.split()):
        return cut
    if text.rstrip().endswith("?") and limit > 1:
        # A question cut short is still asked: "Is a maintenance contract an unnecessary fixed cost?"
        # (from "…fixed cost when equipment is running fine?"), never a statement without its mark.
        asked = fit(text.rstrip()[:-1], limit - 1).rstrip(" ,;:—–-")
        return f"{asked}?" if asked and asked[-1] not in ".!?" else asked
    whole = re.match(r"(.*[.!?])\s+\S+(?:\s+\S+)?$", cut)
    if whole and len(whole.group(1)) >= limit // 3:
        return whole.group(1)
    # "…loose-leaf teas, sourced": a clause cut after its first word or two says nothing; end at the comma.
    clause = re.match(r"(.*[^\s,;:]),\s+\S+(?:\s+\S+)?$", cut)
    if clause and len(clause.group(1)) >= limit // 2:
        return clause.group(1)
    return cut


def _fit(text: str, limit: int) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    words = text.split(" ")
    for breaks, share in _BREAKS:
        cut = _clause_cut(words, limit, breaks, comma=share > 0.5)
        if cut and len(cut) >= limit * share:
            return cut
    kept: list[str] = []
    for word in words:
        if len(" ".join([*kept, word])) > limit:
            break
        kept.append(word)
    # A single word longer than the limit has no boundary to cut at; only then is a word cut.
    return _tidy(kept) or " ".join(kept) or words[0][:limit]


def shorten(text: str, limit: int) -> str | None:
    """The phrase, or its head cut cleanly before a clause/preposition; None when no clean cut fits."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    words = text.split(" ")
    for breaks, share in _BREAKS[:2]:
        cut = _clause_cut(words, limit, breaks, comma=False)
        if cut and len(cut) >= limit * share and len(cut.split()) >= 3:
            return cut
    return None


def fit_sentences(text: str, limit: int) -> str:
    """Whole sentences (and paragraph breaks) that fit ``limit``; only an overlong first one is cut."""
    pieces = SENTENCE_GAP.split(text.strip())
    kept = pieces[0]
    if len(kept) > limit:
        return fit(kept, limit)
    for i in range(1, len(pieces) - 1, 2):
        longer = kept + pieces[i] + pieces[i + 1]
        if len(longer) > limit:
            break
        kept = longer
    return kept.strip()


def _clause_cut(words: list[str], limit: int, breaks: frozenset[str], comma: bool) -> str | None:
    """The longest head of ``words`` that ends just before a break word (or after a comma) and fits."""
    best: str | None = None
    for i in range(2, len(words)):
        at_comma = comma and words[i - 1].endswith((",", ";"))
        if words[i].lower() in breaks or at_comma:
            head = _tidy(words[:i])
            if head and len(head) <= limit and len(head.split()) >= 2:
                best = head
    return best


def _tidy(words: list[str]) -> str:
    kept = list(words)
    while kept:
        last = kept[-1].rstrip(",;:-–—(“\"'").lower()
        if not last or last in DANGLING or kept[-1] in {"-", "–", "—", "&", "+"}:
            kept.pop()
            continue
        break
    text = " ".join(kept).rstrip(",;:-–—( ")
    if text.count("“") > text.count("”"):
        text = text.replace("“", "", 1)
    if text.count("(") > text.count(")"):
        text = text.replace("(", "", 1)
    return text


def pick(candidates: Iterable[str], limit: int, ok: Callable[[str], bool] | None = None) -> str:
    """The first candidate that fits ``limit`` (and passes ``ok``); else the shortest one, fitted."""
    usable = [c for c in candidates if c and NO_FIT not in c and (ok is None or ok(c))]
    for candidate in usable:
        if len(candidate) <= limit:
            return candidate
    if not usable:
        return ""
    return fit(min(usable, key=len), limit)


def _leading_sentences(text: str, limit: int) -> str:
    """The text's first whole sentences within ``limit``; empty when even the first does not fit."""
    first = SENTENCE_GAP.split(text.strip())[0]
    return fit_sentences(text, limit) if len(first) <= limit else ""


def vary(
    first: Iterable[str], fallbacks: Sequence[str], v: int, limit: int, ok: Callable[[str], bool]
) -> str:
    """The variant's own line: ``first`` when one fits, else the v-th of the fallbacks that fit, so five
    variants get different headlines even when their long first choices do not fit."""
    # A first choice that fits whole, or its whole first sentences ("Want to catch errors…? Get the Month-End
    # Close Benchmark Report, free." → its question): never one cut mid-name to the limit.
    candidates = [c for c in first if c and NO_FIT not in c]
    for whole in [
        *(c for c in candidates if len(c) <= limit),
        *(_leading_sentences(c, limit) for c in candidates),
    ]:
        if whole and ok(whole):
            return whole
    # Sorted, so the choice does not depend on how the caller happened to rotate its phrases.
    fitting = sorted({c for c in fallbacks if c and len(c) <= limit and (ok is None or ok(c))})
    return fitting[v % len(fitting)] if fitting else pick(fallbacks, limit, ok)


def rotate(items: Sequence[T], start: int) -> list[T]:
    """Items starting at ``start`` (wrapping), so each variant leads with a different pain/goal/objection."""
    if not items:
        return []
    start %= len(items)
    return [*items[start:], *items[:start]]


def count_phrase(text: str) -> str:
    """A countable promise in a description: '…of 10 at-home habits that…' → '10 at-home habits'."""
    match = re.search(r"\b(\d{1,3})\s+((?:[a-z][\w-]*\s+){0,2}?[a-z][\w-]*s)\b", text)
    return f"{match.group(1)} {match.group(2)}" if match else ""


def slug_word(text: str, limit: int) -> str:
    """A display-path segment: 'Email tips' → 'email-tips', kept within ``limit``."""
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    while len(slug) > limit and "-" in slug:
        slug = slug.rsplit("-", 1)[0]
    return slug[:limit] or "free"


# Marks a candidate line that could not be shortened cleanly; ``pick`` skips any candidate containing it.
NO_FIT = "\x00"


def short(text: str, limit: int) -> str:
    """``shorten`` for candidate lines: the clean short form, or ``NO_FIT`` so ``pick`` passes over it."""
    return shorten(text, limit) or NO_FIT


def top_up(items: list[str], spares: Iterable[str], least: int, ok: Callable[[str], bool]) -> list[str]:
    """``items`` with spares added (no repeats, only lines ``ok`` accepts) until there are ``least``: for the
    few fields a channel requires a minimum of (three bullets, two sections) on a profile with few facts."""
    out = list(dict.fromkeys(items))
    for spare in spares:
        if len(out) >= least:
            break
        if spare and spare not in out and ok(spare):
            out.append(spare)
    return out
