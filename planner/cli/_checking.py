"""``cvj check`` (the stage rules over drafts) and ``cvj classify`` (the stage classifier over any text)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from planner.classify import STAGES, Evaluation, classify_items, get_classifier, read_items, score
from planner.cli._common import BusinessOpt, app, err, out, progress_bar, user_errors
from planner.profile import load_profile
from planner.rules import check_drafts, read_drafts


@app.command()
def check(
    file: Annotated[
        Path, typer.Argument(help="JSON Lines with id, stage, text (asset_type, fields optional).")
    ],
    business: BusinessOpt,
) -> None:
    """Check drafts against the stage rules; prints one JSON line per draft (exit 1 if any fails)."""
    with user_errors():
        profile = load_profile(business)
        drafts = read_drafts(file)
        failed = warned = 0
        with progress_bar() as progress:
            task = progress.add_task("Checking", total=len(drafts))
            for result in check_drafts(profile, drafts):
                failed += not result.passed
                warned += bool(result.warnings)
                sys.stdout.write(json.dumps(result.to_json(), ensure_ascii=False) + "\n")
                progress.advance(task)
    sys.stdout.flush()
    warnings = f"; {warned} with warnings" if warned else ""
    err.print(f"{len(drafts) - failed} of {len(drafts)} drafts pass{warnings}", highlight=False)
    if failed:  # warnings never change the exit code
        raise typer.Exit(1)


@app.command()
def classify(
    file: Annotated[Path, typer.Argument(help="JSON Lines with id and text (and stage for --evaluate).")],
    evaluate: Annotated[
        bool, typer.Option("--evaluate", help="FILE has labels: print accuracy, precision/recall, confusion.")
    ] = False,
) -> None:
    """Predict each text's stage; prints {"id", "stage", "confidence", "scores"} per line."""
    with user_errors():
        items = read_items(file, labelled=evaluate)
        classifier = get_classifier()
        pairs = []
        with progress_bar() as progress:
            task = progress.add_task("Classifying", total=len(items))
            for item, prediction in classify_items(classifier, items, lambda n: progress.advance(task, n)):
                pairs.append((item, prediction))
                if not evaluate:
                    sys.stdout.write(json.dumps(prediction.to_json(item.id)) + "\n")
    if evaluate:
        _print_evaluation(score(pairs))
    sys.stdout.flush()


def _print_evaluation(evaluation: Evaluation) -> None:
    out.print(f"accuracy {evaluation.accuracy:.1%} ({evaluation.correct} of {evaluation.total})")
    table = Table(title="Per stage")
    for column in ("stage", "precision", "recall", "support"):
        table.add_column(column)
    for s in STAGES:
        support = sum(evaluation.confusion[s].values())
        table.add_row(s.value, f"{evaluation.precision(s):.0%}", f"{evaluation.recall(s):.0%}", str(support))
    out.print(table)
    out.print("Confusion matrix (rows: true stage, columns: predicted)")
    out.print(evaluation.confusion_text(), highlight=False)
    err.print(f"{evaluation.total} texts classified", highlight=False)
