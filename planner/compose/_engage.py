"""Engage: a blog post and a social post that are useful on their own and invite people to the free thing.

No paid offer and no purchase wording may appear (``Ctx`` bans them), so the advice is practical, built
from the avatar's own pains, goals and objections, and the only call to action is free.
"""

from __future__ import annotations

import re

from planner.assets import BlogPost, SocialPost
from planner.compose._answers import about, advice
from planner.compose._context import Ctx
from planner.compose._person import said
from planner.compose._registry import composes
from planner.compose._text import cap, fit, fit_sentences, pick, sentence, short

Data = dict[str, object]

_NOTE = (
    "Write down what happens, when, and what came just before. After a week or two, patterns show up "
    "that are easy to miss in the moment."
)
_ONE = "Change one thing at a time, so you can tell what actually made the difference."
_TRY = (
    "Try this for one week: notice the moment it usually goes wrong, change just one thing about that "
    "moment, and compare."
)


def _cta(ctx: Ctx) -> str:
    lm = ctx.lm_ref()
    if ctx.lm is None:  # a newsletter has no download: the next step is signing up
        return pick(
            [
                f"Want more like this? Sign up for {lm}: it's free, and you can unsubscribe anytime.",
                "Want more like this? Sign up for our newsletter.",
            ],
            200,
            ctx.ok,
        )
    return pick(
        [
            f"Want the short, practical version to keep? Get {lm}, free: {{{{download_link}}}}",
            f"Get {lm}, free: {{{{download_link}}}}",
            "Get the free version: {{download_link}}",
        ],
        200,
        ctx.ok,
    )


@composes(BlogPost)
def blog_post(ctx: Ctx) -> Data:
    title, intro, sections, takeaway = [_pas, _bab, _qa, _objection, _steps][ctx.v](ctx)
    return {
        "title": title,
        "meta_description": fit_sentences(intro, 160),
        "intro": intro,
        "sections": [{"heading": h, "body": b} for h, b in sections],
        "takeaway": takeaway,
        "cta": _cta(ctx),
    }


Post = tuple[str, str, list[tuple[str, str]], str]


def _pas(ctx: Ctx) -> Post:
    pain = ctx.pain()
    title = pick(
        [
            f"{sentence(pain, '?')} Here's what actually helps",
            f"{sentence(short(pain, 40), '?')} Here's what helps",
        ],
        70,
        ctx.ok,
    )
    intro = (
        f"{sentence(pain)} If that sounds like your week, you're not alone, and it doesn't mean you're "
        "doing it wrong. Here's a plain look at why it keeps happening and what helps."
    )
    sections = [
        (
            "Name the real problem",
            f"{_NOTE} “{cap(fit(pain, 60))}” is the headline; the fix is in the details.",
        ),
        (
            "Why it keeps coming back",
            f"Problems like this rarely travel alone. There's often a second one "
            f"behind it: {ctx.pain(1)}. Each makes the other harder, which is why one-off fixes don't stick.",
        ),
        (
            "What actually helps",
            f"Small, repeatable habits beat one big effort. {_ONE} And keep the real goal "
            f"in view: {ctx.goal()}.",
        ),
    ]
    return (
        title,
        intro,
        sections,
        "You don't have to fix everything at once. Pick one habit, give it two weeks, and build from there.",
    )


def _bab(ctx: Ctx) -> Post:
    title = pick(
        [
            f"From {short(ctx.pain(), 30)} to {short(ctx.goal(), 30)}",
            f"Before and after: {ctx.goal()}",
            f"Before and after: {short(ctx.goal(), 45)}",
        ],
        70,
        ctx.ok,
    )
    intro = (
        "Most of us know the “before” picture far too well. Here's what the “after” can look like, and the "
        "small bridge that gets you from one to the other."
    )
    sections = [
        (
            "Before: where you are now",
            f"{sentence(ctx.pain())} {sentence(ctx.pain(1))} It's tiring, and it "
            "makes the whole thing feel harder than it should.",
        ),
        (
            "After: what good looks like",
            f"Now picture this instead: {ctx.goal()}. Add {ctx.goal(1)}. That's a "
            "realistic goal once the basics are in place.",
        ),
        (
            "The bridge: three small changes",
            f"First: {_NOTE[0].lower()}{_NOTE[1:]} Second: {_ONE[0].lower()}"
            f"{_ONE[1:]} Third: give it a regular slot in your week, so it happens without a decision "
            "each time.",
        ),
    ]
    return (
        title,
        intro,
        sections,
        "The gap between before and after is usually a handful of habits, not a big overhaul.",
    )


def _qa(ctx: Ctx) -> Post:
    objections = ctx.objections() or [ctx.objection()]
    title = pick(
        [
            f"“{cap(objections[0])}” and other questions, answered",
            f"“{cap(short(objections[0], 40))}” and other questions",
            "Your questions, answered honestly",
        ],
        70,
        ctx.ok,
    )
    intro = (
        f"At {ctx.biz(60, 'our place')}, the same few worries come up again and again. They're fair, "
        "so here are straight answers."
    )
    sections = [(fit(f"“{said(o)}”", 80), advice(o)) for o in objections[:2]]
    sections.append(("So where do I start?", f"Start with the goal, not the problem: {ctx.goal()}. {_ONE}"))
    return (
        title,
        intro,
        sections,
        "Every one of these worries is reasonable. Answer it with one small "
        "step, and the next step gets easier.",
    )


def _objection(ctx: Ctx) -> Post:
    objection = ctx.objection()
    title = pick(
        [
            f"“{cap(objection)}”: let's talk about it",
            f"“{cap(short(objection, 45))}”: let's talk",
            "That worry you have? Let's talk about it",
        ],
        70,
        ctx.ok,
    )
    intro = (
        f"Ever thought “{said(objection)}” You're far from the only one. It's a fair thought, "
        "and it deserves a real answer rather than a sales pitch."
    )
    sections = [
        (
            "Where that worry comes from",
            f"Usually from experience: {ctx.pain()}. Once that has happened, "
            "it's natural to expect it again.",
        ),
        ("What's actually true", advice(objection)),
        ("One small step to try this week", f"{_ONE} Keep the goal in view: {ctx.goal()}."),
    ]
    return (
        title,
        intro,
        sections,
        "A worry is worth listening to. It's also worth testing with one small, low-stakes step.",
    )


def _steps(ctx: Ctx) -> Post:
    goal = ctx.goal()
    title = pick(
        [
            f"{cap(goal)}: 4 practical steps",
            f"{cap(short(goal, 50))}: 4 practical steps",
            "4 practical steps to get started",
        ],
        70,
        ctx.ok,
    )
    intro = (
        f"Here's a simple, four-step way to get closer to {goal}. No special equipment, no big overhaul: "
        "just the sequence we'd tackle it in."
    )
    sections = [
        ("1. Name the one thing that bothers you most", f"For many people it's this: {ctx.pain()}. {_NOTE}"),
        (
            "2. Decide what good looks like",
            f"Be specific. “Better” is vague; {goal} is something you can check.",
        ),
        ("3. Change one habit at a time", f"{_ONE} Give each change a couple of weeks before judging it."),
        (
            "4. Know when to hand it off",
            f"{about(ctx)} There's no prize for doing it all alone; when it "
            "stops being worth your time, ask someone who does it every day.",
        ),
    ]
    return (
        title,
        intro,
        sections,
        "Four steps, one at a time, each building on the last. That's the whole method.",
    )


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
    tags += ["#" + w for w in re.findall(r"(?<=\s)[A-Z][a-z]{3,}\b", description)]
    unique = [t for t in dict.fromkeys(tags) if 2 < len(t) <= 40 and ctx.ok(t[1:])]
    return unique[:3]


@composes(SocialPost)
def social_post(ctx: Ctx) -> Data:
    pain, goal, objection = ctx.pain(), ctx.goal(), ctx.objection()
    hooks = [
        sentence(pain),
        f"Before: {sentence(fit(pain, 60))} After: {sentence(fit(goal, 60))}",
        "A question we get every week, and the honest answer:",
        f"“{said(objection)}” Let's talk about that.",
        f"3 small steps toward {fit(goal, 100)}:",
    ]
    bodies = [
        f"It usually doesn't stay one problem. There's often a second one close behind: {ctx.pain(1)}.\n\n"
        f"{_TRY}\n\nThe goal isn't perfect. It's {goal}.",
        f"The bridge between the two is smaller than it looks.\n\n{_NOTE}\n\n{_ONE}",
        f"“{said(objection)}”\n\nIt's a fair thought. {advice(objection)}",
        f"It's a fair thought, and usually it comes from experience: {pain}.\n\n{advice(objection)}",
        f"1. Name the one thing that bothers you most (for many people: {pain}).\n2. Decide what good looks "
        f"like.\n3. {_ONE}",
    ]
    # A social post earns saves and replies; only the Q&A and how-to posts point on to the free download.
    if ctx.v == 0:
        cta = "Save this for your next rough week, and tell us in the comments: which one sounds familiar?"
    elif ctx.v % 2:
        cta = "Tell us in the comments: what's worked for you?"
    else:
        cta = _cta(ctx)
    return {
        "platform": _platform(ctx),
        "hook": fit(hooks[ctx.v], 150),
        "body": bodies[ctx.v],
        "cta": fit(cta, 150),
        "hashtags": hashtags(ctx),
    }
