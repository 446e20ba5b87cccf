"""Engage: a blog post and a social post that are useful on their own and point only to the free thing.

Offline there is no domain knowledge beyond the profile, so the substance comes from it: the business's own
answers to the objections its customers raise, what it says sets it apart (turned into what to look for),
the lead magnet's promise, and the reader's pains in their own terms. A post with few facts is short rather
than padded. No paid offer and no purchase wording may appear (``Ctx`` bans them).
"""

from __future__ import annotations

import re

from planner.assets import BlogPost, SocialPost
from planner.compose._context import Ctx
from planner.compose._moves import (
    a_or_an,
    about,
    answer,
    avatar_role,
    category,
    its,
    pain_question,
    pain_statement,
    picture,
    proof_line,
    want,
    what_it_is,
)
from planner.compose._phrase import Form, Phrase, cap
from planner.compose._registry import composes
from planner.compose._text import fit, fit_sentences, pick, vary

Data = dict[str, object]
Section = tuple[str, str]


def _cta(ctx: Ctx) -> str:
    lm = ctx.lm_ref()
    if ctx.lm is None:  # a newsletter has no download: the next step is signing up
        return pick(
            [f"Want more like this? Sign up for {lm}. It's free.", "Sign up for our newsletter."], 200, ctx.ok
        )
    what = its(ctx.lm)
    return pick(
        [
            f"{cap(lm)} is free. {what} Get it here: {{{{download_link}}}}",
            f"Get {lm}, free: {{{{download_link}}}}",
        ],
        200,
        ctx.ok,
    )


def _faq(ctx: Ctx) -> list[Section]:
    """Each objection with the business's own answer (or a fact that meets it): the most useful content a
    profile can give, in the questions customers actually ask."""
    sections = []
    for objection in ctx.objections():
        reply = answer(ctx, objection, None)
        heading = objection.yes_no() or objection.quote() or objection.question()
        if reply and heading and ctx.ok(heading):
            sections.append((fit(heading, 80), reply))
    return sections


def _criteria(ctx: Ctx) -> list[Section]:
    """What sets the business apart, as what a reader should look for, in one list section."""
    facts = [cap(f.rstrip(".")) for f in ctx.differentiators[:4]]
    if len(facts) < 2:
        return []
    kind = category(ctx)
    heading = pick([f"What to look for in {a_or_an(kind)}" if kind else "", "What to look for"], 80, ctx.ok)
    return [(fit(heading, 80), "\n".join(f"• {f}" for f in facts))]


def _pains(ctx: Ctx) -> list[Section]:
    """The reader's pains, each named in their terms and met with what the business does about it when the
    profile says (a differentiator); kept to the pain alone when it says no more."""
    sections = []
    facts = ctx.differentiators
    for i, phrase in enumerate(ctx.pains()[:3]):
        heading = phrase.question()
        statement = phrase.statement()
        if phrase.form is Form.question or ctx.is_spent(phrase):
            continue  # a question is its own heading: the body would only repeat it
        if heading and statement and ctx.ok(statement):
            ctx.spend(phrase)
            fact = f" What helps: {facts[i][0].lower()}{facts[i][1:].rstrip('.')}." if i < len(facts) else ""
            after = "" if fact else f" {picture(ctx, i, 'Picture') or ''}".rstrip()
            # The heading asks the pain; the body answers it (a fact) or pictures the way out, and only a
            # picture needs the pain said again first. A body that only restates its heading says nothing.
            if fact:
                sections.append((fit(heading, 80), fact.strip()))
            elif after:
                sections.append((fit(heading, 80), f"{statement}{after}"))
    return sections


def _asked(ctx: Ctx) -> list[Section]:
    """The reader's own questions, listed, when the profile has no answers to give: a short honest section."""
    fresh = [o for o in ctx.objections() if not ctx.is_spent(o)]
    asked = [q for q in (o.yes_no() or o.question() or o.quote() for o in fresh) if q and ctx.ok(q)]
    return [("Questions worth asking", "\n".join(f"• {q}" for q in asked[:4]))] if asked else []


def _lead_section(ctx: Ctx) -> list[Section]:
    if ctx.lm is None:
        return []
    return [(fit(f"More in {ctx.lm_ref()}", 80), f"{its(ctx.lm)} It's free.")]


def _distinct(sections: list[Section], title: str | None) -> list[Section]:
    """Sections in order, none with the title's words or another section's heading (profiles often list
    the same worry as a pain and an objection)."""
    seen = {_plain(title or "")}
    kept = []
    for heading, body in sections:
        lines = [line for line in body.split("\n") if _plain(line) not in seen or not _plain(line)]
        body = "\n".join(lines).strip()
        if _plain(heading) not in seen and body:
            seen.add(_plain(heading))
            kept.append((heading, body))
    return kept


def _plain(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower().replace("'", "")))


@composes(BlogPost)
def blog_post(ctx: Ctx) -> Data:
    intro = _intro(ctx)  # first: the sections below spend the pains it would otherwise find used
    faq, criteria, pains = _faq(ctx), _criteria(ctx), _pains(ctx)
    kind = category(ctx) or "business"
    short_kind = " ".join(kind.split(" ")[-2:])  # "appointment-only dog-grooming salon" → its last two words
    plans = [
        (pain_question(ctx), [*pains[:2], *faq[:1]]),
        (_how_title(ctx), [*criteria, *faq[:1]]),
        (
            f"Questions people ask about {_plural(short_kind)}, answered"
            if kind != "business"
            else "Your questions, answered",
            faq,
        ),
        (faq[0][0] if faq else None, [*faq[:1], *criteria[:2], *pains[:1]]),
        (criteria[0][0] if criteria else None, [*criteria, *faq[:2]]),
    ]
    title, sections = plans[ctx.v]
    if not title or len(sections) < 2:
        title, sections = next(
            ((t, s) for t, s in plans if t and len(s) >= 2), (pain_question(ctx) or ctx.name, [*pains, *faq])
        )
    titles = [t for t, _ in plans if t] + [q for q in (pain_question(ctx, i) for i in range(3)) if q]
    title = vary(
        [title] if ctx.v < len(plans) and plans[ctx.v][0] == title else [], titles, ctx.v, 70, ctx.ok
    )
    sections = _distinct([*sections, *_lead_section(ctx)], title)[:6]
    if len(sections) < 2:  # few facts: the reader's pains, the free thing, and who is writing
        extra = [
            *_pains(ctx),
            *_lead_section(ctx),
            *_asked(ctx),
            (fit(f"About {ctx.name}", 80), about(ctx)),
            (fit(f"More from {ctx.name}", 80), f"{cap(ctx.lm_ref())} is free: sign up and read it by email."),
        ]
        sections = _distinct([*sections, *extra], title)[:2]
    return {
        "title": fit(title, 70),
        "meta_description": fit_sentences(intro, 160),
        "intro": intro,
        "sections": [{"heading": h, "body": b} for h, b in sections],
        "takeaway": _takeaway(ctx, " ".join(b for _, b in sections)),
        "cta": _cta(ctx),
    }


def _plural(noun: str) -> str:
    """'dog-grooming salon' → 'dog-grooming salons'; 'hot sauces' stays as it is."""
    if noun.endswith("s") and not noun.endswith("ss"):
        return noun
    return noun + ("es" if noun.endswith(("ss", "sh", "ch", "x")) else "s")


def _how_title(ctx: Ctx) -> str | None:
    wish = want(ctx)
    if wish and wish.startswith("to "):
        return f"How {wish}"
    return None


def _intro(ctx: Ctx) -> str:
    """Why the post exists, in the reader's terms: two of their pains, each said plainly. (A connective
    frame around the second one read the same for every business, so there is none.)"""
    first, second = pain_statement(ctx), pain_statement(ctx, 1)
    if first and second and _plain(first) == _plain(second):
        second = None  # one worry listed twice in other words ("I never get…", "she never gets…")
    if first and second and first.startswith(_DEALING) and second.startswith(_DEALING):
        # Two noun-phrase pains would open two sentences the same way: one sentence carries both.
        return f"{first.rstrip('.')}, and with {second[len(_DEALING) :]}"
    return " ".join(p for p in (first, second) if p) or about(ctx)


_DEALING = "You're dealing with "


def _takeaway(ctx: Ctx, said: str) -> str:
    """A picture of the goal and a proof point, unless a section already gave that proof (a trust
    question is answered with it), so the close never repeats the body."""
    after = picture(ctx, 0, "Picture")
    proof = next((p for p in (proof_line(ctx, i) for i in range(3)) if p and p not in said), None)
    return " ".join(p for p in (after, proof) if p) or "Start with the question that matters most to you."


# --- social post ---------------------------------------------------------------------------------------


def _platform(ctx: Ctx) -> str:
    found: list[str] = []
    for source in ctx.profile.avatar.sources_of_information:
        for platform, pattern in (
            ("LinkedIn", "linkedin"),
            ("Instagram", "instagram"),
            ("Facebook", "facebook"),
            ("X", r"twitter|\bx\b"),
        ):
            if re.search(pattern, source, re.I) and platform not in found:
                found.append(platform)
    found = found or ["Facebook", "LinkedIn", "Instagram"]
    return found[ctx.v % len(found)]


_NOT_NOUNS = frozenset({"only", "based", "free", "friendly", "like", "ready", "owned", "made", "focused"})


def hashtags(ctx: Ctx) -> list[str]:
    tags = ["#" + "".join(w.capitalize() for w in re.findall(r"[A-Za-z0-9]+", ctx.name))]
    description = ctx.description
    compounds = re.findall(r"\b([a-z]{3,})-([a-z]{4,})\b", description)
    # Only noun compounds make hashtags: "dog-grooming" yes, "appointment-only" no.
    tags += ["#" + a.capitalize() + b.capitalize() for a, b in compounds if b not in _NOT_NOUNS]
    place = ctx.location.split(",")[0]
    tags += ["#" + "".join(w.capitalize() for w in place.split())] if place else []
    # Capitalised words make tags, but not the second half of a name such as "St. Paul".
    tags += ["#" + w for w in re.findall(r"(?<=\s)(?<!\bSt\.\s)[A-Z][a-z]{3,}\b", description)]
    unique = [t for t in dict.fromkeys(tags) if 2 < len(t) <= 40 and ctx.ok(t[1:])]
    return unique[:3]


@composes(SocialPost)
def social_post(ctx: Ctx) -> Data:
    hook, body = _post(ctx)
    role, tip = avatar_role(ctx), ctx.pick_phrase(ctx.goals(), Phrase.gerund)
    ask = [
        "Which one is you? Tell us below.",
        f"Save this, and tag {a_or_an(role)} who needs it." if role else "Save this for later, and share it.",
        f"What's your best tip for {tip}? Share it below." if tip else "Got a question? Ask below.",
        "What would you add? Tell us below.",
        f"Get {ctx.lm_ref()}, free: {{{{download_link}}}}" if ctx.lm else "Follow us for more like this.",
    ][ctx.v]
    return {
        "platform": _platform(ctx),
        "hook": fit(hook, 150),
        "body": body,
        "cta": fit(ask, 150),
        "hashtags": hashtags(ctx),
    }


def _post(ctx: Ctx) -> tuple[str, str]:
    """(hook, body) in the variant's angle, each built from the profile; falls back to the reader's pains."""
    faq = _faq(ctx)
    criteria = _criteria(ctx)
    if ctx.v in (2, 3) and faq:
        question, reply = faq[0]
        return question, reply
    if ctx.v == 4 and criteria:
        heading, body = criteria[0]
        return f"{heading}:", body
    if ctx.v == 1:
        now, after = pain_statement(ctx, 1), picture(ctx)
        if now and after:
            return now, f"{after}\n\n{proof_line(ctx) or _lm_line(ctx)}".strip()
    pains: list[str] = []
    for said in (ph.statement() for ph in ctx.pains()[:3]):
        if said and all(_plain(said) != _plain(p) for p in pains):
            pains.append(said)  # profiles often list one worry twice, in other words
    hook = pains[0] if pains else ctx.name
    # The other pains as they are: a list only when there are two, and no stock "you're not alone" line.
    rest = "\n".join(f"• {p}" for p in pains[1:]) if len(pains) > 2 else " ".join(pains[1:])
    body = "\n\n".join(x for x in (rest, _lm_line(ctx)) if x)
    return hook, body or picture(ctx, 0, "Picture") or about(ctx)


def _lm_line(ctx: Ctx) -> str:
    """The lead magnet by name (a social post has not named it before), then that it is free."""
    return f"{what_it_is(ctx.lm)} It's free." if ctx.lm is not None else ""
