"""The ``cvj`` command line. Commands, flags and file formats here are a contract: keep them stable.

Exit codes: 0 success, 1 drafts failed their checks, 2 bad input (the message names file, field and fix).
Progress goes to stderr so stdout stays clean for JSON Lines and tables.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.table import Table

from planner.cli_common import (
    BaseUrlOpt,
    BusinessOpt,
    ConcurrencyOpt,
    MaxTokensOpt,
    ModelOpt,
    NoCacheOpt,
    PromptsOpt,
    TimeoutOpt,
    VariantsOpt,
    app,
    err,
    out,
    progress_bar,
    user_errors,
)
from planner.errors import UserError
from planner.stages import Stage, parse_stage, parse_stages

if TYPE_CHECKING:
    from planner.campaign import DraftRecord, Job
    from planner.profile import Profile


@app.command()
def stages(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """List the eight stages, what each may pitch, and its asset types."""
    from planner.assets import assets_for

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
        from planner.campaign import ensure_ingested
        from planner.profile import load_profile
        from planner.store import Store

        profile = load_profile(business)
        with err.status("Embedding and storing…"):
            store = Store()
            result = ensure_ingested(store, profile)
        for name, r in result.items():
            out.print(f"{name}: {r.added} added, {r.unchanged} unchanged, {r.removed} removed")
        out.print(f"store: {store.count()} chunks in {store.location}")


@app.command()
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
    model: ModelOpt = None,
    base_url: BaseUrlOpt = None,
    concurrency: ConcurrencyOpt = 8,
    timeout: TimeoutOpt = 60.0,
    max_tokens: MaxTokensOpt = 1200,
    no_cache: NoCacheOpt = False,
    prompts: PromptsOpt = None,
) -> None:
    """Draft one asset type for one stage, checked against the stage rules."""
    with user_errors():
        from planner.assets import asset_model
        from planner.campaign import Job

        chosen = parse_stage(stage)
        owner = asset_model(asset).stage
        if owner != chosen:
            raise UserError(
                f"--asset {asset} belongs to the {owner.value} stage, not {chosen.value} — "
                f"run `cvj stages` for each stage's asset types"
            )
        options = RunOptions(model, base_url, concurrency, timeout, max_tokens, no_cache, prompts)
        _, records = run_jobs(business, [Job(chosen, asset, v) for v in range(1, variants + 1)], options)
        _print_records(records, as_json)
    if any(not r.passed for r in records):
        raise typer.Exit(1)


def _print_records(records: list[DraftRecord], as_json: bool) -> None:
    for r in records:
        if as_json:
            out.print(json.dumps(r.to_json(), ensure_ascii=False), soft_wrap=True, highlight=False)
            continue
        out.print(f"[bold]{r.id}[/bold] — {'[green]passes checks' if r.passed else '[red]fails checks'}")
        out.print(r.markdown, highlight=False, markup=False)
        for f in r.failures:
            out.print(f"  ✗ {f['check']}: {f['message']}", highlight=False, markup=False)


@app.command()
def refine(
    file: Annotated[Path, typer.Argument(help="drafts.jsonl from `cvj campaign` or `cvj draft --json`.")],
    draft_id: Annotated[str, typer.Option("--id", help="The id of the draft to refine.")],
    instruction: Annotated[str, typer.Option("--instruction", "-i", help="e.g. shorter, more playful.")],
    business: BusinessOpt,
    as_json: Annotated[bool, typer.Option("--json", help="Print a drafts.jsonl line.")] = False,
    model: ModelOpt = None,
    base_url: BaseUrlOpt = None,
    timeout: TimeoutOpt = 60.0,
    no_cache: NoCacheOpt = False,
    prompts: PromptsOpt = None,
) -> None:
    """Rewrite one draft by an instruction, same asset type, and check it again."""
    with user_errors():
        from planner.campaign import StoreGuidance, record_from_json
        from planner.models import parse_model
        from planner.profile import load_profile
        from planner.refine import refine as refine_draft
        from planner.store import Store
        from planner.writers import make_writer

        profile = load_profile(business)
        wanted = _find_draft(file, draft_id)
        spec = parse_model(model, base_url, timeout=timeout)
        source = StoreGuidance(Store(), profile) if not spec.is_offline else None
        writer = make_writer(spec, source, use_cache=not no_cache, prompts_dir=prompts)
        record = refine_draft(profile, record_from_json(wanted), instruction, writer)
        _print_records([record], as_json)
    if not record.passed:
        raise typer.Exit(1)


def _find_draft(file: Path, draft_id: str) -> dict[str, Any]:
    from evals.check import read_drafts

    read_drafts(file)  # validates every line first, with file:line errors
    for line in file.read_text(encoding="utf-8").splitlines():
        if line.strip() and (obj := json.loads(line)).get("id") == draft_id:
            if "asset_type" not in obj:
                raise UserError(f"{file}: draft {draft_id} has no asset_type — refine needs drafts from cvj")
            return dict(obj)
    raise UserError(f"{file}: no draft with id {draft_id!r}")


@app.command()
def campaign(
    business: BusinessOpt,
    out_dir: Annotated[
        Path, typer.Option("--out", "-o", help="Folder for drafts.jsonl, campaign.md, campaign.csv.")
    ],
    stages_opt: Annotated[
        str | None, typer.Option("--stages", help="Comma-separated stage ids (default: all).")
    ] = None,
    variants: VariantsOpt = 1,
    model: ModelOpt = None,
    base_url: BaseUrlOpt = None,
    concurrency: ConcurrencyOpt = 8,
    timeout: TimeoutOpt = 60.0,
    max_tokens: MaxTokensOpt = 1200,
    no_cache: NoCacheOpt = False,
    prompts: PromptsOpt = None,
) -> None:
    """Draft every asset type for the chosen stages and write the campaign to --out."""
    with user_errors():
        from planner.campaign import plan_jobs
        from planner.output import write_campaign

        jobs = plan_jobs(parse_stages(stages_opt), variants)
        options = RunOptions(model, base_url, concurrency, timeout, max_tokens, no_cache, prompts)
        profile, records = run_jobs(business, jobs, options)
        paths = write_campaign(out_dir, profile, records)
    _summary(records)
    out.print("wrote " + ", ".join(str(p) for p in paths))
    if any(not r.passed for r in records):
        raise typer.Exit(1)


@app.command()
def check(
    file: Annotated[
        Path, typer.Argument(help="JSON Lines with id, stage, text (asset_type, fields optional).")
    ],
    business: BusinessOpt,
) -> None:
    """Check drafts against the stage rules; prints one JSON line per draft."""
    with user_errors():
        from evals.check import check_drafts, read_drafts
        from planner.profile import load_profile

        profile = load_profile(business)
        drafts = read_drafts(file)
        failed = 0
        with progress_bar() as progress:
            task = progress.add_task("Checking", total=len(drafts))
            for result in check_drafts(profile, drafts):
                failed += not result.passed
                sys.stdout.write(json.dumps(result.to_json(), ensure_ascii=False) + "\n")
                progress.advance(task)
    sys.stdout.flush()
    err.print(f"{len(drafts) - failed} of {len(drafts)} drafts pass", highlight=False)
    if failed:
        raise typer.Exit(1)


@dataclass(frozen=True)
class RunOptions:
    model: str | None = None
    base_url: str | None = None
    concurrency: int = 8
    timeout: float = 60.0
    max_tokens: int = 1200
    no_cache: bool = False
    prompts: Path | None = None


def run_jobs(business: Path, jobs: list[Job], options: RunOptions) -> tuple[Profile, list[DraftRecord]]:
    """Load the profile, open the store, and write + check every job with a progress bar."""
    import threading

    from planner.campaign import StoreGuidance, generate
    from planner.embeddings import get_encoder
    from planner.models import parse_model
    from planner.profile import load_profile
    from planner.writers import make_writer

    profile = load_profile(business)
    spec = replace(
        parse_model(options.model, options.base_url, timeout=options.timeout), max_tokens=options.max_tokens
    )
    if options.prompts is not None and not options.prompts.is_dir():
        raise UserError(f"--prompts {options.prompts}: no such folder — point it at a copy of prompts/")
    # Load the model on the second core while Chroma imports and opens: it saves ~0.3 s per run.
    threading.Thread(target=get_encoder, daemon=True).start()
    from planner.store import Store

    with progress_bar() as progress:
        task = progress.add_task("Opening the store", total=len(jobs))
        source = StoreGuidance(Store(), profile)
        writer = make_writer(spec, source, use_cache=not options.no_cache, prompts_dir=options.prompts)
        progress.update(task, description=f"Drafting with {writer.name}")
        records = generate(
            profile,
            jobs,
            source,
            writer,
            on_draft=lambda _: progress.advance(task),
            concurrency=options.concurrency,
        )
    return profile, records


def _summary(records: list[DraftRecord]) -> None:
    table = Table(title="Campaign summary")
    for column in ("stage", "asset type", "drafts", "pass", "failed checks"):
        table.add_column(column)
    groups: dict[tuple[str, str], list[DraftRecord]] = {}
    for r in records:
        groups.setdefault((r.stage.value, r.asset_type), []).append(r)
    for (stage, asset), rs in groups.items():
        failed = sorted({f["check"] for r in rs for f in r.failures})
        table.add_row(
            stage, asset, str(len(rs)), f"{sum(r.passed for r in rs)}/{len(rs)}", ", ".join(failed) or "—"
        )
    out.print(table)
    passed = sum(r.passed for r in records)
    out.print(f"{len(records)} drafts, {passed} pass every stage check")
    if any("calls" in r.meta for r in records):
        broken = sum(any(f["check"] == "generation" for f in r.failures) for r in records)
        calls = sum(int(r.meta.get("calls", 0)) for r in records)
        hits = sum(int(r.meta.get("cache_hits", 0)) for r in records)
        tokens = sum(sum(r.meta.get("usage", {}).values()) for r in records)
        out.print(f"model {records[0].model}: {calls} calls, {hits} cache hits, {tokens:,} tokens")
        out.print(f"{broken} drafts could not be generated (see their 'generation' failure)")


def main() -> None:
    # Importing these registers their commands (batch; classify and eval) on the same app.
    import planner.cli_audit
    import planner.cli_batch
    import planner.cli_evals  # noqa: F401

    app()


if __name__ == "__main__":
    main()
