"""An email in one platform's syntax: a simple, mobile-friendly HTML document (one 600-pixel column, inline
styles, escaped user text, links as anchors, an unsubscribe line) and its plain-text twin."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from html import escape

from planner.export._email_content import MERGE_TAG, Block, Email
from planner.export._model import LINK_TAGS
from planner.export._platforms import EmailDoc, Platform

# Web addresses in running text become anchors; trailing punctuation stays outside the link.
_TOKENS = re.compile(r"\{\{\s*(\w+)\s*\}\}|(https?://[^\s<>\"'{}]+?)(?=[.,;:!?)]*(?:\s|$))")

P = "margin:0 0 16px;"
BUTTON = (
    "display:inline-block;background:#1a5fb4;color:#ffffff;text-decoration:none;padding:12px 22px;"
    "border-radius:4px;font-weight:bold;"
)
SMALL = "margin:24px 0 0;font-size:12px;line-height:1.4;color:#6b7280;"


@dataclass(frozen=True)
class Renderer:
    """Turns our merge tags into one platform's: names, links (real URLs from --links, else placeholders)."""

    platform: Platform
    links: Mapping[str, str]
    business: str

    def value(self, tag: str) -> str:
        """A tag's replacement, raw (the platform's own syntax, or a URL already checked)."""
        if tag == "first_name":
            return self.platform.first_name
        if tag == "business_name":
            return self.business
        if tag == "unsubscribe_link":
            return self.platform.unsubscribe
        return self.links.get(tag) or self.platform.field(tag)

    def href(self, tag: str) -> str:
        """A link tag for an href (or an anchor's text): a real URL escaped; a platform's tag as it is, since
        its template engine reads the raw HTML (Klaviyo's quotes must stay quotes)."""
        if tag in self.links:
            return escape(self.links[tag])
        return self.value(tag)

    def plain(self, text: str) -> str:
        return MERGE_TAG.sub(lambda m: self.value(m.group(1)), text)

    def html(self, text: str) -> str:
        """Escaped text; link tags and web addresses as anchors showing the address."""
        out, last = [], 0
        for m in _TOKENS.finditer(text):
            out.append(escape(text[last : m.start()]))
            tag, url = m.group(1), m.group(2)
            if url:
                out.append(_anchor(escape(url), escape(url)))
            elif tag in LINK_TAGS or tag == "unsubscribe_link":
                out.append(_anchor(self.href(tag), self.href(tag)))
            elif tag == "business_name":
                out.append(escape(self.business))
            else:
                out.append(self.value(tag))  # the platform's own tag: it must reach the platform unescaped
            last = m.end()
        out.append(escape(text[last:]))
        return "".join(out)


def _anchor(href: str, label: str) -> str:
    """Both arguments already safe for HTML (see ``Renderer.href``)."""
    return f'<a href="{href}" style="color:#1a5fb4;">{label}</a>'


def render(email: Email, renderer: Renderer, name: str) -> EmailDoc:
    fragment = "\n".join(_html_block(b, renderer) for b in email.blocks) + "\n" + _footer_html(renderer)
    subject, preview = renderer.plain(email.subject), renderer.plain(email.preview)
    return EmailDoc(
        id=email.item.id,
        name=name,
        sender=renderer.business,
        subject=subject,
        preview=preview,
        html=_document(escape(subject), escape(preview), fragment),
        fragment=fragment,
        text="\n\n".join(_text_block(b, renderer) for b in email.blocks)
        + f"\n\n--\nUnsubscribe: {renderer.platform.unsubscribe}\n",
    )


def _html_block(block: Block, r: Renderer) -> str:
    if block.kind == "button":
        label = escape(block.lines[0])
        if not block.tag:
            return f'<p style="{P}"><strong>{label}</strong></p>'
        return f'<p style="margin:24px 0;"><a href="{r.href(block.tag)}" style="{BUTTON}">{label}</a></p>'
    if block.kind in ("ol", "ul"):
        items = "".join(f'<li style="margin:0 0 8px;">{r.html(line)}</li>' for line in block.lines)
        return f'<{block.kind} style="{P}padding-left:24px;">{items}</{block.kind}>'
    style = SMALL if block.kind == "small" else P
    return f'<p style="{style}">' + "<br>\n".join(r.html(line) for line in block.lines) + "</p>"


def _text_block(block: Block, r: Renderer) -> str:
    lines: Callable[[str], str] = r.plain
    if block.kind == "button":
        return f"{block.lines[0]}: {r.value(block.tag)}" if block.tag else block.lines[0]
    if block.kind == "ol":
        return "\n".join(f"{n}. {lines(line)}" for n, line in enumerate(block.lines, 1))
    if block.kind == "ul":
        return "\n".join(f"- {lines(line)}" for line in block.lines)
    return "\n".join(lines(line) for line in block.lines)


def _footer_html(r: Renderer) -> str:
    return (
        f'<p style="{SMALL}">You are receiving this email from {escape(r.business)}. '
        f'<a href="{r.platform.unsubscribe}" style="color:#6b7280;">Unsubscribe</a></p>'
    )


def _document(subject: str, preview: str, fragment: str) -> str:
    hidden = "display:none;max-height:0;overflow:hidden;mso-hide:all;"
    column = "max-width:600px;background:#ffffff;"
    text = "font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#1f2328;"
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{subject}</title>
</head>
<body style="margin:0;padding:0;background:#f3f4f6;">
<div style="{hidden}">{preview}</div>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f3f4f6;">
<tr><td align="center" style="padding:16px 8px;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="{column}">
<tr><td style="padding:24px;{text}">
{fragment}
</td></tr>
</table>
</td></tr>
</table>
</body>
</html>
"""
