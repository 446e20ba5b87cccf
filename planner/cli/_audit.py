"""``cvj audit`` and ``cvj scorecard``: audit a business's existing assets stage by stage, and print the
Growth Scorecard (registered on the main app).

Exit codes as everywhere: 0 all good, 1 an asset breaks its stage's rules (or a --fill draft fails its
checks), 2 bad input — and then nothing is written.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from planner.audit import (
    Audit,
    ScoreRow,
    audit_assets,
    read_assets,
    scorecard_csv,
    scorecard_markdown,
    to_json,
    write_audit,
)
from planner.audit import scorecard as build_scorecard
from planner.campaign import plan_jobs
from planner.classify import get_classifier
from planner.cli._common import BusinessOpt, app, err, model_options, out, user_errors
from planner.drafts import DraftRecord
from planner.errors import UserError
from planner.output import atomic_write, write_campaign
from planner.profile import Profile, load_profile
from planner.session import RunOptions, run_jobs

STRENGTH_STYLE = {"none": "bold red", "weak": "yellow", "ok": "green", "strong": "bold green"}


@app.command()
@model_options
def audit(
    input_path: Annotated[
        Path,
        typer.Argument(
            metavar="INPUT", help="A folder of .txt/.md/.html assets, or JSON Lines with id, text, url."
        ),
    ],
    business: BusinessOpt,
    out_dir: Annotated[
        Path | None,
        typer.Option(
            "--out", "-o", help="Folder for audit.md, audit.json, journey.svg (default out/audit/<business>)."
        ),
    ] = None,
    fill: Annotated[
        bool, typer.Option("--fill", help="Draft the asset types of the empty stages into --out/fill/.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print audit.json instead of the table.")] = False,
    *,
    options: RunOptions,
) -> None:
    """Classify existing assets to stages, check them, and find the first stage to fix."""
    with user_errors():
        profile = load_profile(business)
        folder = out_dir or Path("out") / "audit" / profile.slug
        if folder.exists() and not folder.is_dir():
            raise UserError(
                f"--out {folder}: is a file — pass a folder for audit.md, audit.json, journey.svg"
            )
        found = read_assets(input_path, exclude=folder)
        with err.status(f"Classifying {len(found.assets)} assets…"):
            result = audit_assets(profile, found.assets, get_classifier(), str(input_path), found.skipped)
        # Drafting comes before any writing, so a bad --model leaves nothing half-done on disk.
        records = _fill(profile, result, options) if fill else []
        paths = write_audit(folder, result)
        if records:
            paths += write_campaign(folder / "fill", profile, records)
    _report(result, records, fill, as_json)
    (err if as_json else out).print("wrote " + ", ".join(str(p) for p in paths), highlight=False)
    if result.breaking or any(not r.passed for r in records):
        raise typer.Exit(1)


def _fill(profile: Profile, result: Audit, options: RunOptions) -> list[DraftRecord]:
    """One draft of every asset type of the empty stages, exactly as `cvj campaign --stages …` writes it."""
    jobs = plan_jobs(result.gaps, variants=1)
    return run_jobs(profile, jobs, options) if jobs else []


def _report(result: Audit, records: list[DraftRecord], fill: bool, as_json: bool) -> None:
    if as_json:
        sys.stdout.write(json.dumps(to_json(result), indent=1, ensure_ascii=False) + "\n")
        sys.stdout.flush()
        return
    out.print(_table(result))
    if result.fix is None:
        out.print(
            "[green]No stage to fix:[/green] every stage has a confident asset that passes its rules.",
            markup=True,
        )
    else:
        out.print(
            f"[bold]First stage to fix: {result.fix.stage.info.title} ({result.fix.problem})[/bold]",
            highlight=False,
            markup=True,  # the stage's title and problem word are the tool's own
        )
        out.print(result.fix.reason, highlight=False, markup=False)
    for row in result.breaking:
        checks = ", ".join(sorted({f.check for f in row.failures}))
        out.print(f"✗ {row.id} ({row.stage.value}): {checks}", highlight=False, markup=False)
    if fill:
        _fill_summary(records)


def _table(result: Audit) -> Table:
    fix_stage = result.fix.stage if result.fix else None
    table = Table(title=f"Journey audit — {result.business} ({len(result.rows)} assets)")
    for column in ("#", "stage", "assets", "strength", "unsure", "breaking"):
        table.add_column(column, no_wrap=True)
    table.add_column("KPI to track")
    for c in result.coverage:
        strength = "GAP" if c.assets == 0 else c.strength.value
        stage = c.stage.value + (" ◀ fix" if c.stage == fix_stage else "")
        table.add_row(
            str(c.stage.number),
            stage,
            str(c.assets),
            Text(strength, style=STRENGTH_STYLE[c.strength.value]),
            str(c.unsure),
            Text(str(c.breaking), style="red" if c.breaking else ""),
            c.kpi,
        )
    return table


def _fill_summary(records: list[DraftRecord]) -> None:
    if not records:
        out.print("--fill: no empty stages, nothing to draft")
        return
    for r in records:
        verdict = "passes checks" if r.passed else "fails: " + ", ".join(f.check for f in r.failures)
        out.print(f"drafted {r.id} — {verdict}", highlight=False, markup=False)


@app.command()
def scorecard(
    business: BusinessOpt,
    as_json: Annotated[bool, typer.Option("--json", help="Print the rows as JSON.")] = False,
    out_file: Annotated[
        Path | None, typer.Option("--out", "-o", help="Also write the scorecard to FILE.csv or FILE.md.")
    ] = None,
) -> None:
    """The 8-row Growth Scorecard: each stage's KPI, how to measure it, its offer, target and actual."""
    with user_errors():
        if out_file is not None and out_file.suffix.lower() not in (".csv", ".md", ".markdown"):
            raise UserError(f"--out {out_file}: expected a .csv or .md file name")
        profile = load_profile(business)
        rows = build_scorecard(profile)
        if out_file is not None:
            csv_out = out_file.suffix.lower() == ".csv"
            atomic_write(out_file, scorecard_csv(rows) if csv_out else scorecard_markdown(profile, rows))
    if as_json:
        sys.stdout.write(json.dumps([r.to_json() for r in rows], indent=1, ensure_ascii=False) + "\n")
    else:
        out.print(_score_table(profile.business.name, rows))
    if out_file is not None:
        (err if as_json else out).print(f"wrote {out_file}", highlight=False)


def _score_table(name: str, rows: list[ScoreRow]) -> Table:
    table = Table(title=f"Growth Scorecard — {name}")
    for column in ("#", "stage", "KPI to track", "offer", "target", "actual"):
        table.add_column(column)
    for r in rows:
        table.add_row(
            str(r.stage.number), r.stage.value, r.kpi, r.offer or "—", r.target or "____", r.actual or "____"
        )
    return table
