"""The words the chat's cues listen for: how marketers ask for a check, a plan, a channel, a tone, a
season; which audience words point to which stage. Data, kept apart from the logic in ``_understand``.
Matching is per word with a small typo tolerance (``_words``), so list plain spellings."""

from __future__ import annotations

import re

from planner.assets import ASSET_MODELS
from planner.stages import Stage

ASSET_WORDS: dict[str, tuple[str, ...]] = {a: m.chat_words for a, m in ASSET_MODELS.items()}

DRAFT_VERBS = (
    "write", "draft", "create", "make", "need", "give me", "generate", "compose", "produce", "prepare",
    "come up with", "put together", "help me with", "can you do", "i want", "i'd like", "we need", "sell",
)  # fmt: skip

CHECK_VERBS = (
    "check", "look over", "look at this", "review this", "review my", "proofread", "proof read", "feedback",
    "critique", "any good", "is this ok", "is this okay", "is this right", "does this work", "does this fit",
    "what do you think", "thoughts on", "sanity check", "tear apart", "rate this", "rate my", "go over",
    "read this", "typos",
)  # fmt: skip

START_CUES = (
    "where should i start", "where do i start", "where to start", "where do i begin", "where to begin",
    "where should we start", "fix first", "focus on first", "start with", "first stage", "work on first",
    "biggest gap", "the gaps", "audit", "what's missing", "what is missing", "which stage should",
    "not sure where", "no idea where",
)  # fmt: skip

PLAN_NOUNS = (
    "content calendar", "calendar", "schedule", "roadmap", "marketing plan", "content plan", "posting plan",
    "map out",
    "a plan", "simple plan", "plan for", "plan my", "plan out", "plan the", "plan our", "editorial",
)  # fmt: skip

WHAT_TO_SEND = re.compile(
    r"\bwhat (should|do|can|could) (i|we) (post|send|share|publish|put out|be sending|be posting)"
)

PERIOD = re.compile(
    r"\b(this|next|coming) (week|month|fortnight|quarter)"
    r"|\bnext (few|\d+|two|three|four) weeks|\bover the next"
    r"|\b(\d+|a|one|two|three|four|few|couple of) (weeks?|months?) of\b"
)

CONTENT_PLURALS = (
    "posts", "emails", "content", "socials", "posting", "sending", "newsletters", "things to post",
    "marketing",
)  # fmt: skip

COMPARE_CUES = (
    "vs",
    "versus",
    "difference",
    "different from",
    "differ",
    "compare",
    "same thing",
    "which is which",
)

# Dates that are promotions by themselves, and seasons that are one only with a deal word beside them.
EVENTS = (
    "black friday", "cyber monday", "christmas", "xmas", "new year", "valentine", "valentine's",
    "mother's day", "mothers day", "father's day", "fathers day", "easter", "halloween", "thanksgiving",
    "back to school", "boxing day", "bank holiday", "diwali", "eid", "lunar new year",
    "small business saturday",
    "prime day", "end of season", "clearance",
)  # fmt: skip

SEASONS = (
    "holiday",
    "holidays",
    "festive",
    "spring",
    "summer",
    "autumn",
    "fall",
    "winter",
    "weekend",
    "anniversary",
    "seasonal",
    "flash",
)

DEALS = (
    "sale",
    "special",
    "offer",
    "deal",
    "discount",
    "off",
    "promo",
    "promotion",
    "giveaway",
    "half",
    "price",
)

PROMO_WORDS = frozenset({"sale", "promo", "promotion", "promotional"})

GREETINGS = (
    "hi", "hello", "hey", "hiya", "morning", "good morning", "good afternoon", "good evening", "thanks",
    "thank you", "thx", "ta", "cheers", "great", "perfect", "awesome", "brilliant", "nice", "cool", "ok",
    "okay", "lovely", "bye", "goodbye", "see you", "how are you", "who are you", "what can you do", "help",
    "anyone there", "you there", "love it", "amazing", "that's great", "that's perfect", "got it",
)  # fmt: skip

# Refinements of the last draft.
SHORTER = (
    "shorter", "shorten", "cut", "trim", "tighten", "too long", "fewer words", "less words", "half",
    "concise", "brief", "briefer", "condense", "over the limit", "character limit", "snappier", "less waffle",
    "cut down", "too wordy", "wordy",
)  # fmt: skip

LONGER = (
    "longer", "expand", "more detail", "more details", "flesh out", "too short", "add more", "elaborate",
    "lengthen", "more depth", "add a paragraph", "add a section", "say more", "extend", "bit more",
    "flesh it out", "too thin", "bit thin", "beef it up", "add a few", "add some", "add something",
)  # fmt: skip

VARIANT = (
    "another", "different", "again", "alternative", "other version", "new angle", "don't like", "redo",
    "rewrite", "try again", "other one", "not quite", "fresh take", "another take", "variation",
)  # fmt: skip

TONES: dict[str, tuple[str, ...]] = {
    "friendlier": (
        "friendlier",
        "friendly",
        "warmer",
        "warm",
        "kinder",
        "softer",
        "personal",
        "approachable",
    ),
    "more fun": ("fun", "funnier", "playful", "cheeky", "lighter", "lively", "witty", "humour", "humor"),
    "more formal": ("formal", "professional", "serious", "polished", "corporate"),
    "more casual": ("casual", "relaxed", "chatty", "conversational", "laid back", "informal"),
    "more urgent": ("urgent", "urgency", "pushier", "stronger", "punchier", "bolder", "more direct"),
    "calmer": (
        "calmer",
        "calm",
        "reassuring",
        "gentler",
        "less salesy",
        "less pushy",
        "softer sell",
        "salesy",
        "pushy",
        "tone it down",
        "tone down",
        "too much",
    ),
    "simpler": ("simpler", "plainer", "plain english", "easier to read", "less jargon", "clearer"),
}

CHANNELS: dict[str, tuple[str, ...]] = {
    "search": (
        "google ads", "google ad", "google search", "search ad", "search ads", "search", "ppc", "adwords",
        "bing",
    ),
    "social ad": (
        "facebook ad", "instagram ad", "meta ad", "social ad", "paid ad", "tiktok ad", "linkedin ad", "ad",
    ),
    "social post": (
        "instagram post", "facebook post", "linkedin post", "social post", "post", "caption", "tweet",
        "carousel",
    ),
    "social": (
        "instagram", "insta", "facebook", "linkedin", "tiktok", "twitter", "threads", "social",
        "pinterest", "socials",
    ),
    "email": ("email", "e mail", "newsletter"),
    "text": ("text message", "text", "sms", "whatsapp"),
    "blog": ("blog", "article", "blog post"),
}  # fmt: skip

# A channel names where the *same* draft should go only in these frames: "as a Facebook ad", "make it an
# Instagram post", "a search version", "now for LinkedIn" (or a short message); "the email they get after
# they book" is a new draft.
CHANNEL_BEFORE = frozenset(
    {"as", "into", "for", "on", "to", "it", "this", "now", "same", "an", "a", "our", "version"}
)

CHANNEL_AFTER = frozenset({"version", "one", "instead", "too", "as", "please", "format"})

PARTS = {
    "subject": ("subject lines", "subject line", "subjects"),
    "headline": ("headlines", "headline", "titles", "title"),
    "hook": ("hooks", "hook", "opening lines", "openers"),
    "cta": ("calls to action", "call to action", "ctas", "cta", "buttons"),
}

COUNT_NOUNS = (
    "options", "option", "versions", "version", "variations", "ideas", "idea", "takes", "alternatives",
    "subject", "headlines", "headline", "posts", "post", "ads", "ad", "emails", "hooks", "captions", "ctas",
    "titles", "lines", "drafts", "different",
)  # fmt: skip

QUESTION_START = (
    "what",
    "whats",
    "what's",
    "how",
    "why",
    "when",
    "which",
    "explain",
    "tell",
    "should",
    "does",
    "is",
    "are",
    "can",
    "do",
)

_VERSION = re.compile(r"^\s*(?:write|draft) (?:a|an|the) (.+?),? (?:version|variant) (\d)\s*$", re.I)

_ADD_PROMOTION = re.compile(r"^\s*add (?:a |the |this )?promo(?:tion)?\b", re.I)

_LABELS = {m.label.lower(): a for a, m in ASSET_MODELS.items()}

_QUOTED = re.compile(r"[\"“](.{20,}?)[\"”]", re.S)

WRITING = (
    "write",
    "draft",
    "create",
    "generate",
    "compose",
    "produce",
    "turn",
    "write up",
    "make me",
    "come up with",
)

SHOWING = ("here is", "here's", "heres", "this is our", "this is my", "below", "pasted", "attached")

OPENERS = frozenset(
    {"hi", "hello", "hey", "hiya", "morning", "good", "thanks", "thank", "cheers", "yo", "howdy"}
)

FILLER = frozenset(
    {"so", "much", "very", "you", "that's", "a", "lot", "really", "there", "anyone", "pls", "please", "again",
     "for", "the", "it", "this", "is", "just", "all", "ok", "and", "oh", "wow", "yes", "yep", "no"}
)  # fmt: skip

EXPLAIN_WORDS = (
    "explain",
    "tell me about",
    "what is",
    "what's",
    "whats",
    "meaning",
    "mean",
    "like i'm new",
    "like im new",
    "define",
)

NOT_THE_MEDIUM = frozenset(
    {"list", "lists", "address", "addresses", "in", "signup", "sign", "capture", "opt"}
)

NEW_PIECE = (
    "an email",
    "a new email",
    "another email",
    "next email",
    "second email",
    "follow up email",
    "the page",
    "a page",
)

AUDIENCE: dict[Stage, tuple[str, ...]] = {
    Stage.aware: (
        "strangers", "cold", "never heard", "new people", "new customers", "don't know us", "new audience",
        "in front of",
    ),
    Stage.convert: (
        "subscribers who", "haven't bought", "never bought", "on our list", "leads who", "who downloaded",
        "trial users",
    ),
    Stage.excite: (
        "just bought", "new customers who", "first time customers", "first-time", "just booked",
        "just joined", "after they buy", "once they've bought", "once they have bought",
        "after they've bought", "once they've booked", "after they've booked", "after they book",
        "once they've paid",
    ),
    Stage.ascend: (
        "existing customers", "current customers", "current clients", "existing clients", "regulars",
        "repeat",
        "members", "on the monthly", "club", "customers who bought", "bought once", "come back",
    ),
}  # fmt: skip
