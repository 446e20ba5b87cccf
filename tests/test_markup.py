"""User text in Markdown shows as typed: no tag, link, image or entity survives (issue 13, item 1)."""

from __future__ import annotations

import pytest

from planner.markup import md_escape, md_safe


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)>"),
        ("[win](javascript:alert(1))", "\\[win\\](javascript:alert(1))"),
        ("![x](http://evil/x.png)", "!\\[x\\](http://evil/x.png)"),
        ("\\[undo the escape](x)", "\\\\\\[undo the escape\\](x)"),
        ("Tom &amp; Jerry &#60;b>", "Tom &amp;amp; Jerry &amp;#60;b>"),
        ("Paws & Suds {{first_name}} **bold**", "Paws & Suds {{first_name}} **bold**"),
    ],
)
def test_md_safe_neutralises_what_builds_elements_and_keeps_the_rest(text: str, expected: str) -> None:
    assert md_safe(text) == expected


def test_md_escape_also_shows_emphasis_and_headings_literally() -> None:
    assert md_escape("# *Big* _sale_ | `now`") == "\\# \\*Big\\* \\_sale\\_ \\| \\`now\\`"


def test_rendered_markdown_has_no_html_element() -> None:
    from markdown_it import MarkdownIt

    hostile = "<script>alert(1)</script> <img src=x onerror=alert(2)> [a](javascript:x) ![i](x) &lt;b&gt;"
    html = MarkdownIt("commonmark").render(md_safe(hostile))
    assert "<script" not in html and "<img" not in html and "<a " not in html
    assert "&lt;script&gt;" in html  # shown, as text
