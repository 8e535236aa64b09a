"""The notice document: every fact of a register, in every language, traceable to its field."""

from __future__ import annotations

import datetime
import json
from typing import Any

import pytest

from registers.document import NoticeDocument, build_document, rights_in
from registers.models import (
    CategoryRow,
    Controller,
    Cookie,
    JointController,
    Purpose,
    Recipient,
    Register,
    Retention,
    Source,
    Transfer,
)
from registers.vocabulary import Right

# Facts that must appear in the notice of `full_register`, per language (free text is per language).
FACTS = {
    "fi": ["Asiakasrekisteri", "Tilausten käsittely", "Uutiskirjeen lähettäminen", "Asiakkaan etu"],
    "en": ["Customer register", "Handling orders", "Sending the newsletter", "Customer benefit"],
    "sv": ["Kundregister", "Hantering av beställningar", "Utskick av nyhetsbrev", "Kundens nytta"],
}
COMMON_FACTS = [
    "Äänekosken Öljy Oy",
    "1572860-0",
    "Åkerö Kärkkäinen",
    "tietosuoja@aanekoski.example",
    "Mailchimp",
    "Matomo",
    "tietosuoja@om.fi",
    "29 566 6700",
]


def tr(fi: str, en: str, sv: str) -> dict[str, str]:
    return {"fi": fi, "en": en, "sv": sv}


def full_controller() -> Controller:
    controller = Controller.load()
    controller.legal_name = "Äänekosken Öljy Oy"
    controller.business_id = "1572860-0"
    controller.street_address = "Öljytie 5"
    controller.postal_code = "44100"
    controller.city = "Äänekoski"
    controller.email = "info@aanekoski.example"
    controller.phone = "+358 40 123 4567"
    controller.contact_name = "Åkerö Kärkkäinen"
    controller.contact_email = "tietosuoja@aanekoski.example"
    controller.save()
    return controller


def full_register(slug: str = "asiakkaat") -> Register:
    """A register with every part filled in, in Finnish, English and Swedish."""
    register = Register.objects.create(
        slug=slug,
        name=tr("Asiakasrekisteri", "Customer register", "Kundregister"),
        languages=["fi", "en", "sv"],
        subject_groups=["Customer", "Subscriber"],
        security=tr(
            "Pääsy vain työntekijöillä.", "Access for staff only.", "Åtkomst för personal."
        ),
        rights_email="oikeudet@aanekoski.example",
        effective_date=datetime.date(2026, 1, 15),
        collected_from_subject=True,
        has_transfers=False,
        has_automated_decisions=False,
        response_days=30,
    )
    make_rows(register)
    return register


def make_rows(register: Register) -> None:
    Purpose.objects.create(
        register=register,
        position=0,
        description=tr("Tilausten käsittely", "Handling orders", "Hantering av beställningar"),
        basis="A6-1-b",
        requirement="precondition",
        consequence=tr("Tilausta ei voi tehdä.", "No order can be made.", "Ingen beställning."),
    )
    Purpose.objects.create(
        register=register,
        position=1,
        description=tr(
            "Uutiskirjeen lähettäminen", "Sending the newsletter", "Utskick av nyhetsbrev"
        ),
        basis="A6-1-f",
        legitimate_interest=tr("Asiakkaan etu", "Customer benefit", "Kundens nytta"),
        requirement="voluntary",
        is_direct_marketing=True,
    )
    name = CategoryRow.objects.create(register=register, category="Name")
    email = CategoryRow.objects.create(register=register, category="EmailAddress", position=1)
    Source.objects.create(
        register=register,
        description=tr("Väestötietojärjestelmä", "Population register", "Befolkningsregistret"),
        publicly_available=True,
    )
    mailchimp = Recipient.objects.create(
        register=register,
        recipient_type="DataProcessor",
        name="Mailchimp",
        description=tr("Postituspalvelu", "Mailing service", "Utskickstjänst"),
        country="US",
    )
    Transfer.objects.create(
        register=register,
        recipient=mailchimp,
        country="US",
        mechanism="eu-us-dpf",
        description=tr("Sähköpostiosoitteet", "Email addresses", "E-postadresser"),
    )
    Retention.objects.create(
        register=register,
        applies_to=tr("Asiakastiedot", "Customer data", "Kunduppgifter"),
        period=3,
        unit="years",
        criteria=tr(
            "asiakkuuden päättymisestä.",
            "from the end of the customer relationship.",
            "från kundförhållandets slut.",
        ),
    ).categories.set([name, email])
    Cookie.objects.create(
        register=register,
        name="Matomo",
        provider="InnoCraft",
        kind="analytics",
        purpose=tr("Kävijätilastot", "Visitor statistics", "Besöksstatistik"),
        duration=tr("13 kuukautta", "13 months", "13 månader"),
        country="NZ",
        mechanism="A45-3",
    )
    JointController.objects.create(
        register=register,
        name="Kumppani Oy",
        contact="kumppani@example.fi",
        essence=tr("Yhteinen kampanja.", "A joint campaign.", "En gemensam kampanj."),
    )


def lines(document: NoticeDocument) -> str:
    return document.text()


@pytest.mark.parametrize("language", ["fi", "en", "sv"])
def test_it_states_every_fact_in_every_language(in_acme: Any, language: str) -> None:
    controller = full_controller()
    document = build_document(full_register(), controller, language)
    text = document.text()
    for fact in [*FACTS[language], *COMMON_FACTS]:
        assert fact in text, fact


def test_it_orders_sections_as_finnish_readers_know_them(in_acme: Any) -> None:
    document = build_document(full_register(), full_controller(), "fi")
    keys = [section.key for section in document.sections]
    assert keys == [
        "controller", "contact", "register", "purposes", "data", "sources", "recipients",
        "transfers", "retention", "protection", "rights", "cookies", "automated",
    ]  # fmt: skip


def test_every_block_names_the_field_it_came_from(in_acme: Any) -> None:
    document = build_document(full_register(), full_controller(), "en")
    purposes = document.section("purposes")
    assert purposes is not None
    cells = [cell for block in purposes.blocks for row in block.rows for cell in row]
    sources = {item.source for block in purposes.blocks for item in [*block.items, *cells]}
    assert "purposes[0].basis" in sources
    assert "purposes[1].legitimate_interest" in sources
    for section in document.sections:
        for block in section.blocks:
            assert block.source


def test_the_document_round_trips_through_json(in_acme: Any) -> None:
    document = build_document(full_register(), full_controller(), "sv")
    again = NoticeDocument.from_dict(json.loads(json.dumps(document.to_dict())))
    assert again == document


def test_it_states_the_objection_right_apart_for_direct_marketing(in_acme: Any) -> None:
    register = full_register()
    document = build_document(register, full_controller(), "en")
    rights = document.section("rights")
    assert rights is not None
    emphasised = [block for block in rights.blocks if block.emphasis]
    assert len(emphasised) == 1
    assert "direct marketing" in emphasised[0].text
    assert "legitimate interests" in emphasised[0].text


def test_portability_and_withdrawal_follow_the_bases(in_acme: Any) -> None:
    register = full_register()
    purposes = list(register.purposes.all())
    assert Right.PORTABILITY in rights_in(register, purposes, [])
    assert Right.WITHDRAW_CONSENT not in rights_in(register, purposes, [])
    register.purposes.update(basis="A6-1-c", is_direct_marketing=False)
    obligations = list(register.purposes.all())
    assert rights_in(register, obligations, []) == [
        Right.ACCESS,
        Right.RECTIFICATION,
        Right.RESTRICTION,
        Right.COMPLAINT,
    ]


def test_a_register_without_objection_grounds_states_no_objection(in_acme: Any) -> None:
    register = full_register()
    register.purposes.update(basis="A6-1-a", is_direct_marketing=False)
    document = build_document(register, full_controller(), "en")
    rights = document.section("rights")
    assert rights is not None
    assert not [block for block in rights.blocks if block.emphasis]
    assert "withdraw your consent" in document.text()


def test_it_always_names_the_supervisory_authority(in_acme: Any) -> None:
    register = full_register()
    for language, name in [
        ("fi", "Tietosuojavaltuutetun toimisto"),
        ("sv", "Dataombudsmannens byrå"),
        ("en", "Office of the Data Protection Ombudsman"),
    ]:
        text = build_document(register, full_controller(), language).text()
        assert name in text
        assert "00531" in text


def test_dates_are_formatted_for_the_language(in_acme: Any) -> None:
    register = full_register()
    fi = build_document(register, full_controller(), "fi", updated=datetime.date(2026, 3, 2))
    sv = build_document(register, full_controller(), "sv", updated=datetime.date(2026, 3, 2))
    en = build_document(register, full_controller(), "en", updated=datetime.date(2026, 3, 2))
    assert fi.effective_date == "15. tammikuuta 2026"
    assert sv.updated == "2 mars 2026"
    assert en.updated == "2 March 2026"
