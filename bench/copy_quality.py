"""Copy-quality benchmark for the offline composer: `make bench-copy` (or `python bench/copy_quality.py`).

For each profile set (examples/profiles/ and the blind profiles in tests/data/blind-profiles/) it drafts a
full offline campaign per business — 16 asset types x 3 variants, through the same session and `generate`
that `cvj campaign` uses — and reports:

1. every check's failures and warnings (findings, and drafts with at least one), old checks and new;
2. drafts that pass their own checks;
3. cross-business shared sentences: every draft's sentences of 5+ words, normalised (the business's own name
   replaced by a token, lower case, no punctuation); for each pair of businesses |shared| / min(|A|, |B|), the
   worst pair, and each business's share of sentences another business also has (target <= 15 %);
4. the offline campaign's wall time as a fresh `cvj campaign ... --variants 3` process (median of 5).

Results go to bench/results-copy.json (or --out) with a few example findings per check, and print as a table.
"""

from __future__ import annotations

import sys

# Run as a script, this file's folder comes first on sys.path, and its name would shadow the standard
# library's `copy` for every import below (dataclasses, pydantic…): put the project root there instead.
sys.path[0] = str(__import__("pathlib").Path(__file__).resolve().parent.parent)

import argparse  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import platform  # noqa: E402
import re  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from collections import Counter  # noqa: E402
from itertools import combinations  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent

from planner.campaign import generate, plan_jobs  # noqa: E402
from planner.drafts import DraftRecord, Failure  # noqa: E402
from planner.profile import Profile, load_profile  # noqa: E402
from planner.session import RunOptions, open_session  # noqa: E402
from planner.stages import Stage  # noqa: E402

SETS = {
    "examples": ROOT / "examples" / "profiles",
    "blind": ROOT / "tests" / "data" / "blind-profiles",
}
TIMED_PROFILE = ROOT / "examples" / "profiles" / "paws-and-suds.yaml"
VARIANTS = 3
SHARE_TARGET = 0.15
EXAMPLES_PER_CHECK = 3
TOP_SHARED = 15  # the sentences most businesses share, for whoever rewrites the templates
_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")
_NOT_WORD = re.compile(r"[^\w\s]+")


def draft_all(profiles: dict[str, list[Profile]]) -> dict[str, list[DraftRecord]]:
    """Every business's campaign (slug → records), through one session like `cvj batch`."""
    everyone = [p for group in profiles.values() for p in group]
    session = open_session(RunOptions(), everyone)
    jobs = plan_jobs(list(Stage), VARIANTS)
    return {p.slug: generate(p, jobs, session.guidance(), session.writer) for p in everyone}


def _key(f: Failure) -> str:
    return f"{f.check} (warning)" if f.warning else f.check


def tally(records: list[DraftRecord]) -> dict[str, Any]:
    """Findings and drafts per check, split into failures and warnings, plus examples to show."""
    findings: Counter[str] = Counter()
    drafts: Counter[str] = Counter()
    candidates: dict[str, list[dict[str, str]]] = {}
    for r in records:
        for f in [*r.failures, *r.warnings]:
            findings[_key(f)] += 1
            finding = f.message.split(". Fix: ")[0].splitlines()[0]
            candidates.setdefault(_key(f), []).append({"id": r.id, "finding": finding})
        drafts.update({_key(f) for f in [*r.failures, *r.warnings]})
    return {
        "drafts": len(records),
        "generated": sum(r.generated for r in records),
        "passed": sum(r.passed for r in records),
        "with_warnings": sum(bool(r.warnings) for r in records),
        "findings": dict(sorted(findings.items())),
        "drafts_flagged": dict(sorted(drafts.items())),
        "examples": {key: _varied(found) for key, found in sorted(candidates.items())},
    }


def _varied(found: list[dict[str, str]]) -> list[dict[str, str]]:
    """A few examples that differ in business, asset type and wording, so they show the range; failing
    that, in business; failing that, any."""

    def parts(example: dict[str, str]) -> tuple[str, str, str]:
        business, _, asset, _ = example["id"].split(".")
        return business, asset, example["finding"]

    shown: list[dict[str, str]] = []
    for differ in (lambda a, b: all(x != y for x, y in zip(a, b, strict=True)), lambda a, b: a[0] != b[0]):
        for example in found:
            if len(shown) < EXAMPLES_PER_CHECK and all(differ(parts(example), parts(s)) for s in shown):
                shown.append(example)
    shown += [e for e in found if e not in shown][: EXAMPLES_PER_CHECK - len(shown)]
    return shown


def sentence_set(records: list[DraftRecord], business: str) -> set[str]:
    """Distinct normalised sentences of 5+ words across one business's drafts."""
    name = re.compile(re.escape(business), re.I)
    out = set()
    for r in records:
        for sentence in _SENTENCE.split(name.sub(" BUSINESS ", r.text)):
            words = _NOT_WORD.sub(" ", sentence.lower().replace("'", "")).split()  # "it's" is one word
            if len(words) >= 5:
                out.add(" ".join(words))
    return out


def shared_sentences(campaigns: dict[str, list[DraftRecord]], names: dict[str, str]) -> dict[str, Any]:
    sets = {slug: sentence_set(records, names[slug]) for slug, records in campaigns.items()}
    pairs: list[dict[str, Any]] = []
    for a, b in combinations(sorted(sets), 2):
        shared = len(sets[a] & sets[b])
        pairs.append(
            {"a": a, "b": b, "shared": shared, "share": _ratio(shared, min(len(sets[a]), len(sets[b])))}
        )
    by_business = {}
    for slug, mine in sets.items():
        others = set().union(*(s for other, s in sets.items() if other != slug))
        shared = len(mine & others)
        by_business[slug] = {"sentences": len(mine), "shared": shared, "share": _ratio(shared, len(mine))}
    worst = max(pairs, key=lambda p: float(p["share"]))
    spread = Counter(sentence for mine in sets.values() for sentence in mine)
    common = [{"sentence": s, "businesses": n} for s, n in spread.most_common(TOP_SHARED) if n > 1]
    return {
        "target": SHARE_TARGET,
        "max_pair": worst,
        "pairs": pairs,
        "by_business": by_business,
        "most_shared": common,
    }


def _ratio(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


def campaign_wall_time(runs: int) -> dict[str, float]:
    """`cvj campaign` as a fresh process; the store is built once beforehand, as `make demo` leaves it."""
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "CVJ_HOME": str(Path(tmp) / "home")}

        def cvj(*args: str) -> float:
            start = time.perf_counter()
            done = subprocess.run(
                [sys.executable, "-m", "planner.cli", *args], cwd=ROOT, capture_output=True, env=env
            )
            if done.returncode not in (0, 1):  # 1: some drafts fail their checks, which is measured above
                raise RuntimeError(done.stderr.decode())
            return time.perf_counter() - start

        cvj("ingest", "--business", str(TIMED_PROFILE))
        out = str(Path(tmp) / "out")
        times = [
            cvj("campaign", "-b", str(TIMED_PROFILE), "-o", out, "-n", str(VARIANTS)) for _ in range(runs)
        ]
    return {"runs": runs, "median_s": statistics.median(times), "min_s": min(times), "max_s": max(times)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results-copy.json")
    parser.add_argument("--runs", type=int, default=int(os.environ.get("BENCH_RUNS", "5")))
    args = parser.parse_args()
    profiles = {
        name: [load_profile(p) for p in sorted(folder.glob("*.yaml"))] for name, folder in SETS.items()
    }
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["CVJ_HOME"] = str(Path(tmp) / "home")  # a store of its own: the user's is never touched
        start = time.perf_counter()
        campaigns = draft_all(profiles)
        drafting_s = time.perf_counter() - start
    names = {p.slug: p.business.name for group in profiles.values() for p in group}
    results: dict[str, Any] = {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "load_average_1m": round(os.getloadavg()[0], 1),  # other work on the machine slows the wall times
        "variants": VARIANTS,
        "sets": {
            name: {
                "businesses": [p.slug for p in group],
                **tally([r for p in group for r in campaigns[p.slug]]),
            }
            for name, group in profiles.items()
        },
        "all": tally([r for records in campaigns.values() for r in records]),
        "by_business": {slug: tally(records) for slug, records in campaigns.items()},
        "shared_sentences": shared_sentences(campaigns, names),
        "drafting_in_process_s": round(drafting_s, 2),
        "campaign_wall_time": campaign_wall_time(args.runs),
    }
    args.out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    print_table(results)
    print(f"wrote {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out}")


def print_table(results: dict[str, Any]) -> None:
    sets = results["sets"]
    names = list(sets)
    checks = sorted({c for s in [*sets.values(), results["all"]] for c in s["findings"]})
    width = max([len(c) for c in checks] + [24])
    print(f"{'check (findings / drafts)':<{width}}  " + "  ".join(f"{n:>14}" for n in [*names, "all"]))
    for check in checks:
        cells = [
            f"{s['findings'].get(check, 0)} / {s['drafts_flagged'].get(check, 0)}"
            for s in [*sets.values(), results["all"]]
        ]
        print(f"{check:<{width}}  " + "  ".join(f"{c:>14}" for c in cells))
    cells = [f"{s['passed']} / {s['drafts']}" for s in [*sets.values(), results["all"]]]
    print(f"{'drafts passing':<{width}}  " + "  ".join(f"{c:>14}" for c in cells))
    shared = results["shared_sentences"]
    worst = shared["max_pair"]
    print(
        f"shared sentences: worst pair {worst['a']} / {worst['b']}: {worst['share']:.1%} "
        f"({worst['shared']} sentences; target <= {shared['target']:.0%})"
    )
    for slug, row in shared["by_business"].items():
        print(
            f"  {slug}: {row['share']:.1%} of {row['sentences']} sentences also written for another business"
        )
    for row in shared["most_shared"][:5]:
        print(f"  in {row['businesses']} businesses: {row['sentence'][:90]}")
    wall = results["campaign_wall_time"]
    print(f"machine: {results['machine']}, load average {results['load_average_1m']}")
    print(
        f"offline campaign, 16 assets x {results['variants']} variants, fresh process: median "
        f"{wall['median_s']:.2f} s (min {wall['min_s']:.2f}, max {wall['max_s']:.2f})"
    )


if __name__ == "__main__":
    main()
