"""Benchmarks for the offline path: `make bench` (or `python bench/run.py`).

1. Offline campaign: wall time of `cvj campaign` (16 asset types x 3 variants) as a fresh process, model load,
   Chroma start-up and retrieval included; the store is built once beforehand, as `make demo` leaves it.
2. `cvj check` throughput: drafts/s over a file of distinct drafts, as a fresh process (start-up included) and
   in-process (the rules alone).

Results go to bench/results.json and are printed as a table. Figures vary with machine load: run it on an idle
machine and quote the median.
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

ROOT = Path(__file__).resolve().parent.parent
PROFILE = ROOT / "examples" / "profiles" / "paws-and-suds.yaml"
RUNS = int(os.environ.get("BENCH_RUNS", "5"))


def cvj(*args: str, home: Path) -> float:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "planner.cli", *args],
        check=True,
        cwd=ROOT,
        capture_output=True,
        env={**os.environ, "CVJ_HOME": str(home)},
    )
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
    from evals.check import check_drafts, read_drafts
    from planner.profile import load_profile

    profile = load_profile(PROFILE)
    drafts = read_drafts(corpus)
    start = time.perf_counter()
    results = list(check_drafts(profile, drafts))
    in_process = time.perf_counter() - start
    assert len(results) == count and all(r.passed for r in results)
    return {
        "drafts": count,
        "cli_drafts_per_s": count / statistics.median(times),
        "in_process_drafts_per_s": count / in_process,
    }


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        home, out = work / "home", work / "out"
        campaign = bench_campaign(home, out)
        check = bench_check(home, out, work)
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    results = {"machine": machine, "runs": RUNS, "campaign": campaign, "check": check}
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


if __name__ == "__main__":
    main()
