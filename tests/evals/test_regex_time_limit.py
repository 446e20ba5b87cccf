"""A suite's `regex` assertion is the user's own pattern: a catastrophic one ("(a|aa)+$" on 60 a's and a "!")
used to hang `cvj eval` for ever. It now fails that check, with the reason, after a time limit."""

from __future__ import annotations

import time

import pytest

from evals.scorers import REGEX_SECONDS, Context, Subject, regex
from evals.suite import Assertion
from planner.stages import Stage


@pytest.mark.timeout(30)
def test_a_catastrophic_regex_fails_the_check_in_time() -> None:
    subject = Subject(Stage.aware, "a" * 60 + "!", [])
    start = time.perf_counter()
    outcome = regex(Context(), subject, Assertion(type="regex", value="(a|aa)+$"))
    assert time.perf_counter() - start < REGEX_SECONDS + 2
    assert outcome.passed is False and "took longer than" in outcome.message


def test_ordinary_regexes_still_match() -> None:
    subject = Subject(Stage.aware, "Book a calm groom today", [])
    assert regex(Context(), subject, Assertion(type="regex", value=r"calm\s+groom")).passed is True
    assert regex(Context(), subject, Assertion(type="regex", value=r"^Buy")).passed is False
