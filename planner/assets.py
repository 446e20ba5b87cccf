"""The 16 asset types: one pydantic model each, with the fields a marketer pastes into a channel.

Field limits follow the channels (a search ad headline is 30 characters at most). Every asset renders to plain
text (what the checks read) and to Markdown (what people read), both derived from the fields in order.
"""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field

from planner.stages import Stage

# Merge tags an email or SMS tool fills in at send time; any other {{…}} is an unfilled placeholder.
MERGE_TAGS = frozenset(
    {
        "first_name",
        "business_name",
        "review_link",
        "referral_link",
        "booking_link",
        "offer_link",
        "download_link",
        "unsubscribe_link",
        "referral_code",
    }
)


class Asset(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, str_min_length=1)

    asset_type: ClassVar[str]
    stage: ClassVar[Stage]
    label: ClassVar[str]
    max_text_chars: ClassVar[int]

    def parts(self) -> list[tuple[str, str | list[str]]]:
        """(label, value) pairs in field order; lists stay lists so renderers can bullet them."""
        out: list[tuple[str, str | list[str]]] = []
        for name, info in type(self).model_fields.items():
            value = getattr(self, name)
            label = info.title or name.replace("_", " ").capitalize()
            if isinstance(value, list):
                out.append((label, [_flat(item) for item in value]))
            else:
                out.append((label, _flat(value)))
        return out

    def to_text(self) -> str:
        lines: list[str] = []
        for _, value in self.parts():
            lines.extend(value if isinstance(value, list) else [value])
        return "\n".join(line for line in lines if line)

    def to_markdown(self) -> str:
        lines: list[str] = []
        for label, value in self.parts():
            if isinstance(value, list):
                lines.append(f"**{label}:**")
                lines.extend(f"- {item}" for item in value)
            elif "\n" in value or len(value) > 160:
                lines.extend([f"**{label}:**", "", value])
            else:
                lines.append(f"**{label}:** {value}")
            lines.append("")
        return "\n".join(lines).strip() + "\n"


def _flat(value: object) -> str:
    if isinstance(value, BaseModel):
        return " — ".join(str(v) for v in value.model_dump().values())
    return str(value)


# --- aware ------------------------------------------------------------------------


class SearchAd(Asset):
    asset_type: ClassVar[str] = "search_ad"
    stage: ClassVar[Stage] = Stage.aware
    label: ClassVar[str] = "Search ad"
    max_text_chars: ClassVar[int] = 900

    headlines: list[Annotated[str, Field(max_length=30)]] = Field(min_length=3, max_length=15)
    descriptions: list[Annotated[str, Field(max_length=90)]] = Field(min_length=2, max_length=4)
    display_path: list[Annotated[str, Field(max_length=15)]] = Field(default_factory=list, max_length=2)


SocialCta = Literal["Learn More", "Download", "Sign Up", "Get Offer", "Book Now", "Shop Now", "Subscribe"]


class SocialAd(Asset):
    asset_type: ClassVar[str] = "social_ad"
    stage: ClassVar[Stage] = Stage.aware
    label: ClassVar[str] = "Social ad"
    max_text_chars: ClassVar[int] = 800

    primary_text: str = Field(max_length=500)
    headline: str = Field(max_length=40)
    description: str = Field(max_length=60)
    cta: SocialCta = Field(title="Call to action")


# --- engage ------------------------------------------------------------------------


class Section(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, str_min_length=1)
    heading: str = Field(max_length=80)
    body: str = Field(max_length=1200)


class BlogPost(Asset):
    asset_type: ClassVar[str] = "blog_post"
    stage: ClassVar[Stage] = Stage.engage
    label: ClassVar[str] = "Blog post"
    max_text_chars: ClassVar[int] = 8000

    title: str = Field(max_length=70)
    meta_description: str = Field(max_length=160)
    intro: str = Field(max_length=700)
    sections: list[Section] = Field(min_length=2, max_length=6)
    takeaway: str = Field(max_length=400)
    cta: str = Field(max_length=200, title="Call to action")


class SocialPost(Asset):
    asset_type: ClassVar[str] = "social_post"
    stage: ClassVar[Stage] = Stage.engage
    label: ClassVar[str] = "Social post"
    max_text_chars: ClassVar[int] = 2200

    platform: Literal["LinkedIn", "Facebook", "Instagram", "X"]
    hook: str = Field(max_length=150)
    body: str = Field(max_length=1700)
    cta: str = Field(max_length=150, title="Call to action")
    hashtags: list[Annotated[str, Field(max_length=40)]] = Field(default_factory=list, max_length=5)


# --- subscribe ------------------------------------------------------------------------


class LeadMagnet(Asset):
    asset_type: ClassVar[str] = "lead_magnet"
    stage: ClassVar[Stage] = Stage.subscribe
    label: ClassVar[str] = "Lead magnet"
    max_text_chars: ClassVar[int] = 2500

    title: str = Field(max_length=80)
    format: str = Field(max_length=40)
    promise: str = Field(max_length=240)
    outline: list[Annotated[str, Field(max_length=160)]] = Field(min_length=3, max_length=10)
    delivery: str = Field(max_length=240)


class OptInPage(Asset):
    asset_type: ClassVar[str] = "opt_in_page"
    stage: ClassVar[Stage] = Stage.subscribe
    label: ClassVar[str] = "Opt-in page"
    max_text_chars: ClassVar[int] = 1600

    headline: str = Field(max_length=90)
    subheadline: str = Field(max_length=220)
    bullets: list[Annotated[str, Field(max_length=140)]] = Field(min_length=3, max_length=6)
    form_fields: list[Annotated[str, Field(max_length=30)]] = Field(min_length=1, max_length=4)
    button_text: str = Field(max_length=30)
    privacy_note: str = Field(max_length=220)


# --- convert ------------------------------------------------------------------------


class EntryOffer(Asset):
    asset_type: ClassVar[str] = "entry_offer"
    stage: ClassVar[Stage] = Stage.convert
    label: ClassVar[str] = "Entry-point offer page"
    max_text_chars: ClassVar[int] = 3000

    headline: str = Field(max_length=90)
    offer_name: str = Field(max_length=80)
    price: str = Field(max_length=30)
    body: str = Field(max_length=1500)
    bullets: list[Annotated[str, Field(max_length=160)]] = Field(min_length=3, max_length=6)
    risk_reversal: str = Field(max_length=300)
    cta: str = Field(max_length=40, title="Call to action")


class ConsultationInvite(Asset):
    asset_type: ClassVar[str] = "consultation_invite"
    stage: ClassVar[Stage] = Stage.convert
    label: ClassVar[str] = "Consultation / demo invite"
    max_text_chars: ClassVar[int] = 2500

    subject: str = Field(max_length=80)
    body: str = Field(max_length=1200)
    what_to_expect: list[Annotated[str, Field(max_length=160)]] = Field(min_length=3, max_length=5)
    duration: str = Field(max_length=30)
    cta: str = Field(max_length=40, title="Call to action")


# --- excite ------------------------------------------------------------------------


class WelcomeEmail(Asset):
    asset_type: ClassVar[str] = "welcome_email"
    stage: ClassVar[Stage] = Stage.excite
    label: ClassVar[str] = "Welcome email"
    max_text_chars: ClassVar[int] = 3000

    subject: str = Field(max_length=80)
    preview_text: str = Field(max_length=110)
    body: str = Field(max_length=2000)
    cta: str = Field(max_length=40, title="Call to action")
    sign_off: str = Field(max_length=120)


class QuickStartGuide(Asset):
    asset_type: ClassVar[str] = "quick_start_guide"
    stage: ClassVar[Stage] = Stage.excite
    label: ClassVar[str] = "Quick-start guide"
    max_text_chars: ClassVar[int] = 3500

    title: str = Field(max_length=80)
    intro: str = Field(max_length=500)
    steps: list[Annotated[str, Field(max_length=300)]] = Field(min_length=3, max_length=7)
    quick_win: str = Field(max_length=300)
    help: str = Field(max_length=300)


# --- ascend ------------------------------------------------------------------------


class UpgradeEmail(Asset):
    asset_type: ClassVar[str] = "upgrade_email"
    stage: ClassVar[Stage] = Stage.ascend
    label: ClassVar[str] = "Upgrade email"
    max_text_chars: ClassVar[int] = 3000

    subject: str = Field(max_length=80)
    preview_text: str = Field(max_length=110)
    body: str = Field(max_length=2000)
    offer_name: str = Field(max_length=80)
    price: str = Field(max_length=30)
    cta: str = Field(max_length=40, title="Call to action")


class BundleOffer(Asset):
    asset_type: ClassVar[str] = "bundle_offer"
    stage: ClassVar[Stage] = Stage.ascend
    label: ClassVar[str] = "Bundle / profit-maximizer offer"
    max_text_chars: ClassVar[int] = 3000

    headline: str = Field(max_length=90)
    offer_name: str = Field(max_length=80)
    includes: list[Annotated[str, Field(max_length=160)]] = Field(min_length=2, max_length=8)
    price: str = Field(max_length=30)
    body: str = Field(max_length=1500)
    cta: str = Field(max_length=40, title="Call to action")


# --- advocate ------------------------------------------------------------------------


class ReviewRequestEmail(Asset):
    asset_type: ClassVar[str] = "review_request_email"
    stage: ClassVar[Stage] = Stage.advocate
    label: ClassVar[str] = "Review-request email"
    max_text_chars: ClassVar[int] = 2000

    subject: str = Field(max_length=80)
    body: str = Field(max_length=1500)
    cta: str = Field(max_length=40, title="Call to action")
    sign_off: str = Field(max_length=120)


class TestimonialRequest(Asset):
    asset_type: ClassVar[str] = "testimonial_request"
    stage: ClassVar[Stage] = Stage.advocate
    label: ClassVar[str] = "Testimonial request"
    max_text_chars: ClassVar[int] = 2500

    subject: str = Field(max_length=80)
    body: str = Field(max_length=1200)
    questions: list[Annotated[str, Field(max_length=200)]] = Field(min_length=3, max_length=6)
    permission_note: str = Field(max_length=300)


# --- promote ------------------------------------------------------------------------


class ReferralInvite(Asset):
    asset_type: ClassVar[str] = "referral_invite"
    stage: ClassVar[Stage] = Stage.promote
    label: ClassVar[str] = "Referral invite"
    max_text_chars: ClassVar[int] = 2500

    subject: str = Field(max_length=80)
    body: str = Field(max_length=1500)
    incentive: str = Field(max_length=200)
    how_it_works: list[Annotated[str, Field(max_length=200)]] = Field(min_length=2, max_length=5)
    cta: str = Field(max_length=40, title="Call to action")


class ReferralShare(Asset):
    asset_type: ClassVar[str] = "referral_share"
    stage: ClassVar[Stage] = Stage.promote
    label: ClassVar[str] = "Referral share message"
    max_text_chars: ClassVar[int] = 1500

    sms: str = Field(max_length=160, title="SMS")
    social_post: str = Field(max_length=280)
    email_subject: str = Field(max_length=80)
    email_body: str = Field(max_length=800)


ASSET_MODELS: dict[str, type[Asset]] = {
    model.asset_type: model
    for model in (
        SearchAd,
        SocialAd,
        BlogPost,
        SocialPost,
        LeadMagnet,
        OptInPage,
        EntryOffer,
        ConsultationInvite,
        WelcomeEmail,
        QuickStartGuide,
        UpgradeEmail,
        BundleOffer,
        ReviewRequestEmail,
        TestimonialRequest,
        ReferralInvite,
        ReferralShare,
    )
}


def assets_for(stage: Stage) -> list[type[Asset]]:
    return [model for model in ASSET_MODELS.values() if model.stage == stage]


def asset_model(asset_type: str) -> type[Asset]:
    try:
        return ASSET_MODELS[asset_type]
    except KeyError:
        raise ValueError(
            f"unknown asset type {asset_type!r} — expected one of {', '.join(ASSET_MODELS)}"
        ) from None
