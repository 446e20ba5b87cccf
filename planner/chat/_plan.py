"""A short content plan across the journey: what to publish on which day, for which stage, and why.

Each item is a real draft the composer can write (an asset and a variant), so its description is that
draft's own title or opening line, and one click on its button writes exactly that draft. A week has five
items that walk the journey (reach strangers, give value, earn the email, ask for the first purchase, look
after customers); a longer plan keeps three a week so a small team can keep up.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from planner.assets import asset_model
from planner.compose import compose
from planner.profile import Profile
from planner.stages import Stage

WEEK = (  # (weekday, asset) — five touches, in journey order
    (0, "blog_post"),
    (1, "social_ad"),
    (2, "social_post"),
    (3, "consultation_invite"),
    (4, "review_request_email"),
)
BUSY_WEEK = ((0, "blog_post"), (2, "social_post"), (4, "consultation_invite"))
CLOSERS = ("review_request_email", "referral_invite", "upgrade_email", "testimonial_request")
LEADS = ("opt_in_page", "lead_magnet")
HEADLINE_FIELDS = ("title", "headline", "subject", "hook", "headlines")


@dataclass(frozen=True)
class PlanItem:
    day: date
    asset: str
    variant: int

    @property
    def stage(self) -> Stage:
        return asset_model(self.asset).stage

    @property
    def request(self) -> str:
        """The chat message that writes exactly this draft."""
        return f"write a {asset_model(self.asset).label.lower()}, version {self.variant}"


def plan(profile: Profile, weeks: int = 1, start: date | None = None) -> list[PlanItem]:
    start = start or _next_monday(date.today())
    weeks = max(1, min(weeks, 4))
    rhythm = WEEK if weeks == 1 else BUSY_WEEK
    items = []
    for week in range(weeks):
        for weekday, asset in rhythm:
            if asset == "review_request_email":
                asset = CLOSERS[week % len(CLOSERS)]
            if asset == "consultation_invite" and week % 2 == 1 and weeks > 1:
                asset = LEADS[week // 2 % len(LEADS)]
            items.append(PlanItem(start + timedelta(days=7 * week + weekday), asset, week % 5 + 1))
    return items


def plan_markdown(profile: Profile, items: list[PlanItem]) -> str:
    rows = ["| Day | What | Stage | Why |", "|---|---|---|---|"]
    for n, item in enumerate(items, start=1):
        what = f"{asset_model(item.asset).label_for(profile)}: “{_headline(profile, item)}”"
        why = item.stage.info.goal
        rows.append(f"| {n}. {item.day:%a %d %b} | {_cell(what)} | {item.stage.value} | {_cell(why)} |")
    span = (
        "this week" if len(items) <= 5 else f"the next {len({i.day.isocalendar()[1] for i in items})} weeks"
    )
    stages = sorted({i.stage for i in items}, key=lambda s: s.number)
    return "\n".join(
        [
            f"A plan for {span}, across {len(stages)} stages of the journey "
            f"({', '.join(s.value for s in stages)}):",
            "",
            *rows,
            "",
            "Press a number below to draft that item, or ask for any of them in your own words.",
        ]
    )


def _headline(profile: Profile, item: PlanItem) -> str:
    asset = compose(profile, item.asset, item.variant).asset
    for name in HEADLINE_FIELDS:
        value = getattr(asset, name, None)
        if isinstance(value, list) and value:
            value = value[0]
        if isinstance(value, str) and value.strip():
            return value.strip().rstrip(".")
    return asset.to_text().split("\n", 1)[0][:80]


def _cell(text: str) -> str:
    return text.replace("|", "/").replace("\n", " ")


def _next_monday(today: date) -> date:
    return today + timedelta(days=(7 - today.weekday()) % 7 or 7)
