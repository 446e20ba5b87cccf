"""``meta-ads``: a Meta Ads Manager bulk-import sheet, one row per ``social_ad`` draft.

Column names are those of an Ads Manager export. Ids the tool cannot know (the Facebook Page, the pixel, the
image) are blank columns named as in the export and listed in the folder's README. UTF-16 with tabs by
default; ``--encoding utf-8`` writes UTF-8 with commas, which public generators report Meta also imports.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from planner.assets import SocialAd
from planner.errors import UserError
from planner.export._cells import md, sheet
from planner.export._inputs import check_url
from planner.export._model import Context, ExportError, Item, Problem, Rendered, journey_order
from planner.export._schedule import load_schedule
from planner.stages import Stage

FILE = "meta-ads.csv"
PRIMARY_SHOWN = 125  # characters of primary text Meta shows before "See more"

# The ad's button, as Meta's API enum (facebook-business SDK, AdCreativeLinkDataCallToAction.Type).
CALL_TO_ACTION = {
    "Learn More": "LEARN_MORE",
    "Download": "DOWNLOAD",
    "Sign Up": "SIGN_UP",
    "Subscribe": "SUBSCRIBE",
}
# When a draft's button is missing or unknown: what suits a stranger at each stage.
STAGE_CALL_TO_ACTION = {Stage.aware: "LEARN_MORE", Stage.engage: "LEARN_MORE", Stage.subscribe: "SIGN_UP"}

# Blank on purpose: the marketer fills them in (README lists each with its format).
BLANKS = {
    "Link Object ID": "your Facebook Page, written `o:<PAGE_ID>` (as Ads Manager exports it)",
    "Conversion Tracking Pixels": "optional: your Meta pixel, written `tp:<PIXEL_ID>`",
    "Image File Name": "the ad's image, uploaded to the ad account's media library first",
}
HEADER = [
    "Campaign Name",
    "Campaign Status",
    "Campaign Objective",
    "Buying Type",
    "Ad Set Name",
    "Ad Set Run Status",
    "Ad Name",
    "Ad Status",
    "Title",
    "Body",
    "Link Description",
    "Link",
    "Call to Action",
    "Creative Type",
    *BLANKS,
]
_TAG = re.compile(r"^\{\{\s*(\w+)\s*\}\}$")


def render_meta_ads(items: Sequence[Item], ctx: Context) -> Rendered:
    out = Rendered()
    problems: list[Problem] = []
    rows: list[list[str]] = []
    for item in journey_order(items, ctx.options.schedule or load_schedule()):
        assert isinstance(item.asset, SocialAd)
        ad = item.asset
        try:
            link = destination(ad, ctx)
        except UserError as exc:
            problems.append(Problem(item.where, str(exc)))
            link = ""  # keep checking the text: every problem of the draft is listed at once
        problems.extend(_check(item, ad))
        if len(ad.primary_text) > PRIMARY_SHOWN:
            out.warnings.append(
                f"{item.where}: primary text is {len(ad.primary_text)} characters; Meta shows about "
                f"{PRIMARY_SHOWN} before 'See more' — lead with what matters"
            )
        rows.append(_row(ctx, item, ad, link))
    if problems:
        raise ExportError(ctx.fmt, problems)
    encoding = ctx.options.encoding or "utf-16"
    out.files[FILE] = sheet(HEADER, rows, encoding)
    out.files["README.md"] = _readme(ctx, len(rows), encoding).encode("utf-8")
    return out


def _row(ctx: Context, item: Item, ad: SocialAd, link: str) -> list[str]:
    cta = CALL_TO_ACTION.get(ad.cta) or STAGE_CALL_TO_ACTION.get(item.stage, "LEARN_MORE")
    campaign = [ctx.campaign, "PAUSED", "Outcome Traffic", "AUCTION"]
    ad_set = [item.stage.info.title, "PAUSED"]  # one ad set per stage
    creative = [ad.headline, ad.primary_text, ad.description, link, cta, "Link Page Post Ad"]
    return [*campaign, *ad_set, item.id, "PAUSED", *creative, *[""] * len(BLANKS)]


def destination(ad: SocialAd, ctx: Context) -> str:
    """--final-url, else the ad's destination (a URL, or a link tag --links fills), else the website."""
    if ctx.options.final_url:
        return ctx.options.final_url
    tag = _TAG.match(ad.destination)
    if tag is None:
        return check_url(ad.destination, "fields.destination")
    if tag.group(1) in ctx.options.links:
        return ctx.options.links[tag.group(1)]
    website = ctx.options.business.business.website if ctx.options.business else None
    if website:
        return check_url(website, "the profile's business.website")
    raise UserError(
        f"destination {ad.destination} has no URL — pass --final-url URL, map {tag.group(1)} in --links, "
        f"or set business.website in the profile (--business)"
    )


def _check(item: Item, ad: SocialAd) -> list[Problem]:
    found = []
    for label, text in (
        ("headline", ad.headline),
        ("primary text", ad.primary_text),
        ("description", ad.description),
    ):
        if "{{" in text or "}}" in text:
            found.append(f"{label} has a merge tag; ads cannot fill one in — write the words")
        if label != "primary text" and ("\n" in text or "\r" in text):
            found.append(f"{label} has a line break; it is one line in the ad — remove it")
    return [Problem(item.where, message) for message in found]


def _readme(ctx: Context, ads: int, encoding: str) -> str:
    kind = "UTF-16, tab-separated" if encoding == "utf-16" else "UTF-8, comma-separated"
    blanks = "\n".join(f"- `{name}`: {what}" for name, what in BLANKS.items())
    return f"""# Meta Ads Manager bulk import — {md(ctx.campaign)}

`{FILE}`: {ads} ad(s), one row each, {kind}. Campaign, ad sets and ads are all **PAUSED**; one ad set per
journey stage; each ad is named by its draft id.

## How to import

1. In Ads Manager choose **Import & export › Import ads in bulk** and upload `{FILE}` (open it in a
   spreadsheet first to fill in the blank columns below).
2. Review what Ads Manager will create, then set each ad set's budget, schedule and audience before
   publishing.

## Blank columns to fill in

{blanks}

Also set budget, audience and placements on each ad set in Ads Manager; the sheet carries only the copy.
`Campaign Objective` is written `Outcome Traffic` as Ads Manager's export shows it; `Call to Action` uses
Meta's API names (`LEARN_MORE`, `SIGN_UP`, …). Meta changes its template now and then: before a large import,
export one ad from your account and compare the header row. Cells starting with = + - @ carry a leading
apostrophe so spreadsheet apps show them as text.
"""
