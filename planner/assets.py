"""The 16 asset types: one pydantic model each, with the fields a marketer pastes into a channel.

Field limits follow the channels (a search ad headline is 30 characters at most). Every asset renders to plain
text (what the checks read) and to Markdown (what people read), both derived from the fields in order.
"""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field

from planner.errors import UserError
from planner.profile import Offer, OfferRole, Profile
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
        "landing_link",
    }
)


class Asset(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, str_min_length=1)

    # Everything about an asset type is found here: its stage, its channel limits, the offers it may present
    # (first one the profile has wins), the words a marketer uses for it in chat, and its prompt file.
    asset_type: ClassVar[str]
    stage: ClassVar[Stage]
    label: ClassVar[str]
    max_text_chars: ClassVar[int]
    pitch: ClassVar[tuple[OfferRole, ...]]
    chat_words: ClassVar[tuple[str, ...]]
    # The merge tags any one of which gives the reader somewhere to act (empty: it needs no link), and the
    # fields that each need one of their own (empty: anywhere in the asset will do).
    link_tags: ClassVar[tuple[str, ...]] = ()
    link_fields: ClassVar[tuple[str, ...]] = ()
    # True when each field is a message of its own (an SMS, a post, an email): saying the same thing in two
    # of them is the point, not a repeat.
    separate_messages: ClassVar[bool] = False

    @classmethod
    def pitch_offer(cls, profile: Profile) -> Offer | None:
        """The one offer this asset presents: the first of its ``pitch`` roles that the profile has."""
        for role in cls.pitch:
            if offer := profile.offer(role):
                return offer
        return None

    @classmethod
    def prompt_name(cls) -> str:
        """The prompt file under ``prompts/`` that the LLM chain renders for this asset type."""
        return f"{cls.stage.value}/{cls.asset_type}"

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


def _words(phrases: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in phrases.split(","))


def _flat(value: object) -> str:
    if isinstance(value, BaseModel):
        return " — ".join(str(v) for v in value.model_dump().values())
    return str(value)


# --- aware ------------------------------------------------------------------------


class SearchAd(Asset):
    asset_type = "search_ad"
    stage = Stage.aware
    label = "Search ad"
    max_text_chars = 900
    pitch = (OfferRole.lead_magnet,)
    chat_words = _words("search ad, google ad, google ads, ppc, adwords, search")

    headlines: list[Annotated[str, Field(max_length=30)]] = Field(min_length=3, max_length=15)
    descriptions: list[Annotated[str, Field(max_length=90)]] = Field(min_length=2, max_length=4)
    display_path: list[Annotated[str, Field(max_length=15)]] = Field(default_factory=list, max_length=2)


SocialCta = Literal["Learn More", "Download", "Sign Up", "Get Offer", "Book Now", "Shop Now", "Subscribe"]


class SocialAd(Asset):
    asset_type = "social_ad"
    stage = Stage.aware
    label = "Social ad"
    max_text_chars = 800
    pitch = (OfferRole.lead_magnet,)
    chat_words = _words(
        "social ad, facebook ad, instagram ad, meta ad, tiktok ad, paid social, sponsored post, "
        "facebook campaign, meta campaign, instagram campaign, ad, advert"
    )

    primary_text: str = Field(max_length=500)
    headline: str = Field(max_length=40)
    description: str = Field(max_length=60)
    cta: SocialCta = Field(title="Call to action")
    # Where the click lands: the business's website, or {{landing_link}} for the ad tool to fill in.
    destination: str = Field(default="{{landing_link}}", max_length=300)


# --- engage ------------------------------------------------------------------------


class Section(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, str_min_length=1)
    heading: str = Field(max_length=80)
    body: str = Field(max_length=1200)


class BlogPost(Asset):
    asset_type = "blog_post"
    stage = Stage.engage
    label = "Blog post"
    max_text_chars = 8000
    pitch = (OfferRole.lead_magnet,)
    chat_words = _words("blog post, blog, article, long form, long read")

    title: str = Field(max_length=70)
    meta_description: str = Field(max_length=160)
    intro: str = Field(max_length=700)
    sections: list[Section] = Field(min_length=2, max_length=6)
    takeaway: str = Field(max_length=400)
    cta: str = Field(max_length=200, title="Call to action")


class SocialPost(Asset):
    asset_type = "social_post"
    stage = Stage.engage
    label = "Social post"
    max_text_chars = 2200
    pitch = (OfferRole.lead_magnet,)
    chat_words = _words("social post, instagram post, linkedin post, tweet, caption, post")

    platform: Literal["LinkedIn", "Facebook", "Instagram", "X"]
    hook: str = Field(max_length=150)
    body: str = Field(max_length=1700)
    cta: str = Field(max_length=150, title="Call to action")
    hashtags: list[Annotated[str, Field(max_length=40)]] = Field(default_factory=list, max_length=5)


# --- subscribe ------------------------------------------------------------------------


class LeadMagnet(Asset):
    asset_type = "lead_magnet"
    stage = Stage.subscribe
    label = "Lead magnet"
    max_text_chars = 2500
    pitch = (OfferRole.lead_magnet,)
    chat_words = _words(
        "lead magnet, freebie, checklist, ebook, cheat sheet, free guide, free download, "
        "in exchange for, give away, giveaway, quiz"
    )

    title: str = Field(max_length=80)
    format: str = Field(max_length=40)
    promise: str = Field(max_length=240)
    outline: list[Annotated[str, Field(max_length=160)]] = Field(min_length=3, max_length=10)
    delivery: str = Field(max_length=240)


class OptInPage(Asset):
    asset_type = "opt_in_page"
    stage = Stage.subscribe
    label = "Opt-in page"
    max_text_chars = 1600
    pitch = (OfferRole.lead_magnet,)
    chat_words = _words(
        "opt in page, opt in, landing page, squeeze page, signup page, signup form, sign up page, "
        "sign up form, registration page"
    )

    headline: str = Field(max_length=90)
    subheadline: str = Field(max_length=220)
    bullets: list[Annotated[str, Field(max_length=140)]] = Field(min_length=3, max_length=6)
    form_fields: list[Annotated[str, Field(max_length=30)]] = Field(min_length=1, max_length=4)
    button_text: str = Field(max_length=30)
    privacy_note: str = Field(max_length=220)


# --- convert ------------------------------------------------------------------------


class EntryOffer(Asset):
    asset_type = "entry_offer"
    stage = Stage.convert
    label = "Entry-point offer page"
    max_text_chars = 3000
    pitch = (OfferRole.entry_point,)
    chat_words = _words(
        "entry offer, tripwire, intro offer, sales page, offer page, first purchase, trial offer, "
        "starter pack, taster"
    )
    link_tags = ("offer_link", "booking_link")

    headline: str = Field(max_length=90)
    offer_name: str = Field(max_length=80)
    price: str = Field(max_length=30)
    body: str = Field(max_length=1500)
    bullets: list[Annotated[str, Field(max_length=160)]] = Field(min_length=3, max_length=6)
    risk_reversal: str = Field(max_length=300)
    cta: str = Field(max_length=40, title="Call to action")


class ConsultationInvite(Asset):
    asset_type = "consultation_invite"
    stage = Stage.convert
    label = "Consultation / demo invite"
    max_text_chars = 2500
    pitch = (OfferRole.entry_point,)
    chat_words = _words(
        "consultation, demo, discovery call, consult, call invite, free call, strategy call, book a call"
    )
    link_tags = ("booking_link", "offer_link")

    subject: str = Field(max_length=80)
    body: str = Field(max_length=1200)
    what_to_expect: list[Annotated[str, Field(max_length=160)]] = Field(min_length=3, max_length=5)
    duration: str = Field(max_length=30)
    cta: str = Field(max_length=40, title="Call to action")


# --- excite ------------------------------------------------------------------------


class WelcomeEmail(Asset):
    asset_type = "welcome_email"
    stage = Stage.excite
    label = "Welcome email"
    max_text_chars = 3000
    pitch = (OfferRole.entry_point,)
    chat_words = _words("welcome email, welcome, thank you email, onboarding email")
    link_tags = ("booking_link", "offer_link", "download_link")

    subject: str = Field(max_length=80)
    preview_text: str = Field(max_length=110)
    body: str = Field(max_length=2000)
    cta: str = Field(max_length=40, title="Call to action")
    sign_off: str = Field(max_length=120)


class QuickStartGuide(Asset):
    asset_type = "quick_start_guide"
    stage = Stage.excite
    label = "Quick-start guide"
    max_text_chars = 3500
    pitch = (OfferRole.entry_point,)
    chat_words = _words(
        "quick start, getting started, setup guide, onboarding guide, how to start, what to expect, "
        "first steps"
    )

    title: str = Field(max_length=80)
    intro: str = Field(max_length=500)
    steps: list[Annotated[str, Field(max_length=300)]] = Field(min_length=3, max_length=7)
    quick_win: str = Field(max_length=300)
    help: str = Field(max_length=300)


# --- ascend ------------------------------------------------------------------------


class UpgradeEmail(Asset):
    asset_type = "upgrade_email"
    stage = Stage.ascend
    label = "Upgrade email"
    max_text_chars = 3000
    pitch = (OfferRole.core,)
    chat_words = _words("upgrade email, upgrade, upsell email, upsell, upgrade to")
    link_tags = ("offer_link", "booking_link")

    subject: str = Field(max_length=80)
    preview_text: str = Field(max_length=110)
    body: str = Field(max_length=2000)
    offer_name: str = Field(max_length=80)
    price: str = Field(max_length=30)
    cta: str = Field(max_length=40, title="Call to action")


class BundleOffer(Asset):
    asset_type = "bundle_offer"
    stage = Stage.ascend
    label = "Bundle / profit-maximizer offer"
    max_text_chars = 3000
    pitch = (
        OfferRole.profit_maximizer,
        OfferRole.core,
    )
    chat_words = _words("bundle, package, profit maximizer, add on, add ons")
    link_tags = ("offer_link", "booking_link")

    headline: str = Field(max_length=90)
    offer_name: str = Field(max_length=80)
    includes: list[Annotated[str, Field(max_length=160)]] = Field(min_length=2, max_length=8)
    price: str = Field(max_length=30)
    body: str = Field(max_length=1500)
    cta: str = Field(max_length=40, title="Call to action")


# --- advocate ------------------------------------------------------------------------


class ReviewRequestEmail(Asset):
    asset_type = "review_request_email"
    stage = Stage.advocate
    label = "Review-request email"
    max_text_chars = 2000
    pitch = (
        OfferRole.core,
        OfferRole.entry_point,
    )
    chat_words = _words("review request, review email, reviews, review, rating")
    link_tags = ("review_link",)

    subject: str = Field(max_length=80)
    body: str = Field(max_length=1500)
    cta: str = Field(max_length=40, title="Call to action")
    sign_off: str = Field(max_length=120)


class TestimonialRequest(Asset):
    asset_type = "testimonial_request"
    stage = Stage.advocate
    label = "Testimonial request"
    max_text_chars = 2500
    pitch = (
        OfferRole.core,
        OfferRole.entry_point,
    )
    chat_words = _words("testimonial, testimonials, case study, quote")
    link_tags = ("review_link", "booking_link")

    subject: str = Field(max_length=80)
    body: str = Field(max_length=1200)
    questions: list[Annotated[str, Field(max_length=200)]] = Field(min_length=3, max_length=6)
    permission_note: str = Field(max_length=300)


# --- promote ------------------------------------------------------------------------


class ReferralInvite(Asset):
    asset_type = "referral_invite"
    stage = Stage.promote
    label = "Referral invite"
    max_text_chars = 2500
    pitch = (OfferRole.referral,)
    chat_words = _words(
        "referral invite, referral email, referral, referrals, refer a friend, bring a friend, "
        "referral program, referral programme"
    )
    link_tags = ("referral_link", "referral_code")

    subject: str = Field(max_length=80)
    body: str = Field(max_length=1500)
    incentive: str = Field(max_length=200)
    how_it_works: list[Annotated[str, Field(max_length=200)]] = Field(min_length=2, max_length=5)
    cta: str = Field(max_length=40, title="Call to action")


class ReferralShare(Asset):
    asset_type = "referral_share"
    stage = Stage.promote
    label = "Referral share message"
    max_text_chars = 1500
    pitch = (OfferRole.referral,)
    chat_words = _words("share message, referral sms, share text, sms, text message, forward to a friend")
    link_tags = ("referral_link", "referral_code")
    link_fields = ("sms", "email_body")
    separate_messages = True

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
        raise UserError(
            f"unknown asset type {asset_type!r} — expected one of {', '.join(ASSET_MODELS)}"
        ) from None
