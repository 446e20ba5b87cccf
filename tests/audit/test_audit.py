"""`cvj audit` and `cvj scorecard`: the real CLI on fixture assets with known stages and known gaps, the
first-stage-to-fix logic on its own, the report files and the chart."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
import yaml

from planner.audit._inputs import InputAsset, html_to_text, read_assets
from planner.audit._journey import (
    UNSURE_BELOW,
    Coverage,
    Strength,
    audit_assets,
    first_to_fix,
    ladder_of,
    strength_of,
)
from planner.classify._model import Prediction
from planner.profile import OfferRole, parse_profile
from planner.stages import Stage
from tests.conftest import PAWS, ROOT, composer_passes, cvj

DATA = ROOT / "tests" / "data" / "audit"
EXPECTED = yaml.safe_load((DATA / "expected.yaml").read_text(encoding="utf-8"))
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("home")


@pytest.fixture(scope="module")
def folder_run(home: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Any, Path]:
    out = tmp_path_factory.mktemp("audit") / "report"
    return cvj("audit", str(DATA), "--business", str(PAWS), "--out", str(out), home=home), out


def _json(out: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((out / "audit.json").read_text(encoding="utf-8"))
    return data


# --- the fixture folder ------------------------------------------------------------------


def test_folder_audit_finds_known_stages_gaps_and_breaking_assets(folder_run: tuple[Any, Path]) -> None:
    result, out = folder_run
    assert result.returncode == 1, result.stderr  # two assets break their stage's rules
    report = _json(out)
    expected = EXPECTED["folder"]
    assert {a["id"]: a["stage"] for a in report["assets"]} == expected["stages"]
    assert report["gaps"] == expected["gaps"] == report["summary"]["gaps"]
    assert report["summary"]["broken"] == expected["broken"]
    breaking = {b["id"]: sorted({f["check"] for f in b["failures"]}) for b in report["breaking"]}
    assert breaking == expected["breaking"]
    review = next(b for b in report["breaking"] if b["id"] == "emails/review-request.txt")
    assert any("reviews must never be bought" in f["message"] for f in review["failures"])
    assert {"expected.yaml", "assets.jsonl"} <= set(report["skipped"])


def test_every_row_and_stage_carries_its_kpi(folder_run: tuple[Any, Path]) -> None:
    report = _json(folder_run[1])
    for row in report["assets"]:
        assert row["kpi"] == Stage(row["stage"]).info.kpi
        assert row["unsure"] == (row["confidence"] < UNSURE_BELOW)
        assert row["runner_up"] != row["stage"]
    assert [s["kpi"] for s in report["stages"]] == [s.info.kpi for s in Stage]
    html = {a["id"]: a["url"] for a in report["assets"]}
    assert html["blog/matted-fur.html"] == "https://pawsandsuds.example/blog/matted-fur"
    assert html["ads/google-search-ad.txt"] is None


def test_first_to_fix_is_what_the_logic_says(folder_run: tuple[Any, Path], paws: Any) -> None:
    result, out = folder_run
    report = _json(out)
    fix = report["first_to_fix"]
    assert fix["stage"] == EXPECTED["folder"]["first_to_fix"] == "convert"
    assert fix["problem"] == "empty"
    assert "Convert (stage 4) is empty" in fix["reason"]
    assert "First Bath & Tidy ($29)" in fix["reason"] and "leaks" in fix["reason"]
    assert "Fix later: advocate (broken)" in fix["reason"]
    # The same logic, run on the coverage the report lists, gives the same answer and reason.
    again = first_to_fix([_coverage(s) for s in report["stages"]], ladder_of(paws))
    assert again is not None and (again.stage.value, again.reason) == (fix["stage"], fix["reason"])
    assert "First stage to fix: Convert (empty)" in result.stdout
    assert "✗ emails/review-request.txt (advocate)" in result.stdout


def _coverage(row: dict[str, Any]) -> Coverage:
    missing = OfferRole(row["missing_offer"]) if row["missing_offer"] else None
    return Coverage(
        Stage(row["stage"]),
        row["assets"],
        row["good"],
        row["unsure"],
        row["breaking"],
        tuple(row["checks"]),
        row["offer"],
        missing,
    )


def test_journey_svg_marks_the_gap_and_the_stage_to_fix(folder_run: tuple[Any, Path]) -> None:
    root = ET.parse(folder_run[1] / "journey.svg").getroot()
    assert root.tag == f"{SVG}svg"
    groups = {g.get("data-stage"): g for g in root.iter(f"{SVG}g") if g.get("data-stage")}
    assert list(groups) == [s.value for s in Stage]
    convert = groups["convert"]
    assert {"gap", "fix-first"} <= set((convert.get("class") or "").split())
    assert any("GAP" in (t.text or "") for t in convert.iter(f"{SVG}text"))
    assert any(r.get("stroke-dasharray") for r in convert.iter(f"{SVG}rect"))
    assert groups["advocate"].get("data-strength") == "weak"
    assert groups["engage"].get("data-assets") == "4"
    others = [s for s, g in groups.items() if "gap" in (g.get("class") or "").split()]
    assert others == ["convert"]


def test_audit_md_has_the_fix_coverage_and_kpis(folder_run: tuple[Any, Path]) -> None:
    text = (folder_run[1] / "audit.md").read_text(encoding="utf-8")
    assert "## First stage to fix: Convert (empty)" in text
    assert "*KPI to track:* Entry-point offer conversion rate" in text
    for stage in Stage:
        assert stage.info.kpi in text
    assert "| 4 | Convert | 0 | **GAP** |" in text
    assert "### `emails/review-request.txt` — Advocate" in text
    assert "**review-incentive**" in text


def test_json_flag_prints_the_report(home: Path, tmp_path: Path) -> None:
    result = cvj(
        "audit",
        str(DATA / "assets.jsonl"),
        "--business",
        str(PAWS),
        "--out",
        str(tmp_path),
        "--json",
        home=home,
    )
    assert result.returncode == 1, result.stderr
    printed = json.loads(result.stdout)
    assert printed == _json(tmp_path)
    expected = EXPECTED["jsonl"]
    assert {a["id"]: a["stage"] for a in printed["assets"]} == expected["stages"]
    assert printed["gaps"] == expected["gaps"]
    assert printed["summary"]["broken"] == expected["broken"]
    breaking = {b["id"]: sorted({f["check"] for f in b["failures"]}) for b in printed["breaking"]}
    assert breaking == expected["breaking"]
    assert printed["first_to_fix"]["stage"] == expected["first_to_fix"]
    urls = {a["id"]: a["url"] for a in printed["assets"]}
    assert (
        urls["checklist-optin"] == "https://pawsandsuds.example/calm-checklist"
        and urls["referral-sms"] is None
    )


# --- bad input: exit 2, the file and the fix, nothing written ---------------------------------


def _bad_inputs(tmp: Path) -> list[tuple[Path, str]]:
    empty = tmp / "empty"
    empty.mkdir()
    only_pdf = tmp / "only-pdf"
    only_pdf.mkdir()
    (only_pdf / "brochure.pdf").write_bytes(b"%PDF-1.4")
    latin1 = tmp / "latin1"
    latin1.mkdir()
    (latin1 / "ok.txt").write_text("A calm groom for nervous dogs.", encoding="utf-8")
    (latin1 / "caf\u00e9.txt").write_bytes(b"Caf\xe9 and dogs")
    blank = tmp / "blank"
    blank.mkdir()
    (blank / "page.html").write_text("<html><script>var x = 1;</script></html>", encoding="utf-8")
    bad_line = tmp / "bad.jsonl"
    bad_line.write_text('{"id": "a", "text": "Calm grooming"}\n{"id": "b", "text": \n', encoding="utf-8")
    no_text = tmp / "no-text.jsonl"
    no_text.write_text('{"id": "a", "text": "ok"}\n{"id": "b"}\n', encoding="utf-8")
    twice = tmp / "twice.jsonl"
    twice.write_text('{"id": "a", "text": "one"}\n{"id": "a", "text": "two"}\n', encoding="utf-8")
    return [
        (tmp / "missing", "no such file or folder"),
        (empty, "no .txt, .md, .markdown, .html, .htm files"),
        (only_pdf, "no .txt, .md, .markdown, .html, .htm files"),
        (latin1, "café.txt: byte 3 is not UTF-8 — save the file as UTF-8"),
        (blank, "page.html: has no text"),
        (bad_line, "bad.jsonl:2: not valid JSON"),
        (no_text, "no-text.jsonl:2: missing 'text'"),
        (twice, "twice.jsonl:2: id 'a' is also on line 1"),
        (DATA / "ads" / "google-search-ad.txt", "pass the folder that holds your assets"),
    ]


BAD_NAMES = [
    "missing",
    "empty",
    "only-pdf",
    "non-utf8",
    "no-text-html",
    "bad-line",
    "no-text",
    "dup-id",
    "single-file",
]


@pytest.mark.parametrize("case", range(len(BAD_NAMES)), ids=BAD_NAMES)
def test_bad_input_exits_2_and_writes_nothing(home: Path, tmp_path: Path, case: int) -> None:
    path, message = _bad_inputs(tmp_path)[case]
    out = tmp_path / "out"
    result = cvj("audit", str(path), "--business", str(PAWS), "--out", str(out), "--fill", home=home)
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert message in result.stderr and str(path.name) in result.stderr
    assert "Traceback" not in result.stderr and not out.exists()


def test_bad_profile_exits_2_and_writes_nothing(home: Path, tmp_path: Path) -> None:
    profile = tmp_path / "bad.yaml"
    profile.write_text("business: {name: [unclosed\n", encoding="utf-8")
    out = tmp_path / "out"
    result = cvj("audit", str(DATA), "--business", str(profile), "--out", str(out), home=home)
    assert result.returncode == 2 and "YAML syntax error" in result.stderr
    assert not out.exists()


# --- --fill ----------------------------------------------------------------------------------


def test_fill_drafts_only_the_empty_stages_and_they_pass(home: Path, tmp_path: Path) -> None:
    result = cvj("audit", str(DATA), "--business", str(PAWS), "--out", str(tmp_path), "--fill", home=home)
    assert result.returncode == 1, result.stderr  # the fixture's breaking assets, not the drafts
    lines = (tmp_path / "fill" / "drafts.jsonl").read_text(encoding="utf-8").splitlines()
    drafts = [json.loads(line) for line in lines]
    assert {d["stage"] for d in drafts} == set(EXPECTED["folder"]["gaps"])
    assert sorted(d["asset_type"] for d in drafts) == ["consultation_invite", "entry_offer"]
    assert all(composer_passes(d) for d in drafts), [d["checks"] for d in drafts]
    assert all(d["kpi"] == Stage.convert.info.kpi for d in drafts)
    assert "Convert" in (tmp_path / "fill" / "campaign.md").read_text(encoding="utf-8")
    assert (tmp_path / "audit.json").is_file()
    assert "drafted paws-suds-grooming.convert.entry_offer.v1 — passes checks" in result.stdout


# --- the first-stage-to-fix logic on its own ---------------------------------------------------


def _cov(stage: Stage, assets: int = 2, good: int = 2, unsure: int = 0, breaking: int = 0) -> Coverage:
    checks = ("review-incentive",) if breaking else ()
    return Coverage(stage, assets, good, unsure, breaking, checks, None, None)


def _journey(**changes: Coverage) -> list[Coverage]:
    return [changes.get(s.value, _cov(s)) for s in Stage]


def test_earliest_empty_wins_over_a_later_broken_stage(paws: Any) -> None:
    coverage = _journey(convert=_cov(Stage.convert, 0, 0), advocate=_cov(Stage.advocate, 1, 0, breaking=1))
    fix = first_to_fix(coverage, ladder_of(paws))
    assert fix is not None and (fix.stage, fix.problem) == (Stage.convert, "empty")
    assert "Fix later: advocate (broken)" in fix.reason


def test_earlier_broken_wins_over_a_later_empty_stage(paws: Any) -> None:
    coverage = _journey(engage=_cov(Stage.engage, 2, 0, breaking=2), convert=_cov(Stage.convert, 0, 0))
    fix = first_to_fix(coverage, ladder_of(paws))
    assert fix is not None and (fix.stage, fix.problem) == (Stage.engage, "broken")
    assert "2 break its rules (review-incentive)" in fix.reason and "Fix later: convert (empty)" in fix.reason


def test_a_stage_with_only_unsure_assets_is_broken(paws: Any) -> None:
    fix = first_to_fix(_journey(subscribe=_cov(Stage.subscribe, 1, 0, unsure=1)), ladder_of(paws))
    assert fix is not None and (fix.stage, fix.problem) == (Stage.subscribe, "broken")
    assert "1 pass but are unsure matches" in fix.reason


def test_no_fix_when_every_stage_is_ok(paws: Any) -> None:
    assert first_to_fix(_journey(), ladder_of(paws)) is None


def test_missing_offer_roles_are_named_in_the_reason(paws: Any) -> None:
    data = paws.model_dump(mode="json")
    data["offers"] = [o for o in data["offers"] if o["role"] in ("core", "entry_point")]
    lean = parse_profile(data)
    ladder = ladder_of(lean)
    gap = Coverage(Stage.subscribe, 0, 0, 0, 0, (), None, OfferRole.lead_magnet)
    fix = first_to_fix(_journey(subscribe=gap), ladder)
    assert fix is not None and fix.stage is Stage.subscribe
    assert "no lead_magnet offer: create a lead magnet" in fix.reason and "role: lead_magnet" in fix.reason
    ascend = first_to_fix(_journey(ascend=_cov(Stage.ascend, 0, 0)), ladder)
    assert ascend is not None and "no profit_maximizer offer" in ascend.reason
    # Built from real rows, the audit marks the missing roles itself.
    audit = audit_assets(
        lean, [InputAsset("a", "aware text")], FakeClassifier({"aware text": (Stage.aware, 0.9)})
    )
    missing = {c.stage: c.missing_offer for c in audit.coverage if c.missing_offer}
    assert missing == {Stage.subscribe: OfferRole.lead_magnet, Stage.promote: OfferRole.referral}


def test_strength_thresholds() -> None:
    assert [strength_of(a, g) for a, g in [(0, 0), (3, 0), (3, 1), (3, 2)]] == [
        Strength.none,
        Strength.weak,
        Strength.ok,
        Strength.strong,
    ]


class FakeClassifier:
    """Known stages and confidences per text, so unsure handling is tested without the model."""

    def __init__(self, answers: dict[str, tuple[Stage, float]]) -> None:
        self.answers = answers
        self.calls = 0

    def predict(self, texts: list[str]) -> list[Prediction]:
        self.calls += 1
        out = []
        for text in texts:
            stage, p = self.answers[text]
            rest = (1 - p) / 7
            scores = {s: p if s == stage else rest for s in Stage}
            scores[Stage.promote if stage is not Stage.promote else Stage.advocate] = rest * 2
            out.append(Prediction(stage, p, scores))
        return out


def test_unsure_assets_are_flagged_and_not_counted_as_coverage(paws: Any) -> None:
    texts = {
        "Calm grooming for nervous dogs in Riverside.": (Stage.aware, 0.9),
        "Gentle grooming, one dog at a time.": (Stage.aware, UNSURE_BELOW - 0.01),
        "Five tips for brushing a senior dog.": (Stage.engage, 0.3),
    }
    classifier = FakeClassifier(texts)
    assets = [InputAsset(f"a{i}", t) for i, t in enumerate(texts)]
    audit = audit_assets(paws, assets, classifier)
    assert classifier.calls == 1  # one batch
    assert [r.unsure for r in audit.rows] == [False, True, True]
    by_stage = {c.stage: c for c in audit.coverage}
    assert (by_stage[Stage.aware].good, by_stage[Stage.aware].unsure, by_stage[Stage.aware].strength) == (
        1,
        1,
        Strength.ok,
    )
    assert by_stage[Stage.engage].strength is Strength.weak
    assert audit.fix is not None and (audit.fix.stage, audit.fix.problem) == (Stage.engage, "broken")
    assert audit.rows[0].runner_up is Stage.promote


def test_html_is_read_as_visible_text() -> None:
    page = (
        "<html><head><title>Hi</title><link rel='canonical' href='https://x.example/p'>"
        "<style>p{color:red}</style><script>buyNow()</script></head>"
        "<body><h1>Calm&nbsp;grooming</h1><p>One dog<br>at a time &amp; no rush.</p></body></html>"
    )
    text, url = html_to_text(page)
    assert text == "Hi\nCalm grooming\nOne dog\nat a time & no rush."
    assert url == "https://x.example/p"


def test_folder_reading_skips_hidden_files_and_the_report_folder(tmp_path: Path) -> None:
    (tmp_path / "ad.txt").write_text("Calm grooming for nervous dogs.", encoding="utf-8")
    (tmp_path / ".draft.txt").write_text("an editor's backup", encoding="utf-8")
    (tmp_path / "report").mkdir()
    (tmp_path / "report" / "audit.md").write_text("# last run's report", encoding="utf-8")
    (tmp_path / "logo.png").write_bytes(b"\x89PNG")
    found = read_assets(tmp_path, exclude=tmp_path / "report")
    assert [a.id for a in found.assets] == ["ad.txt"] and found.skipped == ("logo.png",)


# --- cvj scorecard ---------------------------------------------------------------------------


def test_scorecard_prints_eight_rows_with_kpis(home: Path) -> None:
    result = cvj("scorecard", "--business", str(PAWS), home=home)
    assert result.returncode == 0, result.stderr
    assert "Growth Scorecard — Paws & Suds Grooming" in result.stdout
    lines = result.stdout.splitlines()
    for stage in Stage:  # a row starts "│ 4 │ convert │ Entry-point …" (cells wrap in an 80-column pipe)
        row = next(line for line in lines if line.startswith(f"│ {stage.number} │ {stage.value} "))
        assert stage.info.kpi.split()[0] in row and "____" in row
    assert sum(line.startswith("│ ") and line[2].isdigit() for line in lines) == 8


def test_scorecard_json_and_csv(home: Path, tmp_path: Path) -> None:
    target = tmp_path / "scorecard.csv"
    result = cvj("scorecard", "--business", str(PAWS), "--json", "--out", str(target), home=home)
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert [r["stage"] for r in rows] == [s.value for s in Stage]
    assert set(rows[0]) == {"number", "stage", "kpi", "measure", "offer", "target", "actual"}
    assert all(r["kpi"] == Stage(r["stage"]).info.kpi and r["measure"] for r in rows)
    assert rows[2]["offer"] == "The Calm Grooming Checklist (free)" and rows[0]["offer"] is None
    assert "clicks divided by impressions" in rows[0]["measure"]
    table = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert len(table) == 8 and all(r["target"] == "" and r["actual"] == "" for r in table)
    assert table[3]["kpi"] == Stage.convert.info.kpi


def test_scorecard_rejects_an_unknown_out_format(home: Path, tmp_path: Path) -> None:
    target = tmp_path / "scorecard.pdf"
    result = cvj("scorecard", "--business", str(PAWS), "--out", str(target), home=home)
    assert result.returncode == 2 and "expected a .csv or .md file name" in result.stderr
    assert not target.exists()
