"""The five email platforms: their merge-tag syntax, unsubscribe tag, placeholders for per-contact fields, and
the shape of their create-campaign (or template) API request. Sources: the vendors' docs and SDKs, see the
README's "Email platforms" section; nothing here calls any of them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

# Per-contact fields a platform fills in, named for Mailchimp's merge-field tags (short, upper case).
MAILCHIMP_FIELDS = {
    "landing_link": "SITEURL",
    "booking_link": "BOOKURL",
    "offer_link": "OFFERURL",
    "download_link": "DLURL",
    "review_link": "REVIEWURL",
    "referral_link": "REFURL",
    "referral_code": "REFCODE",
}


@dataclass(frozen=True)
class EmailDoc:
    """One email as a platform receives it (its merge tags already in the platform's syntax)."""

    id: str
    name: str  # the campaign or template name shown in the platform
    sender: str  # the business name, as the sender's name
    subject: str
    preview: str
    html: str  # the whole document
    fragment: str  # the content alone, for platforms that wrap it in their own template
    text: str


@dataclass(frozen=True)
class Platform:
    name: str
    title: str
    first_name: str
    unsubscribe: str  # the unsubscribe address, for an href and for plain text
    field: Callable[[str], str]  # a per-contact field's placeholder, from our tag name
    payload: Callable[[EmailDoc], dict[str, Any]]
    how_to: str  # two lines on importing (README)
    fallback: str  # how the greeting reads when the first name is unknown
    blanks: dict[str, str]  # the `<…>` values in its payloads: only the account owner knows them
    caveat: str = ""  # what the README must say is not confirmed


def _request(method: str, url: str, body: dict[str, Any], **headers: str) -> dict[str, Any]:
    request: dict[str, Any] = {"method": method, "url": url}
    if headers:
        request["headers"] = headers
    request["body"] = body
    return request


def _mailchimp(doc: EmailDoc) -> dict[str, Any]:
    base = "https://<dc>.api.mailchimp.com/3.0"
    settings = {
        "subject_line": doc.subject,
        "preview_text": doc.preview,
        "title": doc.name,
        "from_name": doc.sender,
        "reply_to": "<REPLY_TO_EMAIL>",
    }
    create = {"type": "regular", "recipients": {"list_id": "<AUDIENCE_ID>"}, "settings": settings}
    content = {"html": doc.html, "plain_text": doc.text}
    return {
        "platform": "mailchimp",
        "requests": [
            _request("POST", f"{base}/campaigns", create),
            _request("PUT", f"{base}/campaigns/<CAMPAIGN_ID>/content", content),
        ],
    }


def _klaviyo(doc: EmailDoc) -> dict[str, Any]:
    attributes = {"name": doc.name, "editor_type": "CODE", "html": doc.html, "text": doc.text}
    body = {"data": {"type": "template", "attributes": attributes}}
    return {
        "platform": "klaviyo",
        "requests": [
            _request(
                "POST",
                "https://a.klaviyo.com/api/templates",
                body,
                revision="2026-10-15",
                **{"Content-Type": "application/vnd.api+json"},
            )
        ],
    }


def _hubspot(doc: EmailDoc) -> dict[str, Any]:
    content = {
        "templatePath": "@hubspot/email/dnd/plain_text.html",
        "widgets": {"main_content": {"body": {"html": doc.fragment}}},
        "plainTextVersion": doc.text,
    }
    body = {
        "name": doc.name,
        "subject": doc.subject,
        "from": {"fromName": doc.sender, "replyTo": "<REPLY_TO_EMAIL>"},
        "subscriptionDetails": {"subscriptionId": "<SUBSCRIPTION_TYPE_ID>"},
        "content": content,
    }
    return {
        "platform": "hubspot",
        "requests": [_request("POST", "https://api.hubapi.com/marketing/v3/emails/", body)],
    }


def _kit(doc: EmailDoc) -> dict[str, Any]:
    body = {
        "subject": doc.subject,
        "preview_text": doc.preview,
        "description": doc.name,
        "content": doc.fragment,
        "public": False,
        "published_at": None,
        "send_at": None,  # a draft: nothing is sent until someone schedules it in Kit
    }
    return {"platform": "kit", "requests": [_request("POST", "https://api.kit.com/v4/broadcasts", body)]}


def _brevo(doc: EmailDoc) -> dict[str, Any]:
    body = {
        "name": doc.name,
        "subject": doc.subject,
        "previewText": doc.preview,
        "sender": {"name": doc.sender, "email": "<SENDER_EMAIL>"},
        "htmlContent": doc.html,
    }
    return {
        "platform": "brevo",
        "requests": [_request("POST", "https://api.brevo.com/v3/emailCampaigns", body)],
    }


PLATFORMS: dict[str, Platform] = {
    p.name: p
    for p in (
        Platform(
            "mailchimp",
            "Mailchimp",
            "*|FNAME|*",
            "*|UNSUB|*",
            lambda tag: f"*|{MAILCHIMP_FIELDS[tag]}|*",
            _mailchimp,
            "Create an email campaign, choose **Code your own › Paste in code** and paste the `.html` file; "
            "put the subject and preview text from `manifest.jsonl`.\nOr send the two requests in the "
            "`.api_payload.json` file with your API key (after filling in the `<…>` values).",
            "set a default for First name in Audience › Settings › Audience fields and `*|MERGE|*` tags "
            "(for example `there`)",
            {
                "<dc>": "the data centre at the end of your API key (…-us19 → us19)",
                "<AUDIENCE_ID>": "the audience (list) id",
                "<CAMPAIGN_ID>": "the id the first request returns",
                "<REPLY_TO_EMAIL>": "the reply-to address",
            },
        ),
        Platform(
            "klaviyo",
            "Klaviyo",
            "{{ first_name|default:'there' }}",
            "{% unsubscribe_link %}",
            lambda tag: f"{{{{ person|lookup:'{tag}' }}}}",
            _klaviyo,
            "Content › Templates › Create template › **Import**/HTML editor: paste the `.html` file; "
            "then use the template in a campaign or flow email.\nOr POST the `.api_payload.json` body to "
            "/api/templates with your private API key.",
            "built into the tag: `there`",
            {},
            "A template is not a campaign: use it in a campaign or flow email to send it. The `revision` "
            "header is the one the klaviyo-api 25.0.0 SDK sends.",
        ),
        Platform(
            "hubspot",
            "HubSpot",
            "{{ contact.firstname }}",
            "{{ unsubscribe_link_all }}",
            lambda tag: f"{{{{ contact.{tag} }}}}",
            _hubspot,
            "Marketing › Email › Create email, pick a template, and paste the `.html` file's content into "
            "a rich-text module (source view).\nOr POST the `.api_payload.json` body to "
            "/marketing/v3/emails/ with a private-app token.",
            "set a default value on the First name personalization token in the email editor",
            {
                "<REPLY_TO_EMAIL>": "the reply-to address",
                "<SUBSCRIPTION_TYPE_ID>": "the subscription type the email belongs to",
            },
            "Not confirmed: `templatePath` and the `widgets` module name must match a template in your "
            "portal — GET one of your emails (/marketing/v3/emails/{id}) and copy its module's shape.",
        ),
        Platform(
            "kit",
            "Kit",
            '{{ subscriber.first_name | default: "there" }}',
            "{{ unsubscribe_url }}",
            lambda tag: f"{{{{ subscriber.{tag} }}}}",
            _kit,
            "Send › Broadcasts › New broadcast, switch the editor to HTML and paste the `.html` file; the "
            "subject and preview come from `manifest.jsonl`.\nOr POST the `.api_payload.json` body to "
            "/v4/broadcasts (it is saved as a draft: `send_at` is null).",
            "built into the tag: `there`",
            {},
            "Kit wraps `content` in your account's default email template (which carries its own unsubscribe "
            "link); pick the recipients in Kit.",
        ),
        Platform(
            "brevo",
            "Brevo",
            "{{ contact.FIRSTNAME|default:'there' }}",
            "{{ unsubscribe }}",
            lambda tag: f"{{{{ contact.{tag.upper()} }}}}",
            _brevo,
            "Campaigns › Email › Create campaign, choose **Code your own** and paste the `.html` file.\nOr "
            "POST the `.api_payload.json` body to /v3/emailCampaigns with your API key (no `scheduledAt`: "
            "it stays a draft).",
            "built into the tag: `there`",
            {"<SENDER_EMAIL>": "a sender address verified in Brevo"},
            "Pick the recipient lists in Brevo (a draft needs none).",
        ),
    )
}
