"""``cvj stages``, ``ingest``, ``draft``, ``campaign`` and ``refine``: drafting commands."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from planner.assets import asset_model, assets_for
from planner.campaign import plan_jobs
from planner.cli._common import (
    BusinessOpt,
    VariantsOpt,
    app,
    err,
    model_options,
    out,
    progress_bar,
    user_errors,
    visible,
)
from planner.drafts import DraftRecord, Job, record_from_json
from planner.errors import CannotRefine, UserError
from planner.profile import Profile, load_profile
from planner.session import RunOptions, open_session, run_jobs
from planner.stages import Stage, parse_stage, parse_stages


@app.command()
def stages(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """List the eight stages, what each may pitch, and its asset types."""
    rows = [
        {
            "stage": s.value,
            "number": s.number,
            "goal": s.info.goal,
            "may_pitch": [r.value for r in s.info.may_pitch],
            "never": s.info.never,
            "kpi": s.info.kpi,
            "assets": [m.asset_type for m in assets_for(s)],
        }
        for s in Stage
    ]
    if as_json:
        out.print_json(json.dumps(rows))
        return
    table = Table(title="Customer Value Journey")
    for column in ("#", "stage", "goal", "may pitch", "asset types"):
        table.add_column(column)
    for s in Stage:
        roles = ", ".join(r.value for r in s.info.may_pitch) or "—"
        assets = ", ".join(m.asset_type for m in assets_for(s))
        table.add_row(str(s.number), s.value, s.info.goal, roles, assets)
    out.print(table)


@app.command()
def ingest(business: BusinessOpt) -> None:
    """Load the stage guides and a business profile into the store (re-running changes nothing)."""
    with user_errors():
        from planner.guidance import ingest as ingest_into
        from planner.store import Store

        profile = load_profile(business)
        with err.status("Embedding and storing…"):
            store = Store()
            result = ingest_into(store, profile)
        for name, r in result.rows():
            out.print(f"{name}: {r.added} added, {r.unchanged} unchanged, {r.removed} removed")
        out.print(f"store: {store.count()} chunks in {store.location}", markup=False)


@app.command()
@model_options
def draft(
    business: BusinessOpt,
    stage: Annotated[str, typer.Option("--stage", "-s", help="Stage id, e.g. aware.")],
    asset: Annotated[
        str, typer.Option("--asset", "-a", help="Asset type, e.g. search_ad (see `cvj stages`).")
    ],
    variants: VariantsOpt = 1,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print drafts.jsonl lines instead of Markdown.")
    ] = False,
    *,
    options: RunOptions,
) -> None:
    """Draft one asset type for one stage, checked against the stage rules."""
    with user_errors():
        chosen = parse_stage(stage)
        owner = asset_model(asset).stage
        if owner != chosen:
            raise UserError(
                f"--asset {asset} belongs to the {owner.value} stage, not {chosen.value} — "
                f"run `cvj stages` for each stage's asset types"
            )
        profile = load_profile(business)
        records = _run(profile, [Job(chosen, asset, v) for v in range(1, variants + 1)], options)
        print_records(records, as_json)
    if any(not r.passed for r in records):
        raise typer.Exit(1)


def print_records(records: list[DraftRecord], as_json: bool) -> None:
    for r in records:
        if as_json:
            out.print(
                json.dumps(r.to_json(), ensure_ascii=False), soft_wrap=True, highlight=False, markup=False
            )
            continue
        verdict = "[green]passes checks" if r.passed else "[red]fails checks"
        out.print(f"[bold]{_escape(visible(r.id))}[/bold] — {verdict}", markup=True)
        out.print(r.markdown, highlight=False, markup=False)
        for f in r.failures:
            out.print(f"  ✗ {f.check}: {f.message}", highlight=False, markup=False)
        for f in r.warnings:
            out.print(f"  ! {f.check} (warning): {f.message}", highlight=False, markup=False)


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)


@app.command()
@model_options
def refine(
    file: Annotated[Path, typer.Argument(help="drafts.jsonl from `cvj campaign` or `cvj draft --json`.")],
    draft_id: Annotated[str, typer.Option("--id", help="The id of the draft to refine.")],
    instruction: Annotated[str, typer.Option("--instruction", "-i", help="e.g. shorter, more playful.")],
    business: BusinessOpt,
    as_json: Annotated[bool, typer.Option("--json", help="Print a drafts.jsonl line.")] = False,
    *,
    options: RunOptions,
) -> None:
    """Rewrite one draft by an instruction, same asset type, and check it again."""
    with user_errors():
        from planner.refine import refine as refine_draft

        profile = load_profile(business)
        wanted, seen = _find_draft(file, draft_id)
        session = open_session(options, [profile], with_store=False)  # offline refine needs no store
        try:
            record = refine_draft(profile, record_from_json(wanted), instruction, session.writer, seen)
        except CannotRefine as exc:
            err.print(str(exc), markup=False, highlight=False)
            raise typer.Exit(1) from None
        print_records([record], as_json)
    if not record.passed:
        raise typer.Exit(1)


def _find_draft(file: Path, draft_id: str) -> tuple[dict[str, Any], set[int]]:
    """The draft with that id, and the variants of the same asset already in the file ("another variant"
    then offers one not shown yet)."""
    from planner.rules import read_drafts

    read_drafts(file)  # validates every line first, with file:line errors
    rows = [json.loads(line) for line in file.read_text(encoding="utf-8").splitlines() if line.strip()]
    for obj in rows:
        if obj.get("id") == draft_id:
            if "asset_type" not in obj:
                raise UserError(f"{file}: draft {draft_id} has no asset_type — refine needs drafts from cvj")
            same = [
                r
                for r in rows
                if (r.get("business"), r.get("asset_type")) == (obj.get("business"), obj["asset_type"])
            ]
            return dict(obj), {int(r.get("variant", 1)) for r in same}
    raise UserError(f"{file}: no draft with id {draft_id!r}")


@app.command()
@model_options
def campaign(
    business: BusinessOpt,
    out_dir: Annotated[
        Path, typer.Option("--out", "-o", help="Folder for drafts.jsonl, campaign.md, campaign.csv.")
    ],
    stages_opt: Annotated[
        str | None, typer.Option("--stages", help="Comma-separated stage ids (default: all).")
    ] = None,
    variants: VariantsOpt = 1,
    export: Annotated[
        str | None,
        typer.Option(
            "--export", help="Also export, e.g. google-ads,mailchimp,calendar → --out/export/<format>/."
        ),
    ] = None,
    *,
    options: RunOptions,
) -> None:
    """Draft every asset type for the chosen stages and write the campaign to --out."""
    with user_errors():
        from planner.output import write_campaign

        jobs = plan_jobs(parse_stages(stages_opt), variants)
        profile = load_profile(business)
        if export:
            from planner.cli._export import check_campaign_formats  # only then: the exporters take 0.1 s

            # Bad names, nothing to export, a missing website: said before any drafting.
            check_campaign_formats(export, profile, {job.asset_type for job in jobs})
        records = _run(profile, jobs, options)
        paths = write_campaign(out_dir, profile, records)
    summary(records)
    out.print("wrote " + ", ".join(str(p) for p in paths), markup=False, highlight=False)
    if export:
        with user_errors():
            from planner.cli._export import export_campaign

            export_campaign(export, profile, records, out_dir)
    if any(not r.passed for r in records):
        raise typer.Exit(1)


def _run(profile: Profile, jobs: list[Job], options: RunOptions) -> list[DraftRecord]:
    """run_jobs behind a progress bar on stderr."""
    with progress_bar() as progress:
        task = progress.add_task("Opening the store", total=len(jobs))

        def update(phase: str, done: int, total: int) -> None:
            progress.update(task, description=phase, completed=done, total=total)

        return run_jobs(profile, jobs, options, update)


def summary(records: list[DraftRecord]) -> None:
    table = Table(title="Campaign summary")
    for column in ("stage", "asset type", "drafts", "pass", "failed checks"):
        table.add_column(column)
    groups: dict[tuple[str, str], list[DraftRecord]] = {}
    for r in records:
        groups.setdefault((r.stage.value, r.asset_type), []).append(r)
    for (stage, asset), rs in groups.items():
        failed = sorted({f.check for r in rs for f in r.failures})
        table.add_row(
            stage, asset, str(len(rs)), f"{sum(r.passed for r in rs)}/{len(rs)}", ", ".join(failed) or "—"
        )
    out.print(table)
    passed = sum(r.passed for r in records)
    out.print(f"{len(records)} drafts, {passed} pass every stage check")
    if any("calls" in r.meta for r in records):
        broken = sum(not r.generated for r in records)
        calls = sum(int(r.meta.get("calls", 0)) for r in records)
        hits = sum(int(r.meta.get("cache_hits", 0)) for r in records)
        tokens = sum(sum(r.meta.get("usage", {}).values()) for r in records)
        out.print(
            f"model {records[0].model}: {calls} calls, {hits} cache hits, {tokens:,} tokens", markup=False
        )
        out.print(f"{broken} drafts could not be generated (see their 'generation' failure)")
