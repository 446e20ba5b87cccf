"""``google-ads``: a Google Ads Editor import file of responsive search ads, one row per ``search_ad`` draft.

Column names are those of an Editor export (matched case- and space-insensitively by Editor). The ad's status
column is ``Status``, as in Editor's own export header; ``Ad status`` is the header of the Google Ads web bulk
upload, a different importer, which Editor may not map — and an unmapped status would leave ads enabled.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from planner.assets import SearchAd
from planner.export._cells import cell, md, sheet
from planner.export._model import Context, ExportError, Item, Problem, Rendered, journey_order
from planner.export._schedule import load_schedule

HEADLINES, DESCRIPTIONS = 15, 4
HEADLINE_CHARS, DESCRIPTION_CHARS, PATH_CHARS = 30, 90, 15
MIN_HEADLINES, MIN_DESCRIPTIONS, GOOD_HEADLINES = 3, 2, 5
ADS_PER_GROUP = 3  # enabled responsive search ads Google allows in one ad group

HEADER = [
    "Campaign",
    "Ad group",
    "Ad type",
    *(f"Headline {i}" for i in range(1, HEADLINES + 1)),
    *(f"Description {i}" for i in range(1, DESCRIPTIONS + 1)),
    "Path 1",
    "Path 2",
    "Final URL",
    "Status",
]
FILE = "google-ads.csv"


def render_google_ads(items: Sequence[Item], ctx: Context) -> Rendered:
    url = ctx.landing_url()
    assert url is not None  # the pipeline refuses a URL-less export before rendering
    out = Rendered()
    problems: list[Problem] = []
    rows: list[list[str]] = []
    for item in journey_order(items, ctx.options.schedule or load_schedule()):
        assert isinstance(item.asset, SearchAd)
        headlines = _distinct(item, item.asset.headlines, out)
        descriptions = _distinct(item, item.asset.descriptions, out)
        found = _check(item, headlines, descriptions, item.asset.display_path)
        problems.extend(found)
        if len(headlines) < GOOD_HEADLINES and not found:
            out.warnings.append(
                f"{item.where}: {len(headlines)} distinct headlines — Google advises at least "
                f"{GOOD_HEADLINES} (up to {HEADLINES}) so it can test combinations"
            )
        rows.append(_row(ctx, item, headlines, descriptions, url))
    if problems:
        raise ExportError(ctx.fmt, problems)
    _warn_crowded_groups(items, out)
    encoding = ctx.options.encoding or "utf-8"
    out.files[FILE] = sheet(HEADER, rows, encoding)
    out.files["README.md"] = _readme(ctx, len(rows), url, encoding).encode("utf-8")
    return out


def _row(ctx: Context, item: Item, headlines: list[str], descriptions: list[str], url: str) -> list[str]:
    assert isinstance(item.asset, SearchAd)
    paths = [*item.asset.display_path, "", ""][:2]
    return [
        ctx.campaign,
        item.stage.info.title,  # one ad group per stage
        "Responsive search ad",
        *_pad(headlines, HEADLINES),
        *_pad(descriptions, DESCRIPTIONS),
        *paths,
        url,
        "Paused",
    ]


def _distinct(item: Item, texts: Sequence[str], out: Rendered) -> list[str]:
    """Google treats a repeated headline or description as one; drop repeats (any case) and say so."""
    kept: dict[str, str] = {}
    for text in texts:
        if text.lower() in kept:
            out.warnings.append(f"{item.where}: dropped a repeat of {text!r}")
        kept.setdefault(text.lower(), text)
    return list(kept.values())


def _check(item: Item, headlines: list[str], descriptions: list[str], paths: list[str]) -> list[Problem]:
    found: list[str] = []
    if len(headlines) < MIN_HEADLINES:
        found.append(
            f"{len(headlines)} distinct headlines; a responsive search ad needs "
            f"{MIN_HEADLINES} to {HEADLINES}"
        )
    if len(descriptions) < MIN_DESCRIPTIONS:
        found.append(
            f"{len(descriptions)} distinct descriptions; it needs {MIN_DESCRIPTIONS} to {DESCRIPTIONS}"
        )
    if len(headlines) > HEADLINES or len(descriptions) > DESCRIPTIONS:
        found.append(f"at most {HEADLINES} headlines and {DESCRIPTIONS} descriptions — drop some")
    for kind, texts, limit in (
        ("headline", headlines, HEADLINE_CHARS),
        ("description", descriptions, DESCRIPTION_CHARS),
        ("path", paths, PATH_CHARS),
    ):
        for n, text in enumerate(texts, start=1):
            found.extend(_text_problems(f"{kind} {n}", text, limit))
            if kind == "path" and "/" in text:
                found.append(
                    f"path {n} {text!r} contains '/' — each path is one segment; split it over Path 1 and 2"
                )
    if len(paths) > 2:
        found.append(f"{len(paths)} display paths; Google takes two")
    return [Problem(item.where, message) for message in found]


def _text_problems(label: str, text: str, limit: int) -> list[str]:
    written = cell(text)  # the apostrophe that keeps a spreadsheet from running it counts too
    problems = []
    if len(written) > limit:
        why = " (with the apostrophe added before a leading = + - @)" if written != text else ""
        problems.append(
            f"{label} {text!r} is {len(written)} characters{why}; the limit is {limit} — shorten it"
        )
    if "\n" in text or "\r" in text:
        problems.append(f"{label} has a line break; ad text is one line — remove it")
    if "{{" in text or "}}" in text:
        problems.append(f"{label} {text!r} has a merge tag; search ads cannot fill one in — write the words")
    return problems


def _pad(texts: Sequence[str], size: int) -> list[str]:
    return [*texts, *[""] * (size - len(texts))]


def _warn_crowded_groups(items: Sequence[Item], out: Rendered) -> None:
    for group, count in Counter(item.stage.info.title for item in items).items():
        if count > ADS_PER_GROUP:
            out.warnings.append(
                f"ad group {group!r} gets {count} ads; Google runs at most {ADS_PER_GROUP} enabled "
                f"responsive search ads per ad group — enable the best {ADS_PER_GROUP}"
            )


def _readme(ctx: Context, ads: int, url: str, encoding: str) -> str:
    kind = "UTF-16, tab-separated (as Editor exports)" if encoding == "utf-16" else "UTF-8, comma-separated"
    return f"""# Google Ads Editor import — {md(ctx.campaign)}

`{FILE}`: {ads} responsive search ad(s), one row each, {kind}. Every ad is **Paused**; final URL: {md(url)}.

## How to import

1. In Google Ads Editor open the account, then **Account › Import › From file…** and pick `{FILE}`.
2. Review the proposed changes, keep them, check each ad, then **Post** and enable the ads you want.

Campaign `{md(ctx.campaign)}` and one ad group per journey stage are named in the file. If they do not exist
in the account yet, create the Search campaign first (budget, bidding, languages, networks) or let Editor add
them and set those before posting — whether Editor creates a missing campaign from ad rows alone is not
confirmed. Add keywords to each ad group before enabling its ads.

Columns: `Campaign`, `Ad group`, `Ad type`, `Headline 1`-`15`, `Description 1`-`4`, `Path 1`, `Path 2`,
`Final URL`, `Status`. Limits checked before writing: 3-15 headlines of at most 30 characters, 2-4
descriptions of at most 90, paths of at most 15 without `/`. Cells starting with = + - @ carry a leading
apostrophe so spreadsheet apps show them as text; remove it in Editor if it shows.
"""
