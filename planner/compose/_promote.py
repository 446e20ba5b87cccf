"""Promote: a referral invite to fans and the share messages they send to friends.

The incentive is the referral offer's own description, word for word (cut at a sentence or clause when it
is long), so every amount in it is the profile's; without a referral offer the drafts ask fans to share and
mention no reward at all. The SMS fits 160 characters with its link counted at a real link's length.
"""

from __future__ import annotations

from planner.assets import ReferralInvite, ReferralShare, link_length
from planner.compose._context import Ctx
from planner.compose._moves import a_or_an, about, category, first_sentence, lower_start, proof_line
from planner.compose._phrase import Phrase, cap
from planner.compose._registry import composes
from planner.compose._text import fit, fit_sentences, pick, sentence, vary

Data = dict[str, object]
LINK = "{{referral_link}}"


def _terms(ctx: Ctx) -> str:
    """The referral offer's terms as the profile states them, whole sentences within 200 characters."""
    ref = ctx.referral
    if ref is None:
        return ""
    ctx.note(ref.role)
    text = sentence(" ".join(ref.description.split()))
    if len(text) <= 200:
        return text
    return fit_sentences(text.replace("; ", ". "), 200) or fit(text, 200)


_YOURS = ("Your personal link", "Your link", "Share this link", "Here is your link", "Copy your link")


@composes(ReferralInvite)
def referral_invite(ctx: Ctx) -> Data:
    ref, terms = ctx.referral, _terms(ctx)
    biz = ctx.biz(50, "us")
    pain = ctx.pick_phrase(ctx.pains(), Phrase.quote)  # in the friend's own words: “My dog shakes…”
    hope, wish = ctx.pick_phrase(ctx.goals(), Phrase.gerund), ctx.pick_phrase(ctx.goals(), Phrase.goal_line)
    openers = [
        f"Know someone who could use {biz}? Maybe a friend who says {pain}" if pain else None,
        f"If {biz} has helped with {hope}, chances are someone you know wants the same."
        if hope
        else f"If {biz} has been good for you, chances are someone you know would like it too.",
        f"Who do you know who wants {wish} too?"
        if wish
        else f"Who do you know who'd get on well with {biz}?",
        f"Passing on {biz} to a friend takes a minute.",
        f"Three steps to share {biz} with a friend.",
    ]
    program = (
        f"{ref.name}: {lower_start(terms)}" if ref is not None else "There's no reward, just our thanks."
    )
    paragraphs = [
        f"{ctx.voice.hello} {{{{first_name}}}},",
        openers[ctx.v] or openers[3],
        program,
        f"{_YOURS[ctx.v]}: {LINK}",
        ctx.signature(),
    ]
    friend = (
        f"a friend who wants {wish}"
        if wish and len(wish) <= 80
        else f"a friend who'd like {ctx.biz(120, 'us')}"
    )
    steps = [f"Copy your link: {LINK}", f"Send it to {friend}"]
    if ref is not None:
        steps.append(fit(f"When they use it: {lower_start(terms)}", 200))
    subjects = [
        f"Know someone who'd like {biz}?",
        f"Share {biz} with a friend" + (f": {ref.name}" if ref else ""),
        f"{ref.name}, for you and a friend" if ref else f"Who do you know who'd like {biz}?",
        ref.name if ref else f"Share {biz}",
        f"3 steps to share {biz}",
    ]
    return {
        "subject": pick(
            [subjects[ctx.v], f"Share {biz} with a friend", "Share us with a friend"], 80, ctx.ok
        ),
        "body": "\n\n".join(p for p in paragraphs if p),
        "incentive": fit(f"{ref.name}: {lower_start(terms)}", 200) if ref else "No reward, just our thanks.",
        "how_it_works": steps,
        "cta": ctx.voice.end(
            pick(["Share your link", "Invite a friend", "Send it to a friend"][ctx.v % 3 :], 39, ctx.ok)
        ),
    }


@composes(ReferralShare)
def referral_share(ctx: Ctx) -> Data:
    """Messages a fan sends in their own voice: short, personal, the link, and the offer's name."""
    ref = ctx.referral
    biz = ctx.biz(60, "this place")
    kind = category(ctx)
    offer = f" ({ref.name})" if ref is not None and len(ref.name) <= 40 else ""
    hi = "Hi!" if ctx.voice.bang else "Hi."
    sms_lines = [
        f"{hi} You'd like {biz}" + (f", the {kind} I use" if kind else "") + f".{offer} My link: {LINK}",
        f"{hi} I've been using {biz} and thought of you.{offer} {LINK}",
        f"{hi} Ever tried {biz}? You'd like them.{offer} {LINK}",
        f"{hi} No pressure, but I think you'd like {biz}.{offer} {LINK}",
        f"{hi} Quick tip: {biz}.{offer} {LINK}",
    ]
    sms = _fit_sms(
        [sms_lines[ctx.v], f"{hi} I think you'd like {biz}: {LINK}", f"{hi} You'd like this: {LINK}"], ctx
    )
    proof = proof_line(ctx)
    town = ctx.location.split(",")[0].strip()
    nearby = f"in {cap(town)} " if town and ctx.ok(town) else ""
    posts = [
        f"If you're looking for {a_or_an(kind) if kind else 'a recommendation'}: {biz}.{offer} {LINK}",
        f"{about(ctx, 'They are')}{offer} {LINK}",
        f"Who else {nearby}should know about {biz}? {proof or ''}{offer} {LINK}",
        f"Not an ad, just a genuine thumbs-up for {biz}.{offer} {LINK}",
        f"A tip for anyone nearby: {biz}.{offer} {LINK}" if ctx.location else f"A tip: {biz}.{offer} {LINK}",
    ]
    terms, who = _terms(ctx), first_sentence(about(ctx, "They are"))
    email = [
        "Hi,",
        f"I've been using {biz} and I think you'd like them; "
        + (who if who.startswith(ctx.name.split()[0]) else lower_start(who)),
        terms
        if ref is not None and ctx.v % 2 == 0
        else (f"They have an offer for friends: {ref.name}." if ref else None),
        f"Here's my link: {LINK}",
    ]
    return {
        "sms": sms,
        "social_post": pick(
            [" ".join(posts[ctx.v].split()), f"A genuine thumbs-up for {biz}: {LINK}"], 280, ctx.ok
        ),
        "email_subject": vary([], _share_subjects(biz), ctx.v, 80, ctx.ok),
        "email_body": fit_sentences("\n\n".join(p for p in email if p), 800),
    }


def _share_subjects(biz: str) -> list[str]:
    return [
        f"Thought of you: {biz}",
        f"Have you tried {biz}?",
        f"You'd like {biz}",
        f"A tip: {biz}",
        f"For you: {biz}",
    ]


def _fit_sms(lines: list[str], ctx: Ctx) -> str:
    """The first line that fits 160 characters once the link tag is counted as a real link."""
    extra = link_length() - len(LINK)
    for line in lines:
        if len(line) + extra * line.count(LINK) <= 160 and ctx.ok(line):
            return line
    return f"{cap('here')}: {LINK}"
