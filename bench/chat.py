"""Chat benchmark: `make bench-chat` (or `python bench/chat.py`).

1. Understanding: every message of the blind request set (tests/data/blind-chat/requests.jsonl, written by
   someone who never saw the recogniser, before it was tuned) goes through the chat's recogniser with its
   context (is there a draft to refine, and of what). Scored: the right action (draft, refine, check,
   explain, compare, start, plan, promotion, smalltalk, offtopic), and for drafts the right asset, for
   refinements the right kind, for counts the right number. A clarifying question counts as wrong.
2. Reply time: the whole offline reply (recognise, draft or answer, check) for every message, on the
   bundled example profile, after one warm-up reply.

Results go to bench/results-chat.json, with every miss and the confusion pairs.
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
BLIND = ROOT / "tests" / "data" / "blind-chat" / "requests.jsonl"
HELD_OUT = ROOT / "tests" / "data" / "blind-chat" / "held-out.jsonl"
OUT = ROOT / "bench" / "results-chat.json"


def load(path: Path = BLIND) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def understanding(rows: list[dict[str, Any]]) -> dict[str, Any]:
    from planner.chat import understand

    misses: list[dict[str, Any]] = []
    confusions: Counter[str] = Counter()
    right = {"action": 0, "asset": 0, "kind": 0, "count": 0}
    asked = {"asset": 0, "kind": 0, "count": 0}
    details: dict[str, Any]
    for row in rows:
        ctx, want = row["context"], row["expect"]
        got = understand(row["message"], ctx["last_asset"] if ctx["has_draft"] else None)
        ok = got.action == want["action"]
        right["action"] += ok
        if not ok:
            confusions[f"{want['action']} → {got.action}"] += 1
        details = {"asset": got.asset, "kind": got.kind, "count": got.count}
        # The asset of a draft or a channel switch, the kind of a refinement, the count of a draft.
        scored = {"draft": ("asset", "count"), "refine": ("kind", "asset")}.get(want["action"], ())
        for key in scored:
            if want[key] is not None and ok:
                asked[key] += 1
                right[key] += details[key] == want[key]
                ok &= details[key] == want[key]
        if not ok:
            misses.append(
                {"id": row["id"], "message": row["message"][:120], "want": want, "got": got.summary()}
            )
    n = len(rows)
    return {
        "requests": n,
        "right_action": right["action"] / n,
        "right_asset_of_drafts": right["asset"] / max(asked["asset"], 1),
        "right_kind_of_refines": right["kind"] / max(asked["kind"], 1),
        "right_count": right["count"] / max(asked["count"], 1),
        "confusions": dict(confusions.most_common()),
        "misses": misses,
    }


def reply_times(rows: list[dict[str, Any]]) -> dict[str, Any]:
    from planner.app import Backend
    from planner.chat import respond
    from planner.profile import load_profile
    from planner.session import RunOptions
    from planner.store import cvj_home

    backend = Backend(
        load_profile(ROOT / "examples" / "profiles" / "paws-and-suds.yaml"), RunOptions(), cvj_home()
    )
    visit = backend.visit()
    respond(backend.chat(visit), "write a welcome email")  # warm-up: store, classifier, grammar
    times = []
    for row in rows:
        chat = backend.chat(visit)
        start = time.perf_counter()
        respond(chat, row["message"])
        times.append(time.perf_counter() - start)
    times.sort()
    return {
        "replies": len(times),
        "median_s": round(statistics.median(times), 3),
        "p95_s": round(times[int(0.95 * (len(times) - 1))], 3),
        "max_s": round(times[-1], 3),
    }


def main() -> None:
    sets = {"blind": load(BLIND), "held_out": load(HELD_OUT)}
    result: dict[str, Any] = {name: understanding(rows) for name, rows in sets.items()}
    result["reply_time"] = reply_times(sets["blind"] + sets["held_out"])
    result["machine"] = {"python": platform.python_version(), "cores": os.cpu_count()}
    OUT.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    for name in sets:
        u = result[name]
        print(f"{name}: right action {u['right_action']:.1%} of {u['requests']} requests")
        print(
            f"  asset {u['right_asset_of_drafts']:.1%} · refine kind {u['right_kind_of_refines']:.1%} · "
            f"count {u['right_count']:.1%}"
        )
        for pair, n in list(u["confusions"].items())[:12]:
            print(f"  {n:3d}  {pair}")
    t = result["reply_time"]
    print(f"reply time over {t['replies']} replies: median {t['median_s']} s, p95 {t['p95_s']} s, ", end="")
    print(f"max {t['max_s']} s")
    print(f"wrote {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
