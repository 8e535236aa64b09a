"""Reading free text: stems, clauses, negation and relative clauses in the three languages."""

from __future__ import annotations

import pytest

from registers.compliance.coherence import denied_rights
from registers.compliance.crosschecks import MARKETING, health_words
from registers.compliance.text_scans import hedges
from registers.compliance.wording import clauses, found
from registers.vocabulary import Right


def test_a_stem_covers_the_inflected_forms() -> None:
    assert found("Markkinointiin ja suoramarkkinoinnin viestit", "fi", MARKETING) == [
        "markkinointiin",
        "suoramarkkinoinnin",
    ]
    assert found("Vi skickar nyhetsbrevet", "sv", MARKETING) == ["nyhetsbrevet"]


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("fi", "Tietoja ei käytetä markkinointiin."),
        ("en", "We don't use the data for marketing."),
        ("sv", "Uppgifterna används inte för marknadsföring."),
    ],
)
def test_a_negated_clause_is_not_a_statement(language: str, text: str) -> None:
    assert found(text, language, MARKETING) == []
    assert found(text, language, MARKETING, negated=True) != []


def test_negation_ends_with_its_clause() -> None:
    text = "We do not sell the data, but we use it for marketing."
    assert found(text, "en", MARKETING) == ["marketing"]


def test_a_relative_clause_is_about_another_noun() -> None:
    parts = clauses("Henkilöt, jotka voivat kertoa erityistarpeista", "fi")
    assert [(c.relative, c.words[0].lower) for c in parts] == [(False, "henkilöt"), (True, "jotka")]
    assert health_words("People who can tell about the user's special needs", "en") == []
    assert health_words("Allergies and special needs", "en") == ["allergies", "special needs"]


@pytest.mark.parametrize(
    ("language", "own", "hedge"),
    [
        ("fi", "Tiedot voidaan pyytää sähköpostilla.", "Tiedot voidaan luovuttaa kumppaneille."),
        ("en", "You may withdraw your consent.", "We may ask for proof of identity."),
        ("sv", "Du kan komma att begära rättelse.", "Vi kan komma att dela uppgifterna."),
    ],
)
def test_a_modal_on_the_persons_own_request_is_no_hedge(
    language: str, own: str, hedge: str
) -> None:
    assert hedges(own, language) == []
    assert hedges(hedge, language) != []


def test_an_adverb_stays_a_hedge_before_a_request() -> None:
    assert hedges("Du kan eventuellt begära en kopia.", "sv") == ["eventuellt"]


def test_the_month_of_may_is_no_hedge() -> None:
    assert hedges("Updated on 25 May 2026.", "en") == []


@pytest.mark.parametrize(
    ("language", "denial", "limit"),
    [
        (
            "fi",
            "Kirjanpitolain vuoksi tietoja ei voida poistaa.",
            "Tietoja ei poisteta ennen kuin säilytysaika päättyy.",
        ),
        (
            "en",
            "The Accounting Act overrides the right to erasure.",
            "Invoices are not erased until the accounting period ends.",
        ),
        (
            "sv",
            "Uppgifterna kan inte raderas.",
            "Uppgifterna raderas inte innan bokföringstiden har gått ut.",
        ),
    ],
)
def test_a_denied_right_is_told_from_a_lawful_limit(language: str, denial: str, limit: str) -> None:
    assert [right for right, _words in denied_rights(denial, language)] == [Right.ERASURE]
    assert denied_rights(limit, language) == []


def test_access_by_others_is_no_denied_right() -> None:
    assert denied_rights("No one else has access to your data.", "en") == []
    assert denied_rights("You have no right of access.", "en") == [
        (Right.ACCESS, "right of access")
    ]


def test_a_short_stem_is_not_found_inside_another_word() -> None:
    assert health_words("Delivery and billing address", "en") == []
    assert health_words("Illnesses that need care", "en") == ["illnesses"]
