"""Replies that are answers, not drafts: a stage or a term explained from the knowledge base, two stages side
by side, where to start, a plan's opening words, small talk and polite refusals.

Stage answers quote the stage guides in ``knowledge/`` (whole sentences, with the file and section named);
terms come from ``glossary.yaml``. Nothing here mentions command-line flags: the chat is the app's.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from planner.assets import asset_model, assets_for
from planner.chat._topics import Term, term
from planner.knowledge import Chunk, load_guides
from planner.stages import Stage

SECTIONS = ("Goal", "Customer mindset", "What to offer", "What never to do", "Typical assets")
EXAMPLES = (
    "write a review request for customers who bought last month",
    "3 subject lines for a welcome email",
    "what should I post this week?",
    "what's the difference between Excite and Ascend?",
    "check this: Get our free checklist — just pay $4.99 shipping!",
)


def help_text() -> str:
    examples = "\n".join(f"- *{e}*" for e in EXAMPLES)
    return (
        "I draft, refine, explain and check copy for each stage of the Customer Value Journey, for this "
        f"business. Try:\n\n{examples}\n\nAfter a draft you can say *shorter*, *friendlier*, *another "
        "version* or *now for Instagram*."
    )


@cache
def _sections() -> dict[tuple[Stage | None, str], Chunk]:
    return {(c.stage, c.section): c for c in load_guides()}


def section(stage: Stage, name: str) -> tuple[str, str]:
    """The text of one section of a stage guide, and where it comes from ("excite.md — What to offer")."""
    chunk = _sections().get((stage, name))
    if chunk is None:
        return "", ""
    return chunk.text.split("\n", 1)[-1].strip(), f"{chunk.source} — {name}"


def sentences(text: str, limit: int) -> str:
    """Whole sentences up to about ``limit`` characters: never cut mid-sentence."""
    parts = re.split(r"(?<=[.!?])\s+", text.strip())
    out: list[str] = []
    for part in parts:
        if out and len(" ".join([*out, part])) > limit:
            break
        out.append(part)
    return " ".join(out)


def a_or_an(phrase: str) -> str:
    return f"{'an' if phrase[:1].lower() in 'aeiou' else 'a'} {phrase}"


def explain_stage(stage: Stage, found: Sequence[tuple[str, str]] = ()) -> str:
    """The stage's goal, what to offer and what to avoid; ``found`` (section, text) are the guide sections
    retrieval found closest to the question, shown first so "why does Excite matter?" is answered first."""
    info = stage.info
    shown: list[tuple[str, str]] = [(name, text) for name, text in found if name in SECTIONS][:1]
    for name in ("Goal", "What to offer", "What never to do"):
        if name not in {n for n, _ in shown}:
            shown.append((name, section(stage, name)[0]))
    first = assets_for(stage)[0].label.lower()
    lines = [f"**{info.title}** — stage {stage.number} of 8: {info.goal[:1].lower()}{info.goal[1:]}", ""]
    for name, text in shown[:3]:
        label = {"Goal": "Why it matters", "What never to do": "Avoid"}.get(name, name)
        lines += [f"**{label}:** {sentences(text, 360)}", ""]
    lines += [
        f"I can draft: {_assets(stage)}. The number to watch: {info.kpi[:1].lower()}{info.kpi[1:]}.",
        f"Try: *write {a_or_an(first)}*.",
        "",
        f"*Sources: {'; '.join(f'{stage.value}.md — {name}' for name, _ in shown[:3])}*",
    ]
    return "\n".join(lines)


def explain_term(entry: Term) -> str:
    tied = (
        f" It belongs to **{entry.stage.value.capitalize()}** (stage {entry.stage.number})."
        if entry.stage
        else ""
    )
    lines = [f"**{entry.term[:1].upper() + entry.term[1:]}**: {entry.definition}{tied}"]
    if entry.term == "Customer Value Journey":
        lines += ["", *(f"{s.number}. **{s.info.title}** — {s.info.goal}" for s in Stage)]
        lines += ["", "Ask about any stage (*what is Excite?*) or say *where should I start?*"]
    if entry.stage is not None:
        label = assets_for(entry.stage)[0].label.lower()
        lines += ["", f"Try: *write {a_or_an(label)}*, or ask *what is the {entry.stage.value} stage?*"]
    return "\n".join(lines)


def explain(topic: str, found: Sequence[tuple[str, str]] = ()) -> str:
    """A stage by name (``found``: the guide sections retrieved for the question), or a glossary term."""
    try:
        return explain_stage(Stage(topic.lower()), found)
    except ValueError:
        entry = term(topic)
        return explain_term(entry) if entry else explain_term(term("Customer Value Journey"))  # type: ignore[arg-type]


def compare(first: str, second: str) -> str:
    """Two stages side by side (goal, what to offer, what to avoid, assets, KPI); terms as two definitions."""
    try:
        a, b = Stage(first.lower()), Stage(second.lower())
    except ValueError:
        return _compare_terms(first, second)
    rows = [
        ("Stage", f"{a.number} of 8", f"{b.number} of 8"),
        ("Goal", a.info.goal, b.info.goal),
        ("The customer", a.info.mindset, b.info.mindset),
        (
            "What to offer",
            sentences(section(a, "What to offer")[0], 200),
            sentences(section(b, "What to offer")[0], 200),
        ),
        ("Never", a.info.never, b.info.never),
    ]
    rows.append(("Drafts", _assets(a), _assets(b)))
    rows.append(("Number to watch", a.info.kpi, b.info.kpi))
    table = [f"| | {a.value.capitalize()} | {b.value.capitalize()} |", "|---|---|---|"]
    table += [f"| **{r[0]}** | {_cell(r[1])} | {_cell(r[2])} |" for r in rows]
    early, late = sorted((a, b), key=lambda s: s.number)
    closing = (
        f"In short: {early.value.capitalize()} comes first ({early.info.goal[:1].lower()}"
        f"{early.info.goal[1:].rstrip('.')}); {late.value.capitalize()} builds on it "
        f"({late.info.goal[:1].lower()}{late.info.goal[1:].rstrip('.')})."
    )
    sources = f"*Sources: {a.value}.md and {b.value}.md — What to offer; the stage summaries*"
    return "\n".join([*table, "", closing, "", sources])


def _compare_terms(first: str, second: str) -> str:
    parts = [explain(first), "", "—", "", explain(second)]
    return "\n".join(parts)


def _assets(stage: Stage) -> str:
    return ", ".join(m.label for m in assets_for(stage))


def _cell(text: str) -> str:
    return text.replace("|", "/").replace("\n", " ")


def start_here() -> str:
    return (
        "Start with the **journey audit**: open the **Audit** tab and paste or upload what you already have "
        "(ads, emails, posts, pages). I read each piece, place it on the journey and check it against its "
        "stage.\n\n"
        "The first stage to fix is the **earliest stage that is empty or weak** — a stage with nothing in "
        "it, or only pieces that break its rules or do not read as that stage. The journey runs in order, so "
        "a gap early on starves everything after it: a great upsell email does little if nobody ever "
        "subscribes.\n\n"
        "No assets yet? Start at the top: an ad or post that reaches strangers (Aware), something useful "
        "they can read (Engage), and a free lead magnet to earn their email (Subscribe)."
    )


def smalltalk(kind: str | None, business: str) -> str:
    if kind == "thanks":
        return "You're welcome! Want another version, a different stage, or a plan for the week?"
    if kind == "help":
        return help_text()
    if kind == "empty":
        return "Type a request — for example *write a welcome email*."
    return f"Hello! I'm ready to write for {business}. What would you like — a draft, a plan, or a check?"


def offtopic() -> str:
    return (
        "That's outside what I do — I write and check marketing for this business's customer journey. "
        "I can draft an ad, an email or a post, plan the week's content, or check copy you paste in."
    )


def clarify(choices: tuple[tuple[str, str], ...]) -> str:
    options = " or ".join(f"**{label}**" for label, _ in choices)
    return f"Which one do you mean: {options}? Pick one below, or say it in your own words."


def asset_label(asset: str) -> str:
    return asset_model(asset).label
