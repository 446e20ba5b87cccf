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
from planner.compose._text import fit, pick, title_ref, top_up, vary

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


@composes(ReviewRequestEmail)
def review_request_email(ctx: Ctx) -> Data:
    what, sites = _what(ctx), _sites(ctx)
    where = f" on {sites}" if sites else ""
    asks = [
        f"How was your experience with {what}? Good, bad or in between, we'd like the honest version{where}.",
        f"Would you tell other people how your time with {what} went? An honest review{where} helps them "
        "decide, and it shows us what to fix.",
        f"We ask everyone who chooses {what} the same thing: how did it really go?",
        f"What would you tell a friend about {what}? Write it the way you'd say it.",
        f"A few honest sentences about {what}{where} help the next person decide.",
    ]
    pain = ctx.pick_phrase(ctx.pains(), Phrase.clause)
    context = (
        f"You may have come to us because {pain}. Your review tells the next person like you what to expect."
        if pain
        else None
    )
    paragraphs = [
        f"{ctx.voice.hello} {{{{first_name}}}},",
        f"{ctx.voice.thanks} for choosing {ctx.biz(60, 'us')}.",
        asks[ctx.v],
        context if ctx.v in (0, 2) else None,
        f"{['Write your review', 'Here is the link', 'Share it here', 'Review us here', 'The link'][ctx.v]}: "
        "{{review_link}}",
    ]
    subjects = [f"How did {what} go?", "An honest review?", f"A question about {what}", "How did we do?",
                f"Your honest take on {what}"]  # fmt: skip
    return {
        "subject": pick([subjects[ctx.v], "How did we do?"], 80, ctx.ok),
        "body": "\n\n".join(p for p in paragraphs if p),
        "cta": [
            "Leave an honest review",
            "Share how it went",
            "Tell us how we did",
            "Write your review",
            "Share your honest review",
        ][ctx.v],
        "sign_off": ctx.signature(),
    }


@composes(TestimonialRequest)
def testimonial_request(ctx: Ctx) -> Data:
    what = _what(ctx)
    openers = [
        f"Would you tell your story with {what} in your own words?",
        f"We'd like to share real experiences of {what}, the good and the less good. Would you share yours?",
        f"You've been with {ctx.biz(60, 'us')} a while now. Would you answer a few questions about it?",
        f"Your honest view of {what} would help someone deciding whether it's for them.",
        f"A few short questions about {what}, in whatever form suits you.",
    ]
    paragraphs = [
        f"{ctx.voice.hello} {{{{first_name}}}},",
        openers[ctx.v],
        "Write a few lines, record a short video, or talk it through with us and we'll write it up.",
        f"{_REPLY[ctx.v]}: {{{{review_link}}}}",
        ctx.signature(),
    ]
    return {
        "subject": vary([], _subjects(what), ctx.v, 80, ctx.ok),
        "body": "\n\n".join(paragraphs),
        "questions": _questions(ctx, what),
        "permission_note": "We only publish your words with your permission, after you've approved the final "
        "version, and you choose how you're named. Critical comments stay in.",
    }


_REPLY = ("Reply to this email, or use this link", "Reply or use", "Reply here or go to", "Share it here",
          "Reply or use this link")  # fmt: skip


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
    questions = [
        f"What was going on before {what}? For example, was it that {pain}?"
        if pain
        else f"What was going on before {what}?",
        f"Did anything make you hesitate at first? Some people tell us {worry} Did that hold up for you?"
        if worry
        else None,
        f"What changed after {what}, big or small?",
        "What could we have done better?",
        f"Who would you say {what} is right for, and who not?",
    ]
    usable = [fit(q, 200) for q in questions if q and ctx.ok(q)]
    spares = ("What happened, in your own words?", "What surprised you?", "What would you tell a friend?")
    return top_up(usable, spares, 3, ctx.ok)[:6]
