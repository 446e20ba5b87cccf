"""Render a journey audit: ``audit.md`` (for people), ``audit.json`` (for tools) and ``journey.svg``.

audit.json keys (a contract; ``version`` changes if they do):

- ``version`` (1), ``business`` {``name``, ``slug``}, ``input`` (the folder or file audited),
  ``unsure_below`` (the confidence under which a classification is "unsure"),
- ``rules`` {``strength``, ``first_to_fix``}: the two rules in words,
- ``summary`` {``assets``, ``passing``, ``breaking``, ``unsure``, ``stages_covered``, ``gaps``, ``broken``},
- ``first_to_fix``: null or {``stage``, ``title``, ``problem`` ("empty" | "broken"), ``reason``, ``kpi``},
- ``stages``: 8 rows in journey order {``stage``, ``number``, ``title``, ``assets``, ``good``, ``unsure``,
  ``breaking``, ``strength`` ("none" | "weak" | "ok" | "strong"), ``checks``, ``kpi``, ``offer``,
  ``missing_offer``, ``asset_types``},
- ``gaps``: the empty stages' ids,
- ``breaking``: the assets that break their stage's rules [{``id``, ``stage``, ``failures``}],
- ``assets``: per asset {``id``, ``url``, ``stage``, ``confidence``, ``runner_up``, ``runner_up_confidence``,
  ``unsure``, ``passed``, ``failures``, ``kpi``}, in input order,
- ``skipped``: files in the input folder that were not audited (not text, Markdown or HTML).

Every file is rendered before any is written, and each is written atomically (temp file + rename).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from planner.assets import assets_for
from planner.audit._journey import (
    FIRST_TO_FIX_RULE,
    STRENGTH_RULE,
    UNSURE_BELOW,
    AssetRow,
    Audit,
    Coverage,
    Strength,
    problem_of,
)
from planner.audit._svg import journey_svg
from planner.drafts import failures_to_json
from planner.markup import md_code, md_link, md_text
from planner.output import atomic_write_all

JSON_VERSION = 1


def write_audit(folder: Path, audit: Audit) -> list[Path]:
    rendered = {
        folder / "audit.md": to_markdown(audit),
        folder / "audit.json": json.dumps(to_json(audit), indent=1, ensure_ascii=False) + "\n",
        folder / "journey.svg": journey_svg(audit),
    }
    atomic_write_all(rendered)
    return list(rendered)


# --- JSON ----------------------------------------------------------------------------


def to_json(audit: Audit) -> dict[str, Any]:
    return {
        "version": JSON_VERSION,
        "business": {"name": audit.business, "slug": audit.slug},
        "input": audit.source,
        "unsure_below": UNSURE_BELOW,
        "rules": {"strength": STRENGTH_RULE, "first_to_fix": FIRST_TO_FIX_RULE},
        "summary": summary(audit),
        "first_to_fix": None
        if audit.fix is None
        else {
            "stage": audit.fix.stage.value,
            "title": audit.fix.stage.info.title,
            "problem": audit.fix.problem,
            "reason": audit.fix.reason,
            "kpi": audit.fix.stage.info.kpi,
        },
        "stages": [stage_json(c) for c in audit.coverage],
        "gaps": [s.value for s in audit.gaps],
        "breaking": [
            {"id": r.id, "stage": r.stage.value, "failures": failures_json(r)} for r in audit.breaking
        ],
        "assets": [asset_json(r) for r in audit.rows],
        "skipped": list(audit.skipped),
    }


def summary(audit: Audit) -> dict[str, Any]:
    return {
        "assets": len(audit.rows),
        "passing": sum(r.passed for r in audit.rows),
        "breaking": len(audit.breaking),
        "unsure": sum(r.unsure for r in audit.rows),
        "stages_covered": sum(c.assets > 0 for c in audit.coverage),
        "gaps": [s.value for s in audit.gaps],
        "broken": [c.stage.value for c in audit.coverage if c.strength is Strength.weak],
    }


def stage_json(c: Coverage) -> dict[str, Any]:
    return {
        "stage": c.stage.value,
        "number": c.stage.number,
        "title": c.stage.info.title,
        "assets": c.assets,
        "good": c.good,
        "unsure": c.unsure,
        "breaking": c.breaking,
        "strength": c.strength.value,
        "checks": list(c.checks),
        "kpi": c.kpi,
        "offer": c.offer,
        "missing_offer": c.missing_offer.value if c.missing_offer else None,
        "asset_types": [m.asset_type for m in assets_for(c.stage)],
    }


def asset_json(r: AssetRow) -> dict[str, Any]:
    return {
        "id": r.id,
        "url": r.url,
        "stage": r.stage.value,
        "confidence": round(r.confidence, 4),
        "runner_up": r.runner_up.value,
        "runner_up_confidence": round(r.runner_up_confidence, 4),
        "unsure": r.unsure,
        "passed": r.passed,
        "failures": failures_json(r),
        "kpi": r.kpi,
    }


def failures_json(r: AssetRow) -> list[dict[str, str]]:
    return failures_to_json(r.failures)


# --- Markdown --------------------------------------------------------------------------


def to_markdown(audit: Audit) -> str:
    sections = [
        _summary_md(audit),
        _fix_md(audit),
        _coverage_md(audit),
        _gaps_md(audit),
        _breaking_md(audit),
        _assets_md(audit),
    ]
    if audit.skipped:
        sections.append("## Not audited\n\n" + "\n".join(f"- {md_code(name)}" for name in audit.skipped))
    return "\n\n".join(sections) + "\n"


def _summary_md(audit: Audit) -> str:
    s = summary(audit)
    return (
        f"# Customer Value Journey audit — {md_text(audit.business)}\n\n"
        f"Input: {md_code(audit.source)} · {s['assets']} assets · {s['passing']} pass their stage's rules · "
        f"{s['breaking']} break them · {s['unsure']} unsure classifications · "
        f"{s['stages_covered']} of 8 stages covered\n\n![The journey](journey.svg)"
    )


def _fix_md(audit: Audit) -> str:
    if audit.fix is None:
        return "## First stage to fix: none\n\nEvery stage has a confident asset that passes its rules."
    stage = audit.fix.stage
    return (
        f"## First stage to fix: {stage.info.title} ({audit.fix.problem})\n\n{md_text(audit.fix.reason)}\n\n"
        f"*KPI to track:* {stage.info.kpi}\n\n*Rule:* {FIRST_TO_FIX_RULE}."
    )


def _coverage_md(audit: Audit) -> str:
    lines = [
        "## Coverage",
        "",
        "| # | stage | assets | strength | unsure | breaking | offer on the ladder | KPI to track |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for c in audit.coverage:
        strength = "**GAP**" if c.assets == 0 else c.strength.value
        offer = c.offer or (f"none — no {c.missing_offer.value} offer" if c.missing_offer else "—")
        lines.append(
            f"| {c.stage.number} | {c.stage.info.title} | {c.assets} | {strength} | {c.unsure} | "
            f"{c.breaking} | {_cell(offer)} | {_cell(c.kpi)} |"
        )
    lines += ["", f"{STRENGTH_RULE}."]
    return "\n".join(lines)


def _gaps_md(audit: Audit) -> str:
    lines = ["## Gaps and broken stages", ""]
    for stage in audit.gaps:
        types = ", ".join(f"`{m.asset_type}`" for m in assets_for(stage))
        lines.append(
            f"- **{stage.info.title}** — no assets. Draft: {types}. *KPI to track:* {stage.info.kpi}"
        )
    for c in audit.coverage:
        if c.strength is Strength.weak:
            lines.append(
                f"- **{c.stage.info.title}** — {problem_of(c)}: no confident asset that passes its rules."
            )
    if len(lines) == 2:
        lines.append("None: every stage has a confident asset that passes its rules.")
    return "\n".join(lines)


def _breaking_md(audit: Audit) -> str:
    if not audit.breaking:
        return "## Assets that break their stage's rules\n\nNone."
    lines = ["## Assets that break their stage's rules"]
    for r in audit.breaking:
        lines += ["", f"### {md_code(r.id)} — {r.stage.info.title}", ""]
        lines += [f"- **{f.check}**: {md_text(f.message)}" for f in r.failures]
    return "\n".join(lines)


def _assets_md(audit: Audit) -> str:
    lines = [
        "## All assets",
        "",
        "| asset | stage | confidence | runner-up | rules | KPI to track |",
        "|---|---|---|---|---|---|",
    ]
    for r in audit.rows:
        name = md_link(md_code(r.id), r.url) if r.url else md_code(r.id)
        sure = f"{r.confidence:.0%}" + (" (unsure)" if r.unsure else "")
        rules = "pass" if r.passed else "fail: " + ", ".join(sorted({f.check for f in r.failures}))
        runner = f"{r.runner_up.value} {r.runner_up_confidence:.0%}"
        lines.append(f"| {name} | {r.stage.value} | {sure} | {runner} | {rules} | {_cell(r.kpi)} |")
    return "\n".join(lines)


def _cell(text: str) -> str:
    return md_text(text).replace("|", "\\|").replace("\n", " ")
