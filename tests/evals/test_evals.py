"""The eval harness: suites, scorers, the offline runner end to end, baselines, reports and compare."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from evals.scorers import SCORERS, Context, Subject, score
from evals.suite import ASSERTION_TYPES, SCHEMA_FILE, SUITES_DIR, Assertion, Suite, load_suite
from planner.drafts import Failure
from planner.errors import InputFileError
from planner.stages import Stage
from tests.conftest import PAWS, ROOT, beyond_pending, cvj

GOOD_SUBSCRIBE = (
    "Get The Calm Grooming Checklist free. Enter your email and we'll send it now, plus one tip a week."
)


def subject(text: str = GOOD_SUBSCRIBE, stage: Stage = Stage.subscribe, failures=None) -> Subject:  # type: ignore[no-untyped-def]
    return Subject(stage, text, failures or [], "Paws & Suds")


def outcome(kind: str, value=None, text: str = GOOD_SUBSCRIBE, threshold=None, **kw):  # type: ignore[no-untyped-def]
    a = Assertion(type=kind, value=value, threshold=threshold)  # type: ignore[arg-type]
    return SCORERS[kind](Context(), subject(text, **kw), a)


# --- scorers: each one passes and fails -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "value", "passing", "failing"),
    [
        ("contains", "Checklist", GOOD_SUBSCRIBE, "Get the list."),
        ("icontains", "EMAIL", GOOD_SUBSCRIBE, "Get the list."),
        ("not-contains", "$", GOOD_SUBSCRIBE, "Only $5 today"),
        ("not-contains-any", ["buy now", "card"], GOOD_SUBSCRIBE, "Enter your CARD number"),
        ("regex", r"\bemail\b", GOOD_SUBSCRIBE, "Get the list."),
        ("max-chars", 120, GOOD_SUBSCRIBE, GOOD_SUBSCRIBE * 2),
    ],
)
def test_text_scorers_pass_and_fail(kind: str, value: object, passing: str, failing: str) -> None:
    assert outcome(kind, value, passing).passed is True
    failed = outcome(kind, value, failing)
    assert failed.passed is False and failed.message


def test_stage_rules_and_flagged_scorers() -> None:
    failure = [Failure("payment-ask", "asks for payment")]
    assert SCORERS["stage-rules"](Context(), subject(), Assertion(type="stage-rules")).passed is True
    bad = subject(failures=failure)
    assert SCORERS["stage-rules"](Context(), bad, Assertion(type="stage-rules")).passed is False
    only_other = Assertion(type="stage-rules", value=["review-incentive"])
    assert SCORERS["stage-rules"](Context(), bad, only_other).passed is True
    assert SCORERS["flagged"](Context(), bad, Assertion(type="flagged", value="payment-ask")).passed is True
    missed = SCORERS["flagged"](Context(), subject(), Assertion(type="flagged", value="payment-ask"))
    assert missed.passed is False and "did not flag payment-ask" in missed.message


def test_stage_fit_scorer_uses_the_classifier() -> None:
    fit = outcome("stage-fit", text=GOOD_SUBSCRIBE)
    assert fit.passed is True and fit.score is not None and fit.score >= 0.35
    review = "How did we do? Leave us an honest Google review of your visit - it takes one minute."
    misfit = outcome("stage-fit", text=review)
    assert misfit.passed is False and "top advocate" in misfit.message


def test_similar_scorer() -> None:
    near = outcome("similar", "Download our free grooming checklist by entering your email address")
    far = outcome("similar", "Quarterly VAT returns for small accounting firms", threshold=0.5)
    assert near.passed is True and far.passed is False
    assert near.score is not None and far.score is not None and near.score > far.score


def test_llm_rubric_is_skipped_offline_with_a_note() -> None:
    result = outcome("llm-rubric", "asks only for an email")
    assert result.passed is None and "no judge model" in result.message


def test_judge_runs_last_and_not_after_a_failure() -> None:
    asserts = [
        Assertion(type="llm-rubric", value="rubric"),
        Assertion(type="contains", value="nowhere to be found"),
        Assertion(type="stage-rules"),
    ]
    outcomes = score(Context(), subject(), asserts)
    assert [o.check for o in outcomes] == ["contains", "stage-rules", "llm-rubric"]
    assert outcomes[-1].passed is None and "cheaper check already failed" in outcomes[-1].message


def test_every_assertion_type_has_a_scorer() -> None:
    assert set(ASSERTION_TYPES) == set(SCORERS)


# --- suites -------------------------------------------------------------------------------------------


def _suite(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "suite.yaml"
    path.write_text(f"defaults:\n  business: {PAWS}\ncases:\n{body}")
    return path


def test_shipped_suites_load_and_core_covers_every_asset_for_three_businesses() -> None:
    from planner.assets import ASSET_MODELS

    core, _ = load_suite(SUITES_DIR / "core.yaml")
    covered = {(c.business or core.defaults.business, c.asset) for c in core.cases}
    assert len(covered) == 3 * len(ASSET_MODELS) == len(core.cases)
    regression, _ = load_suite(SUITES_DIR / "regression.yaml")
    assert sum(any(a.type == "flagged" for a in c.assert_) for c in regression.cases) >= 12


def test_schema_file_matches_the_models() -> None:
    shipped = json.loads(SCHEMA_FILE.read_text())
    assert shipped["properties"].keys() == Suite.model_json_schema(by_alias=True)["properties"].keys()
    assert "llm-rubric" in json.dumps(shipped)


@pytest.mark.parametrize(
    ("body", "line", "expected"),
    [
        (
            "  - stage: aware\n    asset: social_ad\n    assert:\n      - type: contain\n        value: x\n",
            7,
            "unknown assertion 'contain' — did you mean 'contains'?",
        ),
        ("  - stage: aware\n    asset: blog_post\n", 4, "'blog_post' is not a aware asset"),
        ("  - stage: awareness\n    asset: social_ad\n", 4, "cases[0].stage"),
        ("  - stage: aware\n    asset: social_ad\n    colour: red\n", 6, "cases[0].colour: Extra inputs"),
        (
            "  - stage: aware\n    asset: social_ad\n    assert:\n      - type: max-chars\n",
            7,
            "needs a value",
        ),
    ],
)
def test_suite_errors_name_file_line_and_fix(tmp_path: Path, body: str, line: int, expected: str) -> None:
    path = _suite(tmp_path, body)
    with pytest.raises(InputFileError) as info:
        load_suite(path)
    assert f"{path}:{line}:" in str(info.value)
    assert expected in str(info.value)


def test_bad_yaml_names_the_line(tmp_path: Path) -> None:
    path = _suite(tmp_path, "  - stage: aware\n    asset: [unclosed\n")
    with pytest.raises(InputFileError, match=rf"{path}: line \d+, column \d+: YAML syntax error"):
        load_suite(path)


# --- the runner, end to end through the real CLI ---------------------------------------------------------


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("home")


@pytest.fixture(scope="module")
def core_run(home: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("core")
    result = cvj("eval", "evals/suites/core.yaml", "--out", str(out), home=home)
    # The pass rate is at or above the suite's threshold (85 %): exit 0.
    assert result.returncode == 0, result.stdout + result.stderr
    assert "cases pass" in result.stdout
    assert "llm-rubric checks skipped — no judge model" in result.stdout
    return out


def _passes_but_pending(case: dict) -> bool:  # type: ignore[type-arg]
    """A case passes but for the checks pending on the composer's rewrite (tests/conftest.py)."""
    others = [o for o in case["outcomes"] if o["passed"] is False and o["check"] != "stage-rules"]
    return not others and not beyond_pending(case["failures"])


def _pass_rate_but_pending(out: Path) -> float:
    cases = json.loads((out / "results.json").read_text())["results"]
    return float(sum(bool(case["passed"] or _passes_but_pending(case)) for case in cases) / len(cases))


def test_core_suite_passes_offline_with_results_and_report(core_run: Path) -> None:
    results = json.loads((core_run / "results.json").read_text())
    assert results["model"] == "offline" and results["summary"]["cases"] == 48
    assert set(results["summary"]["by_stage"]) == {s.value for s in Stage}
    checks = results["summary"]["by_check"]
    # Every draft fits its stage's rules; the classifier reads at least 41 of 48 as their stage (measured
    # when the composer was rewritten: 41; the misreadings are listed in the suite file).
    assert sum(not beyond_pending(case["failures"]) for case in results["results"]) == 48
    assert checks["stage-rules"]["passed"] == 48
    assert checks["stage-fit"]["passed"] >= 41 and _pass_rate_but_pending(core_run) >= 0.85
    assert checks["llm-rubric"]["skipped"] == 9
    first = results["results"][0]
    assert first["text"] and first["sources"] and first["outcomes"]


def test_report_is_well_formed_and_filterable(core_run: Path) -> None:
    html = (core_run / "report.html").read_text()
    root = ET.fromstring(html.removeprefix("<!DOCTYPE html>\n"))
    cases = [el for el in root.iter("div") if "case" in el.get("class", "").split()]
    assert len(cases) == 48
    assert {c.get("data-stage") for c in cases} == {s.value for s in Stage}
    selects = {el.get("id") for el in root.iter("select")}
    assert selects == {"f-stage", "f-asset", "f-check", "f-status"}
    assert "http" not in html.split("<body>")[0]  # self-contained: nothing fetched


def test_regression_suite_flags_every_known_bad_draft(home: Path, tmp_path: Path) -> None:
    result = cvj("eval", "evals/suites/regression.yaml", "--out", str(tmp_path), home=home)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "17 of 17 cases pass" in result.stdout


def test_baseline_regression_and_compare(home: Path, tmp_path: Path) -> None:
    good = _suite(
        tmp_path,
        "  - id: opt-in\n    stage: subscribe\n    asset: opt_in_page\n    assert:\n"
        "      - type: icontains\n        value: email\n",
    )
    first = cvj("eval", str(good), "--out", str(tmp_path / "a"), home=home)
    assert first.returncode == 0, first.stderr
    # The same case now demands something the draft does not have: a regression against the baseline.
    good.write_text(good.read_text().replace("value: email", "value: a phrase no draft contains"))
    second = cvj(
        "eval",
        str(good),
        "--out",
        str(tmp_path / "b"),
        "--baseline",
        str(tmp_path / "a" / "results.json"),
        home=home,
    )
    assert second.returncode == 1
    assert "1 cases regressed: opt-in" in second.stderr
    saved = json.loads((tmp_path / "b" / "results.json").read_text())
    assert saved["regressions"] == ["opt-in"]
    compared = cvj(
        "eval",
        "compare",
        str(tmp_path / "a" / "results.json"),
        str(tmp_path / "b" / "results.json"),
        home=home,
    )
    assert compared.returncode == 0, compared.stderr
    assert "broke" in compared.stdout and "1 broke" in compared.stdout and "-100 pts" in compared.stdout


def test_prompts_flag_points_the_run_at_another_folder(home: Path, tmp_path: Path) -> None:
    suite = _suite(tmp_path, "  - stage: aware\n    asset: social_ad\n")
    missing = cvj("eval", str(suite), "--prompts", str(tmp_path / "nope"), "--out", str(tmp_path), home=home)
    assert missing.returncode == 2 and "no such folder" in missing.stderr
    copy = tmp_path / "prompts-b"
    import shutil

    shutil.copytree(ROOT / "prompts", copy)
    ok = cvj("eval", str(suite), "--prompts", str(copy), "--out", str(tmp_path / "o"), home=home)
    assert ok.returncode == 0, ok.stderr
    assert json.loads((tmp_path / "o" / "results.json").read_text())["prompts"] == str(copy)


def test_pass_rate_below_threshold_exits_1(home: Path, tmp_path: Path) -> None:
    suite = _suite(
        tmp_path,
        "  - stage: aware\n    asset: social_ad\n    assert:\n      - type: max-chars\n        value: 5\n",
    )
    result = cvj("eval", str(suite), "--out", str(tmp_path), home=home)
    assert result.returncode == 1 and "below the suite's threshold" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["compare", "only-one.json"], "two results.json files"),
        (["compare", "a.json", "b.json"], "a.json: no such file"),
        (["missing-suite.yaml"], "missing-suite.yaml: no such suite file"),
    ],
)
def test_eval_usage_errors_exit_2(home: Path, args: list[str], message: str) -> None:
    result = cvj("eval", *args, home=home)
    assert result.returncode == 2 and message in result.stderr


def test_llm_rubric_scorer_reads_the_verdict() -> None:
    """The scorer's own logic, with a stand-in judge (the real judge is tested in test_llm_judge.py)."""
    from evals.judge import Judgement, Verdict

    def judge(verdict: Verdict | None, error: str | None = None):  # type: ignore[no-untyped-def]
        return lambda *args: Judgement(verdict, error, calls=1)

    rubric = Assertion(type="llm-rubric", value="asks only for an email")
    yes = Verdict.model_validate({"pass": True, "score": 0.9, "reason": "Only an email is asked for."})
    no = Verdict.model_validate({"pass": False, "score": 0.2, "reason": "It asks for a card."})
    ctx = Context(judge=judge(yes))
    assert SCORERS["llm-rubric"](ctx, subject(), rubric).passed is True
    assert ctx.stats["judge_calls"] == 1
    assert SCORERS["llm-rubric"](Context(judge=judge(no)), subject(), rubric).passed is False
    strict = Assertion(type="llm-rubric", value="x", threshold=0.95)
    assert SCORERS["llm-rubric"](Context(judge=judge(yes)), subject(), strict).passed is False
    broken = SCORERS["llm-rubric"](Context(judge=judge(None, "timed out")), subject(), rubric)
    assert broken.passed is False and "judge failed: timed out" in broken.message
