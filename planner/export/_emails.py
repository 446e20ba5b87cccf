"""``mailchimp``, ``klaviyo``, ``hubspot``, ``kit``, ``brevo``: every email-like draft as ``NN-<id>.html``,
``.txt`` and ``.api_payload.json`` (the platform's create request, never sent), in journey order, plus
``manifest.jsonl`` (stage, position, trigger and delay, subject, preview, files) and a README."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from planner.assets import asset_model
from planner.export._cells import file_safe, md
from planner.export._email_content import Email, email_of
from planner.export._email_html import Renderer, render
from planner.export._model import LINK_TAGS, Context, ExportError, Item, Problem, Rendered, journey_order
from planner.export._platforms import MAILCHIMP_FIELDS, Platform
from planner.export._schedule import Schedule, load_schedule


def render_emails(items: Sequence[Item], ctx: Context, platform: Platform) -> Rendered:
    schedule = ctx.options.schedule or load_schedule()
    emails, problems = _emails(journey_order(items, schedule), ctx)
    if problems:
        raise ExportError(ctx.fmt, problems)
    renderer = Renderer(platform, ctx.options.links, ctx.campaign)
    out = Rendered()
    manifest = []
    for position, email in enumerate(emails, start=1):
        stem = f"{position:02d}-{file_safe(email.item.id)}"
        doc = render(email, renderer, name=f"{ctx.campaign} — {email.item.id}")
        files = {"html": f"{stem}.html", "text": f"{stem}.txt", "api_payload": f"{stem}.api_payload.json"}
        out.files[files["html"]] = doc.html.encode("utf-8")
        out.files[files["text"]] = doc.text.encode("utf-8")
        out.files[files["api_payload"]] = _json(platform.payload(doc), indent=2) + b"\n"
        manifest.append(_manifest_line(email, position, schedule, doc.subject, doc.preview, files))
    out.files["manifest.jsonl"] = b"".join(_json(line) + b"\n" for line in manifest)
    out.files["README.md"] = _readme(ctx, platform, emails, schedule).encode("utf-8")
    return out


def _emails(items: Sequence[Item], ctx: Context) -> tuple[list[Email], list[Problem]]:
    emails: list[Email] = []
    problems: list[Problem] = []
    for item in items:
        email, found = email_of(item)
        problems.extend(found)
        if email and "business_name" in email.tags and ctx.options.business is None:
            problems.append(
                Problem(item.where, "uses {{business_name}} — pass --business PROFILE to fill it in")
            )
        elif email:
            emails.append(email)
    return emails, problems


def _json(obj: Any, indent: int | None = None) -> bytes:
    return json.dumps(obj, ensure_ascii=False, indent=indent).encode("utf-8")


def _manifest_line(
    email: Email, position: int, schedule: Schedule, subject: str, preview: str, files: dict[str, str]
) -> dict[str, Any]:
    record = email.item.record
    slot = schedule.slot(record.asset_type)
    return {
        "position": position,
        "id": record.id,
        "stage": record.stage.value,
        "stage_number": record.stage.number,
        "asset_type": record.asset_type,
        "variant": record.variant,
        "trigger": slot.trigger.value,
        "delay_days": slot.day,
        "subject": subject,
        "preview_text": preview,
        "files": files,
    }


def _readme(ctx: Context, platform: Platform, emails: Sequence[Email], schedule: Schedule) -> str:
    how, how_api = platform.how_to.split("\n", 1)
    rows = "\n".join(
        f"| {n:02d} | {e.item.stage.value} | {md(asset_model(e.item.record.asset_type).label)} "
        f"v{e.item.record.variant} | {schedule.slot(e.item.record.asset_type).trigger.value} "
        f"+ {schedule.slot(e.item.record.asset_type).day} d | {md(e.subject)} |"
        for n, e in enumerate(emails, start=1)
    )
    return f"""# {platform.title} emails — {md(ctx.campaign)}

{len(emails)} email(s) in journey order. Each has `NN-<id>.html` (the email), `.txt` (its plain-text
version) and `.api_payload.json` (the {platform.title} API request that would create it; nothing was sent).
`manifest.jsonl` lists stage, position, trigger and delay (days after the trigger), subject, preview text and
files, one email per line.

## How to import

1. {how}
2. {how_api}

Set each email's trigger and delay in your automation (flow / journey) as the table says.

| # | stage | email | send | subject |
|---|---|---|---|---|
{rows}

## Merge tags

- First name: `{platform.first_name}` — when it is unknown: {platform.fallback}.
- Unsubscribe: `{platform.unsubscribe}` (in the footer of every email). Add your postal address to the footer
  if your {platform.title} template does not (anti-spam laws ask for it).
{_placeholders(platform, emails, ctx)}
{_payload_notes(platform)}"""


def _placeholders(platform: Platform, emails: Sequence[Email], ctx: Context) -> str:
    used = sorted({tag for e in emails for tag in e.tags if tag in (*LINK_TAGS, "referral_code")})
    lines = []
    for tag in used:
        if tag in ctx.options.links:
            lines.append(f"- `{{{{{tag}}}}}` → {md(ctx.options.links[tag])} (from --links)")
            continue
        field = MAILCHIMP_FIELDS[tag] if platform.name == "mailchimp" else tag
        lines.append(
            f"- `{{{{{tag}}}}}` → `{platform.field(tag)}`: create the contact field `{field}` holding each "
            f"contact's value, or replace it by hand"
            + ("" if tag == "referral_code" else f", or re-export with `--links` (`{tag}: https://…`)")
        )
    if not lines:
        return ""
    return "\n## Placeholders left to fill\n\n" + "\n".join(lines) + "\n"


def _payload_notes(platform: Platform) -> str:
    blanks = ", ".join(f"`{key}` ({what})" for key, what in platform.blanks.items())
    lines = [f"Replace {blanks} before sending a request." if blanks else "", platform.caveat]
    return "\n## API payloads\n\n" + "\n\n".join(line for line in lines if line) + "\n"
