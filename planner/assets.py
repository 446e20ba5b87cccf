"""The 16 asset types: one pydantic model each, with the fields a marketer pastes into a channel.

Field limits follow the channels (a search ad headline is 30 characters at most). Every asset renders to plain
text (what the checks read) and to Markdown (what people read), both derived from the fields in order.
"""

from __future__ import annotations

import os
import re
from typing import Annotated, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

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


def link_length() -> int:
    """How long a real link is once a merge tag is filled in (``CVJ_LINK_LENGTH``, default 35): an SMS is
    counted with it, because the phone counts the link, not the tag."""
    try:
        return max(10, int(os.environ.get("CVJ_LINK_LENGTH", "35")))
    except ValueError:
        return 35


_LINK = re.compile(r"\{\{\s*[a-z_]*link\s*\}\}")


def sent_length(text: str) -> int:
    """Characters once every ``{{…link}}`` tag is a real link of ``link_length()`` characters."""
    return len(_LINK.sub("x" * link_length(), text))


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
    # The merge tags this asset type can use (a prompt lists only these; any of MERGE_TAGS still passes the
    # placeholder check). Fields in ``sent_fields`` are counted with their links at real length.
    merge_tags: ClassVar[tuple[str, ...]] = ()
    sent_fields: ClassVar[frozenset[str]] = frozenset()

    @classmethod
    def pitch_offer(cls, profile: Profile) -> Offer | None:
        """The one offer this asset presents: the first of its ``pitch`` roles that the profile has."""
        for role in cls.pitch:
            if offer := profile.offer(role):
                return offer
        return None

    @classmethod
    def label_for(cls, profile: Profile) -> str:
        """What to call this asset for one business: the label, unless the business lacks what it names."""
        return cls.label

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
# Field descriptions go into the JSON schema a model receives and into its prompt's field guide, where the
# limits are added from the schema. Examples are counted ("(23)" = 23 characters) and deliberately about no
# real business: they show a pattern, never facts to copy.

_EXACT_NAME = "The offer's name, exactly as in the allowed offers."
_EXACT_PRICE = "The offer's price label, exactly as in the allowed offers."
_SIGN_OFF = "The business or its team; no invented person."


class SearchAd(Asset):
    asset_type = "search_ad"
    stage = Stage.aware
    label = "Search ad"
    max_text_chars = 900
    pitch = (OfferRole.lead_magnet,)
    chat_words = _words("search ad, google ad, google ads, ppc, adwords, search")

    headlines: list[Annotated[str, Field(max_length=30)]] = Field(
        min_length=3,
        max_length=15,
        description="Each reads alone and no two alike: the pain, the outcome, the free item. "
        "e.g. “Stuck on the same song?” (23)",
    )
    descriptions: list[Annotated[str, Field(max_length=90)]] = Field(
        min_length=2,
        max_length=4,
        description="One names the problem and who it is for; one says what the free item gives and the easy "
        "step to get it.",
    )
    display_path: list[Annotated[str, Field(max_length=15)]] = Field(
        default_factory=list,
        max_length=2,
        description="Lowercase words for the link's path, no spaces. e.g. “free-planner” (12)",
    )


# Free steps only: a social ad is first touch (Aware), where "Shop Now" or "Book Now" is a purchase call.
SocialCta = Literal["Learn More", "Download", "Sign Up", "Subscribe"]


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
    merge_tags = ("landing_link",)

    primary_text: str = Field(
        max_length=500,
        description="Above the image: a first line that stops the scroll, the pain in the reader's words, "
        "the free item and one easy step.",
    )
    headline: str = Field(
        max_length=40,
        description="Under the image: the free item or its outcome. e.g. “Your free practice plan” (23)",
    )
    description: str = Field(
        max_length=60, description="One supporting line. e.g. “Short, friendly and free” (24)"
    )
    cta: SocialCta = Field(title="Call to action", description="The platform's button; a free step.")
    # Where the click lands: the business's website, or {{landing_link}} for the ad tool to fill in.
    destination: str = Field(
        default="{{landing_link}}", max_length=300, description="{{landing_link}} or the business's website."
    )


# --- engage ------------------------------------------------------------------------


class Section(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, str_min_length=1)
    heading: str = Field(max_length=80, description="Says what the section teaches.")
    body: str = Field(max_length=1200, description="Practical, specific advice in short paragraphs.")


class BlogPost(Asset):
    asset_type = "blog_post"
    stage = Stage.engage
    label = "Blog post"
    max_text_chars = 8000
    pitch = (OfferRole.lead_magnet,)
    chat_words = _words("blog post, blog, article, long form, long read")
    merge_tags = ("download_link",)

    title: str = Field(
        max_length=70,
        description="What a reader would search for. e.g. “How to restart piano after a long break” (39)",
    )
    meta_description: str = Field(
        max_length=160, description="The search snippet: what they learn, who it is for."
    )
    intro: str = Field(
        max_length=700, description="The reader's situation in their words, and what the post gives."
    )
    sections: list[Section] = Field(
        min_length=2, max_length=6, description="Three or four sections the reader can use today."
    )
    takeaway: str = Field(max_length=400, description="The one thing to remember or do next.")
    cta: str = Field(
        max_length=200,
        title="Call to action",
        description="A free next step (the lead magnet), never a purchase.",
    )


class SocialPost(Asset):
    asset_type = "social_post"
    stage = Stage.engage
    label = "Social post"
    max_text_chars = 2200
    pitch = (OfferRole.lead_magnet,)
    chat_words = _words("social post, instagram post, linkedin post, tweet, caption, post")
    merge_tags = ("download_link",)

    platform: Literal["LinkedIn", "Facebook", "Instagram", "X"] = Field(description="Where it is posted.")
    hook: str = Field(
        max_length=150,
        description="The line shown before “more”. e.g. “What nobody tells you about starting again” (42)",
    )
    body: str = Field(max_length=1700, description="Free, useful advice in short lines.")
    cta: str = Field(
        max_length=150,
        title="Call to action",
        description="One free step. e.g. “Comment PLAN and I'll send it” (29)",
    )
    hashtags: list[Annotated[str, Field(max_length=40)]] = Field(
        default_factory=list, max_length=5, description="Each starts with #. e.g. “#adultlearners” (14)"
    )


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
    merge_tags = ("first_name", "download_link")

    title: str = Field(max_length=80, description="The lead magnet's name, exactly as in the allowed offers.")
    format: str = Field(max_length=40, description="What it is. e.g. “one-page checklist” (18)")
    promise: str = Field(max_length=240, description="What the reader gets from it, in one or two sentences.")
    outline: list[Annotated[str, Field(max_length=160)]] = Field(
        min_length=3, max_length=10, description="What is inside, one specific item each."
    )
    delivery: str = Field(max_length=240, description="How it arrives: sent to the email address they give.")


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

    headline: str = Field(
        max_length=90,
        description="The free item's outcome. e.g. “Get back to playing without the guilt” (37)",
    )
    subheadline: str = Field(max_length=220, description="Who it is for and what they get.")
    bullets: list[Annotated[str, Field(max_length=140)]] = Field(
        min_length=3, max_length=6, description="One benefit or item inside each."
    )
    form_fields: list[Annotated[str, Field(max_length=30)]] = Field(
        min_length=1,
        max_length=4,
        description="Only an email address, perhaps a first name. e.g. “Email address” (13)",
    )
    button_text: str = Field(max_length=30, description="What they get. e.g. “Send me the planner” (19)")
    privacy_note: str = Field(
        max_length=220, description="What happens to their email: no spam, easy to leave."
    )


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
    merge_tags = ("offer_link",)

    headline: str = Field(
        max_length=90,
        description="The first small win it gives. e.g. “Your first lesson, at your own pace” (35)",
    )
    offer_name: str = Field(max_length=80, description=_EXACT_NAME)
    price: str = Field(max_length=30, description=_EXACT_PRICE)
    body: str = Field(
        max_length=1500,
        description="The problem, what happens in the offer, who it suits, the top objection answered.",
    )
    bullets: list[Annotated[str, Field(max_length=160)]] = Field(
        min_length=3,
        max_length=6,
        description="What is included or what they walk away with, one point each.",
    )
    risk_reversal: str = Field(
        max_length=300, description="Why it is low risk, only as the profile states it."
    )
    cta: str = Field(
        max_length=40,
        title="Call to action",
        description="One step to take it. e.g. “Book your first lesson” (22)",
    )


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
    merge_tags = ("first_name", "booking_link", "offer_link")

    @classmethod
    def label_for(cls, profile: Profile) -> str:
        # Without a consultation on the ladder, the draft invites people to the entry-point offer instead.
        return cls.label if profile.offer(OfferRole.consultation) else "Entry-offer invite"

    subject: str = Field(max_length=80, description="Personal; what they walk away with.")
    body: str = Field(
        max_length=1200,
        description="Why this step, what it helps with, the top objection answered, the link.",
    )
    what_to_expect: list[Annotated[str, Field(max_length=160)]] = Field(
        min_length=3, max_length=5, description="What happens, in order, one concrete step each."
    )
    duration: str = Field(
        max_length=30, description="As the profile states it, else plainly. e.g. “One short call” (14)"
    )
    cta: str = Field(
        max_length=40,
        title="Call to action",
        description="One booking step. e.g. “Pick a time that suits you” (26)",
    )


# --- excite ------------------------------------------------------------------------


class WelcomeEmail(Asset):
    asset_type = "welcome_email"
    stage = Stage.excite
    label = "Welcome email"
    max_text_chars = 3000
    pitch = (OfferRole.entry_point,)
    chat_words = _words("welcome email, welcome, thank you email, onboarding email")
    link_tags = ("booking_link", "offer_link", "download_link")
    merge_tags = ("first_name", "booking_link", "offer_link", "download_link")

    subject: str = Field(
        max_length=80,
        description="Warm, about what comes next. e.g. “You're in: here's your first step” (33)",
    )
    preview_text: str = Field(max_length=110, description="Shown after the subject: the quick win ahead.")
    body: str = Field(
        max_length=2000, description="Thanks, what happens next, the first quick win, where to get help."
    )
    cta: str = Field(
        max_length=40,
        title="Call to action",
        description="Toward the quick win. e.g. “Start your first step” (21)",
    )
    sign_off: str = Field(max_length=120, description=_SIGN_OFF)


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
    merge_tags = ("first_name", "booking_link")

    title: str = Field(
        max_length=80, description="What they will have done. e.g. “Your first week, step by step” (29)"
    )
    intro: str = Field(max_length=500, description="Welcome, and the first result they will see.")
    steps: list[Annotated[str, Field(max_length=300)]] = Field(
        min_length=3, max_length=7, description="In order; one concrete action each, with what it gets them."
    )
    quick_win: str = Field(max_length=300, description="The first result they can see.")
    help: str = Field(max_length=300, description="Where to get help, as the profile states it.")


# --- ascend ------------------------------------------------------------------------


class UpgradeEmail(Asset):
    asset_type = "upgrade_email"
    stage = Stage.ascend
    label = "Upgrade email"
    max_text_chars = 3000
    pitch = (OfferRole.core,)
    chat_words = _words("upgrade email, upgrade, upsell email, upsell, upgrade to")
    link_tags = ("offer_link", "booking_link")
    merge_tags = ("first_name", "offer_link")

    subject: str = Field(
        max_length=80, description="About their next step. e.g. “Ready for the next step?” (24)"
    )
    preview_text: str = Field(max_length=110, description="Shown after the subject: what the next step adds.")
    # Exact-copy fields come before the body, so a model writes them from the offer before it writes prose.
    offer_name: str = Field(max_length=80, description=_EXACT_NAME)
    price: str = Field(max_length=30, description=_EXACT_PRICE)
    body: str = Field(
        max_length=2000,
        description="The win so far, what the offer adds, who it suits, the top objection answered.",
    )
    cta: str = Field(
        max_length=40, title="Call to action", description="One step. e.g. “Take the next step” (18)"
    )


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
    merge_tags = ("offer_link",)

    headline: str = Field(
        max_length=90, description="The result it adds. e.g. “Everything for the next stage, together” (39)"
    )
    offer_name: str = Field(max_length=80, description=_EXACT_NAME)
    price: str = Field(max_length=30, description=_EXACT_PRICE)
    includes: list[Annotated[str, Field(max_length=160)]] = Field(
        min_length=2, max_length=8, description="What it includes, only from the offer's description."
    )
    body: str = Field(max_length=1500, description="Who it suits and why now; the top objection answered.")
    cta: str = Field(
        max_length=40, title="Call to action", description="One step. e.g. “Add it to your plan” (19)"
    )


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
    merge_tags = ("first_name", "review_link")

    subject: str = Field(
        max_length=80, description="Plain and personal. e.g. “How did we do? An honest answer helps” (37)"
    )
    body: str = Field(
        max_length=1500,
        description="Thanks, what they used, open prompts for an honest review, {{review_link}}.",
    )
    cta: str = Field(
        max_length=40, title="Call to action", description="e.g. “Share your honest review” (24)"
    )
    sign_off: str = Field(max_length=120, description=_SIGN_OFF)


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
    merge_tags = ("first_name", "review_link")

    subject: str = Field(max_length=80, description="Personal. e.g. “Would you tell your story?” (26)")
    body: str = Field(
        max_length=1200, description="Why their words help others like them; easy and optional."
    )
    questions: list[Annotated[str, Field(max_length=200)]] = Field(
        min_length=3,
        max_length=6,
        description="Open questions about before, during and after; never scripted praise.",
    )
    permission_note: str = Field(
        max_length=300, description="How the words are used; they may say no or stay anonymous."
    )


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
    merge_tags = ("first_name", "referral_link", "referral_code")

    subject: str = Field(max_length=80, description="Personal. e.g. “Know someone who'd like this?” (29)")
    incentive: str = Field(
        max_length=200, description="The referral offer's reward, exactly as the offer words it."
    )
    body: str = Field(
        max_length=1500, description="Thanks, who would benefit, what a friend gets, {{referral_link}}."
    )
    how_it_works: list[Annotated[str, Field(max_length=200)]] = Field(
        min_length=2, max_length=5, description="The steps, one short line each."
    )
    cta: str = Field(max_length=40, title="Call to action", description="e.g. “Share your link” (15)")


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
    merge_tags = ("referral_link", "referral_code")
    sent_fields = frozenset({"sms"})

    sms: str = Field(
        max_length=160,
        title="SMS",
        description="The customer to a friend, first person, with {{referral_link}}.",
    )
    social_post: str = Field(
        max_length=280, description="Why they like it, what a friend gets, {{referral_link}}."
    )
    email_subject: str = Field(max_length=80, description="Personal. e.g. “Thought of you” (14)")
    email_body: str = Field(
        max_length=800, description="A short personal note: one reason, what a friend gets, the link."
    )

    @field_validator("sms")
    @classmethod
    def _fits_once_sent(cls, value: str) -> str:
        # The phone counts the link, not the tag: {{referral_link}} is 17 characters here, ~35 once sent.
        if (sent := sent_length(value)) > 160:
            raise ValueError(
                f"is {sent} characters once its link is sent at {link_length()} characters; an SMS holds 160"
            )
        return value


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
