"""The app with a hostile user and with two users at once, in Debian's chromium (issue 13, items 1, 5, 6).

Hostile text goes into every tab that takes text — a profile upload, chat, a campaign from that profile, an
audit paste and a JSON Lines upload whose repeated id is markup — and the page must show it as text: no
dialog fires, no injected element appears. Two browser contexts then each keep their own business.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from http.cookiejar import CookieJar
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.app._app import running_app, shot
from tests.conftest import ROOT
from tests.llm_server import free_port

pytestmark = pytest.mark.browser

IMG = "<img src=x onerror=alert(1)>"
LINK = "[prize](javascript:alert(2))"
SCRIPT = "<script>alert(3)</script>"
# Counts what an injection would leave in the page: the image, a javascript: link, a handler, a script.
INJECTED = """() => ({
  img: document.querySelectorAll('img[src="x"]').length,
  js_links: [...document.querySelectorAll('a')].filter(a => (a.href || '').startsWith('javascript')).length,
  handlers: document.querySelectorAll('[onerror]').length,
  scripts: [...document.querySelectorAll('script')].filter(s => s.textContent.includes('alert(3)')).length,
})"""


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    home = tmp_path_factory.mktemp("app-safety")
    with running_app(home) as url:
        yield url


@pytest.fixture()
def context(browser: Any) -> Iterator[Any]:
    ctx = browser.new_context(viewport={"width": 1280, "height": 1000})
    yield ctx
    ctx.close()


def open_app(ctx: Any, url: str) -> tuple[Any, list[str]]:
    page = ctx.new_page()
    dialogs: list[str] = []

    def seen(dialog: Any) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", seen)
    page.goto(url)
    page.locator("#cvj-msg textarea").wait_for(timeout=30_000)
    return page, dialogs


AFTER = """([before, expect]) =>
  document.querySelector('#cvj-chatbot').innerText.slice(before).includes(expect)"""


def hostile_profile(tmp: Path) -> Path:
    data = yaml.safe_load((ROOT / "examples" / "profiles" / "paws-and-suds.yaml").read_text())
    data["business"]["name"] = f"Evil {IMG} Grooming {LINK}"
    data["business"]["description"] = f"A salon {SCRIPT} for anxious dogs in Riverside."
    data["avatar"]["challenges_and_pain_points"][0] = f"her dog hides {IMG} at chain salons"
    data["offers"][0]["name"] = f"Calm Dog Checklist {LINK}"
    path = tmp / "hostile.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def use_profile(page: Any, path: Path) -> None:
    page.get_by_role("tab", name="Profile").click()
    page.locator("#cvj-upload input[type=file]").set_input_files(str(path))
    page.get_by_text("Uploaded — press Save").wait_for(timeout=30_000)
    page.locator("#cvj-save").click()
    page.locator("#cvj-saved").get_by_text("now use this business").wait_for(timeout=60_000)


def send(page: Any, message: str, expect: str) -> str:
    page.get_by_role("tab", name="Chat").click()
    page.locator("#cvj-msg textarea").fill(message)
    before = len(page.locator("#cvj-chatbot").inner_text())
    page.locator("#cvj-send").click()
    # The conversation only grows: wait for `expect` (case-sensitive) in what was added.
    page.wait_for_function(AFTER, arg=[before, expect], timeout=60_000)
    return str(page.locator("#cvj-chatbot").inner_text())


def assert_clean(page: Any, dialogs: list[str]) -> None:
    page.wait_for_timeout(500)  # let any injected handler fire
    assert dialogs == []
    assert page.evaluate(INJECTED) == {"img": 0, "js_links": 0, "handlers": 0, "scripts": 0}


def test_hostile_text_in_every_tab_stays_text(context: Any, app: str, tmp_path: Path) -> None:
    page, dialogs = open_app(context, app)
    use_profile(page, hostile_profile(tmp_path))
    assert IMG in page.locator("#cvj-status").inner_text()  # the name, shown as typed
    assert_clean(page, dialogs)

    text = send(page, "write a welcome email", "Welcome email")
    assert "Evil" in text
    send(page, f"check this: {IMG} {LINK} {SCRIPT} buy now", "Checked against")
    assert_clean(page, dialogs)

    page.get_by_role("tab", name="Campaign").click()
    stages = page.locator("#cvj-stages")
    for name in ("aware", "engage", "convert", "excite", "ascend", "advocate", "promote"):
        stages.get_by_label(name, exact=True).uncheck()
    page.locator("#cvj-generate").click()
    page.locator("#cvj-campaign .cvj-badge").first.wait_for(timeout=60_000)
    assert_clean(page, dialogs)

    page.get_by_role("tab", name="Audit").click()
    page.locator("#cvj-audit-text textarea").fill(f"Our ad {IMG}\n---\nRead {LINK} {SCRIPT}")
    page.locator("#cvj-audit-run").click()
    page.locator("#cvj-fix").wait_for(timeout=60_000)
    assert_clean(page, dialogs)
    twice = tmp_path / "assets.jsonl"
    line = json.dumps({"id": IMG, "text": "Book a calm groom today."})
    twice.write_text(f"{line}\n{line}\n", encoding="utf-8")
    page.locator("#cvj-audit-text textarea").fill("")
    page.locator("#cvj-audit-files input[type=file]").set_input_files(str(twice))
    page.locator("#cvj-audit-run").click()
    error = page.locator("#cvj-audit .cvj-error")
    error.wait_for(timeout=30_000)
    assert IMG in error.inner_text() and "/tmp/" not in error.inner_text()
    assert_clean(page, dialogs)
    shot(page, "hostile-audit")


def test_two_sessions_keep_their_own_business(browser: Any, app: str) -> None:
    first = browser.new_context(viewport={"width": 1280, "height": 1000})
    second = browser.new_context(viewport={"width": 1280, "height": 1000})
    try:
        a, _ = open_app(first, app)
        b, _ = open_app(second, app)
        a.get_by_role("tab", name="Profile").click()
        a.locator("#cvj-upload input[type=file]").set_input_files(
            str(ROOT / "examples" / "profiles" / "ledgerly.yaml")
        )
        a.get_by_text("Uploaded — press Save").wait_for(timeout=30_000)
        a.locator("#cvj-save").click()
        a.locator("#cvj-saved").get_by_text("now use this business").wait_for(timeout=60_000)
        a.get_by_role("tab", name="Profile").click()
        assert "Ledgerly" in a.locator("#cvj-status").inner_text()
        assert "Paws & Suds" in b.locator("#cvj-status").inner_text()  # B's page did not change

        b_text = send(b, "write a review request", "Review-request email")
        a_text = send(a, "write a review request", "Review-request email")
        assert "Paws & Suds" in b_text and "Ledgerly" not in b_text
        assert "Ledgerly" in a_text and "Paws & Suds" not in a_text.split("Drafting for")[-1]

        b.get_by_role("tab", name="Campaign").click()
        stages = b.locator("#cvj-stages")
        for name in ("aware", "engage", "subscribe", "convert", "excite", "ascend", "promote"):
            stages.get_by_label(name, exact=True).uncheck()
        b.locator("#cvj-generate").click()
        b.locator("#cvj-campaign .cvj-badge").first.wait_for(timeout=60_000)
        assert "Paws" in b.locator("#cvj-campaign").text_content()  # B's campaign, for B's business

        a.reload()  # the business is remembered in A's browser
        a.locator("#cvj-status").get_by_text("Ledgerly").wait_for(timeout=30_000)
        a.get_by_role("tab", name="Profile").click()
        assert "Ledgerly" in a.locator("#cvj-field-business\\.name :is(input, textarea)").input_value()
    finally:
        first.close()
        second.close()


# --- log-in (CVJ_AUTH) -----------------------------------------------------------------------------------


def test_auth_without_a_colon_refuses_to_start(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "CVJ_HOME": str(tmp_path),
        "CVJ_AUTH": "marketer-s3cret",
        "CVJ_PORT": str(free_port()),
    }
    done = subprocess.run(
        [sys.executable, str(ROOT / "app.py")], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 2
    assert "CVJ_AUTH must be user:password" in done.stderr and "Traceback" not in done.stderr


@pytest.fixture(scope="module")
def locked_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with running_app(tmp_path_factory.mktemp("app-auth"), {"CVJ_AUTH": "marketer:s3cret"}) as url:
        yield url


def login(url: str, password: str) -> tuple[urllib.request.OpenerDirector, int]:
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
    form = urllib.parse.urlencode({"username": "marketer", "password": password}).encode()
    try:
        return opener, opener.open(url + "login", data=form, timeout=30).status
    except urllib.error.HTTPError as exc:
        return opener, exc.code


def test_wrong_passwords_are_slowed(locked_app: str) -> None:
    from concurrent.futures import ThreadPoolExecutor

    start = time.perf_counter()
    with ThreadPoolExecutor(4) as pool:
        codes = [code for _, code in pool.map(lambda _: login(locked_app, "guess"), range(4))]
    assert codes == [400] * 4
    assert time.perf_counter() - start >= 3.5  # one second each, one at a time, even when sent together
    start = time.perf_counter()
    assert login(locked_app, "s3cret")[1] == 200
    assert time.perf_counter() - start < 1  # the right password is never delayed


@pytest.mark.parametrize(
    ("method", "route"),
    [("POST", "gradio_api/cancel"), ("GET", "gradio_api/heartbeat/abc"), ("POST", "gradio_api/reset")],
)
def test_routes_gradio_leaves_open_need_a_log_in(locked_app: str, method: str, route: str) -> None:
    body = json.dumps({"session_hash": "abc", "fn_index": 0, "event_id": "x"}).encode()
    request = urllib.request.Request(
        locked_app + route, method=method, data=body if method == "POST" else None
    )
    request.add_header("Content-Type", "application/json")
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=10)
    assert refused.value.code == 401
    opener, status = login(locked_app, "s3cret")
    assert status == 200
    if route.endswith("heartbeat/abc"):
        return  # logged in, the heartbeat is an endless event stream: that it is not refused is enough
    assert opener.open(request, timeout=10).status == 200
