"""google-ads: a Google Ads Editor import of responsive search ads, checked against Google's limits."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from planner.errors import UserError
from planner.export import ExportError, ExportOptions, export_file
from planner.profile import Profile
from tests.export.drafts import FIELDS, record, write
from tests.export.golden import assert_golden
from tests.export.sheets import read_sheet

HEADER = [
    "Campaign",
    "Ad group",
    "Ad type",
    *(f"Headline {i}" for i in range(1, 16)),
    *(f"Description {i}" for i in range(1, 5)),
    "Path 1",
    "Path 2",
    "Final URL",
    "Status",
]


def check_google_rows(rows: list[dict[str, str]]) -> None:
    """Google's limits, re-checked on what was written."""
    for row in rows:
        headlines = [row[f"Headline {i}"] for i in range(1, 16) if row[f"Headline {i}"]]
        descriptions = [row[f"Description {i}"] for i in range(1, 5) if row[f"Description {i}"]]
        assert 3 <= len(headlines) <= 15 and all(len(h) <= 30 for h in headlines), headlines
        assert 2 <= len(descriptions) <= 4 and all(len(d) <= 90 for d in descriptions), descriptions
        assert len({h.lower() for h in headlines}) == len(headlines)
        for path in (row["Path 1"], row["Path 2"]):
            assert len(path) <= 15 and "/" not in path
        assert row["Ad type"] == "Responsive search ad" and row["Status"] == "Paused"
        assert row["Final URL"].startswith("https://")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_golden_and_read_back(
    drafts_file: Path, options: ExportOptions, tmp_path: Path, encoding: Any
) -> None:
    out = tmp_path / "google"
    chosen = ExportOptions(business=options.business, encoding=encoding)
    result = export_file(drafts_file, "google-ads", out, chosen)
    assert_golden(out, f"google-ads-{encoding}")
    header, rows = read_sheet(out / "google-ads.csv")
    assert header == HEADER
    assert [r["Headline 1"] for r in rows] == [
        "Calm Dog Grooming",
        "Matted Fur, Gently Fixed",
    ]  # one row per ad
    assert {r["Campaign"] for r in rows} == {"Paws & Suds Grooming"} and {r["Ad group"] for r in rows} == {
        "Aware"
    }
    assert {r["Final URL"] for r in rows} == {"https://pawsandsuds.example"}
    check_google_rows(rows)
    raw = (out / "google-ads.csv").read_bytes()
    assert raw.startswith(b"\xff\xfe" if encoding == "utf-16" else b"\xef\xbb\xbf")
    assert any("3 distinct headlines" in w for w in result.warnings)  # v2 has 3: fewer than the advised 5


def test_final_url_flag_then_links_then_website(drafts_file: Path, tmp_path: Path, paws: Profile) -> None:
    flag = ExportOptions(
        business=paws, final_url="https://x.example/a", links={"landing_link": "https://y.example"}
    )
    export_file(drafts_file, "google-ads", tmp_path / "a", flag)
    assert {r["Final URL"] for r in read_sheet(tmp_path / "a" / "google-ads.csv")[1]} == {
        "https://x.example/a"
    }
    export_file(
        drafts_file, "google-ads", tmp_path / "b", ExportOptions(links={"landing_link": "https://y.example"})
    )
    assert {r["Final URL"] for r in read_sheet(tmp_path / "b" / "google-ads.csv")[1]} == {"https://y.example"}


def test_no_url_anywhere_is_refused(drafts_file: Path, tmp_path: Path) -> None:
    with pytest.raises(UserError, match="--final-url"):
        export_file(drafts_file, "google-ads", tmp_path / "out", ExportOptions())
    assert not (tmp_path / "out").exists()


def _ad(**fields: Any) -> dict[str, Any]:
    return record("search_ad", 1, fields={**FIELDS[("search_ad", 1)], **fields})


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"headlines": ["One", "Two"]}, "at least 3"),
        ({"headlines": ["Same headline", "same headline", "Other"]}, "2 distinct headlines"),
        ({"descriptions": ["Only one description."]}, "at least 2"),
        ({"headlines": ["A headline that is 31 chars ok!", "B", "C"]}, "31 characters, over the 30"),
        ({"descriptions": ["d" * 91, "Fine."]}, "91 characters, over the 90"),
        ({"display_path": ["sixteen-chars-xx"]}, "16 characters, over the 15"),
        ({"display_path": ["calm/grooming"]}, "contains '/'"),
        ({"headlines": ["Hi {{first_name}}", "B", "C"]}, "merge tag"),
        ({"headlines": ["=HYPERLINK(1,2) and on and on!", "B", "C"]}, "apostrophe"),
    ],
)
def test_an_ad_google_would_refuse_stops_the_export(
    tmp_path: Path, paws: Profile, fields: dict[str, Any], message: str
) -> None:
    good = record("search_ad", 2)
    drafts = write(tmp_path / "drafts.jsonl", [good, _ad(**fields)])
    with pytest.raises(ExportError, match=message) as refused:
        export_file(drafts, "google-ads", tmp_path / "out", ExportOptions(business=paws))
    assert "drafts.jsonl:2 (paws-suds-grooming.aware.search_ad.v1)" in str(refused.value)
    assert not (tmp_path / "out").exists()  # nothing written, not even the good ad
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".out")]  # no temp folder left


def test_a_formula_start_is_neutralised(tmp_path: Path, paws: Profile) -> None:
    drafts = write(
        tmp_path / "d.jsonl", [_ad(headlines=["+15 years of calm", "@home tips", "-20% first visit"])]
    )
    result = export_file(drafts, "google-ads", tmp_path / "out", ExportOptions(business=paws))
    row = read_sheet(tmp_path / "out" / "google-ads.csv")[1][0]
    assert [row["Headline 1"], row["Headline 2"], row["Headline 3"]] == [
        "'+15 years of calm",
        "'@home tips",
        "'-20% first visit",
    ]
    assert result.warnings  # three headlines: fewer than five


def test_crowded_ad_group_is_a_warning(tmp_path: Path, paws: Profile) -> None:
    ads = [record("search_ad", v, fields=FIELDS[("search_ad", 1)]) for v in range(1, 5)]
    result = export_file(
        write(tmp_path / "d.jsonl", ads), "google-ads", tmp_path / "out", ExportOptions(business=paws)
    )
    assert any("at most 3 enabled" in w for w in result.warnings)
    assert len(read_sheet(tmp_path / "out" / "google-ads.csv")[1]) == 4
