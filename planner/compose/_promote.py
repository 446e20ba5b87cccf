"""Promote: a referral invite to fans and the share messages they send to friends.

The incentive is the referral offer's own description, word for word, so every amount in it is the
profile's; without a referral offer the drafts ask fans to share and mention no money at all.
"""

from __future__ import annotations

from planner.assets import ReferralInvite, ReferralShare
from planner.compose._answers import about
from planner.compose._context import Ctx
from planner.compose._person import said
from planner.compose._registry import composes
from planner.compose._text import cap, fit, fit_sentences, pick, sentence, short

Data = dict[str, object]


def _incentive(ctx: Ctx) -> str:
    if ctx.referral is not None:
        ctx.note(ctx.referral.role)
        return sentence(ctx.referral.description)
    return "No points or prizes, just our genuine thanks. Word of mouth is how we grow."


def _they(ctx: Ctx) -> str:
    """The business, described by a customer to a friend: 'They're a calm … salon'."""
    return about(ctx, "They're")


@composes(ReferralInvite)
def referral_invite(ctx: Ctx) -> Data:
    biz = ctx.biz(50, "us")
    ref = ctx.referral
    pain = ctx.pain()
    program = f"{sentence(ref.name)} " if ref is not None else ""
    subjects = [
        "Know someone who's where you were?",
        f"Share {biz} with a friend" + (f": {ref.name}" if ref is not None else ""),
        f"Who do you know who'd like {biz}?",
        "Worried about being pushy? You won't be",
        "3 steps to share us with a friend",
    ]
    openers = [
        f"You know this one: {pain}. Chances are someone you know is dealing with it right now.",
        f"Before you found us: {sentence(pain)} Now you know there's an easier way. A friend might too.",
        f"Who comes to mind when you think of someone who'd get along with {biz}?",
        "Recommending someone can feel like a sales pitch. It isn't: you're passing on something that "
        "worked for you, and your friend decides for themselves.",
        "Three steps: copy your link, send it to one friend, and you're done.",
    ]
    intro = ["", "How it works: ", "The details: ", "Here's what's in it for you both. ", ""][ctx.v]
    link = [
        "Here's your personal link",
        "Your link",
        "Share this link",
        "Your personal link",
        "1. Copy your link",
    ][ctx.v]
    terms = f"{program}{_incentive(ctx)}" if ref is not None else _incentive(ctx)
    body = (
        f"{ctx.voice.hello} {{{{first_name}}}},\n\n{openers[ctx.v]}\n\n{intro}{terms}\n\n"
        f"{link}: {{{{referral_link}}}}\n\n{ctx.signature()}"
    )
    last = (
        "Rewards work exactly as described above."
        if ref is not None
        else "That's it: your friend decides, and there's no obligation."
    )
    steps = [
        [
            "Copy your personal link: {{referral_link}}",
            f"Send it to a friend who'd like {ctx.biz(120, 'us')}",
            last,
        ],
        [
            "Grab your link: {{referral_link}}",
            "Text it, email it or post it: wherever your friends are",
            last,
        ],
        ["Find your link: {{referral_link}}", "Pass it to one person who comes to mind", last],
    ][ctx.v % 3]
    return {
        "subject": pick(
            [subjects[ctx.v], f"Share {biz} with a friend", "Share us with a friend"], 80, ctx.ok
        ),
        "body": body,
        "incentive": pick([terms, _incentive(ctx)], 200, ctx.ok)
        if len(terms) <= 200
        else fit_sentences(_incentive(ctx), 200),
        "how_it_works": [fit(s, 200) for s in steps],
        "cta": ctx.voice.end(
            pick(["Share your link", "Invite a friend", "Send it to a friend"][ctx.v % 3 :], 39, ctx.ok)
        ),
    }


@composes(ReferralShare)
def referral_share(ctx: Ctx) -> Data:
    """Messages a fan sends in their own voice: short, personal, the link and the offer's own terms."""
    biz, ref, pain = ctx.biz(60, "this place"), ctx.referral, ctx.pain()
    link = "{{referral_link}}"
    name = ref.name if ref is not None and len(ref.name) <= 40 else ""
    perk = (
        [
            f" Use my link for their {name} offer:",
            f" My link gets you their {name} offer:",
            f" There's a {name} offer with my link:",
            f" If you try them, use my link ({name}):",
            f" Link ({name}):",
        ][ctx.v]
        if name
        else " Here's the link:"
    )
    hi = "Hi!" if ctx.voice.bang else "Hi there."
    sms = [
        f"{hi} You mentioned {short(pain, 40)}. {cap(biz)} helped me.{perk} {link}",
        f"{hi} I've had a really good experience with {biz}.{perk} {link}",
        f"{hi} Ever tried {biz}? I think you'd like them.{perk} {link}",
        f"{hi} No pressure at all, but I think you'd like {biz}.{perk} {link}",
        f"{hi} Quick tip: {biz}.{perk} {link}",
    ]
    posts = [
        f"Anyone else know this one? {sentence(short(pain, 90))} {cap(biz)} helped me with it.{perk} {link}",
        f"Before: {sentence(short(pain, 80))} After: I found {biz}.{perk} {link}",
        f"Who else in my feed should know about {biz}? {sentence(fit(_they(ctx), 120))}{perk} {link}",
        f"Not an ad, just a genuine thumbs-up for {biz}.{perk} {link}",
        f"3 reasons I like {biz}: they listen, they're easy to deal with, and they know their stuff."
        f"{perk} {link}",
    ]
    subjects = [
        f"Thought of you: {biz}",
        "Something that helped me",
        f"Have you tried {biz}?",
        "Just passing this on (no pressure)",
        "A quick tip for you",
    ]
    return {
        "sms": pick(
            [sms[ctx.v], f"{hi} I think you'd like {biz}: {link}", f"{hi} I think you'd like this: {link}"],
            160,
            ctx.ok,
        ),
        "social_post": pick(
            [posts[ctx.v], f"A genuine thumbs-up for {biz}: {link}", f"A thumbs-up: {link}"], 280, ctx.ok
        ),
        "email_subject": pick([subjects[ctx.v], "Thought of you"], 80, ctx.ok),
        "email_body": _share_email(ctx, biz, pain),
    }


def _share_email(ctx: Ctx, biz: str, pain: str) -> str:
    ref = ctx.referral
    # The full terms in some variants, just the offer's name in others: the link page carries the terms.
    offer = (
        (
            f"{ref.name}: {_incentive(ctx)}"
            if ctx.v % 2 == 0
            else f"They have a {ref.name} offer for friends, too."
        )
        if ref is not None
        else ""
    )
    link = "{{referral_link}}"
    bodies = [
        f"You mentioned this the other day: {pain}. That used to be me too, and {biz} helped. "
        f"{_they(ctx)}\n\n"
        f"{offer}\n\nMy link, if you want it: {link}",
        f"Before: {sentence(pain)}\nAfter: I found {biz}, and I'm glad I did.\n\n{offer}\n\n"
        f"Here's my link: {link}",
        f"Have you come across {biz}? I think they'd suit you, and I don't say that often.\n\n{offer}"
        f"\n\n{link}",
        f"I know what you might be thinking: “{said(ctx.objection())}” I thought the same before I "
        "tried them."
        f"\n\n{offer}\n\nTake a look, no pressure: {link}",
        f"Three reasons I think you'd like {biz}:\n1. They're easy to deal with.\n2. They know their stuff.\n"
        f"3. {offer or 'They treat you like a person, not a number.'}\n\n{link}",
    ]
    return f"Hi,\n\n{bodies[ctx.v]}"
