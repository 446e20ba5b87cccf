"""Aware: a search ad and a social ad that a stranger sees first.

An ad names one pain or wish in the reader's terms, says who the business is (and where), gives one reason
to believe it when the profile has one, and asks only for a light click to learn more. The lead magnet's
download and its email form belong to Subscribe; paid offers are banned here (``Ctx``).
"""

from __future__ import annotations

import re

from planner.assets import SearchAd, SocialAd
from planner.compose._context import Ctx
from planner.compose._moves import (
    about,
    answer,
    category,
    first_sentence,
    intro,
    kind_of,
    pain_question,
    pain_statement,
    picture,
    proof_line,
    short_question,
    want,
    we_do,
    worry,
)
from planner.compose._phrase import cap
from planner.compose._registry import composes
from planner.compose._text import fit, pick, rotate, slug_word, vary

Data = dict[str, object]

# The light call to action per variant: a click to learn more, never a download or a form.
_INVITES = (
    "See how we work.",
    "See how it works.",
    "Take a look.",
    "See how we work, then decide.",
    "Learn more.",
)
# The second display-path segment per variant: where the click lands.
_PATHS = ("how-it-works", "why-us", "start-here", "questions", "what-we-do")


def _short(ctx: Ctx, lines: list[str | None], limit: int) -> list[str]:
    return [line for line in lines if line and len(line) <= limit and ctx.ok(line)]


def _headlines(ctx: Ctx) -> list[str]:
    """Up to 15 headlines of ≤ 30 characters, each about this business: name, kind and place, the reader's
    pain or wish, what sets it apart, proof. Generic lines only fill the minimum of three."""
    kind, city = category(ctx), ctx.location.split(",")[0].strip()
    city = city.title() if city.islower() else city  # "margate, kent" as written → "Margate"
    pains = [short_question(p, 30) for p in ctx.pains()]
    wants = [
        f"Want {w}?" if w and w.startswith("to ") else None for w in (p.goal_line() for p in ctx.goals())
    ]
    facts = [cap(d.rstrip(".")) for d in ctx.differentiators] + [cap(p.rstrip(".")) for p in ctx.proof]
    short = " ".join(kind.split(" ")[-2:])  # "family-run commercial cleaning company" → "cleaning company"
    local = [f"{cap(k)} in {city}" for k in (kind, short) if k and city] + [
        cap(k) for k in (kind, short) if k
    ]
    ordered = [*pains, ctx.name, *local, *facts, *wants]
    lines = list(dict.fromkeys(_short(ctx, ordered, 30)))
    for spare in ("See how it works", "Learn more", "Take a look"):
        if len(lines) >= 3:
            break
        lines.append(spare)
    return rotate(lines[:15], ctx.v)  # the ad tool shuffles them anyway; the first shown differs by variant


def _descriptions(ctx: Ctx) -> list[str]:
    """Two descriptions of ≤ 90 characters: who the business is, and one line in the variant's angle."""
    who = first_sentence(about(ctx))
    city = ctx.location
    place = f"{ctx.name}, {city}." if city else f"Meet {ctx.name}."
    where = f"{place} {_INVITES[ctx.v]}"
    # Said whole or not at all: a description cut to fit reads as a broken sentence ("…is a full-service
    # commercial heating." where the description went on "…, ventilation and air-conditioning contractor").
    cut = fit(who.rstrip("."), 89)
    first = pick([who, *([cut + "."] if not _inside_list(who, cut) else []), place], 90, ctx.ok)
    angle = [
        [pain_question(ctx), proof_line(ctx), we_do(ctx)],
        [picture(ctx), we_do(ctx), proof_line(ctx)],
        [_want_question(ctx), pain_question(ctx), proof_line(ctx)],
        [we_do(ctx), proof_line(ctx), pain_question(ctx)],
        [proof_line(ctx), we_do(ctx, 1), pain_question(ctx)],
    ][ctx.v]
    lines = [f"{a} {_INVITES[ctx.v]}" for a in angle if a] + [a for a in angle if a]
    second = pick([*lines, where], 90, ctx.ok)
    return [d for d in dict.fromkeys([first, second]) if d] or [fit(who, 90), _INVITES[ctx.v]]


def _inside_list(whole: str, cut: str) -> bool:
    """Was ``whole`` cut inside a list of nouns? '…commercial heating' + ', ventilation and air-conditioning
    contractor': the cut names one item of the list where the description named a kind of business."""
    rest = whole[len(cut) :]
    return re.match(r",\s+(?:[\w-]+\s+){0,2}?(?:and|or|&)\s", rest) is not None


def _want_question(ctx: Ctx) -> str | None:
    wish = want(ctx)
    return f"Want {wish}?" if wish and wish.startswith("to ") else None


@composes(SearchAd)
def search_ad(ctx: Ctx) -> Data:
    descriptions = _descriptions(ctx)
    if len(descriptions) < 2:  # an invite the first description does not already end with
        descriptions.append(next(i for i in _INVITES[ctx.v :] + _INVITES if i not in descriptions[0]))
    kind = " ".join(category(ctx).split(" ")[-2:])  # "dog-grooming salon", not its adjectives
    return {
        "headlines": _headlines(ctx),
        "descriptions": descriptions,
        "display_path": [slug_word(kind or ctx.name, 15), _PATHS[ctx.v]],
    }


@composes(SocialAd)
def social_ad(ctx: Ctx) -> Data:
    name = ctx.biz(34, "")
    description = [
        f"See how {name} helps" if name else "See how we help",
        f"Why people choose {name}" if name else "Why people choose us",
        f"Get to know {name}" if name else "Get to know us",
        f"How {name} works" if name else "How it works",
        f"Meet {name}" if name else "Meet the team",
    ][ctx.v]
    candidates = [
        *(short_question(p, 40) or "" for p in ctx.pains()),
        _want_question(ctx) or "",
        *(cap(d.rstrip(".")) for d in ctx.differentiators),
        f"Meet {ctx.name}",
    ]
    headline = vary([], [c for c in candidates if c and len(c) <= 40], ctx.v, 40, ctx.ok)
    headline = headline or "See how it works"
    description = pick([d for d in (description, "See how it works") if d != headline], 60, ctx.ok)
    return {
        "primary_text": _primary(ctx),
        "headline": headline,
        "description": ctx.voice.end(description or "Learn more"),
        "cta": "Learn More",
        "destination": ctx.profile.business.website or "{{landing_link}}",
    }


def _primary(ctx: Ctx) -> str:
    """The ad's body in the variant's order of ideas; every paragraph comes from the profile."""
    who = " ".join(s for s in (intro(ctx), we_do(ctx), proof_line(ctx)) if s)
    invite = _INVITES[ctx.v]
    bodies = [_pas, _bab, _question, _objection, _reasons]
    for body in (bodies[ctx.v], _pas):
        text = body(ctx, who, invite)
        if text and len(text) <= 500 and ctx.ok(text):
            return text
    return pick([f"{who} {invite}", f"{intro(ctx)} {invite}"], 500, ctx.ok) or f"Meet {ctx.name}. {invite}"


def _paragraphs(*parts: str | None) -> str | None:
    kept = [p for p in parts if p]
    return "\n\n".join(kept) if len(kept) >= 2 else None


def _pas(ctx: Ctx, who: str, invite: str) -> str | None:
    """The problem, what comes with it, and who solves it."""
    return _paragraphs(
        pain_question(ctx) or pain_statement(ctx),
        _also(ctx),
        f"{who} {invite}",
    )


def _also(ctx: Ctx) -> str | None:
    """A second pain, said plainly (the 'agitate' step, in the reader's own terms). A connective frame around
    it ("And when …, it only gets harder.") read the same for every business."""
    return pain_statement(ctx, 1)


def _bab(ctx: Ctx, who: str, invite: str) -> str | None:
    """Where the reader is, where they'd like to be, and the business that gets them there."""
    now = pain_statement(ctx)
    after = picture(ctx)
    if not (now and after):
        return None
    return _paragraphs(f"{now} {after}", f"That's where we come in. {who} {invite}")


def _question(ctx: Ctx, who: str, invite: str) -> str | None:
    ask = _want_question(ctx) or pain_question(ctx, 1)
    return _paragraphs(ask, f"{who} {invite}")


def _objection(ctx: Ctx, who: str, invite: str) -> str | None:
    """The reader's doubt first, answered with the business's own answer or a fact."""
    for objection in ctx.objections():
        reply = answer(ctx, objection, None)
        if reply and kind_of(objection.raw) != "cost":  # no price talk before they know us
            return _paragraphs(f"{worry(ctx, objection)} {reply}", f"{intro(ctx)} {invite}")
    return None


def _reasons(ctx: Ctx, who: str, invite: str) -> str | None:
    """What people get, as a short list of the business's own facts."""
    facts = [cap(f.rstrip(".")) for f in [*ctx.differentiators, *ctx.proof]][:3]
    if len(facts) < 2:
        return None
    lead = f"Why people choose {ctx.name}:" if len(ctx.name) <= 40 else "Why people choose us:"
    return "\n".join([lead, *(f"• {f}" for f in facts)]) + f"\n\n{intro(ctx)} {invite}"
