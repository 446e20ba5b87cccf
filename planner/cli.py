"""The ``cvj`` command line. Commands, flags and file formats here are a contract: keep them stable.

Exit codes: 0 success, 1 drafts failed their checks, 2 bad input (the message names file, field and fix).
Progress goes to stderr so stdout stays clean for JSON Lines and tables.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from planner.errors import EmbeddingModelError, UserError
from planner.stages import Stage, parse_stage, parse_stages

if TYPE_CHECKING:
    from planner.campaign import DraftRecord, Job
    from planner.profile import Profile

app = typer.Typer(
    help="Plan, draft and check marketing copy for every Customer Value Journey stage.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
out = Console(soft_wrap=True)
err = Console(stderr=True)

BusinessOpt = Annotated[
    Path, typer.Option("--business", "-b", help="Business profile YAML (see examples/profiles/).")
]
VariantsOpt = Annotated[
    int, typer.Option("--variants", "-n", min=1, max=5, help="Drafts per asset type (1-5).")
]


@contextmanager
def user_errors() -> Iterator[None]:
    """Bad input → one clear message and exit 2; a broken install → exit 1 with the fix."""
    try:
        yield
    except UserError as exc:
        err.print(f"[red]error:[/red] {exc}", highlight=False, markup=True)
        raise typer.Exit(2) from None
    except ValueError as exc:  # stage/asset parsing
        err.print(f"[red]error:[/red] {exc}", highlight=False)
        raise typer.Exit(2) from None
    except EmbeddingModelError as exc:
        err.print(f"[red]error:[/red] {exc}", highlight=False)
        raise typer.Exit(1) from None


def _progress() -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=not err.is_terminal,
    )


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
        from planner.store import Store, cvj_home

        profile = load_profile(business)
        with err.status("Embedding and storing…"):
            store = Store()
            result = ensure_ingested(store, profile)
        for name, r in result.items():
            out.print(f"{name}: {r.added} added, {r.unchanged} unchanged, {r.removed} removed")
        out.print(f"store: {store.count()} chunks in {cvj_home() / 'chroma'}")


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
) -> None:
    """Draft one asset type for one stage, checked against the stage rules."""
    with user_errors():
        from planner.assets import asset_model
        from planner.campaign import Job

        chosen = parse_stage(stage)
        model = asset_model(asset)
        if model.stage != chosen:
            raise UserError(
                f"--asset {asset} belongs to the {model.stage.value} stage, not {chosen.value} — "
                f"run `cvj stages` for each stage's asset types"
            )
        _, records = _run(business, [Job(chosen, asset, v) for v in range(1, variants + 1)])
        for r in records:
            if as_json:
                out.print(json.dumps(r.to_json(), ensure_ascii=False), soft_wrap=True, highlight=False)
                continue
            out.print(f"[bold]{r.id}[/bold] — {'[green]passes checks' if r.passed else '[red]fails checks'}")
            out.print(r.markdown, highlight=False, markup=False)
            for f in r.failures:
                out.print(f"  ✗ {f['check']}: {f['message']}", highlight=False, markup=False)
    if any(not r.passed for r in records):
        raise typer.Exit(1)


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
) -> None:
    """Draft every asset type for the chosen stages and write the campaign to --out."""
    with user_errors():
        from planner.campaign import plan_jobs
        from planner.output import write_campaign

        jobs = plan_jobs(parse_stages(stages_opt), variants)
        profile, records = _run(business, jobs)
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
        with _progress() as progress:
            task = progress.add_task("Checking", total=len(drafts))
            for result in check_drafts(profile, drafts):
                failed += not result.passed
                sys.stdout.write(json.dumps(result.to_json(), ensure_ascii=False) + "\n")
                progress.advance(task)
    sys.stdout.flush()
    err.print(f"{len(drafts) - failed} of {len(drafts)} drafts pass", highlight=False)
    if failed:
        raise typer.Exit(1)


def _run(business: Path, jobs: list[Job]) -> tuple[Profile, list[DraftRecord]]:
    """Load the profile, open the store, and write + check every job with a progress bar."""
    import threading

    from planner.campaign import OfflineWriter, StoreGuidance, generate
    from planner.embeddings import get_encoder
    from planner.profile import load_profile

    profile = load_profile(business)
    # Load the model on the second core while Chroma imports and opens: it saves ~0.3 s per run.
    threading.Thread(target=get_encoder, daemon=True).start()
    from planner.store import Store

    with _progress() as progress:
        task = progress.add_task("Opening the store", total=len(jobs))
        source = StoreGuidance(Store(), profile)
        progress.update(task, description="Drafting")
        records = generate(profile, jobs, source, OfflineWriter(), on_draft=lambda _: progress.advance(task))
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


def main() -> None:
    app()


if __name__ == "__main__":
    main()
