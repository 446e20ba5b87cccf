"""Fences around data in a prompt: every piece of profile or retrieved text sits in a block whose markers
carry a code drawn for this call, so text inside cannot close its block and pose as an instruction.

The code is a hash of the data itself, not random: the same data gives the same prompt, so the on-disk cache
(keyed by the rendered prompt) still answers a re-run. It is re-drawn while any piece contains it, so no data
can carry its own block's markers; a marker written for another call's code is just text. Codes are two
words ("amber-fox"), not hex: a tokenizer splits hex into single digits (19 tokens a block against 13).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


_FIRST = _words(
    "amber azure black blue bronze brown cedar copper coral crimson cyan dusty ebony golden green grey "
    "ivory jade lemon lilac lime maple mint navy olive orange pearl pine pink plum purple red rose ruby "
    "rust sage sand silver slate snow steel stone tan teal violet white yellow bold brave calm clever "
    "eager fair gentle grand happy honest jolly keen kind lucky merry noble proud quick quiet rapid royal shy"
)
_SECOND = _words(
    "badger bear beaver bison crane crow deer dove eagle falcon ferret finch fox frog gecko goat goose "
    "hare hawk heron horse ibis koala lark lemur lion llama lynx magpie mole moose mouse newt otter owl "
    "panda parrot pelican pony puffin quail rabbit raven robin salmon seal shark sheep sparrow stork swan "
    "tiger toad trout turtle walrus whale wolf wombat wren yak zebra"
)
_WORD_DRAWS = 2000


@dataclass(frozen=True)
class Fence:
    code: str

    @property
    def open_mark(self) -> str:
        return f"<<<DATA-{self.code}"

    @property
    def close_mark(self) -> str:
        return f"DATA-{self.code}>>>"

    def wrap(self, label: str, text: str) -> str:
        """``text`` as one block: ``<<<DATA-code label`` … ``DATA-code>>>``."""
        body = text.strip() or "(none)"
        return f"{self.open_mark} {label}\n{body}\n{self.close_mark}"


def draw_fence(pieces: Iterable[str]) -> Fence:
    """A fence whose code appears in none of ``pieces`` (compared case-insensitively)."""
    texts = list(pieces)
    blob = "\x00".join(texts).encode()
    haystack = "\x00".join(texts).lower()
    for attempt in range(_WORD_DRAWS + 64):
        digest = hashlib.sha256(blob + attempt.to_bytes(4, "big")).digest()
        if attempt < _WORD_DRAWS:
            code = f"{_FIRST[digest[0] % len(_FIRST)]}-{_SECOND[digest[1] % len(_SECOND)]}"
        else:  # data that holds thousands of word pairs (on purpose): a long hex code is never there
            code = digest.hex()[:24]
        if code not in haystack:
            return Fence(code)
    raise AssertionError("no fence code is free")
