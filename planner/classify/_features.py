"""Turn any marketing text into the classifier's feature vector.

Four blocks: the MiniLM sentence embedding of the cleaned text's opening (what the message is about), a
tf-idf bag of the words and word pairs of the whole text over the vocabulary the bank taught (what it talks
about from first line to last), counts of cue phrases from ``cues.yaml`` over the whole text (what it asks the
reader to do, wherever the ask sits), and a few shape features (length, questions, personalisation).
Cleaning first removes what real copy carries but that never decides a stage: merge-tag syntax, links and
email footers.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache, cached_property
from itertools import pairwise
from pathlib import Path
from typing import Protocol

import numpy as np

from planner.yamlio import load_yaml

CUES_FILE = Path(__file__).with_name("cues.yaml")
# The opening (subject line, headline, first sentence) carries most of the intent; cue phrases cover the rest
# of the text. Measured on 2 cores: 32 tokens classify ~130 texts/s, 64 tokens ~85/s, for a point or two of
# held-out accuracy (bench/run.py; README).
EMBED_TOKENS = 32
EMBED_BATCH = 32  # short inputs pad little, so bigger batches win here

_PLACEHOLDERS = re.compile(
    r"\{\{\s*([^{}]{1,40}?)\s*\}\}"  # {{first_name}}, {{ order.number }}
    r"|\*\|([A-Z0-9_:]{1,40})\|\*"  # *|FNAME|*
    r"|%%?([A-Za-z0-9_]{1,40})%%?"  # %FIRSTNAME%, %%FIRSTNAME%%
    r"|<<([^<>]{1,40})>>"  # <<Product>>
    r"|\[([A-Z][A-Za-z0-9 _]{0,30})\](?!\()"  # [Customer Name], but not markdown links
    r"|\{([a-z][a-z0-9_.]{0,30})\}"  # {company}
)
_NAMEISH = re.compile(r"(^|[\s_.])(f(irst)?_?name|name|fname|customer|contact)$", re.IGNORECASE)
_URL = re.compile(r"https?://\S+|www\.\S+")
# Footer lines say how to leave a list or where the sender lives; "unsubscribe anytime" in an opt-in promise
# is a real Subscribe cue and must survive, so a line that promises is kept.
_FOOTER = re.compile(
    r"unsubscribe\b(?! ?(any ?time|at any time|whenever|in one click))|manage (your )?(email )?preferences"
    r"|update (your )?(email )?preferences|view (this )?(email )?in (your |a )?browser|privacy policy"
    r"|all rights reserved|©|\(c\) 20\d\d|you('re| are) receiving this|no longer wish to receive",
    re.IGNORECASE,
)


class Encoder(Protocol):
    def encode(self, texts: list[str], max_tokens: int = ..., batch: int = ...) -> np.ndarray: ...


def _placeholder_words(match: re.Match[str]) -> str:
    inner = next(g for g in match.groups() if g is not None).strip()
    if _NAMEISH.search(inner):
        return "Sam"
    return re.sub(r"[_.:]+", " ", inner).lower()


# "4.9 stars from 212 Google reviews", "Rated 4.8/5 on G2 from 2,100+ reviews": a rating *stated* as proof
# belongs to any stage (an ad, an offer page); only asking for one is Advocate. It is read as plain proof.
_RATING = re.compile(
    r"\b(?:rated\s+)?\d(?:[.,]\d)?\s*(?:stars?|/\s*5|out of 5)\b(?:\s+(?:from|on|across|by|in)\s+[^.;!?\n]*)?"
    r"|\b[\d,]+\+?\s+(?:five[- ]star\s+|5[- ]star\s+|google\s+|yelp\s+)?reviews\b",
    re.I,
)


def clean(text: str) -> str:
    """Plain prose: merge tags become words, links 'link', footer lines go, a stated rating is proof."""
    text = _RATING.sub("trusted by customers", text)
    text = _PLACEHOLDERS.sub(_placeholder_words, text)
    text = _URL.sub("link", text)
    lines = [line for line in text.splitlines() if not _FOOTER.search(line)]
    return re.sub(r"[ \t]+", " ", "\n".join(lines)).strip() or text.strip()


@dataclass(frozen=True)
class CueSet:
    names: tuple[str, ...]
    patterns: tuple[re.Pattern[str], ...]
    digest: str

    def counts(self, text: str) -> np.ndarray:
        low = text.lower()  # patterns are lower case: matching without IGNORECASE is ~2.5x faster
        return np.array([np.log1p(len(p.findall(low))) for p in self.patterns], dtype=np.float32)


def _compile(phrases: list[str]) -> re.Pattern[str]:
    # A phrase ending in a digit ("$\d") must not demand a word boundary after it: "$19" continues.
    parts = ["(?:" + p + (")" if p.endswith(r"\d") else r")(?!\w)") for p in phrases]
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + ")")


@cache
def load_cues(path: Path = CUES_FILE) -> CueSet:
    raw = path.read_text(encoding="utf-8")
    groups: dict[str, list[str]] = load_yaml(raw, str(path))["groups"]
    for name, phrases in groups.items():
        for phrase in phrases:
            if re.search(r"(?<!\\)[A-Z]", phrase):
                raise ValueError(f"{path}: group {name}: write cue phrases in lower case ({phrase!r})")
    return CueSet(
        tuple(groups),
        tuple(_compile(phrases) for phrases in groups.values()),
        # Over the phrases, not the file: a comment or a reordered key must not demand a retrain.
        hashlib.sha256(json.dumps(groups, sort_keys=True).encode()).hexdigest()[:16],
    )


# Words and adjacent word pairs. Real copy is long and its stage shows anywhere in it (the ask at the end, the
# "thanks for your order" in the middle), which a 32-token embedding never reaches; a plain bag of terms does,
# for a few microseconds a text. Numbers are kept whole: "$", "%" and digits are evidence of an offer.
_TERM = re.compile(r"[a-z][a-z']+|[$%£€]|\d+")


def terms(cleaned: str) -> list[str]:
    words = _TERM.findall(cleaned.lower())
    return words + [f"{a} {b}" for a, b in pairwise(words)]


@dataclass(frozen=True, eq=False)
class Vocabulary:
    """The terms the classifier was trained on, with their inverse document frequencies in the bank."""

    terms: tuple[str, ...]
    idf: np.ndarray

    @cached_property
    def index(self) -> dict[str, int]:
        return {term: i for i, term in enumerate(self.terms)}

    def vectors(self, cleaned: list[str]) -> np.ndarray:
        """One L2-normalised row of log-scaled tf-idf per text; terms outside the vocabulary are ignored."""
        rows = np.zeros((len(cleaned), len(self.terms)), dtype=np.float32)
        for row, text in enumerate(cleaned):
            for term, count in Counter(terms(text)).items():
                column = self.index.get(term)
                if column is not None:
                    rows[row, column] = np.log1p(count) * self.idf[column]
        norms = np.linalg.norm(rows, axis=1, keepdims=True)
        result: np.ndarray = rows / np.maximum(norms, 1e-6)
        return result


def build_vocabulary(texts: list[str], min_documents: int) -> Vocabulary:
    """Every term in at least ``min_documents`` of the (raw) texts: rarer ones would only memorise wording."""
    documents = Counter(term for text in texts for term in set(terms(clean(text))))
    kept = sorted(term for term, n in documents.items() if n >= min_documents)
    idf = np.array([np.log(len(texts) / documents[term]) for term in kept], dtype=np.float32)
    return Vocabulary(tuple(kept), idf)


SHAPE_NAMES = ("shape:words", "shape:short", "shape:question", "shape:exclaim", "shape:placeholder")


def shape(original: str, cleaned: str) -> np.ndarray:
    words = len(cleaned.split())
    return np.array(
        [
            np.log1p(words),
            float(words <= 12),
            float("?" in cleaned),
            float("!" in cleaned),
            float(_PLACEHOLDERS.search(original) is not None),
        ],
        dtype=np.float32,
    )


def featurise(
    texts: list[str], encoder: Encoder, cues: CueSet, vocabulary: Vocabulary | None = None
) -> np.ndarray:
    """Columns: embedding, then the vocabulary block (when given), then cue counts, then shape."""
    cleaned = [clean(t) for t in texts]
    embedded = encoder.encode(cleaned, max_tokens=EMBED_TOKENS, batch=EMBED_BATCH)
    handmade = np.array(
        [np.concatenate([cues.counts(c), shape(t, c)]) for t, c in zip(texts, cleaned, strict=True)]
    )
    blocks = [embedded]
    if vocabulary is not None:
        blocks.append(vocabulary.vectors(cleaned))
    blocks.append(handmade.reshape(len(texts), -1))
    return np.hstack(blocks).astype(np.float32)
