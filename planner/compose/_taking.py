"""How a customer takes an offer: books it, orders it, or starts it.

An invite, a page and a welcome email all say it: "Book here" for a tuning visit, "Order here" for a tea
sampler, "Start here" for a software trial. A visit written as an order ("Duration: One order") is the kind
of slip a marketer spots at once, so the evidence is read from everything the profile says about the offer:
its description and format, and the first steps after buying ("clear the top of the piano before we arrive").
"""

from __future__ import annotations

import re
from enum import StrEnum

from planner.compose._moves import duration
from planner.profile import Billing, Offer, OfferRole


class Taking(StrEnum):
    booked = "booked"
    ordered = "ordered"
    started = "started"


_TIME = re.compile(r"\b(?:\d{1,3}|an?|one|two|three)[- ](?:minute|hour)s?\b", re.I)
_BOOKED = re.compile(
    r"\b(?:call|visit|session|workshop|lesson|class|consult\w*|demo|appointment|assessment|inspection|fitting"
    r"|treatment|tuning|tune-up|deep clean|cleaning|check-?up|tour|at your door|in-home|on-site)\b",
    re.I,
)
_ARRIVAL = re.compile(
    r"\b(?:we arrive|we come|we visit|arrive for your"
    r"|your (?:appointment|visit|session|class|lesson|booking))\b",
    re.I,
)
_SHIPPED = re.compile(
    r"\b(?:ship\w*|p&p|postage|posted|delivered|delivery|pouch(?:es)?|bottles?|jars?|box(?:es)?|kits?|tins?"
    r"|sampler|taster|\d+ ?(?:ml|g|kg|oz))\b",
    re.I,
)
_STARTED = re.compile(
    r"\b(?:trial|subscription|account|access|download|online|app|software|platform|course|membership"
    r"|log ?in)\b",
    re.I,
)
_CALL = re.compile(r"\b(?:call|demo|consult\w*|zoom|video)\b", re.I)
_SESSION = re.compile(r"\b(?:session|class|lesson|workshop)\b", re.I)


def how_taken(offer: Offer, first_steps: list[str]) -> Taking:
    """Booked, ordered or started; a length of time settles a tie between a visit and a parcel."""
    about = f"{offer.name}. {offer.description}. {offer.format or ''}"
    if offer.role is OfferRole.consultation:
        return Taking.booked
    booked = bool(_BOOKED.search(about) or _TIME.search(about))
    shipped = bool(_SHIPPED.search(about))
    if booked and (not shipped or _TIME.search(about)):
        return Taking.booked
    if shipped:
        return Taking.ordered
    if any(_ARRIVAL.search(step) for step in first_steps):
        return Taking.booked
    return Taking.started if _STARTED.search(about) else Taking.ordered


def length(offer: Offer, first_steps: list[str]) -> str:
    """'A 45-minute intro bath…' → '45 minutes'; else how long the first steps say a visit takes ('plan on
    about 90 minutes') — never their days, which are delivery times ('ships within 2 days')."""
    stated = duration(offer.description)
    if stated:
        return stated
    timed = (duration(step) for step in first_steps)
    return next((t for t in timed if t.endswith(("minute", "minutes", "hour", "hours"))), "")


def duration_label(offer: Offer, first_steps: list[str]) -> str:
    """What an invite's "Duration" says: a stated length, else what kind of commitment it is."""
    stated = length(offer, first_steps)
    if stated:
        return stated
    taking = how_taken(offer, first_steps)
    about = f"{offer.name}. {offer.description}"
    if taking is Taking.booked:
        if offer.role is OfferRole.consultation or _CALL.search(about):
            return "One call"
        return "One session" if _SESSION.search(about) else "One visit"
    if not offer.is_paid:
        return "Free"
    if offer.billing is Billing.one_time:
        return "A one-time purchase"
    return f"Billed {offer.billing.value.replace('_', ' ')}"
