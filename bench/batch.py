"""Batch and store benchmarks: `make bench-batch` (or `python bench/batch.py`) → bench/results-batch.json.

1. `cvj batch` of 50 profiles offline (16 drafts each = 800 drafts), as a fresh process: drafts/s.
2. Resume after `kill -9`: the same batch killed mid-run, then `--resume`; drafts lost = lines that were not
   whole at the kill (in flight), duplicates after resume (must be 0).
3. Retrieval with 10,000 chunks in the store (the guides + 500 businesses' facts): p50/p95 over 200 queries
   (query embedding included) of a stage's guidance, of one business's facts, and of a search across all
   guides and one business.
4. Batch concurrency against a model server (`BENCH_PART=llm`, also run by `make bench-batch`): `cvj batch`
   of 4 profiles x the Advocate and Promote asset types (16 drafts) at --concurrency 1 and 8, against the
   real llama.cpp server (8 slots) and against the latency-bound loopback server (bench/latency_server.py,
   each call waits 3 s like a hosted API). Speed-up = serial wall / concurrent wall.
5. The Celery engine (`BENCH_PART=celery`): 200 profiles offline (3,200 drafts) with 1 and then 2 `cvj worker`
   processes (one pool process each) on this machine, Debian's redis-server and a `chroma run` on loopback:
   drafts/s each; then 40 profiles (640 drafts) with one of two workers SIGKILLed mid-run: lost, duplicated.
6. The Batch API engine (`BENCH_PART=batch_api`): 50 profiles (800 drafts) through the loopback Files +
   Batches stand-in (tests/batch_api_server.py, answering with the offline composer's copy, 200 requests per
   batch, polled every second): requests, batches and wall time.
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
CHUNKS_PER_BUSINESS = 20
RESULTS = ROOT / "bench" / "results-batch.json"


def make_profiles(folder: Path, count: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    examples = sorted((ROOT / "examples" / "profiles").glob("*.yaml"))
    for n in range(count):
        data = yaml.safe_load(examples[n % len(examples)].read_text())
        data["business"]["name"] += f" {n + 1}"
        (folder / f"business-{n + 1:03d}.yaml").write_text(yaml.safe_dump(data, sort_keys=False))
    return folder


def cvj(args: list[str], home: Path, extra_env: dict[str, str] | None = None) -> subprocess.Popen[bytes]:
    env = {**os.environ, "CVJ_HOME": str(home), **(extra_env or {})}
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
    """10k chunks as a shared agency store holds them: the guides plus 500 businesses' facts (20 each)."""
    from planner.embeddings import get_encoder
    from planner.guidance import ingest
    from planner.stages import Stage
    from planner.store import Store

    store = Store(work / "store-10k")
    ingest(store, None)
    sentences = _sentences()
    rng = random.Random(7)
    stages = list(Stage)
    chunks = [_chunk(rng, sentences, i) for i in range(CHUNKS - store.count())]
    start = time.perf_counter()
    for i in range(0, len(chunks), CHUNKS_PER_BUSINESS):
        group = chunks[i : i + CHUNKS_PER_BUSINESS]
        store.ingest_business(str(group[0].business), group)
    ingest_s = time.perf_counter() - start
    queries = [rng.choice(sentences) for _ in range(200)]
    store = Store(work / "store-10k")  # a later command opening the store, as every campaign does
    for stage in stages:  # a campaign's first look-up per stage also opens that collection
        store.guidance(stage, "warm up")
    businesses = sorted({str(c.business) for c in chunks})
    return {
        "chunks": store.count(),
        "businesses": len(businesses),
        "ingest_s": round(ingest_s, 1),
        "query_embedding_alone": _timed(lambda n, q: get_encoder().encode([q]), queries),
        "guidance_for_a_stage": _timed(lambda n, q: store.guidance(stages[n % 8], q, k=4), queries),
        # a campaign asks about one business many times: 10 businesses x 20 queries
        "facts_of_a_business": _timed(lambda n, q: store.facts(businesses[n // 20], q, k=4), queries),
        # the first query of 200 different businesses: each opens that business's collection
        "facts_first_query_per_business": _timed(lambda n, q: store.facts(businesses[-1 - n], q), queries),
        "search_all_guides_and_a_business": _timed(
            lambda n, q: store.search(q, k=4, business=businesses[n // 20]), queries
        ),
    }


LLM_PROFILES = 4
LLM_STAGES = "advocate,promote"


def bench_llm_batch(work: Path) -> dict[str, Any]:
    from bench.latency_server import LatencyServer
    from tests.llm_server import LlamaServer, model_path

    profiles = make_profiles(work / "llm-profiles", LLM_PROFILES)
    paws = ROOT / "examples" / "profiles" / "paws-and-suds.yaml"
    results: dict[str, Any] = {"profiles": LLM_PROFILES, "stages": LLM_STAGES}
    with LlamaServer(
        model_path(), parallel=8, ctx_size=32768, threads=2, extra={"kv_unified": True}
    ) as server:
        results["llama_cpp"] = _serial_vs_concurrent(work / "llama", profiles, server.base_url, compact=True)
    with LatencyServer(3.0, paws) as latency:
        results["latency_bound_3s"] = _serial_vs_concurrent(work / "latency", profiles, latency.base_url)
    return results


def _serial_vs_concurrent(work: Path, profiles: Path, base_url: str, compact: bool = False) -> dict[str, Any]:
    runs = {}
    for concurrency in (1, 8):
        out, home = work / f"out-{concurrency}", work / f"home-{concurrency}"
        args = ["batch", str(profiles), "--out", str(out), "--stages", LLM_STAGES, "--model", "openai:gemma",
                "--base-url", base_url, "--max-tokens", "300", "--timeout", "300", "--no-cache",
                "--concurrency", str(concurrency)]  # fmt: skip
        env = {"CVJ_SCHEMA_EXTRAS": '{"x-guidance": {"whitespace_flexible": false}}'} if compact else {}
        start = time.perf_counter()
        cvj(args, home, env).wait()
        wall = time.perf_counter() - start
        lines = [json.loads(line) for line in (out / "drafts.jsonl").read_text().splitlines()]
        runs[concurrency] = {
            "wall_s": round(wall, 1),
            "drafts": len(lines),
            "drafts_per_min": round(len(lines) / wall * 60, 1),
            "schema_valid": sum(bool(d["fields"]) for d in lines),
        }
    return {
        "concurrency_1": runs[1],
        "concurrency_8": runs[8],
        "speed_up": round(runs[1]["wall_s"] / runs[8]["wall_s"], 2),
    }


CELERY_PROFILES = 200
KILL_PROFILES = 40


def bench_celery(work: Path) -> dict[str, Any]:
    from tests.redis_server import RedisServer

    profiles = make_profiles(work / "celery-profiles", CELERY_PROFILES)
    with RedisServer(work / "redis") as redis, _chroma(work / "chroma") as chroma_url:
        env = {
            "CVJ_BROKER_URL": redis.url,
            "CVJ_CHROMA_URL": chroma_url,
            "CVJ_CELERY_VISIBILITY_TIMEOUT": "30",
            "CVJ_CELERY_RESTORE_INTERVAL": "1",
        }
        home = work / "celery-home"
        cvj(["ingest", "-b", str(profiles / "business-001.yaml")], home, env).wait()  # guides on the server
        results: dict[str, Any] = {"profiles": CELERY_PROFILES}
        for count in (1, 2):
            with _workers(count, home, env):
                out = work / f"celery-out-{count}"
                start = time.perf_counter()
                cvj(["batch", str(profiles), "--out", str(out), "--engine", "celery"], home, env).wait()
                wall = time.perf_counter() - start
            drafts = (out / "drafts.jsonl").read_text().count("\n")
            results[f"workers_{count}"] = {
                "drafts": drafts,
                "wall_s": round(wall, 1),
                "drafts_per_s": round(drafts / wall, 1),
            }
        results["kill_one_of_two"] = _celery_kill(work, home, env)
    return results


def _celery_kill(work: Path, home: Path, env: dict[str, str]) -> dict[str, Any]:
    profiles = make_profiles(work / "kill-profiles", KILL_PROFILES)
    out = work / "celery-kill"
    with _workers(2, home, env) as procs:
        start = time.perf_counter()
        batch = cvj(["batch", str(profiles), "--out", str(out), "--engine", "celery"], home, env)
        log = out / "drafts.jsonl"
        while not (log.exists() and log.read_bytes().count(b"\n") >= 200):
            time.sleep(0.02)
        os.killpg(procs[0].pid, signal.SIGKILL)
        batch.wait()
        wall = time.perf_counter() - start
    ids = [json.loads(line)["id"] for line in log.read_text().splitlines()]
    planned = KILL_PROFILES * 16
    return {
        "planned": planned,
        "written": len(ids),
        "lost": planned - len(set(ids)),
        "duplicated": len(ids) - len(set(ids)),
        "killed_at_line": 200,
        "wall_s": round(wall, 1),
        "visibility_timeout_s": 30,
    }


class _workers:
    """`count` workers (one pool process each) in their own process groups, stopped on exit."""

    def __init__(self, count: int, home: Path, env: dict[str, str]) -> None:
        self.count, self.env = count, {**os.environ, "CVJ_HOME": str(home), **env}
        self.procs: list[subprocess.Popen[bytes]] = []

    def __enter__(self) -> list[subprocess.Popen[bytes]]:
        for n in range(self.count):
            args = [sys.executable, "-m", "planner.cli", "worker", "-c", "1", "--name", f"bench{n}@%h"]
            self.procs.append(
                subprocess.Popen(
                    args,
                    cwd=ROOT,
                    env=self.env,
                    start_new_session=True,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )
            )
        _wait_for_workers(self.env["CVJ_BROKER_URL"], self.count)  # warm, as workers are before a batch
        return self.procs

    def __exit__(self, *exc: object) -> None:
        for proc in self.procs:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
        for proc in self.procs:
            proc.wait()


def _wait_for_workers(url: str, count: int) -> None:
    """Until `count` workers answer a ping: each pool process opens the store before its worker answers."""
    from celery import Celery

    app = Celery(broker=url)
    deadline = time.time() + 300
    while len(app.control.ping(timeout=1.0)) < count:
        if time.time() > deadline:
            raise RuntimeError(f"{count} workers did not start")


class _chroma:
    def __init__(self, data: Path) -> None:
        from tests.llm_server import free_port

        self.data, self.port = data, free_port()

    def __enter__(self) -> str:
        import urllib.request

        binary = str(Path(sys.executable).parent / "chroma")
        args = [binary, "run", "--path", str(self.data), "--host", "127.0.0.1", "--port", str(self.port)]
        self.proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        url = f"http://127.0.0.1:{self.port}"
        for _ in range(300):
            try:
                urllib.request.urlopen(f"{url}/api/v2/heartbeat", timeout=1)
                return url
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("chroma run did not start")

    def __exit__(self, *exc: object) -> None:
        self.proc.terminate()
        self.proc.wait()


BATCH_API_PROFILES = 50


def bench_batch_api(work: Path) -> dict[str, Any]:
    from planner.profile import load_profile
    from tests.batch_api_server import BatchApiServer, composer_answer

    profiles = make_profiles(work / "batch-api-profiles", BATCH_API_PROFILES)
    loaded = [load_profile(p) for p in sorted(profiles.glob("*.yaml"))]
    home, out = work / "batch-api-home", work / "batch-api-out"
    with BatchApiServer(composer_answer(loaded), workers=4) as server:
        args = [
            "batch",
            str(profiles),
            "--out",
            str(out),
            "--engine",
            "openai-batch",
            "--model",
            "openai:stand-in",
            "--base-url",
            server.base_url,
            "--batch-size",
            "200",
            "--poll",
            "1",
        ]
        start = time.perf_counter()
        cvj(args, home).wait()
        wall = time.perf_counter() - start
        lines = [json.loads(line) for line in (out / "drafts.jsonl").read_text().splitlines()]
        return {
            "profiles": BATCH_API_PROFILES,
            "drafts": len(lines),
            "requests": sum(server.asked.values()),
            "batches": len(server.batches),
            "wall_s": round(wall, 1),
            "passed": sum(d["checks"]["passed"] for d in lines),
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


def _chunk(rng: random.Random, sentences: list[str], i: int) -> Any:
    from planner.knowledge import Chunk

    text = f"{rng.choice(sentences)} {rng.choice(sentences)}"
    business = f"business-{i // CHUNKS_PER_BUSINESS:03d}"
    return Chunk(text=text, kind="profile", section=f"s{i}", source=f"profile:{business}", business=business)


def _sentences() -> list[str]:
    texts = []
    for path in sorted((ROOT / "evals" / "data" / "exemplars").glob("*.jsonl")):
        texts += [json.loads(line)["text"] for line in path.read_text().splitlines() if line.strip()]
    return [s.strip() for t in texts for s in t.replace("\n", ". ").split(". ") if len(s.split()) >= 4]


def main() -> None:
    parts = {
        "retrieval": ("retrieval_10k", bench_retrieval),
        "llm": ("batch_llm", bench_llm_batch),
        "celery": ("celery", bench_celery),
        "batch_api": ("batch_api", bench_batch_api),
    }
    if os.environ.get("BENCH_PART") in parts:  # re-measure only that part, keep the rest of the file
        key, measure = parts[os.environ["BENCH_PART"]]
        with tempfile.TemporaryDirectory() as tmp:
            saved = json.loads(RESULTS.read_text())
            saved[key] = measure(Path(tmp))
        RESULTS.write_text(json.dumps(saved, indent=2) + "\n")
        print(json.dumps(saved[key], indent=2))
        return
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        home = work / "home"
        batch = bench_batch(work, home)
        kill = bench_kill(work, home)
        retrieval = bench_retrieval(work)
        llm = bench_llm_batch(work)
        celery = bench_celery(work)
        batch_api = bench_batch_api(work)
    results = {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "batch_offline": batch,
        "kill_9_then_resume": kill,
        "retrieval_10k": retrieval,
        "batch_llm": llm,
        "celery": celery,
        "batch_api": batch_api,
    }
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
