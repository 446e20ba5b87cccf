"""The types every exporter shares: the options a user gives, one draft ready to export, a problem found
while checking, and what an exporter renders (files in memory, so nothing is written until all is well)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from planner.assets import ASSET_MODELS, Asset
from planner.drafts import DraftRecord
from planner.errors import UserError
from planner.export._schedule import Schedule
from planner.profile import Profile
from planner.stages import Stage

Encoding = Literal["utf-8", "utf-16"]
ENCODINGS: tuple[Encoding, ...] = ("utf-8", "utf-16")

# The merge tags that stand for a web address; `--links` maps them to real URLs. unsubscribe_link is not
# here: every email platform fills in its own unsubscribe address.
LINK_TAGS = ("landing_link", "booking_link", "offer_link", "download_link", "review_link", "referral_link")


@dataclass(frozen=True)
class ExportOptions:
    """What the user told ``cvj export`` (or what the campaign shortcut and the app pass on)."""

    business: Profile | None = None
    final_url: str | None = None
    links: Mapping[str, str] = field(default_factory=dict)
    start: date | None = None  # the calendar's first day; None = today
    encoding: Encoding | None = None  # None = the format's own default
    schedule: Schedule | None = None  # None = the package's schedule.yaml


@dataclass(frozen=True)
class Item:
    """One draft to export: its record, its validated asset and where it came from (``file:line``)."""

    record: DraftRecord
    asset: Asset
    where: str

    @property
    def id(self) -> str:
        return self.record.id

    @property
    def stage(self) -> Stage:
        return self.record.stage


@dataclass(frozen=True)
class Problem:
    """A draft a channel would refuse: where it is, what is wrong and how to fix it."""

    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


class ExportError(UserError):
    """Drafts that break a channel's limits; the CLI prints every one and exits 2, having written nothing."""

    def __init__(self, fmt: str, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        lines = "\n".join(f"  - {p}" for p in self.problems)
        super().__init__(f"cannot export {fmt}: {len(self.problems)} problem(s), nothing written —\n{lines}")


@dataclass
class Rendered:
    """An export in memory: relative path → bytes, plus warnings (exported anyway, worth a look)."""

    files: dict[str, bytes] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Context:
    """What an exporter knows besides the drafts: the format, the options and the campaign's name."""

    fmt: str
    options: ExportOptions
    campaign: str  # the business name (or the drafts' business id when no profile was given)

    def landing_url(self) -> str | None:
        """Where ads send people: --final-url, else the landing_link of --links, else the website."""
        website = self.options.business.business.website if self.options.business else None
        return self.options.final_url or self.options.links.get("landing_link") or website


def shorten_hint(item: Item) -> str:
    """The fix for text over a limit: the refine command for this very draft."""
    return f"shorten it (`cvj refine DRAFTS.jsonl --id {item.id} --instruction shorter`) or edit the line"


def journey_order(items: Sequence[Item], schedule: Schedule) -> list[Item]:
    """Stage by stage; within a stage by send day, then asset type as the registry lists it, then variant."""
    rank = {asset_type: n for n, asset_type in enumerate(ASSET_MODELS)}
    return sorted(
        items,
        key=lambda i: (
            i.stage.number,
            schedule.day(i.record.asset_type),
            rank[i.record.asset_type],
            i.record.variant,
        ),
    )
