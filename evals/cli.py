"""``cvj eval SUITE`` and ``cvj eval compare A B``: the eval harness's command, added to ``cvj`` through the
``cvj.commands`` entry point (``register_commands``), so the planner package never imports the harness."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from evals.compare import compare, load_results, stage_rates
from evals.report import render
from evals.runner import regressions, run_suite
from planner.cli import err, model_options, out, progress_bar, user_errors
from planner.errors import UserError
from planner.output import atomic_write
from planner.session import RunOptions


def register_commands(app: typer.Typer) -> None:
    app.command("eval")(model_options(eval_))


def eval_(
    target: Annotated[str, typer.Argument(help="SUITE.yaml to run, or 'compare' followed by A.json B.json.")],
    runs: Annotated[list[Path] | None, typer.Argument(help="With 'compare': two results.json files.")] = None,
    baseline: Annotated[
        Path | None, typer.Option("--baseline", help="A results.json; any case that passed there must pass.")
    ] = None,
    out_dir: Annotated[
        Path | None, typer.Option("--out", help="Folder for results.json and report.html.")
    ] = None,
    judge: Annotated[
        str | None, typer.Option("--judge", help="Judge model for llm-rubric (or CVJ_JUDGE_MODEL).")
    ] = None,
    *,
    options: RunOptions,
) -> None:
    """Run an eval suite (pass rates per stage and check, results.json, report.html), or compare two runs.

    Exit 1 when the pass rate is below the suite's threshold or a case regressed against --baseline.
    """
    with user_errors():
        if target == "compare":
            if not runs or len(runs) != 2:
                raise UserError("usage: cvj eval compare A.json B.json — two results.json files")
            _compare(runs[0], runs[1])
            return
        if runs:
            raise UserError(f"unexpected arguments {[str(r) for r in runs]} — run one suite at a time")
        failed = _eval(Path(target), options, judge, baseline, out_dir)
    if failed:
        raise typer.Exit(1)


def _eval(
    suite: Path, options: RunOptions, judge: str | None, baseline: Path | None, out_dir: Path | None
) -> bool:
    before = load_results(baseline) if baseline else None  # a bad baseline fails before any drafting
    with progress_bar() as progress:
        task = progress.add_task("Loading the suite", total=None)

        def update(phase: str, done: int, total: int) -> None:
            progress.update(task, description=phase, completed=done, total=total)

        results = run_suite(suite, options, judge, update)
    results["baseline"] = str(baseline) if baseline else None
    results["regressions"] = regressions(results, before) if before else []
    folder = out_dir or Path("out") / f"eval-{suite.stem}"
    atomic_write(folder / "results.json", json.dumps(results, indent=1, ensure_ascii=False) + "\n")
    atomic_write(folder / "report.html", render(results))
    _print_run(results)
    out.print(f"wrote {folder / 'results.json'} and {folder / 'report.html'}", highlight=False)
    summary = results["summary"]
    below = summary["pass_rate"] < results["threshold"]
    if below:
        err.print(
            f"pass rate {summary['pass_rate']:.1%} is below the suite's threshold {results['threshold']:.0%}"
        )
    if results["regressions"]:
        err.print(f"{len(results['regressions'])} cases regressed: {', '.join(results['regressions'])}")
    return below or bool(results["regressions"])


def _print_run(results: dict[str, Any]) -> None:
    summary = results["summary"]
    stages = Table(title=f"{results['suite']} — model {results['model']}")
    for column in ("stage", "cases", "passed", "pass rate"):
        stages.add_column(column)
    for stage, row in summary["by_stage"].items():
        stages.add_row(stage, str(row["cases"]), str(row["passed"]), f"{row['pass_rate']:.0%}")
    out.print(stages)
    checks = Table(title="Checks")
    for column in ("check", "passed", "failed", "skipped", "pass rate"):
        checks.add_column(column)
    for check, row in summary["by_check"].items():
        checks.add_row(
            check, str(row["passed"]), str(row["failed"]), str(row["skipped"]), f"{row['pass_rate']:.0%}"
        )
    out.print(checks)
    skipped = summary["by_check"].get("llm-rubric", {}).get("skipped", 0)
    if skipped and not results.get("judge"):
        out.print(f"note: {skipped} llm-rubric checks skipped — no judge model configured", highlight=False)
    out.print(f"{summary['passed']} of {summary['cases']} cases pass ({summary['pass_rate']:.1%})")


def _compare(first: Path, second: Path) -> None:
    a, b = load_results(first), load_results(second)
    stages = Table(title=f"A = {first}  ·  B = {second}")
    for column in ("stage", "A pass rate", "B pass rate", "delta"):
        stages.add_column(column)
    for stage, ra, rb in stage_rates(a, b):
        delta = f"{(rb - ra) * 100:+.0f} pts" if ra is not None and rb is not None else "—"
        stages.add_row(stage, _rate(ra), _rate(rb), delta)
    overall_a, overall_b = a["summary"]["pass_rate"], b["summary"]["pass_rate"]
    stages.add_row("all", _rate(overall_a), _rate(overall_b), f"{(overall_b - overall_a) * 100:+.0f} pts")
    out.print(stages)
    cases = Table(title="Cases")
    for column in ("case", "stage", "A", "B", "change", "B failing checks"):
        cases.add_column(column)
    rows = compare(a, b)
    for row in rows:
        cases.add_row(
            row.key, row.stage, _mark(row.a), _mark(row.b), row.change, ", ".join(row.b_failing) or "—"
        )
    out.print(cases)
    counts = {c: sum(r.change == c for r in rows) for c in ("fixed", "broke", "same", "added", "removed")}
    out.print(", ".join(f"{n} {c}" for c, n in counts.items() if n), highlight=False)


def _rate(value: float | None) -> str:
    return "—" if value is None else f"{value:.0%}"


def _mark(value: bool | None) -> str:
    return "—" if value is None else "pass" if value else "FAIL"
