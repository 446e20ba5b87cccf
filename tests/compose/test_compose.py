"""The offline composer: every asset type drafts valid, specific, stage-safe copy for any profile."""

from __future__ import annotations

import itertools
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from planner.assets import ASSET_MODELS, MERGE_TAGS, Asset
from planner.compose import Composed, compose
from planner.compose._text import fit, shorten
from planner.knowledge import Chunk, load_guides
from planner.profile import OfferRole, Profile, load_profile, parse_profile
from planner.rules import check_text
from planner.stages import Stage
from tests.conftest import beyond_pending

ROOT = Path(__file__).resolve().parents[2]
PROFILES = sorted((ROOT / "examples" / "profiles").glob("*.yaml"))
TYPES = list(ASSET_MODELS)
VARIANTS = (1, 2, 3)

# The main copy of each asset type: what must differ between variants.
BODY = {
    "search_ad": ["descriptions"],
    "social_ad": ["primary_text"],
    "blog_post": ["intro", "sections", "takeaway"],
    "social_post": ["hook", "body"],
    "lead_magnet": ["promise", "outline"],
    "opt_in_page": ["subheadline", "bullets"],
    "entry_offer": ["body", "bullets"],
    "consultation_invite": ["body", "what_to_expect"],
    "welcome_email": ["body"],
    "quick_start_guide": ["intro", "steps", "quick_win"],
    "upgrade_email": ["body"],
    "bundle_offer": ["body"],
    "review_request_email": ["body"],
    "testimonial_request": ["body", "questions"],
    "referral_invite": ["body"],
    "referral_share": ["sms", "social_post", "email_body"],
}
# The line a reader sees first: subject, headline or title.
HEADLINE = {
    "search_ad": "headlines",
    "social_ad": "headline",
    "blog_post": "title",
    "social_post": "hook",
    "lead_magnet": "title",
    "opt_in_page": "headline",
    "entry_offer": "headline",
    "consultation_invite": "subject",
    "welcome_email": "subject",
    "quick_start_guide": "title",
    "upgrade_email": "subject",
    "bundle_offer": "headline",
    "review_request_email": "subject",
    "testimonial_request": "subject",
    "referral_invite": "subject",
    "referral_share": "email_subject",
}
MONEY = re.compile(r"[$€£]\s?\d|\b\d+(?:\.\d+)?\s?(?:dollars?|bucks|usd)\b", re.I)


def _load(path: Path) -> Profile:
    return load_profile(path)


_CACHE: dict[tuple[str, str, int], Composed] = {}


def draft(profile: Profile, asset_type: str, variant: int) -> Composed:
    key = (profile.slug, asset_type, variant)
    if key not in _CACHE:
        _CACHE[key] = compose(profile, asset_type, variant)
    return _CACHE[key]


def all_drafts() -> list[tuple[Profile, str, int, Asset]]:
    out = []
    for path in PROFILES:
        profile = _load(path)
        for asset_type, variant in itertools.product(TYPES, VARIANTS):
            out.append((profile, asset_type, variant, draft(profile, asset_type, variant).asset))
    return out


def core_only() -> Profile:
    """A minimal valid profile: only a core offer, a long business name, a playful voice."""
    return parse_profile(
        {
            "business": {
                "name": "The Northside Community Bicycle Repair Collective and Coffee Bar",
                "description": "A volunteer-friendly bike repair shop and café for commuters in Northside.",
            },
            "brand_voice": {"tone": ["playful"], "avoid": ["cheap"]},
            "avatar": {
                "name": "Commuter Chris",
                "goals_and_values": ["a bike that works every morning", "fixing small things himself"],
                "sources_of_information": ["Instagram", "local subreddit"],
                "demographics": "25-45, rides to work",
                "challenges_and_pain_points": ["his chain slips on hills", "repair shops take a week"],
                "objections": ["I can't be without my bike for days", "repairs always cost more than quoted"],
                "role_in_purchase": "Decides and pays.",
            },
            "offers": [
                {
                    "role": "core",
                    "name": "Ride-Ready Tune-Up Plan",
                    "price": 25,
                    "billing": "monthly",
                    "description": "A monthly safety check and one tune-up every quarter, same-day.",
                }
            ],
        }
    )


def headline(asset: Asset, asset_type: str) -> str:
    value = getattr(asset, HEADLINE[asset_type])
    return str(value[0] if isinstance(value, list) else value)


def body_words(asset: Asset, asset_type: str) -> set[str]:
    data = asset.model_dump()
    return set(re.findall(r"[a-z0-9']+", " ".join(str(data[f]) for f in BODY[asset_type]).lower()))


# --- every draft ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", PROFILES, ids=lambda p: p.stem)
@pytest.mark.parametrize("asset_type", TYPES)
def test_every_type_and_variant_composes_a_valid_asset(path: Path, asset_type: str) -> None:
    profile = _load(path)
    for variant in VARIANTS:
        result = draft(profile, asset_type, variant)
        model = ASSET_MODELS[asset_type]
        assert isinstance(result.asset, model)
        assert model.model_validate(result.asset.model_dump()) == result.asset
        text = result.asset.to_text()
        assert len(text) <= model.max_text_chars
        assert "\x00" not in text
        assert result.sources == []  # no guidance passed, so nothing to cite


def test_same_inputs_give_identical_drafts() -> None:
    profile = _load(PROFILES[0])
    for asset_type in TYPES:
        first = compose(profile, asset_type, 2).asset
        assert compose(profile, asset_type, 2).asset == first


def test_drafts_do_not_depend_on_hash_randomisation() -> None:
    code = (
        "from planner.profile import load_profile; from planner.compose import compose; "
        "from planner.assets import ASSET_MODELS; import sys; p = load_profile(sys.argv[1]); "
        "print('\\n'.join(compose(p, t, v).asset.to_text() for t in ASSET_MODELS for v in (1, 2)))"
    )
    outputs = []
    for seed in ("1", "4242"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        run = subprocess.run(
            [sys.executable, "-c", code, str(PROFILES[0])],
            env=env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        )
        outputs.append(run.stdout)
    assert outputs[0] == outputs[1]


def test_variants_wrap_around_and_must_be_positive(paws: Profile) -> None:
    assert compose(paws, "social_ad", 6).asset == compose(paws, "social_ad", 1).asset
    assert compose(paws, "upgrade_email", 12).asset == compose(paws, "upgrade_email", 2).asset
    with pytest.raises(ValueError, match="variant"):
        compose(paws, "social_ad", 0)


@pytest.mark.parametrize("path", PROFILES, ids=lambda p: p.stem)
@pytest.mark.parametrize("asset_type", TYPES)
def test_variants_differ_in_headline_and_body(path: Path, asset_type: str) -> None:
    profile = _load(path)
    assets = [draft(profile, asset_type, v).asset for v in VARIANTS]
    heads = [headline(a, asset_type) for a in assets]
    assert len(set(heads)) == len(heads), heads
    # Variants reuse the same business facts (that is what keeps them true), so their words overlap; each
    # still leads differently and orders the ideas its own way.
    for a, b in itertools.combinations(assets, 2):
        wa, wb = body_words(a, asset_type), body_words(b, asset_type)
        assert len(wa & wb) / len(wa | wb) < 0.9


def test_five_variants_have_five_different_headlines(paws: Profile) -> None:
    for asset_type in TYPES:
        heads = {headline(compose(paws, asset_type, v).asset, asset_type) for v in range(1, 6)}
        assert len(heads) == 5, (asset_type, heads)


# --- prices and offers --------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", PROFILES, ids=lambda p: p.stem)
def test_exact_price_labels_appear_where_they_must(path: Path) -> None:
    profile = _load(path)
    entry = profile.offer(OfferRole.entry_point)
    top = profile.offer(OfferRole.profit_maximizer) or profile.core()
    for variant in VARIANTS:
        if entry is not None:
            offer_page = draft(profile, "entry_offer", variant).asset
            assert entry.price_label() in offer_page.to_text()
            assert offer_page.price == entry.price_label()  # type: ignore[attr-defined]
        assert profile.core().price_label() in draft(profile, "upgrade_email", variant).asset.to_text()
        assert top.price_label() in draft(profile, "bundle_offer", variant).asset.to_text()


@pytest.mark.parametrize("path", PROFILES, ids=lambda p: p.stem)
def test_early_stages_never_name_or_price_the_core_offer(path: Path) -> None:
    profile = _load(path)
    core = profile.core()
    amount = f"${core.price:,.2f}".removesuffix(".00")
    for asset_type, model in ASSET_MODELS.items():
        if model.stage not in (Stage.aware, Stage.engage, Stage.convert):
            continue
        for variant in VARIANTS:
            text = draft(profile, asset_type, variant).asset.to_text()
            assert core.name.lower() not in text.lower(), (asset_type, variant)
            assert not re.search(re.escape(amount) + r"(?![\d.,]*\d)", text), (asset_type, variant)


def test_every_amount_is_a_profile_price_or_appears_in_an_offer() -> None:
    for profile, asset_type, variant, asset in all_drafts():
        allowed = {o.price for o in profile.offers}
        for offer in profile.offers:
            allowed |= {
                float(n.replace(",", ""))
                for n in re.findall(r"[$€£](\d[\d,]*(?:\.\d+)?)", f"{offer.name} {offer.description}")
            }
        for found in re.findall(r"[$€£](\d[\d,]*(?:\.\d+)?)", asset.to_text()):
            assert float(found.replace(",", "")) in allowed, (profile.slug, asset_type, variant, found)
        assert "%" not in asset.to_text()


# --- stage rules -------------------------------------------------------------------------------------------


def test_no_avoid_word_in_any_draft() -> None:
    for profile, asset_type, variant, asset in all_drafts():
        text = asset.to_text().lower()
        for word in profile.brand_voice.avoid:
            assert not re.search(r"\b" + re.escape(word.lower()), text), (
                profile.slug,
                asset_type,
                variant,
                word,
            )


def test_no_placeholder_other_than_known_merge_tags() -> None:
    for profile, asset_type, variant, asset in all_drafts():
        text = asset.to_text()
        where = (profile.slug, asset_type, variant)
        assert not re.search(r"\[[^\]]*\]", text), where
        assert not re.search(r"<\s*[A-Za-z][^>]*>", text), where
        assert not re.search(r"\b(?:TODO|TBD|INSERT|lorem ipsum)\b|_{3,}", text, re.I), where
        for tag in re.findall(r"\{\{\s*([^{}]*?)\s*\}\}", text):
            assert tag in MERGE_TAGS, (where, tag)
        assert not re.search(r"(?<!\{)\{[^{}]*\}(?!\})", text), where


def test_subscribe_assets_ask_for_an_email_and_never_for_payment() -> None:
    for profile, asset_type, variant, asset in all_drafts():
        if asset.stage != Stage.subscribe:
            continue
        text = asset.to_text().lower()
        assert re.search(r"\bemail\b|\binbox\b", text), (profile.slug, asset_type, variant)
        assert not re.search(r"pay|card|\$", text), (profile.slug, asset_type, variant)


def test_advocate_asks_are_honest_and_unpaid() -> None:
    for profile, asset_type, variant, asset in all_drafts():
        if asset.stage != Stage.advocate:
            continue
        text = asset.to_text()
        where = (profile.slug, asset_type, variant)
        assert not MONEY.search(text), where
        assert not re.search(
            r"5-star|five-star|\bstars?\b|if you (?:loved|enjoyed|liked)|privately", text, re.I
        )
        assert not re.search(r"\b(?:discount|gift|reward|prize|coupon|credit|free)\b", text, re.I), where
        for offer in profile.offers:
            assert offer.name not in text, where
    review = compose(_load(PROFILES[0]), "review_request_email", 1).asset.to_text()
    assert "{{review_link}}" in review


def test_aware_ads_introduce_the_business_and_ask_only_for_a_light_click() -> None:
    """Aware is a first impression: the lead-magnet download and its email form belong to Subscribe."""
    for path in PROFILES:
        profile = _load(path)
        magnet = profile.offer(OfferRole.lead_magnet)
        for variant in range(1, 6):
            for asset_type in ("search_ad", "social_ad"):
                asset: Any = draft(profile, asset_type, variant).asset
                text = asset.to_text()
                where = (profile.slug, asset_type, variant)
                assert not re.search(r"\bdownload|\bemail\b|\binbox\b|sign up|subscribe", text, re.I), where
                assert magnet is None or magnet.name.lower() not in text.lower(), where
                assert profile.business.name in text or "We're " in text, where
            ad: Any = draft(profile, "social_ad", variant).asset
            assert ad.cta == "Learn More"
            search: Any = draft(profile, "search_ad", variant).asset
            assert "free" not in search.display_path


def test_engage_drafts_have_no_purchase_call_to_action() -> None:
    cues = r"\b(?:buy|order now|shop now|add to cart|checkout|book now|pricing)\b|\$"
    for profile, asset_type, variant, asset in all_drafts():
        if asset.stage == Stage.engage:
            assert not re.search(cues, asset.to_text(), re.I), (profile.slug, asset_type, variant)


def test_drafts_pass_the_stage_checker() -> None:
    for profile, asset_type, variant, asset in all_drafts():
        failures = check_text(profile, asset.stage, asset.to_text(), asset_type, asset.model_dump())
        assert beyond_pending(failures) == [], (profile.slug, asset_type, variant, failures)


# --- profiles with gaps and quirks -----------------------------------------------------------------


def test_core_only_profile_composes_all_sixteen_types() -> None:
    profile = core_only()
    for asset_type in TYPES:
        for variant in range(1, 6):
            asset = compose(profile, asset_type, variant).asset
            text = asset.to_text()
            if asset.stage in (
                Stage.aware,
                Stage.engage,
                Stage.subscribe,
                Stage.convert,
                Stage.excite,
                Stage.advocate,
                Stage.promote,
            ):
                assert not MONEY.search(text), (asset_type, variant)
                assert "Ride-Ready" not in text and "cheap" not in text.lower()
    # No entry-point offer and no consultation on the ladder: the page offers the free thing, never an
    # invented call or demo.
    entry = compose(profile, "entry_offer", 1).asset
    assert entry.price == "Free"  # type: ignore[attr-defined]
    assert not re.search(r"consult|demo|call\b|\btrial", entry.to_text(), re.I)
    invite = compose(profile, "consultation_invite", 1).asset.to_text()
    assert not re.search(r"consult|demo|\btrial", invite, re.I)
    assert "$25/month" in compose(profile, "bundle_offer", 1).asset.to_text()  # falls back to the core offer
    assert "!" in compose(profile, "social_ad", 1).asset.to_text()  # playful voice


def test_avatar_phrases_with_avoid_words_are_skipped(paws: Profile) -> None:
    data = paws.model_dump(mode="json")
    data["brand_voice"]["avoid"] = [*data["brand_voice"]["avoid"], "anxious", "matted"]
    profile = parse_profile(data)
    for asset_type, variant in itertools.product(TYPES, VARIANTS):
        text = compose(profile, asset_type, variant).asset.to_text().lower()
        assert "anxious" not in text and "matted" not in text, (asset_type, variant)


def test_professional_voice_uses_no_exclamation_marks(paws: Profile) -> None:
    data = paws.model_dump(mode="json")
    data["brand_voice"]["tone"] = ["professional"]
    profile = parse_profile(data)
    for asset_type in TYPES:
        assert "!" not in compose(profile, asset_type, 1).asset.to_text(), asset_type
    assert "Best regards" in compose(profile, "welcome_email", 1).asset.to_text()


# --- guidance sources --------------------------------------------------------------------------------


def test_sources_are_the_guide_sections_that_shaped_the_draft(paws: Profile) -> None:
    guides = load_guides()
    for asset_type, model in ASSET_MODELS.items():
        chunks = [c for c in guides if c.stage == model.stage]
        sources = compose(paws, asset_type, 1, chunks).sources
        by_id = {c.id: c for c in chunks}
        assert sources and set(sources) <= set(by_id)
        sections = {by_id[s].section for s in sources}
        assert {"What to offer", "What never to do"} <= sections
        assert "Growth Scorecard KPI" not in sections


def test_sources_fall_back_but_never_invent_ids(paws: Profile) -> None:
    other = [c for c in load_guides() if c.stage == Stage.promote][:2]
    sources = compose(paws, "search_ad", 1, other).sources
    assert sources and set(sources) <= {c.id for c in other}
    profile_chunk = Chunk(text="avatar facts", kind="profile", section="avatar", source="profile:paws")
    assert profile_chunk.id in compose(paws, "blog_post", 1, [profile_chunk]).sources


# --- helpers -----------------------------------------------------------------------------------------


TEXTS = [
    "A one-page checklist of 10 at-home habits that make brushing, nail trims and baths calmer for nervous "
    "dogs.",
    "matted fur that is painful to brush out at home",
    "a dog that looks and smells clean without a fight every bath",
    "The Northside Community Bicycle Repair Collective and Coffee Bar",
    "Supercalifragilisticexpialidocious words, then more",
]


@pytest.mark.parametrize("text", TEXTS)
def test_fit_respects_the_limit_and_word_boundaries(text: str) -> None:
    words = text.split()
    for limit in range(8, len(text) + 5):
        out = fit(text, limit)
        assert 0 < len(out) <= limit
        if len(words[0]) > limit:
            continue  # a single word longer than the limit: the only case that must cut inside a word
        got = out.split()
        # Whole words only: a prefix of the original, the last word at most losing trailing punctuation.
        assert got[:-1] == words[: len(got) - 1]
        assert got[-1] == words[len(got) - 1] or got[-1] == words[len(got) - 1].rstrip(",;:.")
        if len(text) > limit and len(got) > 1:  # a lone first word is all that fits a tiny limit
            assert got[-1].lower().strip(",;:") not in {
                "a",
                "an",
                "the",
                "and",
                "of",
                "to",
                "that",
                "with",
                "for",
            }


def test_fit_prefers_clean_clause_breaks() -> None:
    assert fit("matted fur that is painful to brush out at home", 30) == "matted fur that is painful"
    assert fit("your dog shakes and hides at big chain grooming salons", 45) == "your dog shakes and hides"
    assert shorten("a dog that looks and smells clean without a fight every bath", 30) is None


def test_long_business_names_stay_within_every_limit() -> None:
    profile = core_only()
    long_name = profile.business.name
    assert len(long_name) > 60
    for asset_type in TYPES:
        asset = compose(profile, asset_type, 1).asset
        assert (
            ASSET_MODELS[asset_type].model_validate(asset.model_dump()) == asset
        )  # within every field limit
    ad: Any = compose(profile, "search_ad", 1).asset
    assert all(len(h) <= 30 for h in ad.headlines)
