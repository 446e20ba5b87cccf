"""What a chat message asks for: draft which asset, refine the last draft (and how), check pasted copy,
explain or compare, where to start, a plan, a seasonal promotion, small talk or something off-topic.

Two kinds of evidence, combined:
- **Cues** a marketer's wording carries and that rarely mislead: pasted copy after "check this", "vs",
  "where do I start", "content calendar", "Black Friday", "shorter", a platform name after a draft. Matching
  is per word with a small typo tolerance ("chek", "reveiw").
- **Meaning**: the message's nearest request examples (``_nearest``) on the shipped MiniLM embeddings, for
  everything the cues do not settle — which asset "something for people who just bought" wants, or whether a
  "write me…" request is marketing at all.
When two assets are about equally likely, the chat asks which one instead of guessing (``action="clarify"``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from planner.assets import asset_model, assets_for
from planner.chat._cues import (
    _ADD_PROMOTION,
    _LABELS,
    _QUOTED,
    _VERSION,
    ASSET_WORDS,
    AUDIENCE,
    CHANNEL_AFTER,
    CHANNEL_BEFORE,
    CHANNELS,
    CHECK_VERBS,
    COMPARE_CUES,
    CONTENT_PLURALS,
    COUNT_NOUNS,
    DEALS,
    DRAFT_VERBS,
    EVENTS,
    EXPLAIN_WORDS,
    FILLER,
    GREETINGS,
    LONGER,
    NEW_PIECE,
    NOT_THE_MEDIUM,
    OPENERS,
    PARTS,
    PERIOD,
    PLAN_NOUNS,
    PROMO_WORDS,
    QUESTION_START,
    SEASONS,
    SHORTER,
    SHOWING,
    START_CUES,
    TONES,
    VARIANT,
    WHAT_TO_SEND,
    WRITING,
)
from planner.chat._nearest import Ranked, nearest
from planner.chat._topics import STAGE_WORDS, find_stage, topics_in
from planner.chat._words import best, has_any, number_before, phrase_in, words
from planner.stages import Stage

Action = Literal[
    "draft", "refine", "check", "explain", "compare", "start", "plan", "promotion", "smalltalk", "offtopic",
    "clarify",
]  # fmt: skip


MEANING_FLOOR = 0.42  # below this a message resembles no request example: off-topic (unless a cue spoke)
UNSURE_MARGIN = 0.015  # two assets closer than this, with no word naming either: ask


@dataclass(frozen=True)
class Intent:
    action: Action
    stage: Stage | None = None
    asset: str | None = None
    kind: str | None = None  # refine: shorter/longer/variant/tone/channel
    count: int | None = None  # "3 subject lines" → 3
    variant: int | None = None  # "…, version 2": that framework exactly (the plan's buttons send these)
    part: str | None = None  # "subject lines" → subject
    tone: str | None = None
    text: str = ""  # pasted copy (check), the instruction (refine), the named promotion
    topics: tuple[str, ...] = ()  # explain/compare: stage names or glossary terms
    confidence: float = 1.0
    choices: tuple[tuple[str, str], ...] = ()  # clarify: (button label, the message it sends)
    evidence: str = ""  # which cue or example decided, for the bench's miss list

    def summary(self) -> dict[str, Any]:
        data = {k: v for k, v in asdict(self).items() if v not in (None, "", (), 1.0)}
        if self.stage:
            data["stage"] = self.stage.value
        return data


@dataclass
class _Message:
    raw: str
    ask: str  # the instruction, without pasted copy
    pasted: str
    tokens: list[str] = field(default_factory=list)  # of the instruction (check) or the whole message

    @property
    def question(self) -> bool:
        return self.ask.rstrip().endswith("?") or (bool(self.tokens) and self.tokens[0] in QUESTION_START)

    def whole(self) -> _Message:
        """The message as one request: after a check is ruled out, text after a colon is part of the ask."""
        return _Message(self.raw, self.raw, "", words(self.raw))


def understand(
    message: str, last_asset: str | None = None, tones: Sequence[str] = (), promotions: Sequence[str] = ()
) -> Intent:
    """The action a message asks for. ``last_asset`` is the draft on screen (refinements need one);
    ``tones`` are the profile's brand-voice words; ``promotions`` the names of its dated promotions."""
    split = _split(message)
    if not split.tokens:
        return Intent("smalltalk", kind="empty", evidence="empty")
    exact = _explicit(message)
    if exact:
        return exact
    msg = split.whole()
    ranked = nearest().rank(msg.raw)
    # "Here's what we have… can you audit it against the journey?" is the audit, not a check of one asset.
    found = _start(msg, ranked) or _check(split, msg, ranked)
    for step in (_smalltalk, _compare):
        found = found or step(msg, ranked)
    found = found or _plan(msg, ranked)  # "what should I post this week?" is a plan, even after a draft
    if not found and last_asset:
        found = _refine(msg, ranked, last_asset, tones)
    for step in (_promotion_step(promotions), _explain):
        found = found or step(msg, ranked)
    return found or _draft_or_other(msg, ranked)


# --- reading the message ---------------------------------------------------------------------------------


def _explicit(message: str) -> Intent | None:
    """Messages the chat's own buttons send ("write a blog post, version 2") and "add promotion: …"."""
    if _ADD_PROMOTION.match(message):
        return Intent("promotion", kind="add", text=message.strip(), evidence="add promotion")
    found = _VERSION.match(message)
    if found and found.group(1).lower() in _LABELS:
        asset = _LABELS[found.group(1).lower()]
        variant = int(found.group(2))
        return Intent("draft", asset_model(asset).stage, asset, variant=variant, evidence="version asked for")
    return None


def _split(message: str) -> _Message:
    """Instruction and pasted copy: copy follows a colon or a line break, or sits in quotes."""
    raw = message.strip()
    ask, pasted = raw, ""
    head, newline, rest = raw.partition("\n")
    if newline and len(words(rest)) >= 6:
        ask, pasted = head, rest
    else:
        quoted = _QUOTED.search(raw)
        if quoted and len(words(quoted.group(1))) >= 6:
            ask, pasted = raw[: quoted.start()] + raw[quoted.end() :], quoted.group(1)
        else:
            before, colon, after = raw.partition(":")
            if colon and len(words(before)) <= 12 and len(words(after)) >= 3:
                ask, pasted = before, after
    pasted = pasted.strip().strip("\"“”'").strip()
    return _Message(raw, ask.strip(), pasted, words(ask))


# --- one step per action, in order -----------------------------------------------------------------------


def _check(split: _Message, msg: _Message, ranked: Ranked) -> Intent | None:
    asks = has_any(split.tokens, CHECK_VERBS)
    writing = has_any(msg.tokens, WRITING)
    if split.pasted:
        about_it = asks or (
            not writing and (split.question or has_any(split.tokens, SHOWING) or ranked.label == "check")
        )
        if not about_it:
            return None
    elif not asks or writing:
        return None  # "write the sign-up page for the free bike check" is a draft
    named = best(ASSET_WORDS, split.tokens)[0]
    stage = _stage_hint(split.tokens) or (asset_model(named).stage if named else None)  # "this ad" → Aware
    return Intent(
        "check", stage=stage, text=split.pasted, evidence="check words" if asks else "pasted copy + question"
    )


def _smalltalk(msg: _Message, ranked: Ranked) -> Intent | None:
    tokens = msg.tokens
    rest = [t for t in tokens if not _greeting_word(t)]
    # "good morning! ready to get some work done?": a greeting that asks for nothing in particular.
    greets = (
        tokens[0] in OPENERS
        and len(tokens) <= 12
        and not (_names_asset(tokens) or has_any(tokens, DRAFT_VERBS))
    )
    short = len(tokens) <= 7 and (
        not rest or (ranked.label == "smalltalk" and not _names_asset(tokens) and len(tokens) <= 5)
    )
    if not (greets or short) or _stage_hint(tokens) is not None:
        return None
    kind = "thanks" if has_any(msg.tokens, ("thanks", "thank", "thx", "cheers", "ta")) else "hello"
    if has_any(msg.tokens, ("what can you do", "who are you", "help")):
        kind = "help"
    return Intent("smalltalk", kind=kind, evidence="greeting")


def _greeting_word(token: str) -> bool:
    return token in FILLER or any(token in words(g) for g in GREETINGS)


def _compare(msg: _Message, ranked: Ranked) -> Intent | None:
    topics = topics_in(msg.raw)
    if len(topics) < 2:
        return None
    if has_any(msg.tokens, COMPARE_CUES) or (" or " in f" {msg.raw.lower()} " and msg.question):
        return Intent("compare", topics=tuple(topics[:2]), evidence="two topics + compare word")
    return None


def _start(msg: _Message, ranked: Ranked) -> Intent | None:
    text = " ".join(msg.tokens)
    if any(cue in text for cue in START_CUES) or (ranked.label == "start" and ranked.score > 0.6):
        return Intent("start", evidence="where-to-start words")
    return None


def _refine(msg: _Message, ranked: Ranked, last_asset: str, tones: Sequence[str]) -> Intent | None:
    tokens = msg.tokens
    named = _named_asset(tokens)
    channel = _channel(tokens)
    if channel:
        target = sibling(last_asset, channel)
        if target != last_asset or channel in ("social", "social post", "social ad"):
            return Intent("refine", kind="channel", asset=target, text=msg.raw, evidence=f"channel {channel}")
    if (named and named != last_asset) or has_any(tokens, NEW_PIECE):
        return None  # "now the opt-in page", "next: an email three weeks later" are new drafts, not edits
    if has_any(tokens, SHORTER):
        return Intent("refine", kind="shorter", text=msg.raw, evidence="shorter words")
    if has_any(tokens, LONGER):
        return Intent("refine", kind="longer", text=msg.raw, evidence="longer words")
    tone = _tone(tokens, tones)
    if tone:
        return Intent("refine", kind="tone", tone=tone, text=msg.raw, evidence="tone words")
    if has_any(tokens, VARIANT):
        count = number_before(tokens, COUNT_NOUNS)
        return Intent("refine", kind="variant", count=count, text=msg.raw, evidence="variant words")
    label = ranked.label
    if label.startswith("refine:") and ranked.score > 0.45 and label != "refine:channel":
        return Intent("refine", kind=label.removeprefix("refine:"), text=msg.raw, evidence="nearest example")
    return None


def _promotion_step(promotions: Sequence[str]) -> Any:
    def step(msg: _Message, ranked: Ranked) -> Intent | None:
        tokens = msg.tokens
        joined = " ".join(tokens)
        for name in promotions:
            if name and " ".join(words(name)) in joined:
                return Intent(
                    "promotion", text=name, asset=_named_asset(tokens), evidence="profile promotion"
                )
        event = next((e for e in EVENTS if re.search(rf"\b{re.escape(' '.join(words(e)))}\b", joined)), None)
        season = next((w for w in SEASONS if w in tokens), None)
        deal = any(d in tokens for d in DEALS) or "%" in msg.raw
        if not (event or (season and deal) or PROMO_WORDS & set(tokens)):
            return None
        if msg.question and not has_any(tokens, DRAFT_VERBS) and ranked.label.startswith(("explain", "plan")):
            return None
        name = event or (f"{season} {next(d for d in DEALS if d in tokens)}" if season and deal else "")
        return Intent("promotion", text=name, asset=_named_asset(tokens), evidence="season or sale words")

    return step


def _plan(msg: _Message, ranked: Ranked) -> Intent | None:
    text = " ".join(msg.tokens)
    nouns = any(re.search(rf"\b{re.escape(n)}\b", text) for n in PLAN_NOUNS)
    asks = WHAT_TO_SEND.search(text) is not None
    period = PERIOD.search(text) is not None and has_any(msg.tokens, CONTENT_PLURALS)
    if not (nouns or asks or period or (ranked.label == "plan" and ranked.score > 0.62)):
        return None
    if _named_asset(msg.tokens) and not nouns:
        return None  # "an email for members this month" is one draft
    if asks and not (nouns or period) and any(s.value in msg.tokens for s in Stage):
        return None  # "what should I send at Excite?" asks about a stage
    weeks = number_before(msg.tokens, ("weeks", "week"))
    return Intent("plan", count=weeks, evidence="plan words")


def _explain(msg: _Message, ranked: Ranked) -> Intent | None:
    topics = topics_in(msg.raw)
    asks = msg.question or has_any(msg.tokens, EXPLAIN_WORDS)
    if not asks or (has_any(msg.tokens, WRITING) and _names_asset(msg.tokens)):
        return None
    if topics:
        return Intent(
            "explain", stage=_stage_of(topics[0]), topics=tuple(topics[:1]), evidence="question + topic"
        )
    # "How do I get more reviews?": advice about a stage named in everyday words, not a draft.
    how_to = re.match(r"(?:how|why|when|what's the best way)\b", msg.raw.strip(), re.I)
    stage = find_stage(msg.tokens)
    if how_to and stage and not has_any(msg.tokens, DRAFT_VERBS):
        return Intent("explain", stage=stage, topics=(stage.value,), evidence="how-to question + stage word")
    if ranked.label == "explain" and ranked.score > 0.5:
        return Intent("explain", topics=("Customer Value Journey",), evidence="nearest example")
    return None


def _draft_or_other(msg: _Message, ranked: Ranked) -> Intent:
    tokens = msg.tokens
    keyword, size = best(ASSET_WORDS, tokens)
    stage = _stage_hint(tokens)
    _, drafted, _ = ranked.best_of("draft:")
    off = ranked.of("offtopic")
    top = ranked.label
    if keyword or stage or _email_medium(tokens):
        return _pick_asset(msg, ranked, keyword, size, stage)
    if has_any(tokens, DRAFT_VERBS) and drafted + 0.03 >= off:
        return _pick_asset(msg, ranked, None, 0, None)
    if top.startswith("draft:") and drafted >= MEANING_FLOOR:
        return _pick_asset(msg, ranked, None, 0, None)
    closer = ranked.score > off + 0.03  # clearly nearer that action than the off-topic examples
    # Those actions have cue words; with none, only a close example (not a faint one) stands in for them.
    if top in ("smalltalk", "explain", "plan", "start", "promotion") and ranked.score >= 0.5 and closer:
        topics = ("Customer Value Journey",) if top == "explain" else ()
        return Intent(top, topics=topics, evidence="nearest example")  # type: ignore[arg-type]
    return Intent("offtopic", confidence=off, evidence=f"nearest {top}")


def _email_medium(tokens: list[str]) -> bool:
    """'an email to…', not 'join our email list' or 'type their email in'."""
    for i, token in enumerate(tokens):
        if token in ("email", "emails", "newsletter"):
            after = tokens[i + 1] if i + 1 < len(tokens) else ""
            before = tokens[i - 1] if i else ""
            if after not in NOT_THE_MEDIUM and before not in (
                "their",
                "your",
                "his",
                "her",
                "for",
                "collect",
            ):
                return True
    return False


def _pick_asset(msg: _Message, ranked: Ranked, keyword: str | None, size: int, stage: Stage | None) -> Intent:
    scores = {label.removeprefix("draft:"): s for label, s in ranked.scores if label.startswith("draft:")}
    if keyword:
        scores[keyword] += (
            0.10 if size == 1 else 0.16
        )  # a named asset counts for a lot; a longer name for more
    if stage:
        for model in assets_for(stage):  # "people who just bought", "existing clients": the reader is named
            scores[model.asset_type] += 0.15
    if "referral_share" in scores and has_any(msg.tokens, ("sms", "text message", "whatsapp", "texts")):
        scores["referral_share"] += 0.2  # the only asset written for a text message
    if _email_medium(msg.tokens) and not (keyword and size > 1):
        # "an email to people who downloaded the checklist": the medium is email, whatever else it names.
        scores = {a: s for a, s in scores.items() if "subject" in asset_model(a).model_fields} or scores
    order = sorted(scores, key=lambda a: -scores[a])
    first, second = order[0], order[1] if len(order) > 1 else order[0]
    margin = scores[first] - scores[second]
    count = number_before(msg.tokens, COUNT_NOUNS)
    part = next((p for p, names in PARTS.items() if has_any(msg.tokens, names)), None)
    if count is not None and count < 2:
        count = None
    if keyword is None and stage is None and ranked.of(f"draft:{first}") < ranked.of("offtopic"):
        return Intent("offtopic", confidence=ranked.of("offtopic"), evidence="closer to off-topic examples")
    if keyword is None and margin < UNSURE_MARGIN and asset_model(first).stage != asset_model(second).stage:
        choices = tuple(
            (_choice_label(a), f"write {_a(asset_model(a).label.lower())}") for a in (first, second)
        )
        return Intent("clarify", choices=choices, confidence=margin, evidence="two assets equally close")
    model = asset_model(first)
    return Intent(
        "draft", stage=model.stage, asset=first, count=min(count, 5) if count else None, part=part,
        confidence=margin, evidence=f"keyword {keyword}" if keyword == first else "nearest example",
    )  # fmt: skip


def _a(phrase: str) -> str:
    return f"{'an' if phrase[:1] in 'aeiou' else 'a'} {phrase}"


def _choice_label(asset: str) -> str:
    model = asset_model(asset)
    return f"{model.label} ({model.stage.value})"


# --- helpers -----------------------------------------------------------------------------------------------


def _names_asset(tokens: list[str]) -> bool:
    return best(ASSET_WORDS, tokens)[0] is not None


def _named_asset(tokens: list[str]) -> str | None:
    found, size = best(ASSET_WORDS, tokens)
    # A bare platform or "post"/"ad" after a draft is a channel, not a new asset.
    return (
        found
        if found and (size > 1 or (tokens and found not in ("social_post", "social_ad", "blog_post")))
        else None
    )


def _channel(tokens: list[str]) -> str | None:
    """The channel the last draft should move to, when the message frames one ("as a Facebook ad")."""
    short = len(tokens) <= 6
    found, size = None, 0
    for channel, phrases in CHANNELS.items():
        for phrase in phrases:
            target = words(phrase)
            for i in range(len(tokens) - len(target) + 1):
                if tokens[i : i + len(target)] != target:
                    continue
                before = tokens[i - 1] if i else "now"
                after = tokens[i + len(target)] if i + len(target) < len(tokens) else ""
                framed = short or before in CHANNEL_BEFORE or after in CHANNEL_AFTER
                if framed and len(target) > size:
                    found, size = channel, len(target)
    return found


def sibling(last_asset: str, channel: str) -> str:
    """The asset that carries the same message on another channel (same stage where the stage has one)."""
    stage = asset_model(last_asset).stage
    if channel == "search":
        return "search_ad"
    if channel == "social ad":
        return "social_ad"
    if channel == "social post":
        return "referral_share" if stage == Stage.promote else "social_post"
    if channel == "social":
        return (
            "social_ad"
            if last_asset in ("social_ad", "search_ad")
            else ("referral_share" if stage == Stage.promote else "social_post")
        )
    if channel == "blog":
        return "blog_post"
    if channel == "text":
        return "referral_share" if stage == Stage.promote else last_asset
    emails = [m.asset_type for m in assets_for(stage) if "subject" in m.model_fields]
    return emails[0] if emails else last_asset


def _tone(tokens: list[str], tones: Sequence[str]) -> str | None:
    for tone in tones:  # the profile's own words first: "more reassuring" when the brand is reassuring
        if phrase_in(tone, tokens):
            return tone
    for tone, cues in TONES.items():
        if has_any(tokens, cues):
            return tone
    return None


def _stage_hint(tokens: list[str]) -> Stage | None:
    """A stage named outright ("for excite"), else the audience described ("people who just bought"), else an
    everyday stage word ("reviews")."""
    named = [s for s in Stage if s.value in tokens]
    return named[0] if named else _audience_stage(tokens) or find_stage(tokens)


def _audience_stage(tokens: list[str]) -> Stage | None:
    for stage, cues in AUDIENCE.items():
        if has_any(tokens, cues):
            return stage
    return None


def _stage_of(topic: str) -> Stage | None:
    try:
        return Stage(topic.lower())
    except ValueError:
        return None


__all__ = ["STAGE_WORDS", "Intent", "sibling", "understand"]
