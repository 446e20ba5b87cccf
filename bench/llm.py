"""LLM-path benchmark against the real local llama.cpp server: `make bench-llm`.

Runs a 16-draft campaign (every asset type, one variant) through the chains three ways:
1. concurrency 1, no cache — gives the slowest single call;
2. concurrency 8, no cache — wall time, reported as a ratio to that slowest single call (goal <= 1.3x);
3. with the cache filled, re-run — counts model calls (goal: 0);
4. the same 1-vs-8 comparison against a latency-bound loopback server (bench/latency_server.py), where calls
   wait like a hosted API's instead of sharing two CPU cores — this isolates the chains' own concurrency.

The model is Gemma-3-270M (base) on 2 CPU cores: its copy is junk and many drafts end as recorded parse
failures; what is measured is the plumbing's timing. Results go to bench/results-llm.json.
"""

from __future__ import annotations

import json
import os
import platform
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
RESULTS = ROOT / "bench" / "results-llm.json"
MAX_TOKENS = int(os.environ.get("BENCH_MAX_TOKENS", "300"))


def run_campaign(
    server: Any, store: Any, profile: Any, concurrency: int, cache_dir: Path | None, compact: bool = True
) -> dict[str, Any]:
    from planner.campaign import generate, plan_jobs
    from planner.guidance import StoreGuidance
    from planner.llm import ChainWriter, ModelCache, build_chat_model, parse_model
    from planner.stages import Stage

    spec = replace(
        parse_model("openai:gemma-3-270m", base_url=server.base_url),
        max_tokens=MAX_TOKENS,
        timeout=300,
        # llama.cpp: no whitespace padding between JSON tokens
        schema_extras={"x-guidance": {"whitespace_flexible": False}} if compact else {},
    )
    source = StoreGuidance(store)
    cache = ModelCache(cache_dir, enabled=cache_dir is not None)
    writer = ChainWriter(build_chat_model(spec), spec, source, cache)
    start = time.perf_counter()
    records = generate(profile, plan_jobs(list(Stage), 1), source, writer, concurrency=concurrency)
    wall = time.perf_counter() - start
    calls = [r.meta.get("calls", 0) for r in records]
    per_call = [r.meta["latency_s"] / r.meta["calls"] for r in records if r.meta.get("calls")]
    return {
        "concurrency": concurrency,
        "wall_s": round(wall, 2),
        "calls": sum(calls),
        "cache_hits": sum(r.meta.get("cache_hits", 0) for r in records),
        "slowest_call_s": round(max(per_call, default=0.0), 2),
        "schema_valid": sum(bool(r.fields) for r in records),
        "generation_failures": sum(not r.fields for r in records),
        "tokens": sum(sum(r.meta.get("usage", {}).values()) for r in records),
    }


LATENCY_S = float(os.environ.get("BENCH_LATENCY_S", "3"))


def latency_bound(store: Any, profile: Any) -> dict[str, Any]:
    """The same campaign against a server whose calls wait like a hosted API's (bench/latency_server.py)."""
    from bench.latency_server import LatencyServer

    with LatencyServer(LATENCY_S, ROOT / "examples" / "profiles" / "paws-and-suds.yaml") as server:
        serial = run_campaign(server, store, profile, 1, None, compact=False)
        parallel = run_campaign(server, store, profile, 8, None, compact=False)
        all_at_once = run_campaign(server, store, profile, 16, None, compact=False)
    slowest = serial["slowest_call_s"]
    return {
        "delay_per_call_s": LATENCY_S,
        "serial": serial,
        "concurrent": parallel,
        "concurrent_16": all_at_once,
        # 16 drafts over 8 slots is two waves, so 2.0 is the floor at concurrency 8.
        "ratio_concurrent_wall_to_slowest_call": round(parallel["wall_s"] / slowest, 2),
        "ratio_concurrency_16_wall_to_slowest_call": round(all_at_once["wall_s"] / slowest, 2),
        "concurrency_8_wall_vs_ideal": round(parallel["wall_s"] / (serial["wall_s"] / 8), 2),
    }


def main() -> None:
    from planner.guidance import ingest
    from planner.profile import load_profile
    from planner.store import Store
    from tests.llm_server import LlamaServer, model_path

    profile = load_profile(ROOT / "examples" / "profiles" / "paws-and-suds.yaml")
    if os.environ.get("BENCH_PART") == "latency":  # re-measure only part 4, keep the rest of the file
        with tempfile.TemporaryDirectory() as tmp:
            store = Store(Path(tmp) / "store")
            ingest(store, profile)
            saved = json.loads(RESULTS.read_text())
            saved["latency_bound_server"] = latency_bound(store, profile)
        RESULTS.write_text(json.dumps(saved, indent=2) + "\n")
        print(json.dumps(saved["latency_bound_server"], indent=2))
        return
    with (
        tempfile.TemporaryDirectory() as tmp,
        LlamaServer(
            model_path(), parallel=8, ctx_size=32768, threads=2, extra={"kv_unified": True}
        ) as server,
    ):
        store = Store(Path(tmp) / "store")
        ingest(store, profile)
        serial = run_campaign(server, store, profile, 1, None)
        parallel = run_campaign(server, store, profile, 8, None)
        cache_dir = Path(tmp) / "cache"
        run_campaign(server, store, profile, 8, cache_dir)
        cached = run_campaign(server, store, profile, 8, cache_dir)
        latency = latency_bound(store, profile)
    ratio = parallel["wall_s"] / serial["slowest_call_s"] if serial["slowest_call_s"] else float("nan")
    results = {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "model": "Gemma-3-270M Q4_K_M on llama.cpp (xllamacpp), 8 slots",
        "max_tokens": MAX_TOKENS,
        "serial": serial,
        "concurrent": parallel,
        "ratio_concurrent_wall_to_slowest_call": round(ratio, 2),
        "cached_rerun": cached,
        "latency_bound_server": latency,
    }
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
