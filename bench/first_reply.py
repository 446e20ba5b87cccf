"""How often the local model's *first* reply is a schema-valid asset: `make bench-first-reply`.

Every asset type of the three example profiles (``BENCH_VARIANTS`` variants each, default 2) goes through the
chains against the real llama.cpp server (Gemma-3-270M, 8 slots) with the stage checks switched off, so the
only repair pass is for a reply that is not a valid asset. A draft whose meta says ``repaired`` had an invalid
first reply; one with no asset at all failed twice. The model is a 270M base model on 2 CPU cores: the copy is
junk, what is measured is whether the prompt + schema + reply budget let it produce a valid object.

``BENCH_MAX_TOKENS`` caps every reply (unset: the writer's own default). Results go to
``bench/results-first-reply.json`` under ``BENCH_LABEL`` (default ``current``), so a before/after pair sits
side by side. Only the public ``ChainWriter`` API is used, so the script runs against older trees too
(``BENCH_ROOT=/path/to/old/checkout``).
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent.parent
ROOT = Path(os.environ.get("BENCH_ROOT", HERE))
sys.path.insert(0, str(ROOT))
RESULTS = HERE / "bench" / "results-first-reply.json"
VARIANTS = int(os.environ.get("BENCH_VARIANTS", "2"))
CAP = os.environ.get("BENCH_MAX_TOKENS")
LABEL = os.environ.get("BENCH_LABEL", "current")


def _run_one(writer: Any, profile: Any, job: Any, guidance: Any) -> dict[str, Any]:
    written = writer(profile, job, guidance, lambda asset: [])
    meta = written.meta
    return {
        "business": profile.slug,
        "asset": job.asset_type,
        "variant": job.variant,
        "first_valid": written.asset is not None and not meta.get("repaired"),
        "final_valid": written.asset is not None,
        "calls": meta.get("calls", 0),
        "input_tokens": meta.get("usage", {}).get("input_tokens", 0),
        "output_tokens": meta.get("usage", {}).get("output_tokens", 0),
        "error": written.error,
    }


def measure(server: Any, store: Any, profiles: list[Any]) -> list[dict[str, Any]]:
    from planner.assets import ASSET_MODELS
    from planner.campaign import retrieve
    from planner.drafts import Job
    from planner.guidance import StoreGuidance
    from planner.llm import ChainWriter, ModelCache, build_chat_model, parse_model

    spec = replace(
        parse_model("openai:gemma-3-270m", base_url=server.base_url),
        timeout=900,
        schema_extras={"x-guidance": {"whitespace_flexible": False}},
    )
    if CAP:
        spec = replace(spec, max_tokens=int(CAP))
    source = StoreGuidance(store)
    writer = ChainWriter(build_chat_model(spec), spec, source, ModelCache(None, enabled=False))
    tasks = []
    for profile in profiles:
        jobs = [
            Job(model.stage, asset_type, v)
            for asset_type, model in ASSET_MODELS.items()
            for v in range(1, VARIANTS + 1)
        ]
        guidance = retrieve(source, jobs)
        tasks += [(profile, job, guidance[(job.stage, job.asset_type)]) for job in jobs]
    with ThreadPoolExecutor(max_workers=8) as pool:
        return list(pool.map(lambda t: _run_one(writer, *t), tasks))


def summarise(rows: list[dict[str, Any]], wall: float) -> dict[str, Any]:
    by_asset: dict[str, list[int]] = {}
    for r in rows:
        counts = by_asset.setdefault(r["asset"], [0, 0])
        counts[0] += r["first_valid"]
        counts[1] += 1
    return {
        "replies": len(rows),
        "first_reply_valid": sum(r["first_valid"] for r in rows),
        "first_reply_valid_rate": round(sum(r["first_valid"] for r in rows) / len(rows), 3),
        "final_valid": sum(r["final_valid"] for r in rows),
        "calls": sum(r["calls"] for r in rows),
        "input_tokens": sum(r["input_tokens"] for r in rows),
        "output_tokens": sum(r["output_tokens"] for r in rows),
        "wall_s": round(wall, 1),
        "by_asset_first_valid": {a: f"{v}/{n}" for a, (v, n) in sorted(by_asset.items())},
    }


def main() -> None:
    import planner
    from planner.guidance import ingest
    from planner.profile import load_profile
    from planner.store import Store
    from tests.llm_server import LlamaServer, model_path

    print(f"planner from {Path(planner.__file__).parent}", file=sys.stderr)
    profiles = [load_profile(p) for p in sorted((ROOT / "examples" / "profiles").glob("*.yaml"))]
    with (
        tempfile.TemporaryDirectory() as tmp,
        LlamaServer(
            model_path(), parallel=8, ctx_size=65536, threads=2, extra={"kv_unified": True}
        ) as server,
    ):
        store = Store(Path(tmp) / "store")
        for profile in profiles:
            ingest(store, profile)
        start = time.perf_counter()
        rows = measure(server, store, profiles)
        wall = time.perf_counter() - start
    saved = json.loads(RESULTS.read_text()) if RESULTS.is_file() else {}
    saved[LABEL] = {
        "max_tokens_cap": int(CAP) if CAP else None,
        "variants": VARIANTS,
        "summary": summarise(rows, wall),
        "rows": rows,
    }
    RESULTS.write_text(json.dumps(saved, indent=2) + "\n")
    print(json.dumps(saved[LABEL]["summary"], indent=2))


if __name__ == "__main__":
    main()
