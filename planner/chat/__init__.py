"""The app's chat: a message becomes an action (``_intents``) and the reply is Markdown (``_respond``)."""

from planner.chat._intents import Intent, recognise
from planner.chat._respond import (
    ChatSession,
    Reply,
    check_markdown,
    draft_markdown,
    explain,
    help_text,
    respond,
    stage_fit,
)

__all__ = [
    "ChatSession",
    "Intent",
    "Reply",
    "check_markdown",
    "draft_markdown",
    "explain",
    "help_text",
    "recognise",
    "respond",
    "stage_fit",
]
