"""The sentences every stage writer builds on, each from the business's own facts.

A move returns ``None`` (or an empty list) when the profile has nothing to say there, and the writer then
leaves it out: a draft gets shorter rather than padded with a sentence every business would get. Copy
frameworks (problem-agitate-solve, before-after-bridge, …) decide which moves come first; their names never
appear in the copy.
"""

from __future__ import annotations

import re

from planner.compose._context import Ctx
from planner.compose._grammar import Word
from planner.compose._phrase import Form, Phrase, cap
from planner.compose._text import SENTENCE_GAP, clause, sentence, shorten, title_ref
from planner.profile import Billing, Offer

# --- who the business is --------------------------------------------------------------------------------


def about(ctx: Ctx, person: str = "We're") -> str:
    """The business description as a sentence: 'A calm salon…' → "We're a calm salon…". When the
    description names a paid offer this stage may not mention ("Weekly Piano Lessons…" beside the "Weekly
    Piano Lessons Plan"), only the name is given."""
    line = _about(ctx, person)
    if ctx.ok(line):
        return line
    first = first_sentence(line)  # "Brightwell is a family-run cleaning company in Bristol." may stand alone
    if first != line and len(first.split()) >= 4 and ctx.ok(first):
        return first
    return sentence(f"{'They are' if person == 'They are' else 'This is'} {ctx.name}")


def _about(ctx: Ctx, person: str) -> str:
    text = clause(ctx.description)
    name = ctx.name
    if re.match(r"(?:an?)\s", text, re.I):
        return sentence(f"{person} {text[0].lower()}{text[1:]}")
    if text.lower().startswith(name.lower()) or re.match(r"(?:we|our|i|my)\b", text, re.I):
        return sentence(text)
    # "Wheelhouse is a mobile bike repair service…": a sentence already, with a short form of the name.
    if re.match(r"[A-Z][\w&'’.-]*(?:\s[A-Z][\w&'’.-]*){0,3}\s(?:is|are|was|has|have)\b", text):
        return sentence(text)
    # "Cloud software that matches…" is a noun phrase without its subject.
    if text[:1].isupper() and text[1:2].islower():
        return sentence(f"{name} is {text[0].lower()}{text[1:]}")
    return sentence(f"{name} is {text}")


def first_sentence(text: str) -> str:
    parts = SENTENCE_GAP.split(text.strip(), maxsplit=1)
    return parts[0]


def intro(ctx: Ctx) -> str:
    """Who we are in one sentence (the description's first), plus where, when the description omits it."""
    line = first_sentence(about(ctx))
    place = ctx.location
    if place and place.split(",")[0].lower() not in line.lower():
        line += f" We're based in {place}."
    return line


def we_do(ctx: Ctx, i: int = 0) -> str | None:
    """A differentiator as a sentence in the business's voice; only forms that make a sentence are used."""
    for text in ctx.differentiators[i:] + ctx.differentiators[:i]:
        phrase = Phrase(text)
        line = _we(phrase, ctx.name)
        if line and ctx.ok(line):
            return line
    return None


def _we(phrase: Phrase, name: str) -> str | None:
    words = phrase.text.rstrip(".!")
    match phrase.form:
        case Form.sentence:
            first = phrase.words[0] if phrase.words else None
            if first is not None and first.tag in ("VBZ", "VBD") and first.dep == "ROOT":
                # "Works alongside QuickBooks…": a predicate with no subject is about the business.
                return sentence(f"{name} {words[0].lower()}{words[1:]}")
            return sentence(words)
        case Form.verb:
            return sentence(f"We {words[0].lower()}{words[1:]}")
        case Form.adjective:
            if phrase.words and phrase.words[0].tag == "VBN":
                return None  # "packed fresh every week": it is the product that is packed, not "we"
            return sentence(f"We're {words[0].lower()}{words[1:]}")
    return None


def proof_line(ctx: Ctx, i: int = 0) -> str | None:
    """A fact the business may state ("4.8 stars from 312 Google reviews"), as its own short line."""
    proof = ctx.proof
    if not proof:
        return None
    return sentence(cap(proof[i % len(proof)]))


def bullets_of(ctx: Ctx, offer: Offer | None, extra: int = 2) -> list[str]:
    """What an offer includes (its description split into parts), then what sets the business apart."""
    items = offer_parts(offer.description) if offer else []
    items += [cap(d.rstrip(".")) for d in ctx.differentiators[:extra]]
    return [i for i in dict.fromkeys(items) if ctx.ok(i)]


# --- the reader: pains, goals, worries ------------------------------------------------------------------


def short_question(phrase: Phrase, limit: int) -> str | None:
    """The phrase as a question of at most ``limit`` characters, cut cleanly before a clause or preposition
    ('Your dog shakes and hides at big chain salons?' → 'Your dog shakes and hides?'), or None."""
    asked = phrase.question()
    if not asked:
        return None
    if len(asked) <= limit:
        return asked
    # A real question loses its point when cut ("How are you supposed to get a bike?"); only a statement
    # said as a question ("Your dog shakes and hides?") survives a shorter ending.
    if re.match(r"(?:how|why|what|when|where|who|which|is|are|am|do|does|did|can|could|will|would|should)\b",
                asked, re.I):  # fmt: skip
        return None
    cut = shorten(asked.rstrip("?"), limit - 1)
    return f"{cut}?" if cut else None


def pain_question(ctx: Ctx, i: int = 0) -> str | None:
    return ctx.pick_phrase(ctx.pains(), Phrase.question, i)


def pain_statement(ctx: Ctx, i: int = 0) -> str | None:
    return ctx.pick_phrase(ctx.pains(), Phrase.statement, i)


def pain_clause(ctx: Ctx, i: int = 0) -> str | None:
    return ctx.pick_phrase(ctx.pains(), Phrase.clause, i)


def picture(ctx: Ctx, i: int = 0, lead: str = "Imagine") -> str | None:
    """The after-picture: 'Imagine sleeping through the night.'; a goal that is a sentence is quoted."""
    gerund = ctx.pick_phrase(ctx.goals(), Phrase.gerund, i)
    if gerund:
        return f"{lead} {gerund}."
    quote = ctx.pick_phrase(ctx.goals(), Phrase.quote, i)
    return f"{quote} That's what we're here for." if quote else None


def want(ctx: Ctx, i: int = 0) -> str | None:
    """What the reader wants, after 'you want' / 'Want': 'to sleep through the night'."""
    return ctx.pick_phrase(ctx.goals(), Phrase.goal_line, i)


# --- objections, answered as the kind of objection they are ---------------------------------------------

_KINDS: tuple[tuple[str, str], ...] = (
    (
        "status",
        r"\b(?:works? (?:well |fine |ok )?enough|works? fine|current (?:process|setup|system|way)|"
        r"fine as (?:it is|is)|not broken)\b",
    ),
    ("diy", r"\b(?:myself|ourselves|do it|diy|in-house|spreadsheets?|already (?:use|have|do))\b"),
    ("cost", r"\b(?:expensive|cost\w*|price\w*|pricey|afford\w*|budget|money|worth|spend\w*|cheap\w*)\b"),
    (
        # A day, week or month is a time worry only when it is how long something takes ("takes weeks"),
        # not when it dates another worry ("what if it breaks again next week?").
        "time",
        r"\b(?:time|hours?|busy|schedule\w*|appointments?|wait\w*|minutes|calendar|slots?|season|how long|"
        r"(?:takes?|taking|took|for|lose|losing|whole) (?:\w+ )?(?:days?|weeks?|months?|weekends?))\b",
    ),
    (
        "trust",
        r"\b(?:anxious|nervous|strangers?|trust\w*|scared|safe\w*|risk\w*|worr\w*|afraid|gentle|"
        r"rough|hurt|secure|security|data|quality|reliab\w*|fresh\w*|stale|scam\w*|legit\w*|"
        r"breaks?|broken|fail\w*|again)\b",
    ),
    (
        "effort",
        r"\b(?:switch\w*|migrat\w*|complicated|complex|hard|learn\w*|setup|set up|tech\w*|confus\w*|"
        r"hate\w*|like it|good enough|beginner|ability|skill\w*)\b",
    ),
)

# How a worry is raised when it is too short to quote ("price", "trust issues"): a plain question.
WORRY = {
    "cost": "Worried about the cost?",
    "time": "Short on time?",
    "trust": "Not sure who to trust?",
    "diy": "Thinking of doing it yourself?",
    "effort": "Worried it's complicated?",
    "status": "Happy with how things are?",
    "other": "Not sure it's for you?",
}


def a_or_an(noun: str) -> str:
    return f"{'an' if noun[:1].lower() in 'aeio' or noun.lower().startswith(('un', 'hour')) else 'a'} {noun}"


def kind_of(objection: str) -> str:
    for kind, pattern in _KINDS:
        if re.search(pattern, objection, re.I):
            return kind
    return "other"


def worry(ctx: Ctx, objection: Phrase) -> str:
    """The objection raised in the reader's own words when they make a sentence, else as a plain question."""
    quoted = objection.quote()
    if quoted and ctx.ok(quoted):
        return quoted
    return WORRY[kind_of(objection.raw)]


def answer(ctx: Ctx, objection: Phrase, offer: Offer | None) -> str | None:
    """The business's own answer when the profile has one; else a fact about ``offer`` that meets this kind
    of worry (its price, its length, what it includes, proof); else None — and the objection is left out."""
    if ctx.has_answer(objection):
        return ctx.answer_to(objection)  # the business's own answer, or nothing if this stage bans it
    kind = kind_of(objection.raw)
    facts: list[str | None] = []
    if offer is not None:
        ctx.note(offer.role)
        price = offer.price_label()
        name = title_ref(offer.name)
        length = duration(offer.description)
        if kind == "cost":
            once = " one time" if offer.billing == Billing.one_time and offer.is_paid else ""
            facts.append(f"{cap(name)} is {price}{once}, so you can judge it before committing to more.")
        if kind == "time" and length:
            facts.append(f"{cap(name)} takes about {length}.")
        facts.append(_matching_fact(ctx, objection))
        if kind in ("effort", "diy"):
            # Only where effort is the worry does "a small first step" answer it; for any other question
            # ("Can you come on a Saturday?") it would be a non-answer, and the objection is left out.
            facts.append(f"{cap(name)} is a small first step: {its_body(offer)}")
    if kind == "trust":
        facts.append(proof_line(ctx))
        facts.append(we_do(ctx))
    if kind == "effort" and ctx.first_steps:
        facts.append(f"After you start, {_lower(ctx.first_steps[0])}")
    return next((f for f in facts if f and ctx.ok(f)), None)


_ASKS_YES = re.compile(r"(?:can|do|does|will|is|are)\s+you\b", re.I)
_STOP = {"that", "this", "with", "your", "what", "when", "will", "have", "even", "about", "from", "they"}


def _matching_fact(ctx: Ctx, objection: Phrase) -> str | None:
    """A differentiator that names what the objection asks about ("…on a Saturday?" → "Saturday and evening
    appointments"), as its answer: "Yes — Saturday and evening appointments." for a yes/no question."""
    asked = {w for w in re.findall(r"[a-z]{4,}", objection.raw.lower()) if w not in _STOP}
    for fact in ctx.differentiators:
        if asked & set(re.findall(r"[a-z]{4,}", fact.lower())):
            said = sentence(cap(fact.rstrip(".")))
            return f"Yes — {said}" if _ASKS_YES.match(objection.raw.strip()) else said
    return None


def duration(text: str) -> str:
    """'A 45-minute intro bath…' → '45 minutes'; '…in about two hours' → 'two hours'."""
    found = re.search(r"\b(\d{1,3}|an?|one|two|three)[- ](minute|hour|day|week)s?\b", text, re.I)
    if not found:
        return ""
    number, unit = found.group(1).lower(), found.group(2).lower()
    plural = number not in ("a", "an", "one", "1")
    return f"{'an' if number in ('a', 'an') and unit == 'hour' else number} {unit}{'s' if plural else ''}"


def its_body(offer: Offer) -> str:
    """An offer's description as a sentence about it: 'A one-page checklist of…' → 'a one-page checklist…'."""
    text = sentence(clause(offer.description))
    if re.match(r"(?:an?|the)\s", text, re.I):
        return text[0].lower() + text[1:]
    return text


_COUNT = re.compile(r"^(?:an?|the|one|two|three|four|five|six|seven|eight|nine|ten|\d+)\b", re.I)


def what_it_is(offer: Offer) -> str:
    """'First Bath & Tidy is a 45-minute intro bath…', 'The Sampler is six 10-gram pouches…', or the
    description as it stands when it is a sentence of its own ("Members get…")."""
    body = its_body(offer)
    name = cap(title_ref(offer.name))
    if _COUNT.match(body):
        return f"{name} is {body[0].lower()}{body[1:]}"
    from planner.compose._grammar import words_of

    words = words_of(body)
    first = words[0] if words else None
    if first is not None and first.tag in ("JJ", "NN", "NNS", "VBG") and _noun_root(words):
        return f"{name} includes {body[0].lower()}{body[1:]}"
    return its(offer)


def _noun_root(words: tuple[Word, ...]) -> bool:
    root = next((w for w in words if w.dep == "ROOT"), None)
    return root is not None and root.tag in ("NN", "NNS")


def its(offer: Offer) -> str:
    """The same as a standalone sentence: "It's a one-page checklist of…"."""
    body = its_body(offer)
    return sentence("It's " + body) if re.match(r"(?:an?|the)\s", body, re.I) else sentence(cap(body))


def _lower(text: str) -> str:
    text = sentence(text)
    return (
        text[0].lower() + text[1:]
        if text[:2].istitle() or (text[:1].isupper() and text[1:2].islower())
        else text
    )


def category(ctx: Ctx) -> str:
    """What kind of business it is, from its description: 'A calm, … dog-grooming salon in…' →
    'dog-grooming salon'. Empty when the description does not open with a noun phrase."""
    from planner.compose._grammar import words_of

    words = words_of(clause(ctx.description))
    root = next((i for i, w in enumerate(words) if w.dep == "ROOT"), -1)
    if 0 <= root <= 3 and words[root].lemma == "be":  # "Wheelhouse is a mobile bike repair service…"
        root = next((i for i, w in enumerate(words) if w.dep == "attr" and w.head == root), -1)
    if root < 0 or root > 10 or words[root].tag not in ("NN", "NNS"):
        return ""
    if root + 1 < len(words) and words[root + 1].text.lower() in (",", "and", "or", "&", "/"):
        return ""  # one item of a list ("commercial heating, ventilation and air-conditioning contractor")
    start = root
    while start > 0 and (
        words[start - 1].dep in ("compound", "amod", "nmod", "npadvmod") or words[start - 1].tag == "HYPH"
    ):
        if words[start - 1].tag == "JJ" and words[start - 2 : start - 1] and words[start - 2].tag == ",":
            break
        start -= 1
    text = "".join(w.text + w.space for w in words[start : root + 1]).strip()
    # "Small-Batch Sauce" → "small-batch sauce"; names and acronyms ("SaaS", "UK") keep their case.
    return " ".join(
        w.lower() if re.fullmatch(r"[A-Z][a-z]+(?:-[A-Z]?[a-z]+)*", w) else w for w in text.split()
    )


def offer_parts(description: str) -> list[str]:
    """What an offer includes, read from the parse of its description: 'Three spa visits with a warm hydro
    bath, joint-friendly handling, paw balm and a take-home coat care kit' → the visits and four extras.
    Empty when the description is not a noun with a 'with'/'plus'/'including' list: it is then kept whole
    rather than cut into fragments ("baths calmer for nervous dogs")."""
    from planner.compose._grammar import words_of

    text = sentence(clause(description))
    words = words_of(text)
    root = next((i for i, w in enumerate(words) if w.dep == "ROOT"), -1)
    if root < 0 or words[root].tag not in ("NN", "NNS"):
        return []
    link = next(
        (i for i, w in enumerate(words) if w.head == root and w.dep == "prep" and w.text.lower() in _LISTS),
        None,
    )
    pobj = next(
        (i for i, w in enumerate(words) if link is not None and w.head == link and w.dep == "pobj"), None
    )
    if link is None or pobj is None:
        return []
    heads, frontier = [pobj], [pobj]
    while frontier:  # every item coordinated with the first, however the parser chained them
        node = frontier.pop()
        found = [i for i, w in enumerate(words) if w.head == node and w.dep == "conj"]
        heads += found
        frontier += found
    heads.sort()
    if len(heads) < 2:
        return []
    punct = {i for i, w in enumerate(words) if w.head == root and w.dep == "punct"}
    main = _span(words, root, skip={link} | punct)
    items: list[str] = []
    for k, h in enumerate(heads):
        own = {i for i, w in enumerate(words) if w.head == h and w.dep in ("conj", "cc")}
        part = _span(words, h, skip=own)
        between = words[heads[k - 1] + 1 : h] if k else ()
        if items and any(w.dep == "cc" and w.text.lower() == "or" for w in between):
            items[-1] = f"{items[-1]} or {part}"  # "an evening or weekend slot" is one item
        else:
            items.append(part)
    return [cap(p) for p in [main, *items] if len(p.split()) >= 2 or p == main]


_LISTS = {"with", "plus", "including"}


def _span(words: tuple[Word, ...], head: int, skip: set[int]) -> str:
    """The words under ``head`` (its subtree), leaving out the subtrees rooted at ``skip``."""
    keep = {head}
    frontier = [head]
    while frontier:
        node = frontier.pop()
        for i, w in enumerate(words):
            if w.head == node and i != node and i not in skip and i not in keep:
                keep.add(i)
                frontier.append(i)
    picked = sorted(keep)
    text = "".join(words[i].text + words[i].space for i in picked).strip()
    return text.strip(" ,;.").removeprefix("and ").removeprefix("or ")


def lower_start(text: str) -> str:
    """Lower-case the first word to continue a sentence, unless it is a name ('Ledgerly gives…')."""
    from planner.compose._grammar import words_of

    words = words_of(text)
    if not text or (words and words[0].tag in ("NNP", "NNPS")) or text.split(" ", 1)[0].isupper():
        return text
    return text[0].lower() + text[1:]


def avatar_role(ctx: Ctx) -> str:
    """Who the customer is, from an avatar named 'Role Given-name': 'Busy Dog Parent Dana' → 'busy dog
    parent'. Empty when the avatar's name does not read that way (a bare given name, a sentence)."""
    words = ctx.profile.avatar.name.split()
    if not 3 <= len(words) <= 5 or not re.fullmatch(r"[A-Z][a-z]+", words[-1]):
        return ""
    role = " ".join(w if re.fullmatch(r"[A-Z]{2,}\w*", w) else w.lower() for w in words[:-1])
    return role if re.fullmatch(r"[\w' -]+", role) and ctx.ok(role) else ""
