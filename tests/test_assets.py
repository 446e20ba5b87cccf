"""One registry per asset type: everything about an asset is found from its model."""

from __future__ import annotations

import pytest

from planner.assets import ASSET_MODELS, Asset, asset_model, assets_for
from planner.chat import understand
from planner.compose import composer_for
from planner.errors import UserError
from planner.llm import load_prompt
from planner.profile import OfferRole, Profile
from planner.stages import Stage

MODELS = list(ASSET_MODELS.values())


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.asset_type)
def test_every_asset_type_has_a_composer_and_a_prompt(model: type[Asset]) -> None:
    assert callable(composer_for(model))
    prompt = load_prompt(model.prompt_name())
    assert prompt.name == model.prompt_name() == f"{model.stage.value}/{model.asset_type}"


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.asset_type)
def test_every_asset_type_says_what_it_pitches_and_how_people_name_it(model: type[Asset]) -> None:
    assert model.pitch and all(isinstance(role, OfferRole) for role in model.pitch)
    assert model.chat_words and all(w == w.lower() for w in model.chat_words)
    assert model in assets_for(model.stage)


def test_each_stage_has_two_asset_types() -> None:
    assert all(len(assets_for(stage)) == 2 for stage in Stage)


def test_the_chat_finds_an_asset_by_its_first_chat_word() -> None:
    for model in MODELS:
        intent = understand(f"write a {model.chat_words[0]}")
        assert intent.asset == model.asset_type, (model.asset_type, intent)


def test_the_pitch_offer_is_the_first_role_the_profile_has(paws: Profile) -> None:
    bundle = asset_model("bundle_offer")
    assert bundle.pitch_offer(paws) == paws.offer(OfferRole.profit_maximizer)
    without = paws.model_copy(
        update={"offers": [o for o in paws.offers if o.role != OfferRole.profit_maximizer]}
    )
    assert bundle.pitch_offer(without) == paws.offer(OfferRole.core)


def test_a_consultation_invite_is_named_for_what_the_business_offers(paws: Profile) -> None:
    invite = asset_model("consultation_invite")
    assert paws.offer(OfferRole.consultation) is None
    assert invite.label_for(paws) == "Entry-offer invite"  # it invites to First Bath & Tidy, not a call
    entry = paws.offer(OfferRole.entry_point)
    assert entry is not None
    consult = entry.model_copy(update={"role": OfferRole.consultation, "name": "Free Coat Check"})
    with_call = paws.model_copy(update={"offers": [*paws.offers, consult]})
    assert invite.label_for(with_call) == "Consultation / demo invite"
    assert asset_model("blog_post").label_for(paws) == "Blog post"


def test_unknown_asset_type_is_a_user_error() -> None:
    with pytest.raises(UserError, match="unknown asset type 'banner'"):
        asset_model("banner")
