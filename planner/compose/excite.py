"""Excite: a welcome email and a quick-start guide that help the new buyer get a first win.

The draft helps with what was just bought (the entry-point offer) and never sells the next offer or asks
for reviews or referrals: ``Ctx`` bans those words, prices and the paid ladder above the entry point.
"""

from __future__ import annotations

from planner.compose.answers import its
from planner.compose.context import Ctx
from planner.compose.person import said, you_form
from planner.compose.text import at_least, fit, pick, sentence, title_ref

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


def _wins(ctx: Ctx) -> list[str]:
    """First steps with the purchase, phrased for the variant's framework (problem, after-picture,
    questions, doubt, numbered how-to), so no two variants read as the same list reshuffled."""
    bought, includes = _bought(ctx)
    goal, objection = ctx.goal(), said(ctx.objection())
    extra = f"Keep {ctx.lm_ref()} handy; it pairs well with {bought}." if ctx.lm is not None else ""
    wins = [
        [
            f"Start with the problem you came with: {ctx.pain()}. Tell us how it shows up for you, so we can "
            "focus there.",
            f"Know what's included. {includes}",
            f"Flag any worry up front, like “{objection}” We'd much rather know early.",
            extra,
            f"Notice one thing that's better after {bought} and write it down. Small wins are the ones "
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
        f"“{said(ctx.objection())}” Here's how we make sure it's worth it.",
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
        f"You chose {bought} to deal with this: {ctx.pain()}. Here's how to get real value from it, fast.",
        f"Where you started: {ctx.pain()}. Where you're headed: {ctx.goal()}. These steps get you moving.",
        f"What does a good start with {bought} look like? It's simpler than you might think.",
        f"New purchases come with second thoughts, like “{said(ctx.objection())}” These steps "
        "are how we answer them.",
        "Four steps, in order. Each takes a few minutes, and together they set up your first win.",
    ]
    wins = _wins(ctx)
    quick = [
        f"Your first quick win: name one thing that's better after {bought}, however small.",
        f"The fastest win: tell us your goal ({fit(ctx.goal(), 120)}) so we can aim for it together.",
        "A quick win for today: write down your biggest question, then send it to us.",
        f"Quick win: check the worry off your list. “{said(fit(ctx.objection(), 120))}” Ask us "
        "about it directly.",
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
