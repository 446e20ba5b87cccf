"""Scorers: small named functions, one per assertion type, each turning (draft, assertion) into an Outcome.

They run cheapest first — text matches, then the stage rules, then the classifier and embeddings, and the
LLM judge last — and the judge is not asked at all once a cheaper check has failed (its verdict could not
rescue the case, and it costs money). ``passed=None`` means skipped, with the reason in ``message``.
"""

from __future__ import annotations

import multiprocessing
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from typing import TYPE_CHECKING, Any

from evals.suite import Assertion
from planner.classify import StageClassifier, get_classifier
from planner.drafts import Failure
from planner.stages import Stage

if TYPE_CHECKING:
    from evals.judge import Judge


@dataclass(frozen=True)
class Subject:
    """The draft being scored and the stage rules' verdict on it."""

    stage: Stage
    text: str
    rule_failures: list[Failure]
    business: str = ""


@dataclass(frozen=True)
class Outcome:
    check: str
    passed: bool | None
    message: str
    score: float | None = None

    def to_json(self) -> dict[str, Any]:
        return {"check": self.check, "passed": self.passed, "message": self.message, "score": self.score}


@dataclass
class Context:
    """What scorers share for a run; the classifier and encoder are built on first use."""

    stage_fit: float = 0.35
    similar: float = 0.5
    judge: Judge | None = None
    classifier_factory: Callable[[], StageClassifier] | None = None
    stats: dict[str, int] = field(default_factory=lambda: {"judge_calls": 0, "judge_cache_hits": 0})

    def classifier(self) -> StageClassifier:
        if self.classifier_factory is None:
            self.classifier_factory = get_classifier
        return self.classifier_factory()


Scorer = Callable[[Context, Subject, Assertion], Outcome]


def _values(assertion: Assertion) -> list[str]:
    value = assertion.value
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


def stage_rules(ctx: Context, s: Subject, a: Assertion) -> Outcome:
    wanted = set(_values(a)) if a.value is not None else None
    failures = [f for f in s.rule_failures if wanted is None or f.check in wanted]
    if not failures:
        return Outcome(a.type, True, "fits its stage's rules")
    return Outcome(a.type, False, "; ".join(f"{f.check}: {f.message}" for f in failures))


def flagged(ctx: Context, s: Subject, a: Assertion) -> Outcome:
    found = {f.check for f in s.rule_failures}
    missing = [rule for rule in _values(a) if rule not in found]
    if missing:
        return Outcome(
            a.type, False, f"the rules did not flag {', '.join(missing)} (flagged: {sorted(found)})"
        )
    return Outcome(a.type, True, f"flagged {', '.join(_values(a))} as expected")


def stage_fit(ctx: Context, s: Subject, a: Assertion) -> Outcome:
    prediction = ctx.classifier().predict_one(s.text)
    p = prediction.scores[s.stage]
    need = a.threshold if a.threshold is not None else ctx.stage_fit
    verdict = f"classifier: {s.stage.value} {p:.2f} (needs {need:.2f}); top {prediction.stage.value}"
    return Outcome(a.type, p >= need, f"{verdict} {prediction.confidence:.2f}", round(p, 4))


def contains(ctx: Context, s: Subject, a: Assertion) -> Outcome:
    ok = str(a.value) in s.text
    return Outcome(a.type, ok, f"{'found' if ok else 'missing'}: {a.value!r}")


def icontains(ctx: Context, s: Subject, a: Assertion) -> Outcome:
    ok = str(a.value).lower() in s.text.lower()
    return Outcome(a.type, ok, f"{'found' if ok else 'missing'} (any case): {a.value!r}")


def not_contains(ctx: Context, s: Subject, a: Assertion) -> Outcome:
    ok = str(a.value) not in s.text
    return Outcome(a.type, ok, "absent as required" if ok else f"must not contain {a.value!r}")


def not_contains_any(ctx: Context, s: Subject, a: Assertion) -> Outcome:
    low = s.text.lower()
    hits = [v for v in _values(a) if v.lower() in low]
    return Outcome(a.type, not hits, f"contains {hits}" if hits else "none of the banned phrases appear")


# A suite's pattern is user input: one with catastrophic backtracking must fail its check, not hang the run.
# Neither `re` nor the `regex` package can be stopped reliably in-process (regex's own timeout took 22 s to
# fire on "(a|aa)+$"), so the match runs in a forked child that is killed at the limit.
REGEX_SECONDS = 2.0


def regex(ctx: Context, s: Subject, a: Assertion) -> Outcome:
    try:
        found = search_with_time_limit(str(a.value), s.text, REGEX_SECONDS)
    except TimeoutError:
        return Outcome(
            a.type,
            False,
            f"/{a.value}/ took longer than {REGEX_SECONDS:g} s on this text (catastrophic backtracking?) "
            "— simplify the pattern",
        )
    return Outcome(
        a.type, found is not None, f"matched {found!r}" if found is not None else f"no match for /{a.value}/"
    )


def search_with_time_limit(pattern: str, text: str, seconds: float) -> str | None:
    """``re.search(pattern, text).group(0)`` (None when no match); TimeoutError after ``seconds``."""
    if "fork" not in multiprocessing.get_all_start_methods():  # no cheap child here: match in-process
        match = re.search(pattern, text)
        return match.group(0) if match else None
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_search_into, args=(pattern, text, send), daemon=True)
    child.start()
    send.close()
    try:
        if not receive.poll(seconds):
            child.kill()
            raise TimeoutError(pattern)
        found: str | None = receive.recv()
        return found
    except EOFError:  # the child died without an answer (out of memory, say): no match found
        return None
    finally:
        child.join()
        receive.close()


def _search_into(pattern: str, text: str, send: Connection) -> None:
    match = re.search(pattern, text)
    send.send(match.group(0) if match else None)


def max_chars(ctx: Context, s: Subject, a: Assertion) -> Outcome:
    limit = a.value if isinstance(a.value, int) else 0
    return Outcome(a.type, len(s.text) <= limit, f"{len(s.text)} characters (limit {limit})")


def similar(ctx: Context, s: Subject, a: Assertion) -> Outcome:
    from planner.embeddings import get_encoder

    vectors = get_encoder().encode([s.text, str(a.value)])
    score = float(vectors[0] @ vectors[1])
    need = a.threshold if a.threshold is not None else ctx.similar
    return Outcome(a.type, score >= need, f"similarity {score:.2f} (needs {need:.2f})", round(score, 4))


def llm_rubric(ctx: Context, s: Subject, a: Assertion) -> Outcome:
    if ctx.judge is None:
        return Outcome(
            a.type, None, "skipped: no judge model (set defaults.judge, --judge or CVJ_JUDGE_MODEL)"
        )
    judgement = ctx.judge(s.business, s.stage, str(a.value), s.text)
    ctx.stats["judge_calls"] += judgement.calls
    ctx.stats["judge_cache_hits"] += judgement.cache_hits
    if judgement.verdict is None:
        return Outcome(a.type, False, f"judge failed: {judgement.error}")
    v = judgement.verdict
    need = a.threshold if a.threshold is not None else 0.0
    return Outcome(a.type, v.passed and v.score >= need, f"judge: {v.reason}", round(v.score, 4))


SCORERS: dict[str, Scorer] = {
    "contains": contains,
    "icontains": icontains,
    "not-contains": not_contains,
    "not-contains-any": not_contains_any,
    "regex": regex,
    "max-chars": max_chars,
    "stage-rules": stage_rules,
    "flagged": flagged,
    "stage-fit": stage_fit,
    "similar": similar,
    "llm-rubric": llm_rubric,
}
COST = {name: rank for rank, name in enumerate(SCORERS)}  # the dict above is in cost order


def score(ctx: Context, subject: Subject, assertions: list[Assertion]) -> list[Outcome]:
    """Every assertion's outcome, cheapest first; the judge is skipped once something cheaper failed."""
    outcomes: list[Outcome] = []
    for a in sorted(assertions, key=lambda a: COST[a.type]):
        if a.type == "llm-rubric" and any(o.passed is False for o in outcomes):
            outcomes.append(Outcome(a.type, None, "skipped: a cheaper check already failed"))
            continue
        outcomes.append(SCORERS[a.type](ctx, subject, a))
    return outcomes
