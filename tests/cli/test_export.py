"""`cvj export` and `cvj campaign --export` as real subprocesses: exit codes, messages, and the files a
3-variant campaign of the Paws & Suds example exports (structure and limits, not the composer's prose)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from planner.assets import ASSET_MODELS
from planner.stages import Stage
from tests.conftest import PAWS, cvj
from tests.export.drafts import FIELDS, all_records, record, write
from tests.export.sheets import read_sheet
from tests.export.test_calendar import events
from tests.export.test_google import check_google_rows
from tests.export.test_meta import BLANKS, COLUMNS


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("home")


@pytest.fixture(scope="module")
def campaign(home: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("campaign") / "paws"
    formats = "google-ads,meta-ads,mailchimp,calendar"
    result = cvj("campaign", "-b", str(PAWS), "-o", str(out), "-n", "3", "--export", formats, home=home)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "google-ads: wrote 2 files" in result.stdout and "calendar: wrote 3 files" in result.stdout
    return out


def drafts_of(out: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in (out / "drafts.jsonl").read_text().splitlines()]


def test_google_ads_one_row_per_search_ad_within_limits(campaign: Path) -> None:
    header, rows = read_sheet(campaign / "export" / "google-ads" / "google-ads.csv")
    search_ads = [d for d in drafts_of(campaign) if d["asset_type"] == "search_ad"]
    assert len(rows) == len(search_ads) == 3
    assert header[-1] == "Status" and "Final URL" in header
    check_google_rows(rows)  # 3-15 headlines ≤ 30, 2-4 descriptions ≤ 90, paths ≤ 15
    assert {r["Final URL"] for r in rows} == {"https://pawsandsuds.example"}


def test_meta_sheet_reads_back_as_utf16_tsv(campaign: Path) -> None:
    path = campaign / "export" / "meta-ads" / "meta-ads.csv"
    assert path.read_bytes().startswith(b"\xff\xfe")
    header, rows = read_sheet(path)
    assert set(COLUMNS + BLANKS) <= set(header) and len(rows) == 3
    assert all(r["Ad Status"] == "PAUSED" and r["Link"].startswith("https://") for r in rows)


def test_every_mailchimp_email_greets_by_name_and_unsubscribes(campaign: Path) -> None:
    folder = campaign / "export" / "mailchimp"
    by_id = {d["id"]: d for d in drafts_of(campaign)}
    lines = [json.loads(line) for line in (folder / "manifest.jsonl").read_text().splitlines()]
    assert len(lines) == 8 * 3
    for m in lines:
        html = (folder / m["files"]["html"]).read_text()
        assert "*|UNSUB|*" in html
        if "{{first_name}}" in json.dumps(by_id[m["id"]]["fields"]):
            assert "*|FNAME|*" in html, m["id"]
        assert "{{" not in html


def test_calendar_one_event_per_draft_in_journey_order(campaign: Path) -> None:
    found = events(campaign / "export" / "calendar" / "calendar.ics")
    drafts = drafts_of(campaign)
    assert len(found) == len(drafts) == 3 * len(ASSET_MODELS)
    stages = [Stage(e.uid.split(".")[1]).number for e in found]
    assert stages == sorted(stages) and [e.start for e in found] == sorted(e.start for e in found)


def test_export_command_writes_and_reports(home: Path, tmp_path: Path) -> None:
    drafts = write(tmp_path / "drafts.jsonl", all_records())
    links = tmp_path / "links.yaml"
    links.write_text("review_link: https://g.page/r/paws\n")
    result = cvj(
        "export", str(drafts), "--to", "brevo", "--out", str(tmp_path / "brevo"), "-b", str(PAWS),
        "--links", str(links), home=home,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert f"brevo: wrote 26 files to {tmp_path / 'brevo'}" in result.stdout
    assert (
        "https://g.page/r/paws"
        in (tmp_path / "brevo" / "05-paws-suds-grooming.advocate.review_request_email.v1.html").read_text()
    )
    result = cvj(
        "export", str(drafts), "--to", "calendar", "--out", str(tmp_path / "cal"), "--start", "2027-03-01",
        "--encoding", "utf-16", home=home,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert read_sheet(tmp_path / "cal" / "calendar.csv")[1][0]["date"] == "2027-03-01"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--to", "tiktok"], "unknown export format 'tiktok' — expected one of google-ads, meta-ads"),
        (["--to", "google-ads"], "needs a final URL for its ads — pass --final-url"),
        (
            ["--to", "google-ads", "--final-url", "pawsandsuds.example"],
            "--final-url: 'pawsandsuds.example' is not",
        ),
        (
            ["--to", "calendar", "--start", "03/01/2027"],
            "--start '03/01/2027' is not a date — write it as YYYY-MM-DD",
        ),
        (["--to", "calendar", "--encoding", "latin-1"], "--encoding 'latin-1' — expected utf-8 or utf-16"),
        (["--to", "kit", "--encoding", "utf-16"], "--encoding applies to google-ads, meta-ads and calendar"),
    ],
)
def test_bad_input_exits_2_and_writes_nothing(
    home: Path, tmp_path: Path, args: list[str], message: str
) -> None:
    drafts = write(tmp_path / "drafts.jsonl", all_records())
    result = cvj("export", str(drafts), "--out", str(tmp_path / "out"), *args, home=home)
    assert result.returncode == 2, result.stdout + result.stderr
    assert message in result.stderr
    assert not (tmp_path / "out").exists()


def test_a_failed_draft_and_a_long_headline_are_listed_with_file_line_and_fix(
    home: Path, tmp_path: Path
) -> None:
    broken = record("search_ad", 2, fields={}, text="")
    broken["checks"] = {
        "passed": False,
        "failures": [{"check": "generation", "message": "cannot reach the server"}],
    }
    long = record(
        "search_ad",
        1,
        fields={**FIELDS[("search_ad", 1)], "headlines": ["[bold]Sale[/bold] on every groom", "B", "C"]},
    )
    drafts = write(tmp_path / "drafts.jsonl", [long, broken])
    result = cvj(
        "export",
        str(drafts),
        "--to",
        "google-ads",
        "--out",
        str(tmp_path / "out"),
        "-b",
        str(PAWS),
        home=home,
    )
    assert result.returncode == 2
    err = result.stderr
    assert "cannot export google-ads: 2 problem(s), nothing written" in err
    assert (
        f"{drafts}:2 (paws-suds-grooming.aware.search_ad.v2): was never written (cannot reach the server)"
        in err
    )
    assert "cvj batch --resume" in err
    assert f"{drafts}:1" in err and "[bold]Sale[/bold] on every groom" in err  # user text, not rich markup
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("formats", "message"),
    [
        ("fax", "unknown export format 'fax'"),
        ("calendar,google-ads", "--export google-ads exports search_ad, which these stages do not draft"),
    ],
)
def test_campaign_refuses_a_bad_export_before_drafting(
    home: Path, tmp_path: Path, formats: str, message: str
) -> None:
    out = tmp_path / "c"
    result = cvj(
        "campaign", "-b", str(PAWS), "-o", str(out), "--stages", "engage", "--export", formats, home=home
    )
    assert result.returncode == 2 and message in result.stderr
    assert not out.exists()
