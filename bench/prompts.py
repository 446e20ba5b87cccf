"""Prompt sizes: `make bench-prompts` → bench/results-prompts.json and a Markdown table for the README.

Every asset type's first-pass prompt for the three example profiles, rendered by the chain's own code
(``PromptBuilder``, the same as ``cvj prompt show``), counted two ways:

- **real**: the Gemma-3 tokenizer of the test model's GGUF, through llama.cpp's own ``/apply-template`` and
  ``/tokenize`` (chat template and special tokens included), on a local server started for the purpose;
- **estimate**: characters / 3.8, what ``cvj prompt show`` and the 4,096-context check use with no
  tokenizer.

An existing ``before`` entry in the results (the prompts as they were before issue 17, measured the same way
on the older tree) is kept, so the table shows before and after.
"""

from __future__ import annotations

import json
import sys
import tempfile
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
RESULTS = ROOT / "bench" / "results-prompts.json"
_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # loopback, whatever the proxy says


def _post(url: str, body: dict[str, Any]) -> Any:
    request = urllib.request.Request(url, json.dumps(body).encode(), {"Content-Type": "application/json"})
    with _OPENER.open(request, timeout=120) as response:
        return json.loads(response.read())


def real_tokens(root_url: str, messages: list[tuple[str, str]]) -> int:
    chat = [{"role": role, "content": content} for role, content in messages]
    prompt = _post(root_url + "/apply-template", {"messages": chat})["prompt"]
    return len(_post(root_url + "/tokenize", {"content": prompt, "add_special": True})["tokens"])


def measure(root_url: str, store: Any) -> dict[str, dict[str, dict[str, int]]]:
    from planner.assets import ASSET_MODELS
    from planner.campaign import retrieve
    from planner.drafts import Job
    from planner.guidance import StoreGuidance, ingest
    from planner.llm import PromptBuilder
    from planner.profile import load_profile

    out: dict[str, dict[str, dict[str, int]]] = {}
    for path in sorted((ROOT / "examples" / "profiles").glob("*.yaml")):
        profile = load_profile(path)
        ingest(store, profile)
        source = StoreGuidance(store)
        builder = PromptBuilder(source)
        jobs = [Job(model.stage, asset_type, 1) for asset_type, model in ASSET_MODELS.items()]
        guidance = retrieve(source, jobs)
        for job in jobs:
            rendered = builder.draft(profile, job, guidance[(job.stage, job.asset_type)])
            tokens = rendered.tokens()
            out.setdefault(profile.slug, {})[job.asset_type] = {
                "tokens": real_tokens(root_url, rendered.messages),
                "estimate": tokens["prompt"],
                "chars": len(rendered.system) + len(rendered.user),
                "reply_budget": tokens["reply_budget"],
                "first_pass": tokens["first_pass"],
                "with_repair": tokens["with_repair"],
            }
    return out


def table(results: dict[str, Any]) -> str:
    """Per asset: before and after (real tokens, min–max over the examples), estimate, budget, contexts."""
    after, before = results["profiles"], results.get("before", {}).get("profiles", {})
    assets = list(next(iter(after.values())))

    def span(rows: dict[str, Any], asset: str, key: str = "tokens") -> str:
        values = [rows[slug][asset][key] for slug in rows if asset in rows[slug]]
        return f"{min(values):,}–{max(values):,}" if values else "—"

    head = ["asset", "before (real)", "after (real)", "after (estimate)", "reply budget", "first pass"]
    lines = ["| " + " | ".join([*head, "with repair"]) + " |", "|---" * (len(head) + 1) + "|"]
    for asset in assets:
        budget = after[next(iter(after))][asset]["reply_budget"]
        cells = [
            f"`{asset}`",
            span(before, asset),
            span(after, asset),
            span(after, asset, "estimate"),
            f"{budget:,}",
            span(after, asset, "first_pass"),
            span(after, asset, "with_repair"),
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def summary(profiles: dict[str, Any]) -> dict[str, Any]:
    rows = [row for assets in profiles.values() for row in assets.values()]
    return {
        "prompt_tokens_min": min(r["tokens"] for r in rows),
        "prompt_tokens_max": max(r["tokens"] for r in rows),
        "estimate_max": max(r["estimate"] for r in rows),
        "estimate_over_real_min": round(min(r["estimate"] / r["tokens"] for r in rows), 3),
        "estimate_over_real_max": round(max(r["estimate"] / r["tokens"] for r in rows), 3),
        "chars_per_token_min": round(min(r["chars"] / r["tokens"] for r in rows), 2),
        "chars_per_token_max": round(max(r["chars"] / r["tokens"] for r in rows), 2),
    }


def main() -> None:
    from planner.store import Store
    from tests.llm_server import LlamaServer, model_path

    with tempfile.TemporaryDirectory() as tmp, LlamaServer(model_path(), parallel=1, ctx_size=8192) as server:
        profiles = measure(server.root_url, Store(Path(tmp) / "store"))
    saved = json.loads(RESULTS.read_text()) if RESULTS.is_file() else {}
    results = {
        "tokenizer": "Gemma-3 (gemma-3-270m Q4_K_M GGUF) via llama.cpp /apply-template + /tokenize",
        "estimator": "characters / 3.8 (+4 tokens per message)",
        "summary": summary(profiles),
        "profiles": profiles,
        **({"before": saved["before"]} if "before" in saved else {}),
    }
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")
    print(json.dumps(results["summary"], indent=2))
    print(table(results))


if __name__ == "__main__":
    main()
