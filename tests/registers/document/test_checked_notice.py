"""A register that passes the checker gives a notice that states every item of GDPR Art. 13."""

from __future__ import annotations

import datetime

import pytest
from django.utils import translation

from registers.compliance import blocking, check
from registers.demo import fill_demo
from registers.document import build_document
from registers.document.blocks import lower_first
from registers.models import Controller, ProvisionRequirement
from registers.sectors import Sector, create_from_sector
from registers.vocabulary import LegalBasis, country_name


@pytest.mark.parametrize("sector", Sector.values)
def test_a_notice_that_passes_the_checker_states_every_art_13_item(in_acme, sector):
    fill_demo()
    register = create_from_sector(
        sector, name={"en": "Customers"}, slug="customers", languages=["en"]
    )
    register.effective_date = datetime.date(2026, 3, 1)
    register.save(update_fields=["effective_date"])
    controller = Controller.load()
    assert blocking(check(register, controller)) == []

    with translation.override("en"):
        document = build_document(register, controller, "en")
        text = document.text()
        purposes = "\n".join(document.lines("purposes"))
        rights = "\n".join(document.lines("rights"))
        # 13(1)(a): the controller's identity and contact details, and the contact person.
        assert controller.legal_name in "\n".join(document.lines("controller"))
        assert controller.email in text
        assert controller.contact_name in "\n".join(document.lines("contact"))
        for purpose in register.purposes.all():
            # 13(1)(c): each purpose with its legal basis; 13(1)(d): the legitimate interest.
            assert purpose.description["en"] in purposes
            assert f"6(1)({purpose.basis[-1]})" in purposes
            if purpose.basis == LegalBasis.LEGITIMATE_INTERESTS:
                assert purpose.legitimate_interest["en"] in purposes
            # 13(2)(e): whether the data must be provided, and what follows if not.
            if purpose.requirement != ProvisionRequirement.VOLUNTARY:
                assert purpose.consequence["en"] in purposes
        # 13(1)(e): the recipients; 13(1)(f): each transfer with its safeguard.
        for recipient in register.recipients.all():
            assert recipient.description["en"] in "\n".join(document.lines("recipients"))
        transfers = "\n".join(document.lines("transfers"))
        for transfer in register.transfers.all():
            assert country_name(transfer.country, "en") in transfers
        # 13(2)(a): how long each kind of data is kept, each rule naming the data it covers.
        retention = document.lines("retention")
        for rule, line in zip(register.retention.all(), retention, strict=True):
            assert line.startswith(rule.applies_to["en"])
            for category in rule.categories.all():
                name = category.get_category_display() if category.category else ""
                covered = line.split("applies to the following data:", 1)[1]
                assert lower_first(name or category.custom_name["en"]) in covered
        # 13(2)(b)-(d): the rights, withdrawal of consent where consent is a basis, the complaint.
        assert "access" in rights.lower()
        assert "Data Protection Ombudsman" in rights
        if register.purposes.filter(basis=LegalBasis.CONSENT).exists():
            assert "withdraw" in rights.lower()
        # 13(2)(f): automated decision-making, stated even when there is none.
        assert document.lines("automated")
