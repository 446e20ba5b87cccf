"""The app's Evals tab, added through the ``cvj.app_tabs`` entry point (``app_tabs``): run a suite from
``evals/suites/`` on the app's writer and read its per-stage pass rates and report."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from evals.report import render
from evals.runner import run_suite
from evals.suite import SUITES_DIR
from planner.app import Backend
from planner.errors import UserError
from planner.markup import md_escape
from planner.output import atomic_write

if TYPE_CHECKING:
    import gradio as gr
else:
    import gradio as gr  # the app imported it already, with its start-up hook


@dataclass(frozen=True)
class Tab:
    label: str
    id: str
    build: Callable[[Backend], None]


def app_tabs() -> list[Tab]:
    return [Tab("Evals", "evals", build)]


def run_eval(
    backend: Backend, suite: Path, on_progress: Callable[[str, int, int], None] | None = None
) -> dict[str, Any]:
    """Run a suite with the app's model options; write results.json and report.html under the app's output."""
    backend.wait()
    results = run_suite(suite, backend.options, None, on_progress)
    results["baseline"], results["regressions"] = None, []
    folder = backend.out_root / f"eval-{suite.stem}-{time.strftime('%Y%m%d-%H%M%S')}"
    atomic_write(folder / "results.json", json.dumps(results, indent=1, ensure_ascii=False) + "\n")
    atomic_write(folder / "report.html", render(results))
    results["report_path"] = str(folder / "report.html")
    return results


def build(backend: Backend) -> None:
    """Pick a suite, run it on the app's writer, see per-stage pass rates and the report."""
    suites = sorted(p.name for p in SUITES_DIR.glob("*.yaml"))
    suite = gr.Dropdown(suites, value=suites[0] if suites else None, label="Suite", elem_id="cvj-suite")
    run = gr.Button("Run suite", variant="primary", elem_id="cvj-run-suite")
    summary = gr.Markdown(elem_id="cvj-eval-summary")
    table = gr.Dataframe(
        headers=["stage", "cases", "passed", "pass rate"], interactive=False, elem_id="cvj-eval-table"
    )
    report_file = gr.DownloadButton("Download report.html", visible=False, elem_id="cvj-report-download")
    report = gr.HTML(elem_id="cvj-report")

    def go(name: str, progress: gr.Progress = gr.Progress()) -> list[Any]:  # noqa: B008 (Gradio injects it)
        try:
            results = run_eval(backend, SUITES_DIR / name, lambda phase, d, t: progress((d, t), desc=phase))
        except UserError as exc:
            return [f"⚠ {md_escape(str(exc))}", [], gr.update(visible=False), ""]
        page = Path(results["report_path"]).read_text(encoding="utf-8")
        style = "width:100%;height:640px;border:0"
        frame = f'<iframe title="report" style="{style}" srcdoc="{escape(page)}"></iframe>'
        return [
            eval_summary(results),
            eval_rows(results),
            gr.update(value=results["report_path"], visible=True),
            frame,
        ]

    run.click(go, [suite], [summary, table, report_file, report])


def eval_rows(results: dict[str, Any]) -> list[list[Any]]:
    """[stage, cases, passed, pass rate] rows for the app's table."""
    return [
        [stage, row["cases"], row["passed"], f"{row['pass_rate']:.0%}"]
        for stage, row in results["summary"]["by_stage"].items()
    ]


def eval_summary(results: dict[str, Any]) -> str:
    s = results["summary"]
    checks = ", ".join(
        f"{name} {row['pass_rate']:.0%}" + (f" ({row['skipped']} skipped)" if row["skipped"] else "")
        for name, row in s["by_check"].items()
    )
    return (
        f"**{s['passed']} of {s['cases']} cases pass ({s['pass_rate']:.0%})** — threshold "
        f"{results['threshold']:.0%}, model {md_escape(str(results['model']))}.  \n"
        f"Checks: {md_escape(checks)}."
    )
