"""The app's chat: a message becomes an action (``_understand``: cue words plus the nearest request examples
on the shipped embeddings) and the reply is Markdown with next-step buttons (``_respond``)."""

from planner.chat._answers import help_text
from planner.chat._check import check_markdown
from planner.chat._respond import ChatSession, Reply, draft_markdown, respond
from planner.chat._understand import Intent, understand
from planner.chat._verdict import stage_fit

__all__ = [
    "ChatSession",
    "Intent",
    "Reply",
    "check_markdown",
    "draft_markdown",
    "help_text",
    "respond",
    "stage_fit",
    "understand",
]
