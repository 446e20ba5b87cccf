"""Benchmarks for the offline path: `make bench` (or `python bench/run.py`).

1. Offline campaign: wall time of `cvj campaign` (16 asset types x 3 variants) as a fresh process, model load,
   Chroma start-up and retrieval included; the store is built once beforehand, as `make demo` leaves it.
2. `cvj check` throughput: drafts/s over a file of distinct drafts, as a fresh process (start-up included) and
   in-process (the rules alone).
3. `cvj classify` throughput: texts/s over the exemplar bank, the blind sets and the campaign's drafts (real
   copy of every length), as a fresh process and in-process; plus the classifier's accuracy on the held-out
   split and the blind sets, beside a naive nearest-centroid baseline over the stage descriptions.

Results go to bench/results.json and are printed as a table. Figures vary with machine load: run it on an idle
machine and quote the median. `BENCH_PART=check` re-measures only part 2 (it drafts the campaign it checks)
and keeps the rest of the file.
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BLIND = ROOT / "tests" / "data" / "classify"
PROFILE = ROOT / "examples" / "profiles" / "paws-and-suds.yaml"
RUNS = int(os.environ.get("BENCH_RUNS", "5"))


def cvj(*args: str, home: Path) -> float:
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "planner.cli", *args],
        cwd=ROOT,
        capture_output=True,
        env={**os.environ, "CVJ_HOME": str(home)},
    )
    if done.returncode not in (0, 1):  # 1: some drafts fail their checks (bench/copy_quality.py counts them)
        raise RuntimeError(done.stderr.decode())
    return time.perf_counter() - start


def bench_campaign(home: Path, out: Path) -> dict[str, float]:
    cvj("ingest", "--business", str(PROFILE), home=home)
    times = [cvj("campaign", "-b", str(PROFILE), "-o", str(out), "-n", "3", home=home) for _ in range(RUNS)]
    return {"drafts": 48, "median_s": statistics.median(times), "min_s": min(times), "max_s": max(times)}


def check_corpus(out: Path, target: Path, copies: int) -> int:
    """Distinct drafts: the campaign's 48, each repeated with a distinct suffix so no cache can help."""
    rows = [json.loads(line) for line in (out / "drafts.jsonl").read_text().splitlines()]
    with target.open("w") as fh:
        for n in range(copies):
            for row in rows:
                row = {**row, "id": f"{row['id']}.{n}", "text": f"{row['text']}\nRef {n}."}
                fh.write(json.dumps(row) + "\n")
    return len(rows) * copies


def bench_check(home: Path, out: Path, work: Path) -> dict[str, float]:
    corpus = work / "drafts.jsonl"
    count = check_corpus(out, corpus, copies=42)
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "planner.cli", "check", str(corpus), "-b", str(PROFILE)],
            cwd=ROOT,
            capture_output=True,
            env={**os.environ, "CVJ_HOME": str(home)},
        )
        times.append(time.perf_counter() - start)
    sys.path.insert(0, str(ROOT))
    from planner.profile import load_profile
    from planner.rules import check_drafts, read_drafts

    profile = load_profile(PROFILE)
    drafts = read_drafts(corpus)
    start = time.perf_counter()
    results = list(check_drafts(profile, drafts))
    in_process = time.perf_counter() - start
    assert len(results) == count
    return {
        "drafts": count,
        "cli_drafts_per_s": count / statistics.median(times),
        "in_process_drafts_per_s": count / in_process,
    }


def classify_corpus(out: Path, target: Path) -> int:
    texts = [e["text"] for e in map(json.loads, (out / "drafts.jsonl").read_text().splitlines())]
    for path in sorted((ROOT / "evals" / "data" / "exemplars").glob("*.jsonl")) + sorted(
        BLIND.glob("*.jsonl")
    ):
        texts += [json.loads(line)["text"] for line in path.read_text().splitlines() if line.strip()]
    with target.open("w") as fh:
        for n, text in enumerate(texts):
            fh.write(json.dumps({"id": str(n), "text": text}) + "\n")
    return len(texts)


def bench_classify(home: Path, out: Path, work: Path) -> dict[str, float]:
    corpus = work / "texts.jsonl"
    count = classify_corpus(out, corpus)
    times = [cvj("classify", str(corpus), home=home) for _ in range(RUNS)]
    sys.path.insert(0, str(ROOT))
    from planner.classify import get_classifier

    classifier = get_classifier()
    texts = [json.loads(line)["text"] for line in corpus.read_text().splitlines()]
    classifier.predict(texts[:8])  # warm-up: first-call allocations are not throughput
    start = time.perf_counter()
    classifier.predict(texts)
    in_process = time.perf_counter() - start
    return {
        "texts": count,
        "mean_chars": round(sum(map(len, texts)) / len(texts)),
        "cli_texts_per_s": count / statistics.median(times),
        "in_process_texts_per_s": count / in_process,
    }


def accuracy() -> dict[str, Any]:
    """Held-out and blind-set accuracy of the shipped classifier, and the naive baseline on the same sets."""
    from evals.bank import load_bank, split
    from planner.classify import get_classifier
    from planner.embeddings import get_encoder
    from planner.stages import Stage

    sets = {"heldout": [(e.text, e.stage.value) for e in split(load_bank(), "heldout")]}
    for path in sorted(BLIND.glob("*.jsonl")):
        rows = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
        sets[f"blind:{path.stem}"] = [(r["text"], r["stage"]) for r in rows]
    encoder = get_encoder()
    centroids = encoder.encode([f"{s.info.title}: {s.info.goal} {s.info.mindset}" for s in Stage])
    report: dict[str, Any] = {}
    for name, rows in sets.items():
        texts, truth = [t for t, _ in rows], [s for _, s in rows]
        ours = [p.stage.value for p in get_classifier().predict(texts)]
        naive = [list(Stage)[i].value for i in (encoder.encode(texts) @ centroids.T).argmax(axis=1)]
        report[name] = {
            "texts": len(rows),
            "accuracy": round(sum(a == b for a, b in zip(ours, truth, strict=True)) / len(rows), 4),
            "naive_centroid_accuracy": round(
                sum(a == b for a, b in zip(naive, truth, strict=True)) / len(rows), 4
            ),
        }
    return report


def check_only() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        home, out = work / "home", work / "out"
        cvj("campaign", "-b", str(PROFILE), "-o", str(out), "-n", "3", home=home)
        check = bench_check(home, out, work)
    path = ROOT / "bench" / "results.json"
    saved = json.loads(path.read_text())
    saved["check"] = check
    path.write_text(json.dumps(saved, indent=2) + "\n")
    print(
        f"cvj check: {check['cli_drafts_per_s']:.0f} drafts/s as a command over {check['drafts']} drafts, "
        f"{check['in_process_drafts_per_s']:.0f} drafts/s in-process (target >= 500/s)"
    )


def main() -> None:
    if os.environ.get("BENCH_PART") == "check":
        check_only()
        return
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        home, out = work / "home", work / "out"
        campaign = bench_campaign(home, out)
        check = bench_check(home, out, work)
        classify = bench_classify(home, out, work)
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    results: dict[str, Any] = {
        "machine": machine,
        "runs": RUNS,
        "campaign": campaign,
        "check": check,
        "classify": classify,
        "classifier_accuracy": accuracy(),
    }
    (ROOT / "bench" / "results.json").write_text(json.dumps(results, indent=2) + "\n")
    print(f"machine: {machine}")
    print(
        f"offline campaign, 16 assets x 3 variants: median {campaign['median_s']:.2f} s "
        f"(min {campaign['min_s']:.2f}, max {campaign['max_s']:.2f}; target < 2 s)"
    )
    print(
        f"cvj check: {check['cli_drafts_per_s']:.0f} drafts/s as a command over {check['drafts']} drafts, "
        f"{check['in_process_drafts_per_s']:.0f} drafts/s in-process (target >= 500/s)"
    )
    print(
        f"cvj classify: {classify['cli_texts_per_s']:.0f} texts/s as a command over "
        f"{classify['texts']} texts (mean {classify['mean_chars']} chars), "
        f"{classify['in_process_texts_per_s']:.0f} texts/s in-process (target >= 100/s)"
    )
    for name, row in results["classifier_accuracy"].items():
        print(
            f"classifier on {name} ({row['texts']} texts): {row['accuracy']:.1%} "
            f"(naive nearest-centroid {row['naive_centroid_accuracy']:.1%})"
        )


if __name__ == "__main__":
    main()
