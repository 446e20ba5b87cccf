"""The stage classifier on copy real businesses published: `make bench-realcopy` (`python bench/realcopy.py`).

The set is 735 snippets in five collections (ads, slogans, blog posts, newsletters, opt-in pages, offers,
help-centre and FAQ pages, review asks, referral programmes), labelled by stage. The latest collection, set f,
is ``final`` (scored once at the end of a round); everything gathered before it is ``dev`` (looked at while
improving the classifier). Only the index is committed (``bench/realcopy/index.jsonl``: source URL, title,
business, format, label, confidence, split, sha256 and word count); the texts are not ours to publish, so they
live in the git-ignored ``bench/realcopy/texts/``:

    python bench/realcopy.py build        # lay out texts/ from the collectors' files, checking every sha256
    python bench/realcopy.py              # score dev and final → bench/results-realcopy.json
    python bench/realcopy.py --split dev  # score dev only (what to run while improving)
    python bench/realcopy.py calibrate    # fit the classifier's temperature on dev (make train-classifier)

Without the texts it prints how to rebuild them and exits 0 (CI has none).
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
HERE = ROOT / "bench" / "realcopy"
INDEX = HERE / "index.jsonl"
TEXTS = HERE / "texts"
RESULTS = ROOT / "bench" / "results-realcopy.json"
SOURCE = Path(os.environ.get("REALCOPY_SOURCE", "/work/realcopy-work"))
SPLITS = ("dev", "final")
# Five collections share the index: the first 300 snippets (ids a-, b- and the two c-…-001), set c, gathered
# later from sources the first set did not use (ids c-<stage>-101 on), then sets d, e and f (ids d-…, e-…,
# f-…), each gathered from pages and businesses none before used. Set f is the final part, scored once at the
# end; sets d and e were the final parts before it (each scored once, then studied), and the first set's and
# set c's final parts, scored several times before set d existed, are dev too (each index row keeps its
# ``first_split``).
SETS = ("first", "c", "d", "e", "f")


def set_of(id_: str) -> str:
    """``d``/``e``/``f`` for sets d, e and f, ``c`` for set c (c-<stage>-NNN, NNN > 100), else ``first``."""
    if id_[:2] in ("d-", "e-", "f-"):
        return id_[0]
    head, _, number = id_.rpartition("-")
    return "c" if head.startswith("c-") and number.isdigit() and int(number) > 100 else "first"


@dataclass(frozen=True)
class Entry:
    id: str
    url: str
    label: str
    confidence: str  # the labeller's: high, medium or low
    split: str
    sha256: str


def load_index(path: Path = INDEX) -> list[Entry]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [Entry(r["id"], r["url"], r["label"], r["confidence"], r["split"], r["sha256"]) for r in rows]


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _shown(path: Path) -> str:
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def how_to_rebuild(entries: list[Entry]) -> str:
    urls = sorted({e.url for e in entries})
    return "\n".join(
        [
            f"The real-copy texts are not in {_shown(TEXTS)}/ (they are not committed: the copy belongs "
            "to the businesses that published it).",
            f"To rebuild them, put the collectors' snippet files (*.jsonl with id and text) in {SOURCE} "
            "(or set REALCOPY_SOURCE) and run `python bench/realcopy.py build`; every text is checked "
            "against "
            "the sha256 in the index.",
            "The snippets were taken from the search tool's `pages` corpus (stored copies of public web "
            "pages). "
            "Without the collectors' files, re-collect the passage of each page below, id by id as listed in "
            f"{_shown(INDEX)} (title, business, format), and keep those whose sha256 matches. "
            f"The {len(urls)} source pages:",
            *(f"  {u}" for u in urls),
        ]
    )


def build(entries: list[Entry], source: Path = SOURCE) -> int:
    """Write texts/<id>.txt for each indexed snippet found in ``source``; 1 if any is missing or differs."""
    files = sorted(source.glob("*.jsonl")) if source.is_dir() else []
    if not files:
        print(how_to_rebuild(entries))
        return 0
    raw: dict[str, str] = {}
    for path in files:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                obj = json.loads(line)
                raw[str(obj["id"])] = str(obj["text"])
    TEXTS.mkdir(parents=True, exist_ok=True)
    problems = []
    for e in entries:
        text = raw.get(e.id)
        if text is None:
            problems.append(f"{e.id}: not in {source}")
        elif _sha256(text) != e.sha256:
            problems.append(f"{e.id}: sha256 differs from the index — the source text changed")
        else:
            (TEXTS / f"{e.id}.txt").write_text(text, encoding="utf-8")
    print(f"wrote {len(entries) - len(problems)} of {len(entries)} texts to {TEXTS}")
    for p in problems:
        print(f"  {p}", file=sys.stderr)
    return 1 if problems else 0


def load_texts(entries: list[Entry]) -> dict[str, str] | None:
    """Every indexed text, verified; None when any is missing (say so and how to rebuild)."""
    texts = {}
    for e in entries:
        path = TEXTS / f"{e.id}.txt"
        if not path.is_file():
            return None
        text = path.read_text(encoding="utf-8")
        if _sha256(text) != e.sha256:
            raise SystemExit(f"{path}: sha256 differs from index; run `python bench/realcopy.py build`")
        texts[e.id] = text
    return texts


def score(entries: list[Entry], texts: dict[str, str], unsure_below: float) -> dict[str, Any]:
    """Accuracy, per-stage precision/recall, confusion, and how the unsure threshold splits predictions."""
    from planner.classify import evaluate, get_classifier
    from planner.stages import Stage

    predictions = get_classifier().predict([texts[e.id] for e in entries])
    evaluation = evaluate([Stage(e.label) for e in entries], [p.stage for p in predictions])
    right = [p.stage.value == e.label for e, p in zip(entries, predictions, strict=True)]
    sure = [p.confidence >= unsure_below for p in predictions]
    n_sure = sum(sure)
    by_labeller: dict[str, dict[str, Any]] = {}
    for level in ("high", "medium", "low"):
        picked = [r for r, e in zip(right, entries, strict=True) if e.confidence == level]
        if picked:
            by_labeller[level] = {"texts": len(picked), "accuracy": round(sum(picked) / len(picked), 4)}
    return {
        **evaluation.to_json(),
        "unsure_below": unsure_below,
        "confident": {
            "coverage": round(n_sure / len(entries), 4),
            "texts": n_sure,
            "accuracy": round(sum(r for r, s in zip(right, sure, strict=True) if s) / n_sure, 4)
            if n_sure
            else None,
        },
        "unsure": {
            "texts": len(entries) - n_sure,
            "accuracy": round(
                sum(r for r, s in zip(right, sure, strict=True) if not s) / (len(entries) - n_sure), 4
            )
            if n_sure < len(entries)
            else None,
        },
        "mean_confidence": round(sum(p.confidence for p in predictions) / len(predictions), 4),
        "by_labeller_confidence": by_labeller,
        "misses": [
            {"id": e.id, "label": e.label, "predicted": p.stage.value, "confidence": round(p.confidence, 3)}
            for e, p, r in zip(entries, predictions, right, strict=True)
            if not r
        ],
    }


def _nll(logits: np.ndarray, truth: np.ndarray, temperature: float) -> float:
    from planner.classify import softmax

    p = softmax(logits / temperature)
    return float(-np.log(np.clip(p[np.arange(len(truth)), truth], 1e-12, None)).mean())


def _ece(probs: np.ndarray, truth: np.ndarray, bins: int = 10) -> float:
    """Expected calibration error: how far confidence is from accuracy, averaged over confidence bins."""
    conf, right = probs.max(axis=1), probs.argmax(axis=1) == truth
    edges = np.linspace(0, 1, bins + 1)
    total = 0.0
    for lo, hi in itertools.pairwise(edges):
        inside = (conf > lo) & (conf <= hi)
        if inside.any():
            total += inside.mean() * abs(conf[inside].mean() - right[inside].mean())
    return total


def calibrate(entries: list[Entry], texts: dict[str, str], model_file: Path | None = None) -> dict[str, Any]:
    """Temperature scaling fitted on dev (never final): the one number that minimises dev's log loss.

    Written into the classifier file's meta, arrays untouched. Also returns how accuracy and coverage move
    with the unsure threshold, which is what the audit's UNSURE_BELOW is chosen from.
    """
    from planner.classify import MODEL_FILE, STAGES, featurise, get_classifier, softmax

    path = model_file or MODEL_FILE
    dev = [e for e in entries if e.split == "dev"]
    classifier = get_classifier()
    features = featurise(
        [texts[e.id] for e in dev], classifier.encoder, classifier.cues, classifier.weights.vocabulary
    )
    # The sparse-evidence softening is part of the model's output, so it is part of what is calibrated.
    logits = classifier.weights.logits(features) / classifier.softening(features)[:, None]
    truth = np.array([[s.value for s in STAGES].index(e.label) for e in dev])
    grid = np.round(np.arange(0.30, 4.001, 0.01), 2)
    best = float(min(grid, key=lambda t: _nll(logits, truth, float(t))))
    before, after = softmax(logits), softmax(logits / best)
    conf, right = after.max(axis=1), after.argmax(axis=1) == truth
    thresholds = {
        f"{t:.2f}": {
            "coverage": round(float((conf >= t).mean()), 4),
            "accuracy": round(float(right[conf >= t].mean()), 4) if (conf >= t).any() else None,
        }
        for t in np.round(np.arange(0.30, 0.905, 0.01), 2)
    }
    report = {
        "temperature": best,
        "fitted_on": f"bench/realcopy dev ({len(dev)} texts)",
        "nll": {"before": round(_nll(logits, truth, 1.0), 4), "after": round(_nll(logits, truth, best), 4)},
        "ece": {"before": round(_ece(before, truth), 4), "after": round(_ece(after, truth), 4)},
        "by_threshold": thresholds,
    }
    raw = json.loads(path.read_text(encoding="utf-8"))
    raw["meta"]["temperature"] = best
    raw["meta"]["calibration"] = {k: v for k, v in report.items() if k != "temperature"}
    path.write_text(json.dumps(raw, separators=(",", ":")) + "\n", encoding="utf-8")
    return report


def markdown(name: str, result: dict[str, Any]) -> str:
    """One split as Markdown: the headline, per-stage table and confusion matrix (for README and reports)."""
    from planner.classify import STAGES

    conf = result["confident"]
    lines = [
        f"**{name}**: {result['accuracy']:.1%} ({result['correct']} / {result['total']}); "
        f"confident (≥ {result['unsure_below']}) {conf['texts']} texts ({conf['coverage']:.0%}), "
        + (f"{conf['accuracy']:.1%} right" if conf["accuracy"] is not None else "none")
        + "",
        "",
        "| true \\ predicted | " + " | ".join(s.value[:4] for s in STAGES) + " | recall |",
        "|---" * (len(STAGES) + 2) + "|",
    ]
    per = result["per_stage"]
    for t in STAGES:
        row = result["confusion"][t.value]
        cells = " | ".join(str(row[p.value]) for p in STAGES)
        lines.append(f"| {t.value} | {cells} | {per[t.value]['recall']:.0%} |")
    lines.append("| precision | " + " | ".join(f"{per[s.value]['precision']:.0%}" for s in STAGES) + " | |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("command", nargs="?", choices=["score", "build", "calibrate"], default="score")
    parser.add_argument("--split", choices=[*SPLITS, "all"], default="all")
    parser.add_argument(
        "--set", dest="set_", choices=[*SETS, "all"], default="all", help="which collection (default: all)"
    )
    parser.add_argument("--out", type=Path, default=RESULTS, help="where to write the results (JSON)")
    parser.add_argument("--markdown", type=Path, help="also write the tables as Markdown")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    entries = load_index()
    if args.command == "build":
        return build(entries)
    texts = load_texts(entries)
    if texts is None:
        if args.command == "calibrate":
            print("the classifier keeps temperature 1 (uncalibrated): no real-copy texts to fit it on")
        print(how_to_rebuild(entries))
        return 0
    if args.command == "calibrate":
        fitted = calibrate(entries, texts)
        print(json.dumps(fitted, indent=2))
        return 0
    from planner.audit import UNSURE_BELOW
    from planner.classify import load_weights

    splits = SPLITS if args.split == "all" else (args.split,)
    meta = load_weights().meta
    results: dict[str, Any] = {
        "classifier": {"bank": meta.get("bank"), "cues": meta.get("cues")},
        "temperature": meta.get("temperature", 1.0),
        "calibration": meta.get("calibration"),
        "splits": {},
    }
    sets = SETS if args.set_ == "all" else (args.set_,)
    parts: list[tuple[str, str | None]] = [(name, None) for name in splits] if args.set_ == "all" else []
    parts += [(name, set_name) for name in splits for set_name in sets]
    for name, set_name in parts:
        picked = [e for e in entries if e.split == name and (set_name is None or set_of(e.id) == set_name)]
        if not picked:  # set d has no dev part, the earlier sets no final part
            continue
        key = name if set_name is None else f"{name} ({set_name})"
        results["splits"][key] = score(picked, texts, UNSURE_BELOW)
        if name == "final":  # final is scored, never studied: its misses are not written down
            results["splits"][key].pop("misses")
    args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    report = "\n\n".join(markdown(key, result) for key, result in results["splits"].items())
    print(report)
    if args.markdown:
        args.markdown.write_text(report + "\n", encoding="utf-8")
    print(f"\nwrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
