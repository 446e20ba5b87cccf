"""Excite: a welcome email and a quick-start guide that help the new buyer get a first win.

The draft helps with what was just bought (the entry-point offer) and never sells the next offer or asks
for reviews or referrals: ``Ctx`` bans those words, prices and the paid ladder above the entry point.
"""

from __future__ import annotations

import re

from planner.assets import QuickStartGuide, WelcomeEmail
from planner.compose._answers import its, kind_of
from planner.compose._context import Ctx
from planner.compose._person import said, you_form
from planner.compose._registry import composes
from planner.compose._text import at_least, fit, pick, sentence, title_ref

Data = dict[str, object]


def _bought(ctx: Ctx) -> tuple[str, str]:
    """(how to name the purchase, what it includes) — generic when the profile has no entry offer."""
    if ctx.entry is not None:
        ctx.note(ctx.entry.role)
        return title_ref(ctx.entry.name), its(ctx.entry)
    return f"your first step with {ctx.biz(40, 'us')}", "Everything starts with getting to know you properly."


def _contact(ctx: Ctx) -> str:
    site = ctx.profile.business.website
    where = f" You'll also find us at {site}." if site and len(site) <= 80 else ""
    team = f"at {ctx.name}" if len(ctx.name) <= 60 else "on our team"
    return f"Questions? Just reply to this email; a real person {team} reads every message.{where}"


# Worries about price or about signing up for more are pre-purchase objections: after the first purchase
# they would reopen the sale (or point at the next offer), so onboarding answers worries about using it.
_SALES_WORRY = re.compile(
    r"\b(?:subscri\w*|cancel\w*|pric\w*|expensive|cost\w*|contract\w*|renew\w*)\b", re.IGNORECASE
)


def _worry(ctx: Ctx) -> str:
    """The variant's objection, preferring one about getting started over one about buying."""
    usable = [
        o for o in ctx.objections() if kind_of(o) not in ("cost", "status") and not _SALES_WORRY.search(o)
    ]
    return usable[0] if usable else ctx.objection()


def _wins(ctx: Ctx) -> list[str]:
    """First steps with the purchase, phrased for the variant's framework (problem, after-picture,
    questions, doubt, numbered how-to), so no two variants read as the same list reshuffled."""
    _, includes = _bought(ctx)
    goal, objection = ctx.goal(), said(_worry(ctx))
    # The purchase is named once in the intro or opener; the steps call it "it" rather than repeat the name.
    extra = f"Keep {ctx.lm_ref()} handy; the two work well together." if ctx.lm is not None else ""
    wins = [
        [
            f"First, check what you've got. {includes}",
            "Before you start, tell us how the problem you came with shows up for you, so we can focus "
            "there.",
            f"Flag any worry early, like “{objection}” We'd much rather know.",
            f"As you start, k{extra[1:]}" if extra else "",
            "After your first go, notice one thing that's better and write it down. Small wins are the ones "
            "that stick.",
        ],
        [
            f"Picture the after: {goal}. Keep that picture in mind as you begin.",
            f"See exactly what you've got. {includes}",
            "Jot down how things stand today, so the difference is easy to spot later.",
            extra,
            "Come back to your notes after a week and compare.",
        ],
        [
            "What do you most want from this? Write one sentence and send it to us.",
            f"What's in it for you? {includes}",
            f"What's worrying you? Something like “{objection}” Ask us "
            "directly; there are no silly questions.",
            "What does a good first week look like? Pick one small thing to get right.",
            extra,
        ],
        [
            f"Name the doubt. Plenty of people start out thinking “{objection}” Say it, then ask us "
            "about it.",
            f"Check it against the facts. {includes}",
            "Start small: one step done well beats five rushed.",
            "Give it a fair trial before you judge it, and note what changes.",
            extra,
        ],
        [
            f"Read what's included. {includes}",
            f"Tell us your goal: {goal}.",
            f"Flag any worry, like “{objection}”",
            "Note one thing that's better afterwards.",
            extra,
        ],
    ][ctx.v]
    spare = (
        "Set aside ten minutes this week to get started.",
        "Write down one question and send it to us.",
        "Notice one thing that's better afterwards.",
    )
    return at_least([w for w in wins if w and ctx.ok(w)], spare, 3, ctx.ok)


@composes(WelcomeEmail)
def welcome_email(ctx: Ctx) -> Data:
    bought, _ = _bought(ctx)
    pain, goal = ctx.pain(), ctx.goal()
    # A calm voice opens with a colon, an energetic one with an exclamation mark.
    mark, here = ("!", "Here's") if ctx.voice.bang else (":", "here's")
    subjects = [
        f"You're in{mark} {here} how to get the most from {bought}",
        f"Welcome{mark} {here} what happens next",
        "One quick question before we start",
        "Wondering if you made the right call? Read this",
        f"3 quick wins with {bought}",
    ]
    openers = [
        f"{sentence(pain)} That's a big part of why you're here, so let's make sure this first step helps "
        "with it.",
        f"Before: {sentence(pain)} Next: {sentence(goal)} You've taken the first step between the two.",
        f"What's the one thing you most want from {bought}? Hit reply and tell us; we read every answer.",
        f"It's normal to wonder whether you made the right call. Maybe part of you is still thinking "
        f"“{said(_worry(ctx))}” Here's how we make sure it's worth it.",
        f"Here are three quick ways to get the most from {bought}.",
    ]
    wins = _wins(ctx)[:3]
    listed = "\n".join(f"{i}. {w}" for i, w in enumerate(wins, 1))
    body = (
        f"{ctx.voice.hello} {{{{first_name}}}},\n\n{ctx.voice.thanks} for choosing "
        f"{bought if ctx.entry is not None else ctx.biz(60, 'us')}. "
        f"{openers[ctx.v]}\n\n{listed}\n\n{_contact(ctx)}"
    )
    preview = [
        f"Three things to do before {bought}",
        "What happens next, and how we'll help",
        "Hit reply: we'd like to know one thing",
        "Here's how we make sure it's worth it",
        f"Quick wins with {bought}",
    ][ctx.v]
    return {
        "subject": pick([subjects[ctx.v], subjects[ctx.v].split(":")[0], "Welcome aboard"], 80, ctx.ok),
        "preview_text": pick([preview, "What happens next"], 110, ctx.ok),
        "body": body,
        "cta": ctx.voice.end(
            pick(["Reply with your questions", "Reply and say hello"][ctx.v % 2 :], 39, ctx.ok)
        ),
        "sign_off": ctx.signature(),
    }


@composes(QuickStartGuide)
def quick_start_guide(ctx: Ctx) -> Data:
    bought, _ = _bought(ctx)
    subtitles = [
        "start strong",
        "from day one to first win",
        "your questions, answered",
        "no second thoughts",
        "in 4 steps",
    ]
    intros = [
        f"Welcome, and thanks for choosing {ctx.biz(40, 'us')}. You came to us because of this: "
        f"{ctx.pain()}. These steps take you from just bought to your first win, fast.",
        f"Where you started: {ctx.pain()}. Where you're headed: {ctx.goal()}. These steps get you moving.",
        f"What does a good start with {bought} look like? It's simpler than you might think.",
        f"New purchases come with second thoughts, like “{said(_worry(ctx))}” These steps "
        "are how we answer them.",
        "Four steps, in order. Each takes a few minutes, and together they set up your first win.",
    ]
    wins = _wins(ctx)
    quick = [
        "Your first quick win: name one thing that's better since you started, however small.",
        f"The fastest win: tell us your goal ({fit(ctx.goal(), 120)}) so we can aim for it together.",
        "A quick win for today: write down your biggest question, then send it to us.",
        "Quick win: send us that worry in one line today, and we'll answer it directly.",
        "Quick win: finish step 1 today. It takes a few minutes and makes the rest easier.",
    ]
    return {
        "title": pick(
            [f"Quick-start guide to {bought}: {subtitles[ctx.v]}", f"Quick-start: {subtitles[ctx.v]}"],
            80,
            ctx.ok,
        ),
        "intro": fit(intros[ctx.v], 500),
        "steps": [fit(w, 300) for w in wins[:5]],
        "quick_win": pick([quick[ctx.v], quick[4]], 300, ctx.ok),
        "help": _contact(ctx),
    }


__all__ = ["quick_start_guide", "welcome_email", "you_form"]
