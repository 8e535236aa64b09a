"""The checker: each rule fires on a register that breaks it and stays quiet on a near miss."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from registers.compliance import RULES, Severity, blocking, check, checklist_context, completeness
from registers.compliance.docs import render
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
    TranslationReview,
)

LANGUAGES = ["fi", "en", "sv"]
DOCS = Path(__file__).resolve().parents[3] / "docs" / "checker.md"


def every(text: str) -> dict[str, str]:
    """The same plain text in all three languages (tagged, so each language differs)."""
    return {code: f"{text} [{code}]" for code in LANGUAGES}


OBJECTS = ("register", "controller", "purpose", "category", "recipient", "retention")


@dataclass
class World:
    register: Register
    controller: Controller
    purpose: Purpose
    category: CategoryRow
    recipient: Recipient
    retention: Retention

    def __post_init__(self) -> None:
        self.pks = {name: getattr(self, name).pk for name in OBJECTS}

    def reload(self) -> None:
        """Fetch every object again (after a rollback, or a case that deleted one)."""
        for name in OBJECTS:
            current = getattr(self, name)
            setattr(self, name, type(current).objects.get(pk=self.pks[name]))

    def codes(self) -> set[str]:
        self.register.refresh_from_db()
        self.controller.refresh_from_db()
        return {finding.code for finding in check(self.register, self.controller)}


@pytest.fixture
def world(in_acme: Any) -> World:
    """A register that passes every rule: the baseline each case breaks in one place."""
    controller = Controller.load()
    Controller.objects.filter(pk=controller.pk).update(
        legal_name="Acme Oy",
        street_address="Esimerkkikatu 1",
        postal_code="00100",
        city="Helsinki",
        country="FI",
        email="privacy@acme.example",
    )
    controller.refresh_from_db()
    register = Register.objects.create(
        name=every("Customer register"),
        slug="customers",
        languages=LANGUAGES,
        rights_email="privacy@acme.example",
        rights_channel=every("Email us"),
        subject_groups=["Customer"],
        collected_from_subject=True,
        has_transfers=False,
        has_automated_decisions=False,
        response_days=30,
        effective_date=datetime.date(2026, 1, 1),
    )
    return World(
        register=register,
        controller=controller,
        purpose=Purpose.objects.create(
            register=register,
            description=every("Deliver orders"),
            basis="A6-1-b",
            requirement="precondition",
            consequence=every("No order without an address"),
        ),
        category=CategoryRow.objects.create(register=register, category="Name"),
        recipient=Recipient.objects.create(
            register=register,
            recipient_type="DataProcessor",
            name="Hosting Oy",
            description=every("Hosting"),
            country="FI",
        ),
        retention=Retention.objects.create(
            register=register,
            applies_to=every("Customer data"),
            all_other_data=True,
            period=2,
            unit="years",
        ),
    )


def _set(obj: Any, **values: Any) -> Any:
    for name, value in values.items():
        setattr(obj, name, value)
    obj.save()
    return obj


def _us_recipient(w: World, **values: Any) -> Recipient:
    return Recipient.objects.create(
        register=w.register,
        recipient_type="DataProcessor",
        name="Mailer Inc",
        description=every("Newsletter delivery"),
        country="US",
        **values,
    )


def _cookie(w: World, **values: Any) -> Cookie:
    fields = {
        "name": "Analytics",
        "provider": "Example LLC",
        "kind": "analytics",
        "purpose": every("Visitor statistics"),
        "duration": every("2 years"),
        "country": "US",
        "mechanism": "eu-us-dpf",
        **values,
    }
    return Cookie.objects.create(register=w.register, **fields)


def _transfer(w: World, **values: Any) -> Transfer:
    fields = {
        "country": "US",
        "mechanism": "A46-2-c",
        "copy_available": every("Ask us by email"),
        **values,
    }
    return Transfer.objects.create(register=w.register, **fields)


def _special(w: World, condition: str = "", basis: str = "A6-1-b") -> CategoryRow:
    _set(w.purpose, basis=basis)
    return CategoryRow.objects.create(
        register=w.register, category="MedicalHealth", special_condition=condition
    )


def _consent(w: World, method: str = "opt-in") -> Any:
    return _set(
        w.purpose, basis="A6-1-a", requirement="voluntary", consequence={}, consent_method=method
    )


def _named_rule(w: World) -> Retention:
    """The baseline rule covering the baseline category by name instead of as all other data."""
    _set(w.retention, all_other_data=False)
    w.retention.categories.add(w.category)
    return w.retention


Mutation = Callable[[World], Any]

# code -> (what breaks the rule, a near miss that must not)
CASES: dict[str, tuple[Mutation, Mutation]] = {
    "SEL-CONTROLLER-NAME": (
        lambda w: _set(w.controller, legal_name=""),
        lambda w: _set(w.controller, legal_name="Acme Finland Oy"),
    ),
    "SEL-CONTROLLER-ADDRESS": (
        lambda w: _set(w.controller, street_address="", city=""),
        lambda w: _set(w.controller, postal_code=""),
    ),
    "SEL-CONTROLLER-CONTACT": (
        lambda w: _set(w.controller, email="", phone=""),
        lambda w: _set(w.controller, email="", phone="+358 9 123 4567"),
    ),
    "SEL-REPRESENTATIVE": (
        lambda w: _set(w.controller, country="US"),
        lambda w: _set(
            w.controller,
            country="US",
            has_representative=True,
            representative_name="Rep GmbH",
            representative_email="rep@rep.example",
        ),
    ),
    "SEL-DPO-CONTACT": (
        lambda w: _set(w.controller, has_dpo=True, dpo_name="Dana"),
        lambda w: _set(w.controller, has_dpo=True, dpo_phone="+358 40 123 4567"),
    ),
    "SEL-PURPOSE-NONE": (
        lambda w: w.purpose.delete(),
        lambda w: Purpose.objects.create(
            register=w.register,
            description=every("Support"),
            basis="A6-1-b",
            requirement="voluntary",
        ),
    ),
    "SEL-PURPOSE-BASIS": (
        lambda w: Purpose.objects.filter(pk=w.purpose.pk).update(basis=""),
        lambda w: _set(w.purpose, basis="A6-1-c"),
    ),
    "SEL-LEGITIMATE-INTEREST": (
        lambda w: _set(w.purpose, basis="A6-1-f"),
        lambda w: _set(w.purpose, basis="A6-1-f", legitimate_interest=every("Fraud prevention")),
    ),
    "SEL-CATEGORIES": (
        lambda w: (
            w.category.delete(),
            _set(w.register, collected_from_subject=False),
            Source.objects.create(register=w.register, description=every("Registry")),
        ),
        lambda w: Source.objects.create(register=w.register, description=every("Registry")),
    ),
    "SEL-RECIPIENTS-NONE": (
        lambda w: (w.recipient.delete(), _set(w.register, has_recipients=True)),
        lambda w: (w.recipient.delete(), _set(w.register, has_recipients=False)),
    ),
    "SEL-ANSWER-PROVISION": (
        lambda w: _set(w.purpose, requirement=""),
        lambda w: _set(w.purpose, requirement="voluntary", basis="A6-1-a", consequence={}),
    ),
    "SEL-ANSWER-COLLECTED": (
        lambda w: _set(w.register, collected_from_subject=None),
        lambda w: _set(w.register, collected_from_subject=True),
    ),
    "SEL-ANSWER-RECIPIENTS": (
        lambda w: w.recipient.delete(),
        lambda w: (w.recipient.delete(), _set(w.register, has_recipients=False)),
    ),
    "SEL-ANSWER-TRANSFERS": (
        lambda w: _set(w.register, has_transfers=None),
        lambda w: (_set(w.register, has_transfers=None), _transfer(w)),
    ),
    "SEL-ANSWER-AUTOMATED": (
        lambda w: _set(w.register, has_automated_decisions=None),
        lambda w: _set(w.register, has_automated_decisions=False),
    ),
    "SEL-ANSWER-RESPONSE-TIME": (
        lambda w: _set(w.register, response_days=None),
        lambda w: _set(w.register, response_days=14),
    ),
    "SEL-ANSWER-EFFECTIVE-DATE": (
        lambda w: _set(w.register, effective_date=None),
        lambda w: _set(w.register, effective_date=datetime.date(2027, 6, 1)),
    ),
    "SEL-RECIPIENT-DETAILS": (
        lambda w: Recipient.objects.filter(pk=w.recipient.pk).update(recipient_type=""),
        # A category of recipients (no name) needs neither a role nor a country.
        lambda w: Recipient.objects.filter(pk=w.recipient.pk).update(
            recipient_type="", name="", country=""
        ),
    ),
    "SEL-TRANSFER-COUNTRY": (
        lambda w: _transfer(w, country="", country_unknown=True),
        lambda w: _transfer(w, country="US", country_unknown=True),
    ),
    "SEL-ANSWER-CONSENT-METHOD": (
        lambda w: _consent(w, method=""),
        lambda w: _consent(w, method="signed"),
    ),
    "SEL-CONSENT-IMPLIED": (
        lambda w: _consent(w, method="implied"),
        # A method left from an earlier consent basis says nothing once the basis is a contract.
        lambda w: _set(w.purpose, consent_method="implied"),
    ),
    "SEL-RETENTION-OPEN-ENDED": (
        lambda w: _set(w.retention, period=None, unit="", criteria=every("As long as needed")),
        lambda w: _set(
            w.retention,
            period=None,
            unit="",
            criteria=every("As long as needed"),
            end_event=every("Until the account is closed"),
        ),
    ),
    "SEL-RETENTION-SCOPE": (
        lambda w: _set(w.retention, all_other_data=False),
        lambda w: _named_rule(w),
    ),
    "SEL-RETENTION-COVERAGE": (
        lambda w: (
            _named_rule(w),
            CategoryRow.objects.create(register=w.register, category="IPAddress"),
        ),
        lambda w: _named_rule(w).categories.add(
            CategoryRow.objects.create(register=w.register, category="IPAddress")
        ),
    ),
    "SEL-TRANSFER-MISSING": (
        lambda w: _us_recipient(w),
        lambda w: _transfer(w, recipient=_us_recipient(w)),
    ),
    "SEL-TRANSFER-MECHANISM": (
        lambda w: Transfer.objects.filter(pk=_transfer(w).pk).update(mechanism=""),
        lambda w: _transfer(w, mechanism="A45-3", country="JP", copy_available={}),
    ),
    "SEL-TRANSFER-COPY": (
        lambda w: _transfer(w, copy_available={}),
        lambda w: _transfer(w, mechanism="A49-1-a", copy_available={}),
    ),
    "SEL-TRANSFER-DPF": (
        lambda w: _transfer(w, country="IN", mechanism="eu-us-dpf", copy_available={}),
        lambda w: _transfer(w, country="US", mechanism="eu-us-dpf", copy_available={}),
    ),
    "SEL-COOKIE-TRANSFER": (
        lambda w: _cookie(w, mechanism=""),
        lambda w: _cookie(w, mechanism="", country="IE"),
    ),
    "SEL-COOKIE-DETAILS": (
        lambda w: Cookie.objects.filter(pk=_cookie(w).pk).update(provider=""),
        lambda w: _cookie(w, provider="Example Oy", country="FI", mechanism=""),
    ),
    "SEL-RETENTION-NONE": (
        lambda w: w.retention.delete(),
        lambda w: Retention.objects.create(
            register=w.register,
            applies_to=every("Logs"),
            criteria=every("Until the account is closed"),
        ),
    ),
    "SEL-RETENTION-PERIOD": (
        lambda w: _set(w.retention, period=None, unit=""),
        lambda w: _set(
            w.retention, period=None, unit="", criteria=every("Six months after the contract ends")
        ),
    ),
    "SEL-RETENTION-INDEFINITE": (
        lambda w: _set(
            w.retention,
            criteria={"fi": "Säilytetään toistaiseksi", "en": "Kept x", "sv": "Sparas x"},
        ),
        lambda w: _set(w.retention, criteria=every("Deleted after the warranty ends")),
    ),
    "SEL-RIGHTS-CHANNEL": (
        lambda w: _set(w.register, rights_email="", rights_channel={}),
        lambda w: _set(w.register, rights_channel={}),
    ),
    "SEL-CONSENT-WITHDRAWAL": (
        # Text in the rights channel that never mentions withdrawal does not silence it.
        lambda w: _consent(w),
        lambda w: (_consent(w), _set(w.register, rights_channel=every("Withdraw consent here"))),
    ),
    "SEL-RIGHTS-CONTRADICTION": (
        lambda w: _set(
            w.register, rights_channel=every("The Accounting Act means data cannot be erased")
        ),
        lambda w: _set(
            w.register, rights_channel=every("Data is not erased until the accounting period ends")
        ),
    ),
    "SEL-SOURCE-CATEGORIES": (
        lambda w: Source.objects.create(
            register=w.register, description=every("Public registers"), publicly_available=True
        ),
        lambda w: Source.objects.create(
            register=w.register,
            description=every("Names from public registers"),
            publicly_available=True,
        ),
    ),
    "SEL-PROVISION-REQUIRED": (
        lambda w: _set(w.purpose, requirement="voluntary", consequence={}),
        lambda w: _set(w.purpose, basis="A6-1-a", requirement="voluntary", consequence={}),
    ),
    "SEL-PROVISION-CONSEQUENCE": (
        lambda w: _set(w.purpose, consequence={}),
        lambda w: _set(
            w.purpose,
            consequence={},
            basis="A6-1-f",
            requirement="voluntary",
            legitimate_interest=every("Keeping in touch"),
        ),
    ),
    "SEL-SOURCE": (
        lambda w: _set(w.register, collected_from_subject=False),
        lambda w: (
            _set(w.register, collected_from_subject=False),
            Source.objects.create(register=w.register, description=every("Registry")),
        ),
    ),
    "SEL-AUTOMATED-LOGIC": (
        lambda w: _set(
            w.register,
            has_automated_decisions=True,
            automated_consequences=every("A loan is refused"),
        ),
        lambda w: _set(w.register, automated_logic=every("A score from payment history")),
    ),
    "SEL-AUTOMATED-CONSEQUENCES": (
        lambda w: _set(
            w.register,
            has_automated_decisions=True,
            automated_logic=every("A score from payment history"),
        ),
        lambda w: _set(w.register, automated_consequences=every("A loan is refused")),
    ),
    "SEL-LANGUAGES": (
        lambda w: _set(w.register, languages=[]),
        lambda w: _set(w.register, languages=["fi"]),
    ),
    "SEL-TEXT-REQUIRED": (
        lambda w: _set(w.recipient, description={}),
        lambda w: _set(w.register, introduction={}),
    ),
    "SEL-TEXT-UNTRANSLATED": (
        lambda w: _set(w.register, security={"fi": "Salattu yhteys"}),
        lambda w: _set(w.register, languages=["fi"], security={"fi": "Salattu yhteys"}),
    ),
    "SEL-TEXT-STALE": (
        lambda w: _mark(w.register, "name", "sv"),
        # A mark on a language the notice is not published in asks nothing of its readers.
        lambda w: _mark(_set(w.register, languages=["fi", "en"]), "name", "sv"),
    ),
    "SEL-VAGUE-WORDS": (
        lambda w: _set(
            w.purpose,
            description={**w.purpose.description, "sv": "Vi kan komma att skicka erbjudanden"},
        ),
        lambda w: _set(
            w.purpose, description={**w.purpose.description, "sv": "Vi skickar erbjudanden"}
        ),
    ),
    "SEL-ACCESS-LIMIT": (
        lambda w: _set(
            w.register,
            rights_channel={
                **w.register.rights_channel,
                "fi": "Tiedot voi pyytää kerran vuodessa.",
            },
        ),
        lambda w: _set(
            w.register,
            rights_channel={**w.register.rights_channel, "fi": "Vastaamme kuukauden kuluessa."},
        ),
    ),
    "SEL-PROCESSOR-DISCLAIMER": (
        lambda w: _set(
            w.recipient,
            description={**w.recipient.description, "en": "We are not responsible for them."},
        ),
        lambda w: _set(
            w.recipient, description={**w.recipient.description, "en": "We answer for them."}
        ),
    ),
    "SEL-REPEALED-ACT": (
        lambda w: _set(
            w.register,
            introduction={
                "fi": "Henkilötietolain (523/1999) 10 §:n mukainen seloste",
                "en": "x",
                "sv": "x",
            },
        ),
        lambda w: _set(
            w.register,
            introduction={
                "fi": "Tietosuojalain (1050/2018) mukainen seloste",
                "en": "x",
                "sv": "x",
            },
        ),
    ),
    "SEL-SPECIAL-CONDITION": (
        lambda w: _special(w),
        lambda w: _special(w, condition="A9-2-h"),
    ),
    "SEL-SPECIAL-UNMARKED": (
        lambda w: CategoryRow.objects.create(
            register=w.register, custom_name={"fi": "Allergiat", "en": "x", "sv": "x"}
        ),
        lambda w: CategoryRow.objects.create(
            register=w.register,
            custom_name=every("Allergies"),
            is_special=True,
            special_condition="A9-2-a",
        ),
    ),
    "SEL-SPECIAL-EXPLICIT-CONSENT": (
        lambda w: (_special(w), _consent(w)),
        lambda w: (_special(w, condition="A9-2-a"), _consent(w)),
    ),
    "SEL-CHILD-CONSENT-AGE": (
        lambda w: (_consent(w), _set(w.register, subject_groups=["Customer", "Child"])),
        lambda w: (_consent(w), _set(w.register, subject_groups=["Child"], consent_age=13)),
    ),
    "SEL-DIRECT-MARKETING": (
        lambda w: _set(w.purpose, description=every("Direct marketing by email")),
        lambda w: _set(
            w.purpose, description=every("Direct marketing by email"), is_direct_marketing=True
        ),
    ),
    "SEL-JOINT-ESSENCE": (
        lambda w: JointController.objects.create(
            register=w.register, name="Partner Oy", contact="partner@partner.example"
        ),
        lambda w: JointController.objects.create(
            register=w.register,
            name="Partner Oy",
            contact="partner@partner.example",
            essence=every("We answer all requests"),
        ),
    ),
    "SEL-JOINT-ARRANGEMENT": (
        lambda w: _set(w.recipient, recipient_type="JointDataControllers"),
        lambda w: (
            _set(w.recipient, recipient_type="JointDataControllers"),
            JointController.objects.create(
                register=w.register,
                name="Hosting Oy",
                contact="h@h.example",
                essence=every("We answer all requests"),
            ),
        ),
    ),
    "SEL-IDENTITY-CODE": (
        lambda w: CategoryRow.objects.create(
            register=w.register, category="personal-identity-code"
        ),
        lambda w: (
            CategoryRow.objects.create(register=w.register, category="personal-identity-code"),
            _set(w.register, identity_code_need=every("Credit decisions (29 §)")),
        ),
    ),
}


def test_every_rule_has_a_case() -> None:
    assert set(CASES) == set(RULES)


def test_the_baseline_register_passes_every_rule(world: World) -> None:
    assert world.codes() == set()


def _outcomes(world: World, which: int) -> dict[str, set[str]]:
    """Each case run in a savepoint that is rolled back, so every case starts from the baseline.

    (One test per direction rather than one per rule: each test builds a tenant schema, and 80
    schemas would make the suite minutes slower without checking anything more.)
    """
    outcomes = {}
    for code, case in CASES.items():
        with transaction.atomic():
            case[which](world)
            outcomes[code] = world.codes()
            transaction.set_rollback(True)
        world.reload()
    return outcomes


def test_each_rule_fires_on_the_input_that_breaks_it(world: World) -> None:
    missed = [code for code, codes in _outcomes(world, 0).items() if code not in codes]
    assert missed == []


def test_each_rule_stays_quiet_on_the_near_miss(world: World) -> None:
    wrong = [code for code, codes in _outcomes(world, 1).items() if code in codes]
    assert wrong == []


def test_it_reports_a_missing_controller_row(world: World) -> None:
    Controller.objects.all().delete()
    codes = {finding.code for finding in check(world.register)}
    assert {"SEL-CONTROLLER-NAME", "SEL-CONTROLLER-ADDRESS", "SEL-CONTROLLER-CONTACT"} <= codes
    assert not Controller.objects.exists()


def test_consent_only_special_data_is_reported_once(world: World) -> None:
    _special(world)
    _consent(world)
    codes = [finding.code for finding in check(world.register, world.controller)]
    assert "SEL-SPECIAL-EXPLICIT-CONSENT" in codes
    assert "SEL-SPECIAL-CONDITION" not in codes


def test_art14_applies_when_any_source_exists(world: World) -> None:
    world.category.delete()
    Source.objects.create(register=world.register, description=every("Population register"))
    assert "SEL-CATEGORIES" in world.codes()


def test_findings_are_ordered_by_article_with_notice_items_first(world: World) -> None:
    _set(world.controller, legal_name="")
    _set(world.register, introduction={"fi": "Henkilötietolain mukainen", "en": "x", "sv": "x"})
    _special(world)
    findings = check(world.register, world.controller)
    codes = [finding.code for finding in findings]
    assert codes.index("SEL-CONTROLLER-NAME") < codes.index("SEL-SPECIAL-CONDITION")
    assert codes.index("SEL-SPECIAL-CONDITION") < codes.index("SEL-REPEALED-ACT")
    assert next(iter(RULES)) == "SEL-CONTROLLER-NAME"


def test_a_finding_links_to_the_field(world: World) -> None:
    Purpose.objects.filter(pk=world.purpose.pk).update(basis="")
    finding = next(
        f for f in check(world.register, world.controller) if f.code == "SEL-PURPOSE-BASIS"
    )
    assert finding.url(world.register) == "/registers/customers/edit/purposes/#id_purposes-0-basis"
    _set(world.controller, email="")
    contact = next(
        f for f in check(world.register, world.controller) if f.code == "SEL-CONTROLLER-CONTACT"
    )
    assert contact.url(world.register) == "/controller/#id_email"


def _mark(register: Register, field: str, language: str) -> None:
    TranslationReview.objects.create(
        register=register, field=field, language=language, changed=["fi"]
    )


def test_a_translation_to_review_links_to_its_input(world: World) -> None:
    _mark(world.register, "name", "sv")
    with translation.override("en"):
        findings = check(world.register, world.controller)
    finding = next(f for f in findings if f.code == "SEL-TEXT-STALE")
    assert (finding.section, finding.anchor, finding.language) == ("basics", "id_name_2", "sv")
    assert "Finnish" in finding.message


def test_an_untranslated_text_links_to_the_missing_language(world: World) -> None:
    _set(world.register, security={"fi": "Salattu yhteys", "en": "Encrypted connection"})
    finding = next(
        f for f in check(world.register, world.controller) if f.code == "SEL-TEXT-UNTRANSLATED"
    )
    assert (finding.section, finding.anchor) == ("security", "id_security_2")


def test_a_scan_reads_every_language_of_every_row(world: World) -> None:
    _set(world.retention, criteria={"fi": "x", "en": "x", "sv": "Sparas tills vidare"})
    finding = next(
        f for f in check(world.register, world.controller) if f.code == "SEL-RETENTION-INDEFINITE"
    )
    assert finding.anchor == "id_retention-0-criteria_2"
    assert "tills vidare" in finding.message


def test_blocking_keeps_the_errors_only(world: World) -> None:
    _set(world.purpose, description=every("We may call you"), basis="A6-1-f")
    findings = check(world.register, world.controller)
    assert {f.code for f in blocking(findings)} == {"SEL-LEGITIMATE-INTEREST"}
    assert all(f.severity == Severity.ERROR for f in blocking(findings))
    assert "SEL-VAGUE-WORDS" in {f.code for f in findings}


def test_completeness_falls_with_each_failed_rule(world: World) -> None:
    assert completeness([]) == 100
    _set(world.purpose, description=every("We may call you"))
    warned = completeness(check(world.register, world.controller))
    _set(world.register, rights_email="", rights_channel={})
    failed = completeness(check(world.register, world.controller))
    empty = Register.objects.create(name={}, slug="empty", languages=[])
    assert 100 > warned > failed > completeness(check(empty, world.controller)) >= 0


def test_messages_follow_the_active_language(world: World) -> None:
    Purpose.objects.filter(pk=world.purpose.pk).update(basis="")
    with translation.override("en"):
        message = next(
            f.message
            for f in check(world.register, world.controller)
            if f.code == "SEL-PURPOSE-BASIS"
        )
    assert message == "Choose the legal basis of the purpose “Deliver orders [en]”."


def test_every_rule_is_documented() -> None:
    text = DOCS.read_text(encoding="utf-8")
    for code, rule in RULES.items():
        assert f"`{code}`" in text
        assert rule.article in text


def test_every_rule_says_why_it_blocks_or_not() -> None:
    for rule in RULES.values():
        assert str(rule.severity) in rule.reason.lower(), rule.code
        assert "Art." in rule.reason or "section" in rule.reason, rule.code


def test_the_rule_reference_is_up_to_date() -> None:
    # Regenerate with the command in registers/compliance/docs.py.
    assert DOCS.read_text(encoding="utf-8") == render()


def test_the_checklist_shows_findings_by_article_with_links(world: World) -> None:
    _set(world.controller, legal_name="")
    _set(world.purpose, description=every("We may call you"))
    with translation.override("en"):
        html = render_to_string(
            "registers/editor/_checklist.html", checklist_context(world.register, world.controller)
        )
    assert "Publishing is blocked by 1 error." in html
    assert "1 warning is worth a look." in html
    assert '<meter id="checklist-meter"' in html
    assert 'href="/controller/#id_legal_name"' in html
    assert "GDPR 13(1)(a), 14(1)(a)" in html
    assert ">Error<" in html
    assert ">Warning<" in html


def test_the_checklist_says_when_nothing_blocks(world: World) -> None:
    with translation.override("en"):
        html = render_to_string(
            "registers/editor/_checklist.html", checklist_context(world.register, world.controller)
        )
    assert "Nothing blocks publishing." in html
    assert 'value="100"' in html
    assert "Every check passes." in html


def test_a_well_known_us_tool_without_a_country_is_a_transfer(world: World) -> None:
    _cookie(world, name="Google Analytics", provider="", country="", mechanism="")
    assert "SEL-COOKIE-TRANSFER" in world.codes()
    _set(Cookie.objects.get(), country="IE")
    assert "SEL-COOKIE-TRANSFER" not in world.codes()


def _words(world: World, code: str) -> str:
    return " ".join(f.message for f in check(world.register, world.controller) if f.code == code)


def test_the_scans_know_each_language(world: World) -> None:
    _set(
        world.register,
        rights_channel={
            "fi": "Pyynnön voi tehdä kerran vuodessa.",
            "en": "You can ask once a year.",
            "sv": "Du kan eventuellt begära en gång per år.",
        },
        introduction={
            "fi": "Emme vastaa alihankkijoista; henkilötietolain mukaisesti.",
            "en": "We are not liable for processors under the Personal Data Act.",
            "sv": "Vi ansvarar inte för biträden enligt personuppgiftslagen.",
        },
    )
    assert "“kerran vuodessa”" in _words(world, "SEL-ACCESS-LIMIT")
    assert "“once a year”" in _words(world, "SEL-ACCESS-LIMIT")
    assert "“en gång per år”" in _words(world, "SEL-ACCESS-LIMIT")
    assert "“personuppgiftslagen”" in _words(world, "SEL-REPEALED-ACT")
    assert "“personal data act”" in _words(world, "SEL-REPEALED-ACT")
    assert "“ansvarar inte”" in _words(world, "SEL-PROCESSOR-DISCLAIMER")
    assert "“not liable”" in _words(world, "SEL-PROCESSOR-DISCLAIMER")
    assert "“eventuellt”" in _words(world, "SEL-VAGUE-WORDS")
    assert "“kan”" not in _words(world, "SEL-VAGUE-WORDS")


def test_the_scans_leave_look_alikes_alone(world: World) -> None:
    _set(world.register, introduction=every("Updated on 25 May 2018"))
    _set(world.retention, applies_to=every("Permanent address"))
    codes = world.codes()
    assert "SEL-VAGUE-WORDS" not in codes
    assert "SEL-RETENTION-INDEFINITE" not in codes


def test_a_missing_identity_code_need_warns_but_does_not_block(world: World) -> None:
    CategoryRow.objects.create(register=world.register, category="personal-identity-code")
    findings = check(world.register, world.controller)
    assert "SEL-IDENTITY-CODE" in {f.code for f in findings}
    assert "SEL-IDENTITY-CODE" not in {f.code for f in blocking(findings)}
