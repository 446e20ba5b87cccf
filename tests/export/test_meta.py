"""meta-ads: a Meta Ads Manager bulk-import sheet, UTF-16 with tabs, read back with the csv module."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from planner.export import ExportError, ExportOptions, export_file
from planner.profile import Profile
from tests.export.drafts import FIELDS, record, write
from tests.export.golden import assert_golden
from tests.export.sheets import read_sheet

COLUMNS = [
    "Campaign Name",
    "Campaign Status",
    "Ad Set Name",
    "Ad Name",
    "Ad Status",
    "Title",
    "Body",
    "Link Description",
    "Link",
    "Call to Action",
]
BLANKS = ["Link Object ID", "Conversion Tracking Pixels", "Image File Name"]


def test_golden_and_read_back_as_utf16_tsv(drafts_file: Path, options: ExportOptions, tmp_path: Path) -> None:
    out = tmp_path / "meta"
    export_file(drafts_file, "meta-ads", out, options)
    assert_golden(out, "meta-ads")
    raw = (out / "meta-ads.csv").read_bytes()
    assert raw.startswith(b"\xff\xfe") and b"\t\x00" in raw  # UTF-16LE with tabs
    header, rows = read_sheet(out / "meta-ads.csv")
    assert set(COLUMNS + BLANKS) <= set(header)
    assert [r["Ad Name"] for r in rows] == [
        "paws-suds-grooming.aware.social_ad.v1",
        "paws-suds-grooming.aware.social_ad.v2",
    ]
    first, second = rows
    assert first["Body"] == FIELDS[("social_ad", 1)]["primary_text"]  # the line breaks survive the quoting
    assert (first["Title"], first["Link Description"]) == (
        "Grooming, minus the shaking",
        "Free checklist: calmer baths",
    )
    assert [first["Call to Action"], second["Call to Action"]] == ["LEARN_MORE", "SIGN_UP"]
    # {{landing_link}} falls back to the website; a real destination is kept.
    assert [first["Link"], second["Link"]] == [
        "https://pawsandsuds.example",
        "https://pawsandsuds.example/seniors",
    ]
    for row in rows:
        assert row["Ad Status"] == row["Campaign Status"] == "PAUSED"
        assert row["Ad Set Name"] == "Aware" and row["Campaign Name"] == "Paws & Suds Grooming"
        assert all(row[b] == "" for b in BLANKS)
        assert len(row["Title"]) <= 40 and len(row["Link Description"]) <= 60 and len(row["Body"]) <= 500
    readme = (out / "README.md").read_text()
    assert all(f"`{b}`" in readme for b in BLANKS)


def test_utf8_on_request(drafts_file: Path, paws: Profile, tmp_path: Path) -> None:
    export_file(drafts_file, "meta-ads", tmp_path / "m", ExportOptions(business=paws, encoding="utf-8"))
    header, rows = read_sheet(tmp_path / "m" / "meta-ads.csv")
    assert "Call to Action" in header and len(rows) == 2


def test_final_url_overrides_every_destination(drafts_file: Path, paws: Profile, tmp_path: Path) -> None:
    options = ExportOptions(business=paws, final_url="https://go.example/spring")
    export_file(drafts_file, "meta-ads", tmp_path / "m", options)
    assert {r["Link"] for r in read_sheet(tmp_path / "m" / "meta-ads.csv")[1]} == {
        "https://go.example/spring"
    }


def test_links_fill_the_landing_link(drafts_file: Path, tmp_path: Path) -> None:
    export_file(
        drafts_file, "meta-ads", tmp_path / "m", ExportOptions(links={"landing_link": "https://l.example"})
    )
    links = [r["Link"] for r in read_sheet(tmp_path / "m" / "meta-ads.csv")[1]]
    assert links == ["https://l.example", "https://pawsandsuds.example/seniors"]


def _ad(**fields: Any) -> dict[str, Any]:
    return record("social_ad", 1, fields={**FIELDS[("social_ad", 1)], **fields})


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({}, "has no URL — pass --final-url"),  # no profile, no links: {{landing_link}} goes nowhere
        ({"destination": "our website"}, "is not a web address"),
        ({"headline": "Hi {{first_name}}"}, "merge tag"),
        ({"headline": "h" * 41}, "41 characters, over the 40"),
    ],
)
def test_an_ad_meta_cannot_take_stops_the_export(
    tmp_path: Path, fields: dict[str, Any], message: str
) -> None:
    drafts = write(tmp_path / "d.jsonl", [_ad(**fields)])
    with pytest.raises(ExportError, match=message):
        export_file(drafts, "meta-ads", tmp_path / "out", ExportOptions())
    assert not (tmp_path / "out").exists()


def test_formula_cells_are_neutralised(tmp_path: Path, paws: Profile) -> None:
    drafts = write(
        tmp_path / "d.jsonl", [_ad(description="=1+1 calmer baths", primary_text="@everyone calm")]
    )
    export_file(drafts, "meta-ads", tmp_path / "m", ExportOptions(business=paws))
    row = read_sheet(tmp_path / "m" / "meta-ads.csv")[1][0]
    assert (row["Link Description"], row["Body"]) == ("'=1+1 calmer baths", "'@everyone calm")
