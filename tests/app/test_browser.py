"""The Gradio app, started for real (`python app.py`) and driven in Debian's chromium with Playwright."""

from __future__ import annotations

import csv
import io
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.app._app import running_app, shot, start_app, wait_until_up
from tests.conftest import ROOT
from tests.llm_server import free_port

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def app_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("app-home")


@pytest.fixture(scope="module")
def app_url(app_home: Path) -> Iterator[str]:
    with running_app(app_home) as url:
        yield url


@pytest.fixture()
def page(browser: Any, app_url: str) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 1000}, accept_downloads=True)
    pg = context.new_page()
    pg.goto(app_url)
    pg.locator("#cvj-msg textarea").wait_for(timeout=30_000)
    yield pg
    context.close()


def send(page: Any, message: str, expect: str) -> str:
    page.locator("#cvj-msg textarea").fill(message)
    page.locator("#cvj-send").click()
    page.get_by_text(expect).last.wait_for(timeout=60_000)
    return str(page.locator("#cvj-chatbot").inner_text())


def test_chat_draft_is_stage_checked_then_refined(page: Any) -> None:
    text = send(page, "write a review request for customers who bought last month", "Fits advocate")
    assert "Review-request email" in text and "Sources:" in text
    shot(page, "chat-draft")
    text = send(page, "shorter", "Refined (shorter)")
    assert text.count("Fits advocate") == 2
    shot(page, "chat-refined")


def test_chat_explains_a_stage_with_its_source(page: Any) -> None:
    text = send(page, "what should I send at Excite?", "excite.md")
    assert "Welcome email" in text


def test_two_stage_campaign_with_badges_and_csv_download(page: Any, tmp_path: Path) -> None:
    page.get_by_role("tab", name="Campaign").click()
    stages = page.locator("#cvj-stages")
    for name in ("aware", "subscribe", "convert", "excite", "ascend", "promote"):
        stages.get_by_label(name, exact=True).uncheck()
    page.locator("#cvj-generate").click()
    page.locator("#cvj-campaign .cvj-badge").nth(3).wait_for(timeout=60_000)
    badges = page.locator("#cvj-campaign .cvj-badge").all_inner_texts()
    assert len(badges) == 4 and set(badges) <= {"PASS", "FAIL"}
    headings = page.locator("#cvj-campaign h3").all_inner_texts()
    assert [h.split(". ")[0] for h in headings] == ["2", "7"]  # engage and advocate, in journey order
    shot(page, "campaign")
    with page.expect_download() as info:
        page.locator("#cvj-download-csv").click()
    saved = tmp_path / "campaign.csv"
    info.value.save_as(saved)
    rows = list(csv.DictReader(io.StringIO(saved.read_text(encoding="utf-8"))))
    assert len(rows) == 4 and {r["stage"] for r in rows} == {"engage", "advocate"}


def test_campaign_offers_a_download_per_export_format(page: Any, tmp_path: Path) -> None:
    import zipfile

    from planner.export import FORMATS

    page.get_by_role("tab", name="Campaign").click()
    stages = page.locator("#cvj-stages")
    for name in ("engage", "subscribe", "convert", "ascend", "advocate", "promote"):
        stages.get_by_label(name, exact=True).uncheck()
    page.locator("#cvj-generate").click()  # aware and excite: search and social ads, a welcome email
    page.locator("#cvj-export-calendar").wait_for(state="visible", timeout=60_000)
    shot(page, "campaign-exports")
    contents = {}
    for fmt in FORMATS:
        with page.expect_download() as info:
            page.locator(f"#cvj-export-{fmt}").click()
        saved = tmp_path / info.value.suggested_filename
        info.value.save_as(saved)
        assert saved.name.endswith(f"-{fmt}.zip")
        with zipfile.ZipFile(saved) as zf:
            contents[fmt] = set(zf.namelist())
    assert {"google-ads.csv", "README.md"} <= contents["google-ads"]
    assert {"meta-ads.csv", "README.md"} <= contents["meta-ads"]
    assert {"calendar.ics", "calendar.csv"} <= contents["calendar"]
    for platform in ("mailchimp", "klaviyo", "hubspot", "kit", "brevo"):
        assert "manifest.jsonl" in contents[platform]
        assert len([n for n in contents[platform] if n.endswith(".html")]) == 1  # the welcome email
    assert page.locator("#cvj-export-notes").inner_text().strip() == ""


def test_invalid_profile_upload_shows_the_field_error(page: Any, tmp_path: Path) -> None:
    import yaml

    data = yaml.safe_load((ROOT / "examples" / "profiles" / "paws-and-suds.yaml").read_text())
    data["offers"][2]["price"] = "eighty-nine"
    data["business"]["name"] = ""
    bad = tmp_path / "bad-profile.yaml"
    bad.write_text(yaml.safe_dump(data))
    page.get_by_role("tab", name="Profile").click()
    page.locator("#cvj-upload input[type=file]").set_input_files(str(bad))
    offers_error = page.locator("#cvj-error-offers")
    offers_error.get_by_text("offers[2].price").wait_for(timeout=30_000)
    assert "must be a number" in offers_error.inner_text()
    assert "business.name" in page.locator("#cvj-error-business\\.name").inner_text()
    shot(page, "profile-errors")
    page.locator("#cvj-save").click()
    page.get_by_text("Not saved").wait_for(timeout=30_000)


def test_eval_tab_runs_a_suite(page: Any) -> None:
    page.get_by_role("tab", name="Evals").click()
    choice = page.locator("#cvj-suite input")
    choice.click()
    choice.fill("regression")
    page.locator("[role=listbox] li", has_text="regression.yaml").first.click()
    page.locator("#cvj-run-suite").click()
    page.get_by_text("17 of 17 cases pass").wait_for(timeout=90_000)
    shot(page, "evals")


def test_audit_tab_maps_the_journey_then_drafts_the_gap(page: Any) -> None:
    folder = ROOT / "tests" / "data" / "audit"
    files = [folder / "ads" / "google-search-ad.txt", folder / "blog" / "matted-fur.html"]
    review = (folder / "emails" / "review-request.txt").read_text()
    page.get_by_role("tab", name="Audit").click()
    page.locator("#cvj-audit-text textarea").fill(
        f"{review}\n---\n{(folder / 'social' / 'brushing-tip.txt').read_text()}"
    )
    page.locator("#cvj-audit-files input[type=file]").set_input_files([str(f) for f in files])
    page.locator("#cvj-audit-run").click()
    page.locator("#cvj-fix").wait_for(timeout=60_000)
    assert "First stage to fix: Subscribe (empty)" in page.locator("#cvj-fix").inner_text()
    assert page.locator("#cvj-journey svg").count() == 1
    table = page.locator("#cvj-audit-assets").inner_text()
    assert "google-search-ad.txt\taware" in table and "matted-fur.html\tengage" in table
    assert "review-incentive" in table  # the pasted review request buys reviews
    shot(page, "audit")
    fill = page.locator("#cvj-audit-fill")
    assert "subscribe, convert, excite, ascend, promote" in fill.inner_text()
    fill.click()
    page.locator("#cvj-audit-drafts .cvj-badge").nth(9).wait_for(timeout=90_000)
    headings = page.locator("#cvj-audit-drafts h3").all_inner_texts()
    assert [h.split(". ")[0] for h in headings] == ["3", "4", "5", "6", "8"]


def test_the_app_made_no_outside_connections(page: Any, app_home: Path) -> None:
    """Runs after the tests above have used every tab: the guard logged nothing."""
    log = app_home / "net.log"
    assert not log.exists() or log.read_text() == ""


def test_loopback_by_default_auth_key_hidden_and_upload_limit(tmp_path: Path) -> None:
    secret = "sk-test-SECRET-never-shown-123"
    port = free_port()
    extra = {
        "CVJ_AUTH": "marketer:s3cret",
        "OPENAI_API_KEY": secret,
        "CVJ_MODEL": "openai:gpt-4o-mini",
        "OPENAI_BASE_URL": f"http://127.0.0.1:{free_port()}/v1",  # nothing listens: the writer fails cleanly
    }
    proc = start_app(tmp_path / "home", port, extra)
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_until_up(url, proc)
        import json
        import socket

        # Bound to loopback only: the machine's other addresses refuse the port.
        with socket.socket() as s:
            s.settimeout(2)
            other = socket.gethostbyname(socket.gethostname())
            if not other.startswith("127."):
                assert s.connect_ex((other, port)) != 0
        # Basic auth: the app's config is refused without logging in, served after.
        with pytest.raises(urllib.error.HTTPError):
            urllib.request.urlopen(url + "config", timeout=5)
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())
        login = urllib.parse.urlencode({"username": "marketer", "password": "s3cret"}).encode()
        opener.open(url + "login", data=login, timeout=5)
        config = opener.open(url + "config", timeout=5).read().decode()
        assert "cvj-status" in config and "API key set" in config
        assert secret not in config
        # Upload limit: a 1 MB file is refused before it is read.
        boundary = "cvjboundary"
        body = (
            (
                f'--{boundary}\r\nContent-Disposition: form-data; name="files"; filename="big.yaml"\r\n\r\n'
            ).encode()
            + b"a" * 1_000_000
            + f"\r\n--{boundary}--\r\n".encode()
        )
        request = urllib.request.Request(
            url + "gradio_api/upload",
            data=body,
            headers={"Content-Type": f"multipart/form-data; boundary={boundary}"},
        )
        with pytest.raises(urllib.error.HTTPError) as refused:
            opener.open(request, timeout=10)
        assert refused.value.code == 413
        json.dumps(config)
    finally:
        proc.terminate()
        out, _ = proc.communicate(timeout=20)
    assert secret not in out.decode(errors="replace")  # never logged
