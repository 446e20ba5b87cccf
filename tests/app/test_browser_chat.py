"""A whole conversation in the real app (issue 18): 30+ messages and button presses typed the way a marketer
talks, covering drafts by meaning, follow-ups, answers, checks, plans, promotions, a profile switch and a
reload. Every reply is checked for what it must say, for the business it is about, and for the absence of
command-line instructions."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.app._app import running_app, shot
from tests.conftest import ROOT

pytestmark = pytest.mark.browser
CLI = re.compile(r"(?<![\w-])--[a-z]|\bcvj [a-z]|\.venv/")
# The chat's messages, newest last; a reply has arrived when there are more and the last says `expect`.
MESSAGES = "#cvj-chatbot .message-content"
ADDED = """([before, expect]) => {
  const all = document.querySelectorAll('#cvj-chatbot .message-content');
  return all.length > before && all[all.length - 1].innerText.includes(expect);
}"""


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with running_app(tmp_path_factory.mktemp("app-chat")) as url:
        yield url


class Chat:
    def __init__(self, page: Any) -> None:
        self.page = page
        self.turns = 0

    def _reply(self, act: Any, expect: str, business: str | None) -> str:
        messages = self.page.locator(MESSAGES)
        before = messages.count()
        act()
        self.page.wait_for_function(ADDED, arg=[before, expect], timeout=120_000)
        added = messages.last.inner_text()
        self.turns += 1
        assert not CLI.search(added), added
        if business:  # the draft's id starts with the business's id; no other business appears
            assert f"{business}." in added, (business, added[:300])
            others = {"paws-suds-grooming", "ledgerly", "fernwood-tea"} - {business}
            assert not any(f"{o}." in added for o in others), added[:300]
        return str(added)

    def say(self, message: str, expect: str, business: str | None = None) -> str:
        box = self.page.locator("#cvj-msg textarea")
        return self._reply(
            lambda: (box.fill(message), self.page.locator("#cvj-send").click()), expect, business
        )

    def press(self, label: str, expect: str, business: str | None = None) -> str:
        button = self.page.locator("[id^=cvj-choice-]", has_text=label).first
        return self._reply(button.click, expect, business)


def test_a_thirty_message_conversation(browser: Any, app: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 1100})
    page = context.new_page()
    page.goto(app)
    page.locator("#cvj-msg textarea").wait_for(timeout=30_000)
    chat = Chat(page)
    paws = "paws-suds-grooming"

    # Small talk and drafts asked for in everyday words.
    chat.say("hi", "ready to write for Paws & Suds")
    chat.say("Facebook ad for new customers", "Social ad", paws)
    chat.say("now for Instagram", "Meta Ads Manager")
    chat.press("A post for followers", "Social post", paws)
    chat.say("make it friendlier", "Refined (friendlier)")
    chat.say("shorter", "Refined (shorter)")
    options = chat.say("3 subject lines for a welcome email", "3 options")
    assert options.count("Fits excite") >= 3
    chat.say("another version", "Refined (another version)")
    chat.say("sell the spa package to people who already come to us", "Bundle", paws)
    chat.say("ask happy customers for a google review", "Review-request email", paws)
    chat.say("a what-to-expect guide for first-time customers", "Quick-start guide", paws)
    chat.say("write something for people on our list who haven't booked yet", "convert", paws)
    chat.say("as a google search ad", "Search ad", paws)
    chat.say("make it more urgent", "won't add urgency")
    chat.say("translate it into Klingon", "outside what I do")

    # Answers from the knowledge base.
    chat.say("what's a tripwire?", "Entry-point offer")
    both = chat.say("difference between Excite and Ascend", "Number to watch")
    assert "Excite" in both and "Ascend" in both
    chat.say("explain the customer value journey like I'm new", "Promote")
    chat.say("which stage should I focus on first?", "Audit")
    chat.say("what should I send at Excite?", "excite.md")

    # Checking pasted copy, with a typo in the request.
    checked = chat.say(
        "chek this ad pls:\nBEST groomers in town!!! Only 3 slots left, book today.", "Fails aware"
    )
    assert "pressure-scarcity" in checked and ("fixed version" in checked)
    chat.say(
        "check this for subscribe: Get The Calm Grooming Checklist - just pay $4.99 shipping.", "payment-ask"
    )

    # A plan, one click from each draft.
    chat.say("what should I post this week?", "A plan for this week")
    shot(page, "chat-plan")
    chat.press("1. Blog post", "Blog post", paws)

    # A promotion the profile lacks: no invented terms; added, then drafted from exactly its terms.
    chat.say("holiday sale email to our list", "won't make up its terms")
    chat.say(
        "add promotion: Holiday sale | 20% off every gift card | 2026-12-01 | 2026-12-24 | convert", "Added"
    )
    chat.press("Write the", "20% off every gift card")
    chat.say("thanks!", "You're welcome")
    chat.say("what's the weather tomorrow?", "outside what I do")
    chat.say("help", "I draft, refine, explain and check")
    shot(page, "chat-conversation")

    # The promotion is in the Profile form too (one source of truth).
    page.get_by_role("tab", name="Profile").click()
    promotions = page.locator("#cvj-field-promotions textarea").input_value()
    assert "Holiday sale | 20% off every gift card" in promotions

    # Switch business: the header, the form and the chat follow; a reload keeps it.
    page.locator("#cvj-upload input[type=file]").set_input_files(
        str(ROOT / "examples" / "profiles" / "ledgerly.yaml")
    )
    page.get_by_text("Uploaded — press Save").wait_for(timeout=30_000)
    page.locator("#cvj-save").click()
    page.locator("#cvj-saved").get_by_text("now use this business").wait_for(timeout=60_000)
    assert "Ledgerly" in page.locator("#cvj-status").inner_text()
    page.get_by_role("tab", name="Chat").click()
    assert "Drafting for Ledgerly" in page.locator("#cvj-chatbot").inner_text()
    welcome = chat.say("write a welcome email", "Welcome email", "ledgerly")
    assert "Paws" not in welcome
    page.reload()
    page.locator("#cvj-status").get_by_text("Ledgerly").wait_for(timeout=30_000)
    page.locator("#cvj-chatbot").get_by_text("Drafting for Ledgerly").wait_for(timeout=30_000)
    chat.say("write a review request", "Review-request email", "ledgerly")
    assert chat.turns >= 30
    context.close()


def test_clear_keeps_the_greeting_and_the_chat_label_is_gone(browser: Any, app: str) -> None:
    page = browser.new_page()
    page.goto(app)
    page.locator("#cvj-msg textarea").wait_for(timeout=30_000)
    Chat(page).say("write a welcome email", "Welcome email")
    page.locator("#cvj-chatbot button[aria-label='Clear']").first.click()
    page.locator("#cvj-chatbot").get_by_text("Drafting for").wait_for(timeout=30_000)
    assert "Welcome email ·" not in page.locator("#cvj-chatbot").inner_text()
    assert page.locator("#cvj-chatbot [data-testid='block-label']").count() == 0
    page.close()


def test_the_example_dropdown_never_contradicts_the_form(browser: Any, app: str, tmp_path: Path) -> None:
    page = browser.new_page()
    page.goto(app)
    page.locator("#cvj-msg textarea").wait_for(timeout=30_000)
    page.get_by_role("tab", name="Profile").click()
    dropdown = page.locator("input[aria-label='Start from an example']")
    assert dropdown.input_value() in ("", "paws-and-suds")
    page.close()
