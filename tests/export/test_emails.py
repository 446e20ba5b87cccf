"""Email platforms: every email-like draft as HTML, text and an API payload, in journey order, read back with
html.parser and checked for escaping, merge tags, links and the unsubscribe line."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from planner.export import EMAIL_TYPES, LINK_TAGS, PLATFORMS, ExportError, ExportOptions, export_file
from planner.profile import Profile
from tests.export.drafts import FIELDS, record, write
from tests.export.golden import assert_golden

VOID = {"meta", "br", "img", "hr", "link", "input"}
SYNTAX = {  # first name, unsubscribe address, a per-contact link placeholder
    "mailchimp": ("*|FNAME|*", "*|UNSUB|*", "*|REVIEWURL|*"),
    "klaviyo": (
        "{{ first_name|default:'there' }}",
        "{% unsubscribe_link %}",
        "{{ person|lookup:'review_link' }}",
    ),
    "hubspot": ("{{ contact.firstname }}", "{{ unsubscribe_link_all }}", "{{ contact.review_link }}"),
    "kit": (
        '{{ subscriber.first_name | default: "there" }}',
        "{{ unsubscribe_url }}",
        "{{ subscriber.review_link }}",
    ),
    "brevo": ("{{ contact.FIRSTNAME|default:'there' }}", "{{ unsubscribe }}", "{{ contact.REVIEW_LINK }}"),
}


class Page(HTMLParser):
    """Tags must nest; collects the text, the anchors and every start tag seen."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.tags: list[str] = []
        self.hrefs: list[str] = []
        self.text: list[str] = []
        self.meta: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag == "a":
            self.hrefs.append(dict(attrs)["href"] or "")
        if tag == "meta":
            self.meta.append(dict(attrs))
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes {self.stack[-1:]}"
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    assert page.stack == [], f"unclosed {page.stack}"
    return page


def manifest(out: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in (out / "manifest.jsonl").read_text().splitlines()]


@pytest.mark.parametrize("platform", list(PLATFORMS))
def test_golden_and_read_back(
    drafts_file: Path, options: ExportOptions, tmp_path: Path, platform: str
) -> None:
    out = tmp_path / platform
    export_file(drafts_file, platform, out, options)
    assert_golden(out, platform)
    first_name, unsubscribe, review = SYNTAX[platform]
    fields = {PLATFORMS[platform].field(tag) for tag in (*LINK_TAGS, "referral_code")}
    placeholders = {first_name, unsubscribe, *fields}
    lines = manifest(out)
    assert [m["asset_type"] for m in lines] == list(EMAIL_TYPES)  # one each, in journey order
    assert [m["position"] for m in lines] == list(range(1, len(EMAIL_TYPES) + 1))
    assert [m["stage_number"] for m in lines] == sorted(m["stage_number"] for m in lines)
    for m in lines:
        assert m["trigger"] in {"first_touch", "opt_in", "first_purchase", "core_purchase"}
        assert isinstance(m["delay_days"], int) and m["subject"]
        page = parse(out / m["files"]["html"])
        text = "".join(page.text)
        assert {"name": "viewport", "content": "width=device-width, initial-scale=1"} in page.meta
        assert "script" not in page.tags  # pasted markup is shown, never run
        assert unsubscribe in page.hrefs and "Unsubscribe" in text
        assert all(h.startswith("https://") or h in placeholders for h in page.hrefs), page.hrefs
        body = json.dumps(FIELDS[(m["asset_type"], 1)])
        assert (first_name in text) == ("{{first_name}}" in body)
        for tag in placeholders:
            text = text.replace(tag, "")
        assert not re.search(r"\{\{|\{%|\*\|", text), text  # every merge tag is in the platform's syntax
        plain = (out / m["files"]["text"]).read_text()
        assert plain.rstrip().endswith(f"Unsubscribe: {unsubscribe}")
        payload = json.loads((out / m["files"]["api_payload"]).read_text())
        assert payload["platform"] == platform and payload["requests"]
    welcome = parse(out / lines[1]["files"]["html"])
    assert "<script>alert('x')</script> stays text." in "".join(welcome.text)
    assert "https://pawsandsuds.example/first-visit" in welcome.hrefs  # a bare address becomes a link
    review_email = parse(out / lines[4]["files"]["html"])
    assert review in review_email.hrefs  # no --links: the platform's per-contact placeholder
    assert review in (out / "README.md").read_text()


def test_mailchimp_greets_by_name_and_can_unsubscribe(
    drafts_file: Path, options: ExportOptions, tmp_path: Path
) -> None:
    export_file(drafts_file, "mailchimp", tmp_path / "mc", options)
    greeted = 0
    for m in manifest(tmp_path / "mc"):
        source = (tmp_path / "mc" / m["files"]["html"]).read_text()
        assert '<a href="*|UNSUB|*"' in source
        greets = "Hi {{first_name}}," in FIELDS[(m["asset_type"], 1)].get("body", "")
        assert ("Hi *|FNAME|*," in source) == greets, m["id"]
        greeted += greets
    assert greeted == 6


def test_payloads_have_each_platform_shape(drafts_file: Path, options: ExportOptions, tmp_path: Path) -> None:
    bodies = {}
    for platform in PLATFORMS:
        export_file(drafts_file, platform, tmp_path / platform, options)
        first = manifest(tmp_path / platform)[0]["files"]["api_payload"]
        bodies[platform] = json.loads((tmp_path / platform / first).read_text())["requests"]
    create, content = bodies["mailchimp"]
    assert create["method"] == "POST" and create["url"].endswith("/3.0/campaigns")
    assert create["body"]["type"] == "regular" and create["body"]["settings"]["subject_line"]
    assert content["method"] == "PUT" and set(content["body"]) == {"html", "plain_text"}
    (klaviyo,) = bodies["klaviyo"]
    assert klaviyo["url"] == "https://a.klaviyo.com/api/templates" and klaviyo["headers"]["revision"]
    attributes = klaviyo["body"]["data"]["attributes"]
    assert klaviyo["body"]["data"]["type"] == "template" and attributes["editor_type"] == "CODE"
    assert attributes["html"].startswith("<!DOCTYPE html>") and attributes["text"]
    (hubspot,) = bodies["hubspot"]
    assert hubspot["url"] == "https://api.hubapi.com/marketing/v3/emails/" and hubspot["body"]["name"]
    assert hubspot["body"]["content"]["plainTextVersion"] and hubspot["body"]["subject"]
    (kit,) = bodies["kit"]
    assert kit["url"] == "https://api.kit.com/v4/broadcasts" and kit["body"]["send_at"] is None
    assert kit["body"]["content"].startswith("<p") and kit["body"]["public"] is False
    (brevo,) = bodies["brevo"]
    assert brevo["url"] == "https://api.brevo.com/v3/emailCampaigns" and "scheduledAt" not in brevo["body"]
    assert {"name", "subject", "sender", "htmlContent"} <= set(brevo["body"])


def test_links_become_urls(drafts_file: Path, paws: Profile, tmp_path: Path) -> None:
    links = {"review_link": "https://g.page/r/paws?x=1&y=2", "booking_link": "https://book.example/calm"}
    export_file(drafts_file, "klaviyo", tmp_path / "k", ExportOptions(business=paws, links=links))
    lines = manifest(tmp_path / "k")
    review = parse(tmp_path / "k" / lines[4]["files"]["html"])
    assert "https://g.page/r/paws?x=1&y=2" in review.hrefs  # escaped in the file, the same URL when parsed
    assert "&amp;" in (tmp_path / "k" / lines[4]["files"]["html"]).read_text()
    readme = (tmp_path / "k" / "README.md").read_text()
    assert "lookup:'review_link'" not in readme and "lookup:'offer_link'" in readme


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("Hi {{first_name}},\n\n{% if vip %}VIP{% endif %}", "'{%'"),
        ("Hi {{ coupon }},", r"\{\{coupon\}\}, which no platform fills in"),
        ("Hi *|LNAME|*,", r"'\*\|'"),
    ],
)
def test_template_syntax_in_copy_is_refused(tmp_path: Path, paws: Profile, body: str, message: str) -> None:
    fields = {**FIELDS[("review_request_email", 1)], "body": body}
    drafts = write(tmp_path / "d.jsonl", [record("review_request_email", fields=fields)])
    with pytest.raises(ExportError, match=message):
        export_file(drafts, "hubspot", tmp_path / "out", ExportOptions(business=paws))
    assert not (tmp_path / "out").exists()


def test_business_name_needs_the_profile(tmp_path: Path) -> None:
    fields = {**FIELDS[("review_request_email", 1)], "body": "Thanks from {{business_name}}."}
    drafts = write(tmp_path / "d.jsonl", [record("review_request_email", fields=fields)])
    with pytest.raises(ExportError, match="pass --business"):
        export_file(drafts, "brevo", tmp_path / "out", ExportOptions())


def test_sign_off_stays_last(drafts_file: Path, options: ExportOptions, tmp_path: Path) -> None:
    export_file(drafts_file, "kit", tmp_path / "kit", options)
    referral = manifest(tmp_path / "kit")[6]
    assert referral["asset_type"] == "referral_invite"
    text = (tmp_path / "kit" / referral["files"]["text"]).read_text()
    assert re.search(r"How it works:.*Share your link:.*Warmly,\nThe Paws & Suds team\n\n--", text, re.S)
