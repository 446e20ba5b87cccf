"""Profile phrases read for their grammar (spaCy's parse) and rendered into the forms frames need."""

from __future__ import annotations

import pytest

from planner.compose._phrase import Form, Phrase, tidy


@pytest.mark.parametrize(
    ("text", "form"),
    [
        ("sleep through the night", Form.verb),
        ("get paid on time", Form.verb),
        ("stop worrying about VAT", Form.verb),
        ("to feel confident at the piano", Form.to_verb),
        ("keeping an older dog comfortable", Form.gerund),
        ("I want my evenings back.", Form.sentence),
        ("her dog shakes and hides at big chain grooming salons", Form.sentence),
        ("brews bitter cups because she's unsure of steep times", Form.sentence),
        ("moving all our client files will take months", Form.sentence),
        ("What if my kid hates it?", Form.question),
        ("what if I don't like the flavours", Form.question),
        ("Overwhelmed by choice", Form.adjective),
        ("Too expensive.", Form.adjective),
        ("worried the subscription will be hard to cancel", Form.adjective),
        ("matted fur that is painful to brush out at home", Form.noun),
        ("a calm daily ritual away from screens", Form.noun),
        ("fewer late nights and weekends in tax season", Form.noun),
        ("no time to bathe a large dog in a small apartment", Form.noun),
        ("price", Form.noun),
    ],
)
def test_each_phrase_is_read_for_its_form(text: str, form: Form) -> None:
    assert Phrase(text).form == form


@pytest.mark.parametrize(
    ("text", "gerund"),
    [
        ("sleep through the night", "sleeping through the night"),
        ("to feel confident at the piano", "feeling confident at the piano"),
        ("stop worrying about VAT", "no longer worrying about VAT"),
        ("keeping an older dog comfortable", "keeping an older dog comfortable"),
        ("Overwhelmed by choice", "feeling overwhelmed by choice"),
        ("a calm daily ritual away from screens", "a calm daily ritual away from screens"),
        ("I want my evenings back.", None),  # a sentence never follows "Imagine"
        ("price", None),  # one word says nothing after "Imagine"
    ],
)
def test_gerund_fits_after_imagine_or_refuses(text: str, gerund: str | None) -> None:
    assert Phrase(text).gerund() == gerund


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        (
            "her dog shakes and hides at big chain grooming salons",
            "your dog shakes and hides at big chain grooming salons",
        ),
        (
            "my dog is too anxious to be groomed by strangers",
            "your dog is too anxious to be groomed by strangers",
        ),
        (
            "I can never get an appointment that fits my work hours",
            "you can never get an appointment that fits your work hours",
        ),
        (
            "grooming is expensive for something I could do myself",
            "grooming is expensive for something you could do yourself",
        ),
        ("our current process works well enough", "your current process works well enough"),
        (
            "brews bitter cups because she's unsure of steep times",
            "you brew bitter cups because you're unsure of steep times",
        ),
        (
            "finding teas she truly loves instead of guessing",
            "finding teas you truly love instead of guessing",
        ),
        ("She always worries about her team", "You always worry about your team"),
        ("nobody helps her with the books", "nobody helps you with the books"),
        ("I am not sure it works for US firms like us", "you are not sure it works for US firms like you"),
        (
            "clients sending statements late and in their own formats",
            "clients sending statements late and in their own formats",
        ),
    ],
)
def test_second_person_with_agreement(phrase: str, expected: str) -> None:
    assert Phrase(phrase).you() == expected


def test_quotes_are_the_customers_own_first_person_words() -> None:
    assert Phrase("my dog is too anxious").quote() == "“My dog is too anxious.”"
    assert Phrase("what if I don't like the flavours").quote() == "“What if I don't like the flavours?”"
    assert Phrase("her dog shakes at the salon").quote() == "“My dog shakes at the salon.”"
    assert (
        Phrase("brews bitter cups because she's unsure").quote() == "“I brew bitter cups because I'm unsure.”"
    )
    assert Phrase("matted fur").quote() is None  # a noun phrase is nobody's words


def test_statements_become_the_questions_they_answer() -> None:
    assert Phrase("loose-leaf seems fussy and messy").yes_no() == "Does loose-leaf seem fussy and messy?"
    assert (
        Phrase("specialty tea is pricey next to tea bags").yes_no()
        == "Is specialty tea pricey next to tea bags?"
    )
    assert Phrase("clients send statements late").yes_no() == "Do clients send statements late?"
    assert Phrase("I can never get an appointment").yes_no() is None  # quoted instead, not asked back


def test_clauses_follow_if_and_when_in_every_form() -> None:
    assert Phrase("Overwhelmed by choice").clause() == "you're overwhelmed by choice"
    assert Phrase("no time to bathe a large dog").clause() == "you have no time to bathe a large dog"
    assert Phrase("matted fur").clause() == "you're dealing with matted fur"
    assert Phrase("What if my kid hates it?").clause() is None


def test_form_filler_shorthand_and_shouting_are_tidied() -> None:
    assert tidy("trust issues w/ online shops…") == "trust issues with online shops"
    assert tidy("ANOTHER subscription") == "another subscription"
    assert tidy("no VAT on it") == "no VAT on it"  # an acronym stays
    assert Phrase("too HOT?").question() == "Too hot?"
