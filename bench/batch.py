"""Batch and store benchmarks: `make bench-batch` (or `python bench/batch.py`) → bench/results-batch.json.

1. `cvj batch` of 50 profiles offline (16 drafts each = 800 drafts), as a fresh process: drafts/s.
2. Resume after `kill -9`: the same batch killed mid-run, then `--resume`; drafts lost = lines that were not
   whole at the kill (in flight), duplicates after resume (must be 0).
3. Retrieval with 10,000 chunks in the store: p50/p95 of a stage-filtered guidance query (query embedding
   included), over 200 queries.
"""

from __future__ import annotations

import json
import os
import platform
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PROFILES = 50
CHUNKS = 10_000
RESULTS = ROOT / "bench" / "results-batch.json"


def make_profiles(folder: Path, count: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    examples = sorted((ROOT / "examples" / "profiles").glob("*.yaml"))
    for n in range(count):
        data = yaml.safe_load(examples[n % len(examples)].read_text())
        data["business"]["name"] += f" {n + 1}"
        (folder / f"business-{n + 1:03d}.yaml").write_text(yaml.safe_dump(data, sort_keys=False))
    return folder


def cvj(args: list[str], home: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "CVJ_HOME": str(home)}
    command = [sys.executable, "-m", "planner.cli", *args]
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def bench_batch(work: Path, home: Path) -> dict[str, Any]:
    profiles = make_profiles(work / "profiles", PROFILES)
    cvj(
        ["ingest", "-b", str(profiles / "business-001.yaml")], home
    ).wait()  # a warm store, as after a first run
    out = work / "out"
    start = time.perf_counter()
    proc = cvj(["batch", str(profiles), "--out", str(out)], home)
    proc.wait()
    wall = time.perf_counter() - start
    drafts = (out / "drafts.jsonl").read_text().count("\n")
    return {
        "profiles": PROFILES,
        "drafts": drafts,
        "wall_s": round(wall, 2),
        "drafts_per_s": round(drafts / wall, 1),
    }


def bench_kill(work: Path, home: Path) -> dict[str, Any]:
    profiles, out = work / "profiles", work / "out-kill"
    proc = cvj(["batch", str(profiles), "--out", str(out)], home)
    log = out / "drafts.jsonl"
    while not (log.exists() and log.read_bytes().count(b"\n") >= 300):
        time.sleep(0.01)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    raw = log.read_bytes()
    whole = raw.count(b"\n")
    torn = len(raw) - (raw.rfind(b"\n") + 1)
    start = time.perf_counter()
    cvj(["batch", str(profiles), "--out", str(out), "--resume"], home).wait()
    resume_s = time.perf_counter() - start
    ids = [json.loads(line)["id"] for line in log.read_text().splitlines()]
    return {
        "whole_lines_at_kill": whole,
        "torn_bytes_at_kill": torn,
        "drafts_lost": 1 if torn else 0,  # only the one being written, cut off by resume and redone
        "after_resume": len(ids),
        "duplicates": len(ids) - len(set(ids)),
        "resume_wall_s": round(resume_s, 2),
    }


def bench_retrieval(work: Path) -> dict[str, Any]:
    from planner.campaign import ensure_ingested
    from planner.stages import Stage
    from planner.store import Store

    store = Store(work / "store-10k")
    ensure_ingested(store, None)
    sentences = _sentences()
    rng = random.Random(7)
    stages = list(Stage)
    chunks = [_chunk(rng, sentences, stages, i) for i in range(CHUNKS - store.count())]
    start = time.perf_counter()
    for i in range(0, len(chunks), 500):
        store.ingest(chunks[i : i + 500])
    ingest_s = time.perf_counter() - start
    queries = [rng.choice(sentences) for _ in range(200)]
    store.guidance(Stage.advocate, "warm up")
    filtered = _timed(lambda n, q: store.guidance(stages[n % 8], q, k=4), queries)
    plain = _timed(lambda n, q: store.search(q, k=4), queries)
    return {
        "chunks": store.count(),
        "ingest_s": round(ingest_s, 1),
        "guidance_query_stage_filtered": filtered,
        "search_unfiltered": plain,
    }


def _timed(query: Any, queries: list[str]) -> dict[str, float]:
    """p50/p95 in milliseconds; each query embeds its text (~5 ms of it) and searches."""
    times = []
    for n, q in enumerate(queries):
        start = time.perf_counter()
        query(n, q)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return {
        "p50_ms": round(statistics.median(times), 2),
        "p95_ms": round(times[int(len(times) * 0.95) - 1], 2),
    }


def _chunk(rng: random.Random, sentences: list[str], stages: list[Any], i: int) -> Any:
    from planner.knowledge import Chunk

    text = f"{rng.choice(sentences)} {rng.choice(sentences)}"
    return Chunk(text=text, kind="note", section=f"s{i}", source=f"bench-{i // 100}.md", stage=stages[i % 8])


def _sentences() -> list[str]:
    texts = []
    for path in sorted((ROOT / "evals" / "data" / "exemplars").glob("*.jsonl")):
        texts += [json.loads(line)["text"] for line in path.read_text().splitlines() if line.strip()]
    return [s.strip() for t in texts for s in t.replace("\n", ". ").split(". ") if len(s.split()) >= 4]


def main() -> None:
    if os.environ.get("BENCH_PART") == "retrieval":  # re-measure only part 3, keep the rest of the file
        with tempfile.TemporaryDirectory() as tmp:
            saved = json.loads(RESULTS.read_text())
            saved["retrieval_10k"] = bench_retrieval(Path(tmp))
        RESULTS.write_text(json.dumps(saved, indent=2) + "\n")
        print(json.dumps(saved["retrieval_10k"], indent=2))
        return
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        home = work / "home"
        batch = bench_batch(work, home)
        kill = bench_kill(work, home)
        retrieval = bench_retrieval(work)
    results = {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "batch_offline": batch,
        "kill_9_then_resume": kill,
        "retrieval_10k": retrieval,
    }
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
