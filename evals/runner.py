"""``cvj eval SUITE``: generate every case's draft (through the cache), score it, and summarise the run.

An eval is dataset (the suite's cases) + solver (the writer: offline composer or a chat model, with the
suite's prompts folder) + scorers (``evals.scorers``). The result is plain data, written as ``results.json``
and ``report.html``; ``evals.compare`` reads two of them side by side.
"""

from __future__ import annotations

import itertools
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from evals.judge import Judge
from evals.scorers import Context, Outcome, Subject, score
from evals.suite import Assertion, Case, Suite, load_suite
from planner.campaign import generate
from planner.drafts import DraftRecord, Failure, Job, failures_to_json
from planner.errors import UserError
from planner.knowledge import data_dir
from planner.llm import ModelCache, build_chat_model, check_reachable, parse_model
from planner.profile import Profile, load_profile
from planner.refine import refine
from planner.rules import Checker, Draft
from planner.session import RunOptions, open_session
from planner.store import cvj_home


@dataclass(frozen=True)
class Planned:
    """One (case, repeat): what to generate or score, and under which stable key."""

    key: str
    case: Case
    repeat: int
    business: Path


def resolve(path_text: str, base: Path) -> Path:
    """Suite paths are tried relative to the suite file, then the working folder, then the project."""
    path = Path(path_text)
    if path.is_absolute():
        return path
    project = data_dir("examples").parent
    for root in (base, Path.cwd(), project):
        if (root / path).exists():
            return root / path
    raise UserError(f"{path_text}: not found next to the suite ({base}), here, or in the project")


def plan(suite: Suite, base: Path) -> list[Planned]:
    planned: list[Planned] = []
    seen: dict[str, int] = {}
    for index, case in enumerate(suite.cases):
        business = resolve(case.business or suite.defaults.business, base)
        name = case.id or f"{business.stem}.{case.stage.value}.{case.asset or 'draft'}.v{case.vars.variant}"
        seen[name] = seen.get(name, 0) + 1
        if seen[name] > 1 and not case.id:
            name = f"{name}.{index + 1}"
        elif seen[name] > 1:
            raise UserError(f"cases[{index}]: duplicate case id '{name}' — ids must be unique")
        for r in range(case.repeat):
            planned.append(Planned(name if case.repeat == 1 else f"{name}#{r + 1}", case, r, business))
    return planned


Progress = Callable[[str, int, int], None]  # (phase, done, total)


def run_suite(
    path: Path, options: RunOptions, judge: str | None = None, progress: Progress | None = None
) -> dict[str, Any]:
    """The whole run as a results dict (see README: results.json). ``judge`` is the llm-rubric model."""
    report = progress or (lambda phase, done, total: None)
    suite, base = load_suite(path)
    planned = plan(suite, base)
    profiles = {p.business: load_profile(p.business) for p in planned}
    prompts = options.prompts or (resolve(suite.defaults.prompts, base) if suite.defaults.prompts else None)
    model = options.model or os.environ.get("CVJ_MODEL") or suite.defaults.model
    options = replace(options, model=model, prompts=prompts)
    options.model_spec()  # a bad model or prompts folder fails before anything runs
    ctx = Context(
        stage_fit=suite.defaults.stage_fit,
        similar=suite.defaults.similar,
        judge=_judge(judge or os.environ.get("CVJ_JUDGE_MODEL") or suite.defaults.judge, options),
    )
    started, clock = datetime.now(UTC), time.perf_counter()
    drafts, writer_name = _drafts(planned, profiles, options, report)
    results = []
    for p in planned:
        profile = profiles[p.business]
        draft = drafts[p.key]
        subject = Subject(p.case.stage, draft["text"], draft.pop("rule_failures"), profile.business.name)
        assertions = _assertions(suite, p.case)
        outcomes = score(ctx, subject, assertions) if draft["text"] else [_no_draft(draft)]
        result = {
            "key": p.key,
            "case": p.case.id or p.key.split("#")[0],
            "repeat": p.repeat + 1,
            "business": profile.slug,
            "stage": p.case.stage.value,
            "asset": p.case.asset or "",
            "variant": p.case.vars.variant,
            "passed": all(o.passed is not False for o in outcomes),
            "outcomes": [o.to_json() for o in outcomes],
            **draft,
        }
        results.append(result)
        report("Scoring", len(results), len(planned))
    return {
        "suite": str(path),
        "description": suite.description or "",
        "model": writer_name,
        "prompts": str(prompts or "prompts/ (bundled)"),
        "judge": ctx.judge.name if ctx.judge else None,
        "threshold": suite.defaults.threshold,
        "started": started.isoformat(timespec="seconds"),
        "duration_s": round(time.perf_counter() - clock, 2),
        "summary": summarise(results),
        "judge_calls": ctx.stats["judge_calls"],
        "judge_cache_hits": ctx.stats["judge_cache_hits"],
        "results": results,
    }


def _assertions(suite: Suite, case: Case) -> list[Assertion]:
    chosen = [*suite.defaults.assert_, *case.assert_]
    if case.draft is not None:  # a pinned draft is scored by its own assertions only
        chosen = list(case.assert_)
    return chosen or [Assertion(type="stage-rules")]


def _no_draft(draft: dict[str, Any]) -> Outcome:
    reason = "; ".join(f["message"] for f in draft["failures"]) or "no text"
    return Outcome("generation", False, f"no draft to score: {reason}")


def _judge(model: str | None, options: RunOptions) -> Judge | None:
    if not model:
        return None
    spec = replace(parse_model(model, options.base_url, timeout=options.timeout), max_tokens=300)
    if spec.is_offline:
        return None
    check_reachable(spec)
    return Judge(build_chat_model(spec), spec, ModelCache(cvj_home() / "cache", enabled=not options.no_cache))


def _drafts(
    planned: list[Planned], profiles: dict[Path, Profile], options: RunOptions, report: Progress
) -> tuple[dict[str, dict[str, Any]], str]:
    """Every planned key's draft: pinned text is checked as is; the rest are generated per business."""
    drafts: dict[str, dict[str, Any]] = {}
    for p in planned:
        if p.case.draft is not None:
            checker = Checker(profiles[p.business])
            failures = checker.check(Draft(p.case.stage, p.case.draft, p.case.asset))
            drafts[p.key] = _pinned(p.case.draft, failures)
    to_write = [p for p in planned if p.key not in drafts]
    if not to_write:
        return drafts, "pinned drafts"
    businesses = list(dict.fromkeys(p.business for p in to_write))
    session = open_session(options, [profiles[b] for b in businesses])
    counter = itertools.count(1)
    for business in businesses:
        profile = profiles[business]
        mine = [p for p in to_write if p.business == business]
        jobs = [Job(p.case.stage, str(p.case.asset), p.case.vars.variant, p.repeat) for p in mine]
        records = generate(
            profile,
            jobs,
            session.guidance(),
            session.writer,
            on_draft=lambda _: report("Drafting", next(counter), len(to_write)),
            concurrency=options.concurrency,
        )
        for p, record in zip(mine, records, strict=True):
            if p.case.vars.instruction and record.fields:
                record = refine(profile, record, p.case.vars.instruction, session.writer)
            drafts[p.key] = _generated(record)
    return drafts, session.writer.name


def _generated(record: DraftRecord) -> dict[str, Any]:
    return {
        "text": record.text,
        "failures": failures_to_json(record.failures),
        "rule_failures": record.failures,
        "sources": record.sources,
        "model": record.model,
        "meta": record.meta,
    }


def _pinned(text: str, failures: list[Failure]) -> dict[str, Any]:
    return {
        "text": text,
        "failures": failures_to_json(failures),
        "rule_failures": failures,
        "sources": [],
        "model": "pinned",
        "meta": {},
    }


def summarise(results: list[dict[str, Any]]) -> dict[str, Any]:
    def rate(passed: int, total: int) -> float:
        return round(passed / total, 4) if total else 0.0

    by_stage: dict[str, dict[str, Any]] = {}
    by_check: dict[str, dict[str, Any]] = {}
    for r in results:
        row = by_stage.setdefault(r["stage"], {"cases": 0, "passed": 0})
        row["cases"] += 1
        row["passed"] += r["passed"]
        for o in r["outcomes"]:
            c = by_check.setdefault(o["check"], {"passed": 0, "failed": 0, "skipped": 0})
            c["passed" if o["passed"] else "skipped" if o["passed"] is None else "failed"] += 1
    for row in by_stage.values():
        row["pass_rate"] = rate(row["passed"], row["cases"])
    for c in by_check.values():
        c["pass_rate"] = rate(c["passed"], c["passed"] + c["failed"])
    passed = sum(r["passed"] for r in results)
    return {
        "cases": len(results),
        "passed": passed,
        "pass_rate": rate(passed, len(results)),
        "by_stage": by_stage,
        "by_check": by_check,
    }


def regressions(current: dict[str, Any], baseline: dict[str, Any]) -> list[str]:
    """Keys that passed in the baseline and fail now (cases added or removed since are not regressions)."""
    now = {r["key"]: r["passed"] for r in current["results"]}
    return [r["key"] for r in baseline.get("results", []) if r.get("passed") and now.get(r["key"]) is False]
