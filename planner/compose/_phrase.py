"""A profile phrase that knows its grammatical form and renders itself into the form a frame needs.

Forms: a full sentence ("I want my evenings back."), a question ("What if my kid hates it?"), a bare verb
phrase ("sleep through the night"), a to-infinitive ("to feel confident"), a gerund phrase ("keeping an older
dog comfortable"), an adjective phrase ("overwhelmed by choice", "too expensive") and a noun phrase ("matted
fur that is painful to brush out", "price"). Each renderer returns ``None`` when the phrase cannot take the
shape asked for; frames then pick another phrase or another frame, so no phrase is ever forced into a frame
whose grammar it does not fit ("Imagine sleep through the night").
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property

from planner.compose._grammar import Word, words_of


class Form(StrEnum):
    sentence = "sentence"
    question = "question"
    verb = "verb"
    to_verb = "to_verb"
    gerund = "gerund"
    adjective = "adjective"
    noun = "noun"


_FINITE = {"VBZ", "VBP", "VBD", "MD"}
_SUBJECTS = {"nsubj", "nsubjpass", "expl", "csubj"}
_WH = {"what", "why", "how", "when", "where", "who", "which", "whose"}
_AUX_Q = {"is", "are", "am", "was", "were", "do", "does", "did", "can", "could", "will", "would", "should",
          "shall", "may", "might", "have", "has"}  # fmt: skip
# Text-speak people type into forms; copy spells it out.
_SHORTHAND = {"w/": "with", "w/o": "without", "ur": "your", "u": "you", "b/c": "because", "bc": "because",
              "thru": "through", "tho": "though", "pls": "please", "&": "and", "+": "and", "b4": "before",
              "cuz": "because", "coz": "because", "yr": "year", "yrs": "years"}  # fmt: skip
_ACRONYM = re.compile(r"^[A-Z]{2,5}s?$")


def tidy(text: str) -> str:
    """One line, no trailing full stop or ellipsis, text-speak spelled out, shouted words lowered."""
    text = " ".join(text.replace("…", " ").replace("...", " ").split())
    letters = [c for c in text if c.isalpha()]
    # Typed in capitals ("WHAT IF A FIXED QUOTE IS WRONG?"): every word is shouted, not an acronym.
    shouting = len(letters) >= 8 and sum(c.isupper() for c in letters) >= 0.7 * len(letters)
    words = []
    for word in text.split(" "):
        bare = word.lower().strip(",;:")
        if bare in _SHORTHAND and not word.isupper():
            word = word.lower().replace(bare, _SHORTHAND[bare])
        elif word.isupper() and len(word) > 1 and (shouting or not _ACRONYM.match(word.strip(",.;:!?"))):
            word = word.lower()
        words.append(word)
    return " ".join(words).strip(" .;:,-–—")


@dataclass(frozen=True)
class Phrase:
    """One avatar or fact phrase as written in the profile."""

    raw: str

    @cached_property
    def text(self) -> str:
        asked = self.raw.rstrip().endswith("?")
        text = tidy(self.raw)
        return text + "?" if asked and not text.endswith("?") else text

    @cached_property
    def words(self) -> tuple[Word, ...]:
        return words_of(self.text)

    @cached_property
    def form(self) -> Form:
        return form_of(self.text, self.words)

    @property
    def usable(self) -> bool:
        """Long enough to mean something in copy ("price" alone says nothing to a reader)."""
        return len(re.findall(r"[A-Za-z]+", self.text)) >= 2

    # --- renderings -------------------------------------------------------------------------------------

    def you(self) -> str:
        """The phrase in the second person: 'her dog shakes' → 'your dog shakes', 'I can' → 'you can'."""
        return you_form(self.words, self.text)

    def low(self) -> str:
        """``you()`` ready to sit mid-sentence: the first word lower-cased unless it is a name or acronym."""
        text = self.you().rstrip(".!")
        first = self.words[0] if self.words else None
        if first is None or first.tag in ("NNP", "NNPS") or first.text == "I" or _ACRONYM.match(first.text):
            return text
        return text[:1].lower() + text[1:]

    def clause(self) -> str | None:
        """A finite clause about the reader, for "If …," / "When …": 'your dog shakes and hides'."""
        match self.form:
            case Form.sentence:
                return self.low()
            case Form.adjective:
                low = self.low()
                return (low if low.startswith("you're ") else f"you're {low}") if self.usable else None
            case Form.noun:
                if not self.usable:
                    return None
                if self.words[0].text.lower() in ("no", "not"):  # "no time to bathe a large dog"
                    return f"you have {self.low()}".replace("have not enough", "don't have enough")
                return f"you're dealing with {self.low()}"
            case Form.verb:
                return f"you {self.low()}"
        return None

    def gerund(self) -> str | None:
        """For "Imagine …", "Picture …": 'sleeping through the night', 'feeling overwhelmed by choice'."""
        match self.form:
            case Form.verb:
                return _quit(self.words, self.low()) or _to_ing(self.words, self.low(), 0)
            case Form.to_verb:
                return _to_ing(self.words, self.low(), 1)
            case Form.gerund:
                return self.low()
            case Form.adjective:
                if not self.usable:
                    return None
                return f"{'being' if self.words[0].tag == 'RB' else 'feeling'} {self.low()}"
            case Form.noun:
                return self.low() if self.usable else None
        return None

    def goal_line(self) -> str | None:
        """What the reader wants, after "you want": 'to sleep through the night', 'a dog that looks clean'."""
        match self.form:
            case Form.verb:
                return f"to {self.low()}"
            case Form.to_verb:
                return self.low()
            case Form.gerund:
                rest = self.low().split(" ", 1)[1:]
                return " ".join(["to", self.words[0].lemma.lower(), *rest])
            case Form.noun:
                return self.low() if self.usable else None
        return None

    def question(self) -> str | None:
        """A hook in question form, in the reader's person."""
        match self.form:
            case Form.question | Form.sentence:
                return cap(self.you().rstrip("?.!")) + "?"
            case Form.adjective:
                return f"{cap(self.low())}?" if self.usable else None
            case Form.noun:  # "Matted fur that hurts to brush out?": the bare phrase asks best
                return f"{cap(self.low())}?" if self.usable else None
        return None

    def yes_no(self) -> str | None:
        """A third-person statement turned into the question it answers: 'loose-leaf seems fussy' → 'Does
        loose-leaf seem fussy?'; 'specialty tea is pricey' → 'Is specialty tea pricey?'. None otherwise."""
        if self.form == Form.question:
            return cap(self.text.rstrip("?.!")) + "?"
        if self.form != Form.sentence:
            return None
        return yes_no(self.words)

    def quote(self) -> str | None:
        """The customer's own words, quoted as their inner voice: '“I want my evenings back.”'."""
        if self.form in (Form.sentence, Form.question) or (self.form == Form.adjective and self.usable):
            text = cap(me_form(self.words, self.text).rstrip(".!?"))
            return f"“{text}{'?' if self.form == Form.question else '.'}”"
        return None

    def statement(self) -> str | None:
        """A standalone sentence in the reader's person: 'Your dog shakes and hides at the salon.'"""
        if self.form == Form.question:
            return self.question()
        clause = self.clause()
        return f"{cap(clause)}." if clause else None


def form_of(text: str, words: tuple[Word, ...]) -> Form:
    content = [w for w in words if w.tag not in (".", ",", ":", "``", "''", "-LRB-", "-RRB-", "HYPH")]
    if not content:
        return Form.noun
    first = _first_meaningful(content)
    low = first.text.lower()
    if (
        text.endswith("?")
        or (low in _WH and len(content) > 2)
        or (low in _AUX_Q and any(w.dep in _SUBJECTS for w in content))
    ):
        return Form.question
    index = content.index(first)
    if first.tag in ("DT", "PRP$", "CD") and not _has_subject(words) and first.text.lower() not in _WH:
        return Form.noun  # "a calm daily ritual away from screens", "three teas I love"
    if first.tag == "TO" and index + 1 < len(content) and content[index + 1].tag == "VB":
        return Form.to_verb
    if _has_subject(words):
        return Form.sentence
    if low in _FEELINGS:
        return Form.adjective  # "unsure which tea to buy", which the parser may read as a noun
    if first.tag == "VBG":
        return Form.gerund
    if first.tag in ("VB", "VBP") and not _starts_noun(first, content):
        return Form.verb
    root = next((w for w in words if w.dep == "ROOT"), first)
    noun_root = root.tag in ("NN", "NNS", "NNP", "NNPS") and first.dep in ("amod", "compound", "det", "nmod")
    if _adjectives_then_noun(content):
        return Form.noun  # "reactive, unplanned emergency repair spend that…", whatever the parser's root
    if not noun_root and (first.dep in ("csubj", "acomp") or (first.tag == "VBN" and first.dep != "ROOT")):
        return Form.adjective  # "worried the subscription will be hard to cancel", "fed up with…"
    if first.tag in ("VBZ", "VBD") and first.dep == "ROOT":
        return Form.sentence  # a predicate about the customer: "brews bitter cups because she's unsure"
    if root.tag in ("JJ", "JJR", "JJS", "RB") or (
        first.tag in ("JJ", "VBN", "RB") and root.tag not in ("NN", "NNS")
    ):
        return Form.adjective
    return Form.noun


_PERSONAL = {"i", "we", "you", "she", "he", "they", "my", "our", "your", "her", "his", "their"}
# Feelings a form-filler writes without a subject; the parser can tag them as nouns or past-tense verbs.
_FEELINGS = {"unsure", "uncertain", "worried", "scared", "afraid", "nervous", "anxious", "tired", "sick",
             "overwhelmed", "stressed", "frustrated", "embarrassed", "confused", "stuck", "bored", "annoyed",
             "ashamed", "intimidated", "sceptical", "skeptical", "wary", "hesitant", "reluctant", "exhausted",
             "fed"}  # fmt: skip
_MODIFIER = {"JJ", "JJR", "JJS", "VBN", "RB", ",", "CC", "HYPH"}


def _adjectives_then_noun(content: list[Word]) -> bool:
    """Adjectives that lead into a noun they describe make a noun phrase: 'expensive monthly fees that add
    up'. A noun that is the subject of what follows does not ('afraid dentists will judge her')."""
    i = 0
    while i < len(content) and content[i].tag in _MODIFIER:
        i += 1
    if i == 0 or i == len(content) or content[0].tag not in ("JJ", "JJR", "JJS", "VBN"):
        return False
    noun = content[i]
    return noun.tag in ("NN", "NNS") and noun.dep not in ("nsubj", "nsubjpass")


def yes_no(words: tuple[Word, ...]) -> str | None:
    """Subject-auxiliary inversion from the parse, for third-person subjects only ("I can never…" is
    better quoted than asked back)."""
    root = next((i for i, w in enumerate(words) if w.dep == "ROOT"), None)
    subject = next(
        (i for i, w in enumerate(words) if w.head == root and w.dep in ("nsubj", "nsubjpass")), None
    )
    if root is None or subject is None or words[subject].text.lower() in _PERSONAL:
        return None
    if any(w.text.lower() in _PERSONAL for w in words[: subject + 1]):
        return None  # "I've been burned before — then standards slip": not one clause to ask back
    aux = next(
        (i for i, w in enumerate(words) if w.head == root and w.dep in ("aux", "auxpass") and i > subject),
        None,
    )
    out = [w.text for w in words]
    spaces = [w.space for w in words]
    if aux is not None:
        mover, rest = out[aux], list(range(len(words)))
        rest.remove(aux)
    elif words[root].lemma == "be":
        mover, rest = out[root], [i for i in range(len(words)) if i != root]
    elif words[root].tag in ("VBZ", "VBP", "VBD"):
        mover = {"VBZ": "Does", "VBP": "Do", "VBD": "Did"}[words[root].tag]
        out[root] = words[root].lemma
        rest = list(range(len(words)))
    else:
        return None
    body = "".join(out[i] + spaces[i] for i in rest if words[i].tag not in (".",)).strip()
    body = body[0].lower() + body[1:] if words[0].tag not in ("NNP", "NNPS") else body
    return f"{cap(mover.lower())} {body}?"


def _first_meaningful(content: list[Word]) -> Word:
    """Skip an opening interjection or sentence adverb: "Honestly, I don't trust…"."""
    for i, word in enumerate(content[:-1]):
        if word.tag in ("UH",) or (word.tag == "RB" and word.text.lower().endswith("ly") and i == 0):
            continue
        return word
    return content[0]


def _has_subject(words: tuple[Word, ...]) -> bool:
    """A clause with its own subject ("I want…", "clients send…"), or a noun whose verb the tagger misread
    as a plural noun ("her dog shakes and hides": 'shakes' tagged NNS, 'hides' its conjoined verb)."""
    # Two subjects on one verb is the parser misreading a noun with a relative clause ("matching rules that
    # learn from each correction your team makes": 'rules' and 'team' both hung on 'makes'): no clause.
    subjects = Counter(w.head for w in words if w.dep in ("nsubj", "nsubjpass"))
    for w in words:
        if w.dep == "csubj" and w.tag == "VBG" and words[w.head].dep == "ROOT":
            return True  # "moving all our files will take months": a gerund as the subject
        if subjects[w.head] > 1:
            continue
        if w.dep in ("nsubj", "nsubjpass", "expl") and words[w.head].dep != "relcl" and w.head < len(words):
            head = words[w.head]
            if head.dep in ("ROOT", "conj", "ccomp") and head.tag not in ("NN", "NNS", "NNP"):
                return True
    root = next((w for w in words if w.dep == "ROOT"), None)
    if root is not None and root.tag == "NNS":
        conj = [w for w in words if w.dep == "conj" and words[w.head] is root and w.tag in _FINITE]
        before = [w for w in words[: words.index(root)] if w.tag in ("PRP$", "DT", "NN", "NNP")]
        return bool(conj and before)
    return False


def _starts_noun(first: Word, content: list[Word]) -> bool:
    """A base-form verb that is really a noun heading a noun phrase ("trust issues", "price increases")."""
    return first.dep in ("compound", "nsubj") or (
        first.dep == "ROOT" and len(content) == 1 and first.tag == "VBP"
    )


def _quit(words: tuple[Word, ...], low: str) -> str | None:
    """'stop worrying about VAT' → 'no longer worrying about VAT' (not 'stopping worrying')."""
    if len(words) > 1 and words[0].lemma in ("stop", "quit") and words[1].tag == "VBG":
        return "no longer " + low.split(" ", 1)[1]
    return None


def _to_ing(words: tuple[Word, ...], you: str, index: int) -> str | None:
    """'sleep through the night' → 'sleeping through the night'; 'to feel good' → 'feeling good'."""
    content = [w for w in words if w.tag not in ("``", "''")]
    if index >= len(content) or not content[index].ing:
        return None
    parts = you.split(" ")
    if index >= len(parts):
        return None
    rest = parts[index + 1 :]
    return " ".join([content[index].ing, *rest]).strip()


# --- person -------------------------------------------------------------------------------------------

_TO_YOU = {"i": "you", "me": "you", "my": "your", "mine": "yours", "myself": "yourself", "we": "you",
           "us": "you", "our": "your", "ours": "yours", "ourselves": "yourselves", "she": "you", "he": "you",
           "his": "your", "herself": "yourself", "himself": "yourself"}  # fmt: skip
_CONTRACTIONS = {"i'm": "you're", "i've": "you've", "i'd": "you'd", "i'll": "you'll", "we're": "you're",
                 "we've": "you've", "we'd": "you'd", "we'll": "you'll", "she's": "you're", "he's": "you're",
                 "she'd": "you'd", "he'd": "you'd", "she'll": "you'll", "he'll": "you'll"}  # fmt: skip
_BE = {
    "am": "are",
    "is": "are",
    "was": "were",
    "'m": "'re",
    "'s": "'re",
    "isn't": "aren't",
    "wasn't": "weren't",
}
_DO = {"does": "do", "has": "have", "doesn't": "don't", "hasn't": "haven't"}


# Agreement the parse can miss in questions, where the verb comes first ("How am I supposed to…").
_YOU_AGREE = [
    (re.compile(r"\b(am|is)( you)\b", re.I), "are"),
    (re.compile(r"\b(was)( you)\b", re.I), "were"),
    (re.compile(r"\b(has)( you)\b", re.I), "have"),
    (re.compile(r"\b(does)( you)\b", re.I), "do"),
    (re.compile(r"\b(doesn't)( you)\b", re.I), "don't"),
]
_YOU_AGREE_AFTER = [
    (re.compile(r"\b(you) (am|is)\b", re.I), "are"),
    (re.compile(r"\b(you) was\b", re.I), "were"),
]


def _you_agree(text: str) -> str:
    for pattern, verb in _YOU_AGREE:
        text = pattern.sub(lambda m, v=verb: _case(m.group(1), v) + m.group(2), text)  # type: ignore[misc]
    for pattern, verb in _YOU_AGREE_AFTER:
        text = pattern.sub(lambda m, v=verb: f"{m.group(1)} {v}", text)  # type: ignore[misc]
    return text


def you_form(words: tuple[Word, ...], text: str) -> str:
    """Second person with agreement, from the parse: subjects and possessives become 'you'/'your', and the
    verb whose subject changed agrees ('she worries' → 'you worry', 'I am' → 'you are'). A phrase that
    opens with the customer's verb ("brews bitter cups because…") gains its subject: 'you brew…'."""
    if not words:
        return text
    out = [w.text for w in words]
    subjects: list[int] = []
    for i, w in enumerate(words):
        low = w.text.lower().replace("’", "'")
        if low in _CONTRACTIONS:
            out[i] = _case(w.text, _CONTRACTIONS[low])
        elif low == "her":
            out[i] = _case(w.text, "your" if w.tag == "PRP$" else "you")
        elif low in _TO_YOU and not (low == "us" and w.text == "US"):
            out[i] = "you" if w.text == "I" else _case(w.text, _TO_YOU[low])
            if w.dep in ("nsubj", "nsubjpass") and low in ("i", "she", "he"):
                subjects.append(i)
    for s in subjects:
        for t in _agreeing(words, s):
            out[t] = _agree(words[t], out[t])
    first = words[0]
    subjectless = not any(w.head == 0 and w.dep in _SUBJECTS for w in words)
    if _state(words) and subjectless:
        out[0] = "you're " + first.text.lower()
    elif first.tag in ("VBZ", "VBD") and first.dep == "ROOT" and subjectless:
        out[0] = "you " + (first.lemma if first.tag == "VBZ" else first.text).lower()
        for t in (i for i, w in enumerate(words) if w.dep == "conj" and w.head == 0 and w.tag == "VBZ"):
            out[t] = words[t].lemma
    return _you_agree(_join(out, words))


def _join(out: list[str], words: tuple[Word, ...]) -> str:
    """Rebuild the phrase; words in capitals that are not names or acronyms (shouting) are lowered."""
    for i, w in enumerate(words):
        shouted = w.text.isupper() and len(w.text) > 1 and w.tag not in ("NNP", "NNPS", "NN", "NNS")
        if shouted and out[i] == w.text:
            out[i] = w.text.lower()
    return "".join(o + w.space for o, w in zip(out, words, strict=True)).strip()


_TO_ME = {"she": "I", "he": "I", "his": "my", "herself": "myself", "himself": "myself"}
_BE_ME = {"is": "am", "'s": "'m", "isn't": "am not", "are": "am"}


def me_form(words: tuple[Word, ...], text: str) -> str:
    """The customer's own first-person words, for a quote: 'her dog shakes' → 'my dog shakes',
    'she worries' → 'I worry'; a phrase that opens with her verb gains 'I': 'brews…' → 'I brew…'."""
    if not words:
        return text
    out = [w.text for w in words]
    subjects: list[int] = []
    for i, w in enumerate(words):
        low = w.text.lower()
        if low == "her":
            out[i] = _case(w.text, "my" if w.tag == "PRP$" else "me")
        elif low in _TO_ME:
            out[i] = "I" if _TO_ME[low] == "I" else _case(w.text, _TO_ME[low])
            if w.dep in ("nsubj", "nsubjpass") and low in ("she", "he"):
                subjects.append(i)
    for s in subjects:
        for t in _agreeing(words, s):
            low = words[t].text.lower()
            out[t] = _BE_ME.get(low, _DO.get(low, words[t].lemma if words[t].tag == "VBZ" else out[t]))
    first = words[0]
    subjectless = not any(w.head == 0 and w.dep in _SUBJECTS for w in words)
    if _state(words) and subjectless:
        out[0] = "I'm " + first.text.lower()
    elif first.tag in ("VBZ", "VBD") and first.dep == "ROOT" and subjectless:
        out[0] = "I " + (first.lemma if first.tag == "VBZ" else first.text).lower()
    return _join(out, words)


_STATE_NEXT = {"that", "about", "of", "with", "by", "up"}


def _state(words: tuple[Word, ...]) -> bool:
    """'worried she'll be rubbish', 'fed up with builders', 'frustrated that…': a feeling the parser reads
    as a past-tense verb. Said of the reader it is 'you're worried…', never 'you worried…' (which is what
    an action keeps: 'tried a class elsewhere' → 'you tried a class elsewhere')."""
    if len(words) < 2 or words[0].tag != "VBD" or words[0].dep != "ROOT":
        return False
    after = words[1]
    return (
        words[0].text.lower() in _FEELINGS
        or after.text.lower() in _STATE_NEXT
        or (after.tag == "PRP" and after.dep in ("nsubj", "nsubjpass"))
    )


def _agreeing(words: tuple[Word, ...], subject: int) -> list[int]:
    """The verbs that agree with the subject: its first auxiliary, else its head (and the head's conjoined
    verbs without a subject of their own: 'she shakes and hides')."""
    head = words[subject].head
    aux = [j for j, a in enumerate(words) if a.head == head and a.dep in ("aux", "auxpass") and j > subject]
    if aux:
        return aux[:1]
    conj = [j for j, c in enumerate(words) if c.dep == "conj" and c.head == head and c.tag in _FINITE]
    return [head, *conj]


def _agree(word: Word, current: str) -> str:
    low = word.text.lower().replace("’", "'")
    if low in _BE:
        return _case(word.text, _BE[low])
    if low in _DO:
        return _case(word.text, _DO[low])
    if word.tag == "VBZ" and word.lemma:
        return _case(word.text, word.lemma)
    return current


def _case(original: str, new: str) -> str:
    return new[:1].upper() + new[1:] if original[:1].isupper() and original != "I" else new


def cap(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text
