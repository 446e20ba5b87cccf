"""Grounding: offers copy may promise only when the business really makes them.

A consultation, a demo, a free trial, a discount code, a money-back guarantee or a free gift is a promise the
business has to keep. Each kind counts as *listed* when the profile names one — in its offer ladder (names,
descriptions; a ``consultation`` offer lists consultations and demos), its proof, differentiators, objection
answers or first steps. Anything else in a draft was made up by the writer.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from planner.profile import OfferRole, Profile
from planner.rules._injection import without_instructions

# Kinds of offer a consultation-role offer lists, whatever its name says ("Free Walk-Round & Fixed Quote").
CONSULTATION_KINDS = frozenset({"consultation", "demo"})


def listing_text(profile: Profile) -> str:
    """Everything in the profile that can list an offer; instruction-like text never lists anything."""
    parts = [f"{o.name}. {o.description}. {o.format or ''}" for o in profile.offers]
    parts += profile.proof + profile.differentiators + profile.first_steps
    parts += [f"{a.objection} {a.answer}" for a in profile.objection_answers]
    return without_instructions("\n".join(parts))


def listed_kinds(
    profile: Profile, kinds: Mapping[str, re.Pattern[str]], found: Callable[[re.Pattern[str], str], bool]
) -> frozenset[str]:
    """The kinds of offer (``kinds``: name → cue pattern) the profile lists; ``found`` is negation-aware."""
    text = listing_text(profile)
    listed = {name for name, pattern in kinds.items() if found(pattern, text)}
    if profile.offer(OfferRole.consultation) is not None:
        listed |= CONSULTATION_KINDS & set(kinds)
    return frozenset(listed)
