"""Advocate: a review-request email and a testimonial request that ask every customer for honest feedback.

Same ask for everyone, good or bad: no reward, no sales pitch, no price, no star hints and no "if you
loved it" gating. ``Ctx`` bans those words, so even copied profile phrases cannot smuggle them in.
"""

from __future__ import annotations

from planner.assets import ReviewRequestEmail, TestimonialRequest
from planner.compose._context import Ctx
from planner.compose._person import said
from planner.compose._registry import composes
from planner.compose._text import at_least, fit, pick, sentence, short

Data = dict[str, object]

# One honest ask per variant: every customer gets the same request, and criticism is as welcome as praise.
_HONEST = (
    "Whatever your experience was, good, bad or somewhere in between, we'd like to hear it. An honest review "
    "helps people in your shoes decide, and it tells us what to keep doing and what to fix.",
    "Please be candid. Praise, criticism and everything in between are all useful: they help the next person "
    "decide, and they show us where to improve.",
    "There's no right answer here. Tell it the way it was, the highs and the lows, in your own words.",
    "We ask every customer the same question, and we want the honest version, whatever it turns out to be.",
    "Write as much or as little as you like, and be straight with us: the honest version helps most.",
)
_LINK = (
    "You can write your review here: {{review_link}}\n\nIt takes a couple of minutes, and we read every one.",
    "Here's the link: {{review_link}}\n\nA few sentences is plenty. We read them all and reply where we can.",
    "It's one click from here: {{review_link}}",
    "Share yours here: {{review_link}}\n\nEvery review gets read by a real person on our team.",
    "The link: {{review_link}}",
)


@composes(ReviewRequestEmail)
def review_request_email(ctx: Ctx) -> Data:
    pain, objection = ctx.pain(), ctx.objection()
    biz = ctx.biz(50, "us")
    subjects = [
        "How did we do? An honest answer helps",
        "Before and after: how did it go?",
        f"Quick question about your time with {biz}",
        f"Were you worried “{said(short(objection, 40))}” How did it go?",
        "3 prompts, a couple of minutes, one honest review",
    ]
    openers = [
        f"When you first came to us, you may have been dealing with this: {pain}. We'd like to know, "
        "honestly, how it went.",
        f"Before: {sentence(pain)}\nAfter: that's the part only you can tell us.",
        "How did we do? Not the polite answer, the honest one.",
        f"Plenty of people arrive thinking “{said(objection)}” Were you one of them? Did we answer "
        "that worry, or not?",
        "Not sure what to write? Three prompts help:\n1. What was going on before?\n2. What happened when "
        "you came to us?\n3. What could we do better?",
    ]
    body = (
        f"{ctx.voice.hello} {{{{first_name}}}},\n\n{ctx.voice.thanks} for choosing {biz}. "
        f"{openers[ctx.v]}\n\n{_HONEST[ctx.v]}\n\n{_LINK[ctx.v]}"
    )
    return {
        "subject": pick([subjects[ctx.v], "How did we do?"], 80, ctx.ok),
        "body": body,
        "cta": [
            "Leave an honest review",
            "Share how it went",
            "Tell us how we did",
            "Write your review",
            "Share your honest review",
        ][ctx.v],
        "sign_off": ctx.signature(),
    }


@composes(TestimonialRequest)
def testimonial_request(ctx: Ctx) -> Data:
    biz = ctx.biz(50, "us")
    pain, goal, objection = ctx.pain(), ctx.goal(), ctx.objection()
    subjects = [
        "Would you tell your story in your own words?",
        "Your before and after, in your words?",
        f"A few questions about your time with {biz}",
        "Remember what you worried about at first?",
        "3 short questions (about 10 minutes)",
    ]
    openers = [
        f"Many people come to us with a problem like this one: {pain}. Hearing how it went from someone "
        "who's been there means far more than anything we could write ourselves.",
        "You've seen the before and the after. Would you share both, in your own words?",
        "We're collecting honest stories from customers, and we'd value yours.",
        f"Many people hesitate before they start, thinking “{said(objection)}” Your honest view of "
        "whether that worry held up would help the next person decide.",
        "Three short questions, about ten minutes, in whatever form suits you.",
    ]
    formats = [
        "The format is up to you: a few written sentences, a short video on your phone, or a longer "
        "conversation we write up as a case study.",
        "Write it, record it on your phone, or talk it through with us and we'll write it up: "
        "whatever's easiest.",
        "A couple of sentences is perfect. A quick phone video or a longer case-study chat works too.",
        "Honest is what matters, including anything we could have done better. Written, video or a short "
        "interview are all fine.",
        "Pick a format: a few lines by email, a short video, or a case-study conversation.",
    ]
    reply = [
        "Reply to this email, or use this link",
        "Just hit reply, or use",
        "Reply here or go to",
        "Reply, or share it here",
        "Reply or use this link",
    ][ctx.v]
    body = (
        f"{ctx.voice.hello} {{{{first_name}}}},\n\n{openers[ctx.v]}\n\n{formats[ctx.v]}\n\n"
        f"{reply}: {{{{review_link}}}}\n\n{ctx.signature()}"
    )
    return {
        "subject": pick([subjects[ctx.v], "Your story, in your words?"], 80, ctx.ok),
        "body": body,
        "questions": _questions(ctx, pain, goal, objection),
        "permission_note": _PERMISSION[ctx.v % 2],
    }


_PERMISSION = (
    "We'll only publish your words with your permission, and you'll see and approve the final version first. "
    "Use your full name, first name only or no name at all: your choice. Critical comments stay in.",
    "Nothing goes public without your OK. You'll approve the final wording, and you choose how you're named, "
    "from full name to anonymous. We won't edit criticism out.",
)


def _questions(ctx: Ctx, pain: str, goal: str, objection: str) -> list[str]:
    """Open questions that invite the whole story, criticism included; phrased per variant."""
    banks = [
        [
            "What was going on before you came to us? For many people it's something like: "
            f"{fit(pain, 120)}.",
            "What happened, in your own words?",
            f"What has changed since, big or small? For example: {fit(goal, 120)}.",
            "What could we have done better?",
        ],
        [
            "Before: what was it like before you came to us?",
            "After: what's different now?",
            "What surprised you most?",
            "Where could we improve?",
        ],
        [
            "In one sentence, how would you describe us to a friend?",
            "What made you choose us?",
            "What's one thing we should keep doing?",
            "What's one thing we should change?",
        ],
        [
            f"Was there anything that made you hesitate, like “{said(fit(objection, 120))}”",
            "Did that worry turn out to be right or wrong?",
            "What happened, in your own words?",
            "What could we have done better?",
        ],
        [
            "1. What problem were you trying to solve?",
            "2. What did you try first?",
            "3. What's changed since?",
            "4. Who do you think we'd be a good fit for, and who not?",
        ],
    ]
    spare = ("What happened, in your own words?", "What could we have done better?", "What's changed since?")
    return at_least([q for q in banks[ctx.v] if ctx.ok(q)], spare, 3, ctx.ok)
