"""Aware: a search ad and a social ad that name one pain or goal and send the click to the free thing.

Only free value may be pitched here, so every call to action points at the lead magnet (or the free email
tips when the profile has none); the paid ladder is banned through ``Ctx.ok``.
"""

from __future__ import annotations

from planner.compose.answers import about, answer, its, kind_of
from planner.compose.context import Ctx
from planner.compose.person import said, you_form
from planner.compose.text import cap, count_phrase, pick, sentence, short, shorten, slug_word

Data = dict[str, object]


def hook(ctx: Ctx, limit: int) -> str:
    """The variant's lead line: pain (PAS), goal (BAB), question, objection, or a countable list."""
    fmt, topic = ctx.lm_format(), ctx.topic()
    count = count_phrase(ctx.lm.description) if ctx.lm is not None else ""
    pain, goal, objection = ctx.pain(), ctx.goal(), you_form(ctx.objection())
    short_pain, short_goal = shorten(pain, limit - 1), shorten(goal, limit - 8)
    options = [
        [sentence(short_pain, "?") if short_pain else "", f"Struggling with {topic}?" if topic else ""],
        [
            f"Imagine {short_goal}" if short_goal else "",
            f"{cap(topic)}, before and after" if topic else "",
            f"{cap(topic)}: before & after" if topic else "",
        ],
        [f"Ready for {goal}?", f"{cap(topic)}: where to start?" if topic else "", "Where do you start?"],
        [f"Think {objection}?", OBJECTION_HOOKS[kind_of(ctx.objection())]],
        [f"{cap(count)}, free" if count else "", f"{cap(topic)}, step by step" if topic else ""],
    ][ctx.v]
    fallback = [
        f"Free {fmt}",
        f"Get the free {fmt}",
        f"Before and after: free {fmt}",
        f"Where to start: free {fmt}",
        f"Free {fmt}, step by step",
    ][ctx.v]
    return pick([*options, fallback], limit, ctx.ok) or f"Free {fmt}"


# Short, question-shaped hooks for an objection that is too long to quote in a headline.
OBJECTION_HOOKS = {
    "cost": "Worried about the cost?",
    "time": "Short on time?",
    "trust": "Nervous about it?",
    "diy": "Rather do it yourself?",
    "effort": "Sounds complicated?",
    "other": "Not sure it's for you?",
    "status": "Happy with how it works now?",
}


def _support(ctx: Ctx, limit: int) -> list[str]:
    """Supporting headlines in the variant's framework: pains, goals, questions, objections, or steps.

    Avatar phrases are used only whole or cut cleanly (``shorten``), never as dangling fragments.
    """
    fmt, topic = ctx.lm_format(), ctx.topic()
    count = count_phrase(ctx.lm.description) if ctx.lm is not None else ""
    pains = [sentence(s, "?") for s in (shorten(p, limit - 1) for p in ctx.pains()[1:]) if s]
    goals = [cap(s) for s in (shorten(g, limit) for g in ctx.goals()) if s]
    kinds = dict.fromkeys(kind_of(o) for o in ctx.objections())
    return [
        [*pains, cap(f"get the free {fmt}"), "Free and yours to keep"],
        [*goals, cap(f"free {fmt}: before and after"), "See what better looks like"],
        [
            f"New to {topic}?" if topic else "",
            "Where do you start?",
            cap(f"what's in the free {fmt}?"),
            "Curious? It's free",
        ],
        [*(OBJECTION_HOOKS[k] for k in kinds), "No strings attached", cap(f"free {fmt}, no catch")],
        [
            f"{cap(count)} inside" if count else "",
            "Step by step, and free",
            cap(f"a {fmt} you'll use"),
            "Start tonight",
        ],
    ][ctx.v]


def search_ad(ctx: Ctx) -> Data:
    fmt = ctx.lm_format()
    pool = [
        hook(ctx, 30),
        ctx.lm.name if ctx.lm is not None else "",
        ctx.biz(30, ""),
        *_support(ctx, 30),
        cap(f"free {fmt}"),
        "Start here, free",
    ]
    headlines: list[str] = []
    for line in pool:
        if line and len(line) <= 30 and ctx.ok(line) and line.lower() not in {h.lower() for h in headlines}:
            headlines.append(line)
    return {
        "headlines": headlines[:15],
        "descriptions": [_pitch(ctx), _detail(ctx)],
        "display_path": ["free", slug_word(fmt, 15)],
    }


def _pitch(ctx: Ctx) -> str:
    """The framework's one-line argument in 90 characters."""
    lm, fmt = ctx.lm_ref(), ctx.lm_format()
    pain, goal = ctx.pain(), ctx.goal()
    brief = short(pain, 45)
    options = [
        [
            f"{sentence(pain, '?')} It only gets harder to fix. Get {lm}, free.",
            f"{sentence(brief, '?')} Get {lm}, free.",
            f"{sentence(brief, '?')} Get our free {fmt}.",
        ],
        [
            f"From {brief} to {short(goal, 30)}. Get {lm}, free.",
            f"Picture {short(goal, 50)}. Our free {fmt} shows you how to start.",
            f"Picture {short(goal, 50)}. Our free {fmt} can help.",
            f"Before and after, in one free {fmt}. Get {lm}.",
        ],
        [
            f"Sound familiar? {sentence(brief)} Our free {fmt} helps.",
            f"Sound familiar? {sentence(short(pain, 35))} Free {fmt} inside.",
        ],
        [
            f"Think {short(you_form(ctx.objection()), 40)}? See what our free {fmt} changes.",
            f"Think {short(you_form(ctx.objection()), 40)}? Try our free {fmt}.",
        ],
        [
            f"{cap(count_phrase(ctx.lm.description))}, in one free {fmt}. Start tonight."
            if ctx.lm is not None and count_phrase(ctx.lm.description)
            else "",
            f"Our free {fmt}: small steps toward {short(goal, 40)}.",
        ],
    ][ctx.v]
    return pick(options, 90, ctx.ok) or f"Get our free {fmt} today."


def _detail(ctx: Ctx) -> str:
    """A second description: what the free thing is, or who the business is."""
    options = []
    if ctx.lm is not None:
        count = count_phrase(ctx.lm.description)
        options += [f"{cap(count)}, in one free {ctx.lm_format()}." if count else "", short(its(ctx.lm), 90)]
    options += [short(about(ctx), 90), f"Free from {ctx.biz(60, 'our team')}. No strings attached."]
    if ctx.v % 2:
        options.reverse()
    return pick(options, 90, ctx.ok) or "Free, practical and yours to keep."


def social_ad(ctx: Ctx) -> Data:
    fmt = ctx.lm_format()
    description = pick([f"Free {fmt} from {ctx.biz(40, 'us')}", f"The free {fmt}", f"Free {fmt}"], 60, ctx.ok)
    return {
        "primary_text": _primary(ctx),
        "headline": hook(ctx, 40),
        "description": ctx.voice.end(description or "Free and yours to keep"),
        "cta": "Download" if ctx.lm is not None else "Subscribe",
    }


def _primary(ctx: Ctx) -> str:
    lm, fmt = ctx.lm_ref(), ctx.lm_format()
    desc = its(ctx.lm) if ctx.lm is not None else "Short, practical tips, straight to your inbox."
    count = count_phrase(ctx.lm.description) if ctx.lm is not None else ""
    pains = ctx.pains() or [ctx.pain()]
    bodies = [
        f"{sentence(pains[0])}\n\nPlus: {ctx.pain(1)}. It adds up, week after week.\n\n{cap(lm)} helps you "
        f"take the first step, and it's free. {ctx.voice.nudge}",
        f"Before: {sentence(pains[0])}\nAfter: {sentence(ctx.goal())}\n\nThe bridge: {lm}. {desc}",
        f"We hear it all the time: {sentence(pains[0])}\n\n{about(ctx)} So we put what helps into {lm}, "
        "and made it free to download.",
        f"“{said(ctx.objection())}”\n\n{answer(ctx, ctx.objection(), 'free')}\n\nGet {lm}, free.",
        "Sound familiar?\n"
        + "\n".join(f"• {cap(p)}" for p in pains[:3])
        + (f"\n\n{cap(count)}, in one free {fmt}." if count else f"\n\n{cap(lm)} is free and made for this."),
    ]
    return pick(
        [bodies[ctx.v], f"{sentence(pains[0])}\n\n{cap(lm)} is free. {desc}", f"{cap(lm)} is free. {desc}"],
        500,
        ctx.ok,
    )
