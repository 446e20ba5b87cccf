"""The business profile: business, brand voice, customer avatar and offer ladder, loaded from YAML.

The YAML shape is a contract other tools write, so every model forbids unknown fields and every error names
the file, the field path (``offers[2].price``) and what is expected.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, Literal

from anyascii import anyascii
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    StringConstraints,
    ValidationError,
    model_validator,
)

from planner.errors import ProfileError
from planner.yamlio import load_yaml

MAX_PROFILE_BYTES = 256 * 1024
MAX_TEXT = 2000

# C0 controls but tab, newline and carriage return, and DEL: a NUL or an ESC sequence in a name would reach
# file names, Markdown and terminals. Text is for people, so refuse them where the field is named.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _no_control_characters(value: str) -> str:
    found = _CONTROL.search(value)
    if found:
        raise ValueError(f"contains a control character (U+{ord(found.group()):04X}) — remove it")
    return value


Text = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_TEXT),
    AfterValidator(_no_control_characters),
]
Price = Annotated[float, Field(ge=0, le=10_000_000, strict=True, allow_inf_nan=False)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


Currency = Literal["$", "£", "€"]


class Business(Strict):
    name: Text
    description: Text
    website: Text | None = None
    location: Text | None = None  # "Riverside, CA": where the business is
    service_area: Text | None = None  # "within 5 miles of Riverside", "ships UK-wide"
    review_sites: list[Text] = Field(default_factory=list, max_length=10)  # where customers review it
    currency: Currency = "$"  # the symbol every price prints with: "$", "£" or "€"


class BrandVoice(Strict):
    tone: list[Text] = Field(min_length=1, max_length=12)
    avoid: list[Text] = Field(default_factory=list, max_length=100)


class Avatar(Strict):
    name: Text
    goals_and_values: list[Text] = Field(min_length=1, max_length=30)
    sources_of_information: list[Text] = Field(min_length=1, max_length=30)
    demographics: Text
    challenges_and_pain_points: list[Text] = Field(min_length=1, max_length=30)
    objections: list[Text] = Field(min_length=1, max_length=30)
    role_in_purchase: Text


class OfferRole(StrEnum):
    lead_magnet = "lead_magnet"
    entry_point = "entry_point"
    core = "core"
    profit_maximizer = "profit_maximizer"
    referral = "referral"
    consultation = "consultation"  # a call, demo or consultation the business really offers (often free)


class Billing(StrEnum):
    one_time = "one_time"
    weekly = "weekly"
    monthly = "monthly"
    quarterly = "quarterly"
    yearly = "yearly"


BILLING_SUFFIX = {
    Billing.one_time: "",
    Billing.weekly: "/week",
    Billing.monthly: "/month",
    Billing.quarterly: "/quarter",
    Billing.yearly: "/year",
}


class Offer(Strict):
    role: OfferRole
    name: Text
    price: Price
    description: Text
    format: Text | None = None
    billing: Billing = Billing.one_time
    # Set from the business by ``Profile``: an offer's price is written in its business's currency.
    _currency: str = PrivateAttr(default="$")

    @property
    def is_paid(self) -> bool:
        return self.price > 0

    def price_label(self) -> str:
        """The price as copy shows it: ``$29``, ``$189/month``, ``free``."""
        if not self.is_paid:
            return "free"
        amount = f"{self.price:,.2f}".removesuffix(".00")
        return f"{self._currency}{amount}{BILLING_SUFFIX[self.billing]}"


class ObjectionAnswer(Strict):
    objection: Text  # one of the avatar's objections, or close to it
    answer: Text  # the business's own answer, which copy may state


class Promotion(Strict):
    """A dated, one-off promotion (a holiday sale, a Mother's Day gift set) — not a rung of the ladder.

    Copy states only these terms; ``offer`` names the ladder offer it applies to, when there is one.
    """

    name: Text
    terms: Text  # what is on offer, in the business's words: "20% off every gift set", "a free mini pot"
    starts: date
    ends: date
    stage: Literal["subscribe", "convert", "ascend", "promote"] = "convert"  # who it is for
    offer: Text | None = None
    price: Price | None = None

    @model_validator(mode="after")
    def _ends_after_it_starts(self) -> Promotion:
        if self.ends < self.starts:
            raise ValueError(
                f"the promotion {self.name!r} ends ({self.ends}) before it starts ({self.starts})"
            )
        return self

    def line(self) -> str:
        """One line for the app's form and the chat: ``name | terms | starts | ends | stage``."""
        return " | ".join([self.name, self.terms, self.starts.isoformat(), self.ends.isoformat(), self.stage])

    @staticmethod
    def fields_from_line(line: str) -> dict[str, str]:
        """``Holiday sale | 20% off gift sets | 2026-12-01 | 2026-12-24 | convert`` → fields to validate
        (the stage may be left out)."""
        parts = [p.strip() for p in line.split("|")]
        names = ("name", "terms", "starts", "ends", "stage")
        return {k: v for k, v in zip(names, parts, strict=False) if v}

    def dates(self) -> str:
        """'1–24 December', '28 November – 2 December', '30 December 2026 – 2 January 2027'."""
        a, b = self.starts, self.ends
        if a == b:
            return f"{a.day} {a:%B}"
        if (a.year, a.month) == (b.year, b.month):
            return f"{a.day}–{b.day} {b:%B}"
        if a.year == b.year:
            return f"{a.day} {a:%B} – {b.day} {b:%B}"
        return f"{a.day} {a:%B %Y} – {b.day} {b:%B %Y}"


class Profile(Strict):
    business: Business
    brand_voice: BrandVoice
    avatar: Avatar
    offers: list[Offer] = Field(min_length=1, max_length=20)
    # Facts a marketer has at hand; copy uses them when present and writes less when they are not.
    proof: list[Text] = Field(default_factory=list, max_length=20)  # reviews, numbers, awards it may state
    differentiators: list[Text] = Field(default_factory=list, max_length=20)
    objection_answers: list[ObjectionAnswer] = Field(default_factory=list, max_length=30)
    first_steps: list[Text] = Field(default_factory=list, max_length=10)  # what happens right after buying
    promotions: list[Promotion] = Field(default_factory=list, max_length=20)  # dated, one-off offers

    @model_validator(mode="after")
    def _ladder_has_one_core(self) -> Profile:
        roles = [offer.role for offer in self.offers]
        if OfferRole.core not in roles:
            raise ValueError("the offer ladder needs one offer with role: core")
        for role in OfferRole:
            if roles.count(role) > 1:
                raise ValueError(
                    f"the offer ladder has {roles.count(role)} offers with role: {role}; keep one"
                )
        for offer in self.offers:
            offer._currency = self.business.currency
        return self

    def offer(self, role: OfferRole) -> Offer | None:
        return next((offer for offer in self.offers if offer.role == role), None)

    def core(self) -> Offer:
        offer = self.offer(OfferRole.core)
        assert offer is not None  # guaranteed by the validator
        return offer

    @property
    def slug(self) -> str:
        return slugify(self.business.name)

    def fingerprint(self) -> str:
        """The profile's content as a key for caches (an object id can be reused once it is freed)."""
        return hashlib.sha1(self.model_dump_json().encode(), usedforsecurity=False).hexdigest()


MAX_SLUG = 60  # ids go into file and folder names (255 bytes at most) and store collection names


def slugify(text: str) -> str:
    """The business id: lower-case ASCII words joined by hyphens, distinct and stable.

    An ASCII name keeps the id it always had ("Paws & Suds Grooming" → ``paws-suds-grooming``: it is in
    users' file names and draft ids). Any other name is transliterated (anyascii: "Кафе" → ``kafe``) and
    gets a short hash of the exact name, since transliteration alone can merge names (店 and 点 are both
    "dian", "Кафе" and "Kafe" both "kafe"); a name with no letters left is ``business-<hash>``. A long id is
    cut at a word and given the hash too, so two long names that start alike stay apart.
    """
    name = unicodedata.normalize("NFC", text.strip())
    ascii_name = name if name.isascii() else anyascii(name)
    base = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    if name.isascii() and base and len(base) <= MAX_SLUG:
        return base
    digest = hashlib.sha256(name.encode("utf-8")).hexdigest()[:8]
    room = MAX_SLUG - len(digest) - 1
    if len(base) > room:
        base = base[:room].rsplit("-", 1)[0] if "-" in base[:room] else base[:room]
    return f"{base or 'business'}-{digest}"


# --- loading ----------------------------------------------------------------


def load_profile(path: str | Path) -> Profile:
    """Read and validate a profile YAML file; raise ProfileError naming file, field and fix."""
    path = Path(path)
    data = read_yaml(path)
    return parse_profile(data, source=str(path))


def parse_profile(data: Any, source: str = "<profile>") -> Profile:
    if not isinstance(data, dict):
        raise ProfileError(
            f"{source}: the profile must be a YAML mapping with keys business, brand_voice, avatar, offers "
            f"(got {type(data).__name__})"
        )
    try:
        return Profile.model_validate(data)
    except ValidationError as exc:
        lines = [f"{source}: {describe_error(err)}" for err in exc.errors()]
        raise ProfileError("\n".join(lines)) from None


def read_yaml(path: Path) -> Any:
    if not path.is_file():
        raise ProfileError(f"{path}: no such profile file — pass the path to a YAML profile (see examples/)")
    raw = path.read_bytes()
    if len(raw) > MAX_PROFILE_BYTES:
        raise ProfileError(
            f"{path}: the file is {len(raw):,} bytes; a profile must be under {MAX_PROFILE_BYTES:,}"
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ProfileError(
            f"{path}: byte {exc.start} is not UTF-8 — save the file as UTF-8 and try again"
        ) from None
    return load_yaml(text, str(path), ProfileError)


def field_path(loc: tuple[int | str, ...]) -> str:
    """``('offers', 2, 'price')`` → ``offers[2].price``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out or "(top level)"


_EXPECTED = {
    "missing": "is required",
    "string_type": "must be text",
    "list_type": "must be a list (YAML '- item' lines)",
    "dict_type": "must be a mapping of fields",
    "model_type": "must be a mapping of fields",
    "float_type": "must be a number ≥ 0 (write 29 or 29.5, not text)",
    "int_type": "must be a whole number",
    "greater_than_equal": "must be a number ≥ 0",
    "finite_number": "must be a number ≥ 0 (not .nan or .inf)",
    "string_too_short": "must not be empty",
    "too_short": "needs at least one item",
}


def describe_error(err: Any) -> str:
    loc = tuple(err.get("loc", ()))
    kind = err.get("type", "")
    got = err.get("input")
    path = field_path(loc)
    if kind == "extra_forbidden":
        return f"{path}: unknown field '{loc[-1]}' — remove it or check its spelling"
    if kind == "enum":
        expected = err.get("ctx", {}).get("expected", "")
        return f"{path}: unknown value {got!r} — expected one of {expected}"
    if kind in ("string_too_long", "too_long"):
        limit = err.get("ctx", {}).get("max_length")
        return (
            f"{path}: too long — keep it to at most {limit} {'characters' if 'string' in kind else 'items'}"
        )
    if kind == "less_than_equal":
        return f"{path}: {got!r} is too large — expected at most {err.get('ctx', {}).get('le')}"
    if kind == "value_error":
        return f"{path}: {err.get('msg', '').removeprefix('Value error, ')}"
    expected = _EXPECTED.get(kind, err.get("msg", "is invalid"))
    shown = "" if kind == "missing" else f" (got {_short(got)})"
    return f"{path}: {expected}{shown}"


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
