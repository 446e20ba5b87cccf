"""Just enough English grammar for the fluency checks: does a clause have a finite verb, is a word common.

The checker must stay fast (hundreds of drafts a second), so there is no tagger here: a finite verb is an
auxiliary, a contraction, a pronoun followed by a word, an imperative opening, or a known verb form that no
determiner or preposition turns into a noun. It errs towards "has a verb", so a check built on it misses
some fragments rather than flagging good sentences.
"""

from __future__ import annotations

import re
from functools import cache


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Verbs common in marketing copy, in the base form; their -s and -ed forms are derived below.
_BASE_VERBS = """
add agree allow answer appear apply arrive ask bake become begin believe belong book bring brush build buy
call care carry catch change charge check choose claim clean click close come compare connect cook cost
count cover create cut decide deliver depend deserve design discover download drink drive drop earn eat
email end enjoy enter expect explain fall feel fill find finish fit fix fly follow forget fund get give go
grab grow guarantee handle happen hate head hear help hit hold hope imagine include invite join jump keep
know land last laugh lead learn leave let lie like listen live load lock log look lose love make manage
match matter mean measure meet miss move need notice offer open order own pack pay pick plan plant play
pop post prefer prepare print promise protect prove pull push put reach read ready receive record reduce refer
relax remember remove repair reply report require reserve rest return review ride ring rise roll run rush save
say schedule see seem sell send serve set settle share ship shop show shut sign sit skip sleep smell solve
sort sound speak spend stand start stay step stick stop subscribe suit supply support sweat switch take
talk tap taste teach tell test text thank think throw tour track train travel treat trust try turn understand
unlock update upgrade use visit wait wake walk want wash watch wear win wish wonder work worry write
"""
_IRREGULAR_PAST = """
ate became began bought brought built came caught chose did drank drove fell felt flew forgot fought found
gave got grew had held hid hung kept knew led left lent lost made meant met paid ran rang rose said sang
sat saw sent shook shot slept sold spent spoke stood stuck swam taught thought threw told took understood
was went were woke won wore wrote
"""
AUXILIARIES = _set(
    """am is are was were has have had do does did will would can could shall should may might must
    cannot isn't aren't wasn't weren't hasn't haven't hadn't don't doesn't didn't won't wouldn't can't
    couldn't shouldn't mustn't ain't"""
)
SUBJECT_PRONOUNS = _set("i you we they he she it who")
# Words that open a subordinate clause: a verb after one belongs to that clause, not to the fragment's
# head ("Matted fur that is painful to brush" is still a fragment).
SUBORDINATORS = _set(
    "that which who whom whose where when while because if unless until since although though once"
)
# Adverbs that may come before an imperative: "Never rush a nervous dog", "Just reply".
_LEADING_ADVERBS = _set("never always just only simply please now then first also still")
# Words after which a verb form is a noun ("your order", "a review", "to book").
_NOUN_MAKERS = _set(
    """a an the your our my their his her its this that these those every each some any no another one
    to for of in on at by with from about into over per via and or"""
)
# Closed-class and everyday words that are never proper nouns, so a capital on them after a colon is a slip.
COMMON_WORDS = _set(
    """a an the your our my their his her its this these those some any every each no all both more most less
    many much few one two three just only even also plus and but or so yet then now here there what why how
    with without for from in on at to by of about after before into over under not never always still
    again same other another real free new better best great good big small quick simple easy full whole
    honestly really truly finally sometimes often usually"""
)
_CONTRACTION = re.compile(
    r"^(?:\w+'(?:re|ve|ll|d|m)|\w+n't|(?:it|that|there|here|what|who|he|she|let|how|where)'s)$"
)
_COMMON_SUFFIX = re.compile(r"(?:ed|ing|ly|ness|ment|ments|tion|tions|sion|ity|ful|less|able|ous|ive)$")


@cache
def verb_forms() -> frozenset[str]:
    """Base, -s and -ed forms of the known verbs, plus common irregular pasts."""
    forms: set[str] = set(_set(_IRREGULAR_PAST))
    for verb in _BASE_VERBS.split():
        forms.add(verb)
        forms.add(verb[:-1] + "ies" if re.search(r"[^aeiou]y$", verb) else verb + "s")
        if re.search(r"(?:s|sh|ch|x|z|o)$", verb):
            forms.add(verb + "es")
        if verb.endswith("e"):
            forms.add(verb + "d")
        elif re.search(r"[^aeiou]y$", verb):
            forms.add(verb[:-1] + "ied")
        else:
            forms.add(verb + "ed")
            if re.search(r"[^aeiou][aeiou][bdgklmnprt]$", verb):
                forms.add(verb + verb[-1] + "ed")  # stop → stopped, ship → shipped
    return frozenset(forms)


def has_finite_verb(words: list[str]) -> bool:
    """Whether a clause (its words, in order) has a finite verb in its main part.

    "Overwhelmed by choice", "A calm salon where dogs relax" and "Matted fur that is painful" have none;
    "You'd like the same cleaner", "Stop paying for rideshares" and "Members get a credit" do.
    """
    forms = verb_forms()
    lower = [w.lower() for w in words]
    opening = next((i for i, w in enumerate(lower) if w not in _LEADING_ADVERBS), len(lower))
    for i, word in enumerate(lower):
        if i > 0 and word in SUBORDINATORS:
            break
        if word in AUXILIARIES or _CONTRACTION.match(word):
            return True
        if i <= opening:
            if word in forms and not word.endswith("ed"):
                return True  # an imperative: "Stop paying", "Book a visit"
            continue
        before = lower[i - 1]
        if before in SUBJECT_PRONOUNS:
            return True  # "you just want", "we send"
        if word in forms and before not in _NOUN_MAKERS:
            return True  # "Members get", "a sneaker sold at auction"
    return False


def looks_common(word: str, vocabulary: frozenset[str]) -> bool:
    """Whether a capitalised word is an everyday word rather than a name (which would keep its capital)."""
    lower = word.lower()
    if lower in COMMON_WORDS or lower in vocabulary:
        return True
    return len(lower) >= 6 and bool(_COMMON_SUFFIX.search(lower))  # "Overwhelmed", not "Fred"
