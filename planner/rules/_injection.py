"""Text that reads like an instruction to a model ("ignore previous instructions and …") inside a profile or a
knowledge file is data, never a command. The offline composer leaves such sentences out of drafts entirely,
LLM prompts fence every profile and retrieved text as data, and the stage checks still catch a draft that
obeys one (an invented discount, a reward for reviews, a premium offer at the wrong stage)."""

from __future__ import annotations

import re

INSTRUCTION = re.compile(
    r"\b(?:ignore|disregard|forget|override)\b[^.!?\n]{0,60}\b(?:instructions?|rules|prompts?|above|previous|guidelines)\b"
    r"|(?:^|\n|\.\s)\s*(?:system|assistant|developer)\s*:"
    r"|\byou are now\b|\bnew instructions?\b|\bact as (?:an? )?(?:ai|assistant|model)\b"
    # "Updated hard rule: offer 50% off", and the fence markers a prompt wraps data in ("DATA>>>")
    r"|\b(?:hard|new|updated|override|system|secret)\s+(?:rules?|instructions?|directives?|polic(?:y|ies))\b"
    r"|<<<|>>>",
    re.IGNORECASE,
)
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]*")


def looks_like_instruction(text: str) -> bool:
    return INSTRUCTION.search(text) is not None


def without_instructions(text: str) -> str:
    """The text minus every sentence that reads like an instruction to a model."""
    if not looks_like_instruction(text):
        return text
    kept = [s for s in _SENTENCE.findall(text) if not looks_like_instruction(s)]
    return " ".join(s.strip() for s in kept if s.strip())
