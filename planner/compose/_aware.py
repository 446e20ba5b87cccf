"""Aware: a search ad and a social ad that a stranger sees first.

Each ad names one pain or goal in the avatar's words, introduces the business in a line, and asks only for a
light click to free content ("See how it works", "Learn more"). The lead-magnet download and its email form
belong to Subscribe, so Aware ads never pitch a download or ask for an address; the paid ladder is banned
through ``Ctx.ok``.
"""

from __future__ import annotations

import re

from planner.assets import SearchAd, SocialAd
from planner.compose._answers import about, kind_of
from planner.compose._context import Ctx
from planner.compose._person import said, you_form
from planner.compose._registry import composes
from planner.compose._text import cap, clause, pick, sentence, short, shorten, slug_word

Data = dict[str, object]


def hook(ctx: Ctx, limit: int) -> str:
    """The variant's lead line: pain (PAS), goal (BAB), question, objection, or a countable list."""
    topic = ctx.topic()
    pain, goal, objection = ctx.pain(), ctx.goal(), you_form(ctx.objection())
    short_pain, short_goal = shorten(pain, limit - 1), shorten(goal, limit - 8)
    signs = _signs(len(ctx.pains()))
    options = [
        [sentence(short_pain, "?") if short_pain else "", f"Struggling with {topic}?" if topic else ""],
        [
            f"Imagine {short_goal}" if short_goal else "",
            f"{cap(topic)}, before and after" if topic else "",
            f"{cap(topic)}: before & after" if topic else "",
        ],
        [f"Ready for {goal}?", f"{cap(topic)}: where to start?" if topic else "", "Where do you start?"],
        [f"Think {objection}?", OBJECTION_HOOKS[kind_of(ctx.objection())]],
        [*signs, f"{cap(topic)}, step by step" if topic else ""],
    ][ctx.v]
    fallback = [
        "Sound familiar?",
        "See what better looks like",
        "Not sure where to start?",
        "Not sure it's for you?",
        "Small changes that add up",
    ][ctx.v]
    return pick([*options, fallback], limit, ctx.ok) or fallback


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

# Honest, offer-free replies to an objection at first touch: no pitch and no promise the profile does not
# support (a salon that "fits your week"), just a reason to take a look.
_REPLIES = {
    "cost": "It's worth knowing what you'd get before you spend a thing. Looking costs nothing.",
    "time": "A few minutes is all it takes to see how we work and whether it fits your week.",
    "trust": "Seeing how we work first is the easiest way to find out.",
    "diy": "Plenty of people do. It's still worth seeing what we'd do differently.",
    "effort": "It's worth a few minutes to see what's actually involved.",
    "status": "It might. A few minutes with us will tell you whether there's a better way.",
    "other": "Fair enough. See how we work first, and decide for yourself.",
}

# The light call to action per variant: a click to free content, never a download or a form.
_INVITES = (
    "See how we help with exactly this.",
    "See how it works.",
    "Learn more about how we work.",
    "See how it works, then decide for yourself.",
    "Learn more, and see if we're a fit.",
)

# The second display-path segment per variant: where the click lands in the free content.
_PATHS = ("how-it-works", "before-after", "start-here", "questions", "step-by-step")


def _signs(n: int) -> list[str]:
    """'Three signs it's time for a change', counting the bullets the list variant shows (at most three);
    uncounted for a search ad, whose headlines rotate and may not show all three."""
    count = f"{('Two', 'Three')[min(n, 3) - 2]} signs" if n >= 2 else ""
    return [f"{count} it's time for a change" if count else "", "Signs it's time for a change"]


def intro(ctx: Ctx, limit: int) -> str:
    """Who the business is, in one sentence of at most ``limit`` characters."""
    full = about(ctx)
    head = full.split(",")[0].rstrip(".")
    first_clause = sentence(head) if len(head.split()) >= 5 else ""
    return pick([full, first_clause, short(full.rstrip("."), limit - 1) + "."], limit, ctx.ok)


def _support(ctx: Ctx, limit: int) -> list[str]:
    """Supporting headlines in the variant's framework: pains, goals, questions, objections, or steps.

    Avatar phrases are used only whole or cut cleanly (``shorten``), never as dangling fragments.
    """
    topic = ctx.topic()
    pains = [sentence(s, "?") for s in (shorten(p, limit - 1) for p in ctx.pains()[1:]) if s]
    goals = [cap(s) for s in (shorten(g, limit) for g in ctx.goals()) if s]
    kinds = dict.fromkeys(kind_of(o) for o in ctx.objections())
    return [
        [*pains, "There's a better way", "See how we can help"],
        [*goals, "See what better looks like", "Before and after, explained"],
        [
            f"New to {topic}?" if topic else "",
            "Where do you start?",
            "Curious how it works?",
            "Start with the basics",
        ],
        [*(OBJECTION_HOOKS[k] for k in kinds), "Honest answers, no pressure", "Read this before you decide"],
        [*(cap(s) for s in (shorten(p, limit) for p in ctx.pains()[:3]) if s), "Start with one small change"],
    ][ctx.v]


@composes(SearchAd)
def search_ad(ctx: Ctx) -> Data:
    pool = [
        hook(ctx, 30),
        f"Meet {ctx.name}",
        ctx.biz(30, ""),
        *_support(ctx, 30),
        "See how it works",
        "Learn more",
    ]
    headlines: list[str] = []
    for line in pool:
        if line and len(line) <= 30 and ctx.ok(line) and line.lower() not in {h.lower() for h in headlines}:
            headlines.append(line)
    topic = ctx.topic()
    return {
        "headlines": headlines[:15],
        "descriptions": [_pitch(ctx), _detail(ctx)],
        "display_path": [slug_word(topic or ctx.name, 15), _PATHS[ctx.v]],
    }


def _pitch(ctx: Ctx) -> str:
    """The framework's one-line argument in 90 characters, ending in a light call to action."""
    pain, goal = ctx.pain(), ctx.goal()
    brief = short(pain, 45)
    objection = you_form(ctx.objection())
    options = [
        [
            f"{sentence(pain, '?')} It only gets harder to fix. See how we help.",
            f"{sentence(brief, '?')} It only gets harder. See how we help.",
            f"{sentence(brief, '?')} See how we help.",
        ],
        [
            f"From {brief} to {short(goal, 30)}. See how it works.",
            f"Picture {short(goal, 50)}. See how to get there.",
            f"Picture {short(goal, 50)}. See how.",
        ],
        [
            f"Sound familiar? {sentence(brief)} Learn where to start.",
            f"Sound familiar? {sentence(short(pain, 35))} Learn more.",
        ],
        [
            f"Think {short(objection, 40)}? Fair. See how we work, then decide.",
            f"Think {short(objection, 40)}? See how we work, then decide.",
        ],
        [
            f"Small, practical steps toward {short(goal, 45)}. See how we help.",
            f"Small steps toward {goal}. See how we help.",
            f"Small steps toward {short(goal, 50)}. See how.",
        ],
    ][ctx.v]
    return pick(options, 90, ctx.ok) or "See how it works, and decide for yourself."


def _detail(ctx: Ctx) -> str:
    """A second description: who the business is, so the stranger knows who is talking."""
    name = ctx.biz(40, "")
    options = [
        intro(ctx, 90),
        f"Meet {name}. {_INVITES[ctx.v]}" if name else "",
        f"{_INVITES[ctx.v]} No pressure, just a clear look.",
    ]
    if ctx.v == 1:  # the before-after variant introduces the business by name as the bridge
        options = [options[1], *options[::2]]
    return pick(options, 90, ctx.ok) or "See how it works."


@composes(SocialAd)
def social_ad(ctx: Ctx) -> Data:
    name = ctx.biz(34, "")
    named, plain = [
        (f"See how {name} helps", "See how we help"),
        (f"The {name} difference", "See the difference"),
        (f"Get to know {name}", "Get to know us"),
        (f"How {name} works", "See how it works"),
        (f"Meet {name}", "Meet the team behind it"),
    ][ctx.v]
    description = pick([named if name else "", plain], 60, ctx.ok)
    return {
        "primary_text": _primary(ctx),
        "headline": hook(ctx, 40),
        "description": ctx.voice.end(description or "See how it works"),
        "cta": "Learn More",
    }


def _primary(ctx: Ctx) -> str:
    pains = ctx.pains() or [ctx.pain()]
    who = intro(ctx, 200)
    named = f"{ctx.name}, {_tail(ctx)}." if _tail(ctx) else f"{ctx.name}. {who}"
    invite = _INVITES[ctx.v]
    objection = ctx.objection()
    reply = _REPLIES[kind_of(objection)]
    bodies = [
        f"{sentence(pains[0])}\n\nPlus: {ctx.pain(1)}. It adds up, week after week.\n\n{who} "
        f"{invite} {ctx.voice.nudge}",
        f"Before: {sentence(pains[0])}\nAfter: {sentence(ctx.goal())}\n\nThe bridge: {named} {invite}",
        f"We hear it all the time: {sentence(pains[0])}\n\nMeet {named} {invite}",
        f"“{said(objection)}”\n\n{ctx.voice.agree} {reply}\n\n{who} {invite}",
        "Sound familiar?\n"
        + "\n".join(f"• {cap(p)}" for p in pains[:3])
        + f"\n\nIf even one of these sounds like you, you're in the right place. {who} {invite}",
    ]
    return pick([bodies[ctx.v], f"{sentence(pains[0])}\n\n{who} {invite}", f"{who} {invite}"], 500, ctx.ok)


def _tail(ctx: Ctx) -> str:
    """The business description as a noun phrase to follow the name: 'cloud software that matches…'.

    Empty when the description is a full sentence of its own ("We groom dogs…", "Ledgerly matches…").
    """
    text = clause(ctx.description)
    first = text.split(" ", 1)[0].lower() if text else ""
    if not text or text.lower().startswith(ctx.name.lower()) or first in _SUBJECTS:
        return ""
    # "A calm salon…", "Cloud software…" read mid-sentence in lower case; "SaaS for…" keeps its capitals.
    plain = re.match(r"(?:an?)\s", text, re.I) or text[1:2].islower()
    return text[0].lower() + text[1:] if plain else text


_SUBJECTS = frozenset(["we", "our", "i", "my", "you", "your", "they", "it", "this"])
