"""The `cvj` command-line contract, run as a real subprocess against a real on-disk store."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest

from planner.assets import ASSET_MODELS
from planner.stages import Stage
from tests.conftest import EXAMPLES, PAWS, beyond_pending, campaign_exit_ok, composer_passes, cvj


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("home")


@pytest.fixture(scope="module")
def campaign_dir(home: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("campaign") / "out"
    result = cvj("campaign", "--business", str(PAWS), "--out", str(out), "--variants", "3", home=home)
    assert campaign_exit_ok(result, out / "drafts.jsonl"), result.stdout + result.stderr
    assert re.search(r"48 drafts, \d+ pass every stage check", result.stdout)
    return out


def _drafts(out: Path) -> list[dict]:  # type: ignore[type-arg]
    return [json.loads(line) for line in (out / "drafts.jsonl").read_text().splitlines()]


def test_stages_lists_all_in_order(home: Path) -> None:
    result = cvj("stages", "--json", home=home)
    rows = json.loads(result.stdout)
    assert [r["stage"] for r in rows] == [s.value for s in Stage]
    assert sum(len(r["assets"]) for r in rows) == 16 and all(len(r["assets"]) >= 2 for r in rows)


def test_campaign_writes_all_assets(campaign_dir: Path) -> None:
    drafts = _drafts(campaign_dir)
    assert len(drafts) == 48
    assert {d["asset_type"] for d in drafts} == set(ASSET_MODELS)
    for d in drafts:
        assert set(d) >= {"id", "stage", "asset_type", "variant", "fields", "text", "sources", "checks"}
        assert composer_passes(d) and d["sources"], d["id"]
        ASSET_MODELS[d["asset_type"]].model_validate(d["fields"])
    markdown = (campaign_dir / "campaign.md").read_text()
    assert all(f"{s.number}. {s.info.title}" in markdown for s in Stage)
    rows = list(csv.DictReader((campaign_dir / "campaign.csv").open()))
    assert len(rows) == 48 and rows[0]["id"] == drafts[0]["id"]


def test_campaign_output_passes_check(campaign_dir: Path, home: Path) -> None:
    result = cvj("check", str(campaign_dir / "drafts.jsonl"), "--business", str(PAWS), home=home)
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert result.returncode == (0 if all(line["passed"] for line in lines) else 1), result.stdout
    assert len(lines) == 48 and all(beyond_pending(line["failures"]) == [] for line in lines)
    assert all(set(line) == {"id", "passed", "failures", "warnings"} for line in lines)
    assert [line["passed"] for line in lines] == [d["checks"]["passed"] for d in _drafts(campaign_dir)]


def test_campaign_is_deterministic_with_stable_ids(campaign_dir: Path, home: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    result = cvj("campaign", "--business", str(PAWS), "--out", str(again), "--variants", "3", home=home)
    assert campaign_exit_ok(result, again / "drafts.jsonl")
    assert (again / "drafts.jsonl").read_text() == (campaign_dir / "drafts.jsonl").read_text()
    assert _drafts(again)[0]["id"] == "paws-suds-grooming.aware.search_ad.v1"


def test_campaign_stage_subset(home: Path, tmp_path: Path) -> None:
    result = cvj("campaign", "-b", str(PAWS), "-o", str(tmp_path), "--stages", "promote,aware", home=home)
    assert campaign_exit_ok(result, tmp_path / "drafts.jsonl"), result.stdout + result.stderr
    assert [d["stage"] for d in _drafts(tmp_path)] == ["aware", "aware", "promote", "promote"]


@pytest.mark.parametrize("profile", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.stem)
def test_every_example_campaign_passes(profile: Path, home: Path, tmp_path: Path) -> None:
    result = cvj("campaign", "-b", str(profile), "-o", str(tmp_path), "-n", "2", home=home)
    assert campaign_exit_ok(result, tmp_path / "drafts.jsonl"), result.stdout + result.stderr


def test_draft_command(home: Path) -> None:
    result = cvj(
        "draft",
        "-b",
        str(PAWS),
        "--stage",
        "advocate",
        "--asset",
        "review_request_email",
        "--variants",
        "2",
        "--json",
        home=home,
    )
    drafts = [json.loads(line) for line in result.stdout.splitlines()]
    assert result.returncode == (0 if all(d["checks"]["passed"] for d in drafts) else 1), result.stderr
    assert all(composer_passes(d) for d in drafts)
    assert [d["variant"] for d in drafts] == [1, 2] and "{{review_link}}" in drafts[0]["text"]


def test_draft_rejects_asset_from_another_stage(home: Path) -> None:
    result = cvj("draft", "-b", str(PAWS), "--stage", "aware", "--asset", "welcome_email", home=home)
    assert result.returncode == 2 and "belongs to the excite stage" in result.stderr


def test_bad_stage_is_exit_2(home: Path, tmp_path: Path) -> None:
    result = cvj(
        "campaign", "-b", str(PAWS), "-o", str(tmp_path / "o"), "--stages", "aware,delight", home=home
    )
    assert result.returncode == 2 and "unknown stage 'delight'" in result.stderr
    assert not (tmp_path / "o").exists()


def test_bad_profile_is_exit_2_and_writes_nothing(home: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(PAWS.read_text().replace("price: 89", "price: -89"))
    out = tmp_path / "out"
    result = cvj("campaign", "-b", str(bad), "-o", str(out), home=home)
    assert result.returncode == 2
    assert (
        str(bad) in result.stderr and "offers[2].price" in result.stderr and "Traceback" not in result.stderr
    )
    assert not out.exists()


def test_check_reports_failures_and_exit_1(home: Path, tmp_path: Path) -> None:
    drafts = tmp_path / "d.jsonl"
    drafts.write_text(
        json.dumps({"id": "ok", "stage": "subscribe", "text": "Enter your email for the free checklist."})
        + "\n"
        + json.dumps({"id": "bad", "stage": "engage", "text": "Buy the Sudsy Club Membership now!"})
        + "\n"
    )
    result = cvj("check", str(drafts), "--business", str(PAWS), home=home)
    assert result.returncode == 1
    ok, bad = (json.loads(line) for line in result.stdout.splitlines())
    assert ok == {"id": "ok", "passed": True, "failures": [], "warnings": []}
    assert bad["passed"] is False and {"premium-offer", "purchase-cta"} <= {
        f["check"] for f in bad["failures"]
    }
    assert all(set(f) == {"check", "message"} for f in bad["failures"])


def test_check_warnings_never_change_the_exit_code(home: Path, tmp_path: Path) -> None:
    subject = "Subject: Your first calm groom at Paws & Suds is booked for Saturday\n\nSee you then!"
    drafts = tmp_path / "d.jsonl"
    drafts.write_text(json.dumps({"id": "w", "stage": "excite", "text": subject}) + "\n")
    result = cvj("check", str(drafts), "--business", str(PAWS), home=home)
    assert result.returncode == 0, result.stdout + result.stderr
    line = json.loads(result.stdout)
    assert line["passed"] is True and line["failures"] == []
    assert [w["check"] for w in line["warnings"]] == ["subject-length"]
    assert "1 of 1 drafts pass; 1 with warnings" in result.stderr


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ('{"id": "x", "stage": "aware"}', "missing 'text'"),
        ('{"id": "x", "stage": "delight", "text": "hi"}', "unknown stage 'delight'"),
        ('{"id": "x", "stage": "aware", "text": "hi"', "not valid JSON"),
        ('{"id": "x", "stage": "aware", "text": "hi", "asset_type": "poster"}', "unknown asset_type"),
        ('["not", "an", "object"]', "must be a JSON object"),
    ],
)
def test_check_bad_line_is_exit_2(home: Path, tmp_path: Path, line: str, reason: str) -> None:
    drafts = tmp_path / "d.jsonl"
    good = json.dumps({"id": "a", "stage": "aware", "text": "Free checklist"})
    drafts.write_text(f"{good}\n{line}\n")
    result = cvj("check", str(drafts), "--business", str(PAWS), home=home)
    assert result.returncode == 2
    assert f"{drafts}:2:" in result.stderr and reason in result.stderr
    assert result.stdout == ""


def test_ingest_twice(home: Path) -> None:
    first = cvj("ingest", "--business", str(PAWS), home=home)
    second = cvj("ingest", "--business", str(PAWS), home=home)
    assert first.returncode == 0 and second.returncode == 0
    assert "guides: 0 added" in second.stdout and "profile: 0 added" in second.stdout
    count = [line for line in second.stdout.splitlines() if line.startswith("store:")]
    assert count == [line for line in first.stdout.splitlines() if line.startswith("store:")]
