"""The Audit tab's input handling and view, without the browser (the browser test drives the real tab)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from planner.app._audit_view import audit_html, collect, pasted_assets, uploaded_assets
from planner.errors import UserError

AUDIT = Path(__file__).parent.parent / "data" / "audit"


def test_pasted_blocks_split_on_dash_lines() -> None:
    assets = pasted_assets("First ad\n---\n\n  \n-----\nSecond email\nline two\n ---  \n")
    assert [(a.id, a.text) for a in assets] == [
        ("pasted-1", "First ad"),
        ("pasted-2", "Second email\nline two"),
    ]


def test_uploads_read_like_the_cli_folder_reader() -> None:
    assets = uploaded_assets([AUDIT / "blog" / "matted-fur.html", AUDIT / "assets.jsonl"])
    assert assets[0].id == "matted-fur.html" and "<" not in assets[0].text
    assert len(assets) > 2 and assets[1].id == "fb-ad-anxious"


@pytest.mark.parametrize(
    ("text", "files", "expected"),
    [
        ("", [], "nothing to audit"),
        ("x" * 200_001, [], "paste under 200,000"),
        ("", [AUDIT / "expected.yaml"], "expected.yaml: not an asset file"),
        ("", [AUDIT / "ads" / "google-search-ad.txt"] * 2, "share the id"),
    ],
)
def test_bad_input_is_one_clear_message(text: str, files: list[Path], expected: str) -> None:
    with pytest.raises(UserError, match=expected):
        collect(text, files)


def test_view_shows_the_fix_the_chart_and_every_asset(paws: Any) -> None:
    from planner.audit._journey import audit_assets
    from planner.classify._model import get_classifier

    assets = collect(
        (AUDIT / "emails" / "review-request.txt").read_text(), [AUDIT / "ads" / "google-search-ad.txt"]
    )
    html = audit_html(audit_assets(paws, assets, get_classifier()))
    assert "First stage to fix: Engage (empty)" in html
    assert html.count("<svg") == 1 and "review-incentive" in html
    assert "pasted-1" in html and "google-search-ad.txt" in html
