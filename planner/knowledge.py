"""Stage guides from ``knowledge/*.md`` (front matter + ``##`` sections) and profile facts, as chunks.

Chunk ids are content hashes, so ingesting the same text twice is a no-op and an edited section replaces
its old chunk.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from planner.errors import UserError
from planner.profile import Profile
from planner.stages import Stage
from planner.yamlio import load_yaml

_PACKAGE = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    """A top-level data folder (``knowledge``, ``examples``): the source tree's, else the wheel's copy."""
    for candidate in (_PACKAGE.parent / name, _PACKAGE / "_data" / name):
        if candidate.is_dir():
            return candidate
    raise UserError(f"cannot find the '{name}' folder next to the planner package — reinstall cvj-planner")


def knowledge_dir() -> Path:
    override = os.environ.get("CVJ_KNOWLEDGE_DIR")
    return Path(override) if override else data_dir("knowledge")


@dataclass(frozen=True)
class Chunk:
    """One retrievable piece of text: a section of a stage guide or a group of profile facts."""

    text: str
    kind: str  # "guide" or "profile"
    section: str
    source: str  # file name or "profile:<slug>"
    stage: Stage | None = None
    business: str | None = None
    id: str = field(default="")

    def __post_init__(self) -> None:
        if not self.id:
            digest = hashlib.sha256(
                f"{self.kind}|{self.source}|{self.section}|{self.text}".encode()
            ).hexdigest()
            object.__setattr__(self, "id", f"{self.kind}-{digest[:16]}")

    def metadata(self) -> dict[str, str]:
        meta = {"kind": self.kind, "section": self.section, "source": self.source}
        if self.stage is not None:
            meta["stage"] = self.stage.value
        if self.business is not None:
            meta["business"] = self.business
        return meta


_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.S)


def parse_guide(path: Path) -> list[Chunk]:
    """Split one stage guide into a chunk per ``##`` section; the front matter must name the stage."""
    text = path.read_text(encoding="utf-8")
    match = _FRONT_MATTER.match(text)
    if not match:
        raise UserError(f"{path}: missing front matter — start the file with '---', 'stage: <id>', '---'")
    meta = load_yaml(match.group(1), str(path), first_line=2) or {}
    if not isinstance(meta, dict):
        raise UserError(f"{path}: the front matter must be 'stage: <id>'")
    try:
        stage = Stage(str(meta.get("stage", "")))
    except ValueError:
        raise UserError(f"{path}: front matter 'stage' must be one of {', '.join(Stage)}") from None
    body = text[match.end() :]
    chunks = []
    for section, content in _sections(body):
        chunks.append(
            Chunk(
                text=f"{stage.info.title} stage — {section}\n{content}",
                kind="guide",
                section=section,
                source=path.name,
                stage=stage,
            )
        )
    return chunks


def _sections(body: str) -> list[tuple[str, str]]:
    parts = re.split(r"^##\s+(.+?)\s*$", body, flags=re.M)
    out = []
    for heading, content in zip(parts[1::2], parts[2::2], strict=True):
        if content.strip():
            out.append((heading.strip(), content.strip()))
    return out


def load_guides(directory: Path | None = None) -> list[Chunk]:
    directory = directory or knowledge_dir()
    chunks: list[Chunk] = []
    for path in sorted(directory.glob("*.md")):
        if path.name.lower() == "readme.md":
            continue
        chunks.extend(parse_guide(path))
    return chunks


def profile_chunks(profile: Profile) -> list[Chunk]:
    """Profile facts as retrievable chunks: business and voice, avatar, each offer, and each optional fact
    (where, review sites, every proof point, differentiator, objection answer and first step) on its own,
    so a prompt can take the facts it needs and leave out one that names an offer its stage may not make."""
    slug = profile.slug
    avatar, voice = profile.avatar, profile.brand_voice
    pairs = [
        (
            "business",
            f"{profile.business.name}: {profile.business.description} "
            f"Brand voice: {', '.join(voice.tone)}. Avoid: {', '.join(voice.avoid)}.",
        ),
        (
            "avatar",
            f"Customer avatar {avatar.name} ({avatar.demographics}). Role in purchase: "
            f"{avatar.role_in_purchase}. Goals and values: {'; '.join(avatar.goals_and_values)}. "
            f"Pains: {'; '.join(avatar.challenges_and_pain_points)}. "
            f"Objections: {'; '.join(avatar.objections)}. "
            f"Where they get information: {'; '.join(avatar.sources_of_information)}.",
        ),
        *fact_items(profile),
        *(
            (
                f"offer:{offer.role.value}",
                f"Offer ladder — {offer.role.value.replace('_', ' ')}: {offer.name} ({offer.price_label()}). "
                f"{offer.description}",
            )
            for offer in profile.offers
        ),
    ]
    return [
        Chunk(text=text, kind="profile", section=section, source=f"profile:{slug}", business=slug)
        for section, text in dict.fromkeys(pairs)  # a fact listed twice is one chunk (ids are content hashes)
    ]


def fact_items(profile: Profile) -> list[tuple[str, str]]:
    """The optional facts as (section, sentence) pairs; sections start with ``fact:``."""
    b = profile.business
    items = [
        ("fact:where", f"Location: {b.location}." if b.location else ""),
        ("fact:where", f"Service area: {b.service_area}." if b.service_area else ""),
        ("fact:reviews", f"Customers review it on: {', '.join(b.review_sites)}." if b.review_sites else ""),
        *(("fact:proof", f"Proof it may state: {_end(item)}") for item in profile.proof),
        *(("fact:different", f"What sets it apart: {_end(item)}") for item in profile.differentiators),
        *(
            ("fact:objection", f"Objection “{a.objection}” — answer: {a.answer}")
            for a in profile.objection_answers
        ),
        *(("fact:first-step", f"Right after buying: {_end(item)}") for item in profile.first_steps),
    ]
    return [(section, text) for section, text in items if text]


def _end(text: str) -> str:
    return text if text.endswith((".", "!", "?")) else f"{text}."
