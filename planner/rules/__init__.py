"""The stage rules: product policy checked while drafting, auditing and chatting, and by ``cvj check``.

Rules are data (``rules.yaml``: stages, detector, message, fix); detectors live in ``_engine``; offers are
found by name and paraphrase (``_offers``), money amounts and discounts by ``_money``. Text that reads like an
instruction to a model is recognised by ``_injection`` so it is never obeyed or whitelisted. Fluency checks
(framework scaffolding, repeats, colon capitals) live in ``_fluency``, channel checks (links, SMS and subject
lengths) in ``_channel``, and offers the profile must list before copy may make them in ``_grounding``.
A rule with ``severity: warning`` is reported but never fails a draft.
"""

from planner.rules._check import (
    CheckResult,
    InputDraft,
    check_drafts,
    check_text,
    check_text_all,
    read_drafts,
)
from planner.rules._engine import (
    ROLE_LABEL,
    Checker,
    Draft,
    Findings,
    Rule,
    RuleBook,
    load_rulebook,
    stage_values,
)
from planner.rules._fields import SUMMARY_FIELDS
from planner.rules._injection import looks_like_instruction, without_instructions
from planner.rules._text import sentences

__all__ = [
    "ROLE_LABEL",
    "SUMMARY_FIELDS",
    "CheckResult",
    "Checker",
    "Draft",
    "Findings",
    "InputDraft",
    "Rule",
    "RuleBook",
    "check_drafts",
    "check_text",
    "check_text_all",
    "load_rulebook",
    "looks_like_instruction",
    "read_drafts",
    "sentences",
    "stage_values",
    "without_instructions",
]
