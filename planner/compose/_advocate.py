"""Advocate: a review-request email and a testimonial request that ask every customer for honest feedback.

Same ask for everyone, good or bad: no reward, no sales pitch, no price, no star hints and no "if you
loved it" gating (``Ctx`` bans those words, so even copied profile phrases cannot smuggle them in). The
ask names what the customer bought and where the business is reviewed, when the profile says.
"""

from __future__ import annotations

from planner.assets import ReviewRequestEmail, TestimonialRequest
from planner.compose._context import Ctx
from planner.compose._phrase import Phrase
from planner.compose._registry import composes
from planner.compose._text import cap, fit, pick, title_ref, top_up, vary

Data = dict[str, object]


def _what(ctx: Ctx) -> str:
    """What the customer bought, as the ask names it: the core offer, else the entry offer, else us."""
    offer = ctx.profile.core() if ctx.ok(ctx.profile.core().name) else ctx.entry
    if offer is not None and ctx.ok(offer.name):
        ctx.note(offer.role)
        return title_ref(offer.name)
    return ctx.biz(50, "us")


def _sites(ctx: Ctx) -> str:
    sites = [s for s in ctx.profile.business.review_sites if ctx.ok(s)]
    if not sites:
        return ""
    return sites[0] if len(sites) == 1 else f"{', '.join(sites[:-1])} or {sites[-1]}"


def _hope(ctx: Ctx) -> str | None:
    """What people come to the business for, as a noun or -ing phrase: 'a calm daily ritual away from
    screens', 'riding to work without the chain slipping'. None when no goal reads that way."""
    return ctx.pick_phrase(ctx.goals(), Phrase.gerund)


def _promise(ctx: Ctx) -> str | None:
    """One thing the business says sets it apart, as its own words to hold it to."""
    for fact in ctx.differentiators:
        line = fact.rstrip(".!")
        if 3 <= len(line.split()) <= 16 and "“" not in line:
            words = Phrase(line).words
            named = line.startswith("I ") or (bool(words) and words[0].tag in ("NNP", "NNPS"))
            return f"“{line if named else line[:1].lower() + line[1:]}”"  # “Saturday and…” keeps its capital
    return None


@composes(ReviewRequestEmail)
def review_request_email(ctx: Ctx) -> Data:
    what, sites = _what(ctx), _sites(ctx)
    where = f" on {sites}" if sites else ""
    hope, pain = _hope(ctx), ctx.pick_phrase(ctx.pains(), Phrase.clause)
    closer = f", and did it get you any closer to {hope}" if hope else ""
    asks = [
        f"How was your experience with {what}{closer}? Good, bad or in between, we'd like the honest "
        f"version{where}.",
        f"Would you tell other people whether {what} helped with {hope}? An honest review{where} helps them "
        "decide, and it shows us what to fix."
        if hope
        else f"Would you tell other people how your time with {what} went? An honest review{where} helps "
        "them decide, and it shows us what to fix.",
        f"We ask everyone who chooses {what} the same thing: how did it really go{closer}?",
        f"What would you tell a friend about {what}? Write it the way you'd say it.",
        f"A few honest sentences about {what}{where} help the next person decide.",
    ]
    tells = "your review tells the next person in that spot what to expect."
    # One sentence when the pain is short; a pain with its own commas gets its own sentence.
    context = (
        None
        if not pain
        else f"You may have come to us because {pain}. {cap(tells)}"
        if "," in pain
        else f"You may have come to us because {pain}, and {tells}"
    )
    paragraphs = [
        f"{ctx.voice.hello} {{{{first_name}}}},",
        f"{ctx.voice.thanks} for choosing {ctx.biz(60, 'us')}.",
        asks[ctx.v],
        context if ctx.v in (0, 1, 2) else None,
        _review_link(ctx, sites),
    ]
    subjects = [f"How did it go with {what}?", "An honest review?", f"A question about {what}",
                "How did we do?", f"Your honest take on {what}"]  # fmt: skip
    return {
        "subject": pick([subjects[ctx.v], "How did we do?"], 80, ctx.ok),
        "body": "\n\n".join(p for p in paragraphs if p),
        "cta": [
            "Leave an honest review",
            "Share how it went",
            "Tell us honestly",
            "Write your review",
            "Share your honest review",
        ][ctx.v],
        "sign_off": ctx.signature(),
    }


def _review_link(ctx: Ctx, sites: str) -> str:
    first = ctx.profile.business.review_sites[0] if sites else ""
    if first and ctx.ok(first):
        return (
            f"{['Review us on', 'Our page on', 'Find us on', 'Review us on', 'We are on'][ctx.v]} {first}: "
            + ("{{review_link}}")
        )
    return f"{['Write your review', 'The link', 'Share it here', 'Review us here', 'The link'][ctx.v]}: " + (
        "{{review_link}}"
    )


@composes(TestimonialRequest)
def testimonial_request(ctx: Ctx) -> Data:
    what, hope = _what(ctx), _hope(ctx)
    goal = ctx.pick_phrase(ctx.goals(), Phrase.goal_line)
    came = f"You may have come to {what} wanting {goal}: how did that turn out?" if goal else None
    openers = [
        came or f"Would you tell your story with {what} in your own words?",
        came
        or f"We'd like to share real experiences of {what}, the good and the less good. Would you share "
        "yours?",
        came or f"You've been with {ctx.biz(60, 'us')} a while now. Would you answer a few questions?",
        f"Your honest view of {what} would help someone deciding whether it's for them.",
        f"A few short questions about {what}, in whatever form suits you.",
    ]
    paragraphs = [
        f"{ctx.voice.hello} {{{{first_name}}}},",
        openers[ctx.v],
        "A few lines, a short video or a chat we write up for you, whichever is easiest: reply here or use "
        "{{review_link}}",
        ctx.signature(),
    ]
    # A goal makes the subject theirs; only three variants, so five still differ when goals run out.
    hoped = [f"{cap(hope)}: how is it going?"] if hope and ctx.v < 3 else []
    return {
        "subject": vary(
            [s for s in hoped if len(s) <= 60],
            _subjects(what),
            ctx.v,
            80,
            ctx.ok,
        ),
        "body": "\n\n".join(paragraphs),
        "questions": _questions(ctx, what),
        "permission_note": f"We only publish your words{_on_site(ctx)} once you've approved the final "
        "version, under the name you choose. Critical comments stay in.",
    }


def _on_site(ctx: Ctx) -> str:
    site = (ctx.profile.business.website or "").removeprefix("https://").removeprefix("http://")
    site = site.removeprefix("www.").rstrip("/")
    return f" on {site}" if site and len(site) <= 40 and ctx.ok(site) else ""


def _subjects(what: str) -> list[str]:
    return [
        f"Your experience of {what}, in your words?",
        f"A few questions about {what}",
        f"Would you tell your {what} story?",
        f"Your honest take on {what}",
        f"Three questions about {what}",
    ]


def _questions(ctx: Ctx, what: str) -> list[str]:
    """Open questions that invite the whole story, criticism included, about this customer's situation."""
    pain = ctx.pick_phrase(ctx.pains(), Phrase.clause)
    worry = ctx.pick_phrase(ctx.objections(), Phrase.quote)
    hope, promise = _hope(ctx), _promise(ctx)
    questions = [
        f"Before {what}, was it that {pain}, or something else?"
        if pain
        else f"What was going on before {what}?",
        f"Some people tell us {worry} Was that on your mind at first, and did it hold up?"
        if worry
        else "Did anything make you hesitate at first?",
        f"Did {what} get you any closer to {hope}, or did something else change?"
        if hope
        else f"What changed after {what}, big or small?",
        f"Did we live up to {promise}, and what could we have done better?"
        if promise
        else "What could we have done better?",
    ]
    usable = [fit(q, 200) for q in questions if q and ctx.ok(q)]
    spares = (f"Who would you say {what} is right for, and who not?", "What surprised you?",
              "What would you tell a friend?")  # fmt: skip
    return top_up(usable, spares, 4, ctx.ok)[:6]
