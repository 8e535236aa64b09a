"""Just-in-time notices: what a purpose's short notice says, and what it leaves unsaid."""

from __future__ import annotations

from typing import Any

from registers.document.jit import build_short_notices, missing, purpose_keys
from registers.models import CategoryRow, Purpose, Register, Retention
from registers.portable import register_from_dict, register_to_dict
from registers.render.jit import render_short_fragment
from tests.registers.document.test_document import full_controller, full_register, tr


def a_register() -> Register:
    """The full register, with a consent purpose added and each purpose naming its data."""
    register = full_register()
    name, email = register.categories.order_by("position")
    orders, newsletter = register.purposes.order_by("position")
    orders.categories.set([name, email])
    newsletter.categories.set([email])
    consent = Purpose.objects.create(
        register=register,
        position=2,
        description=tr("Asiakaskysely", "Customer survey", "Kundenkät"),
        basis="A6-1-a",
        consent_method="opt-in",
    )
    consent.categories.set([email])
    return register


def by_key(register: Register, language: str) -> dict[str, Any]:
    notices = build_short_notices(register, full_controller(), language)
    return {n.key: n for n in notices}


def test_consent_says_withdrawal_interests_say_objection_and_a_contract_neither(in_acme):
    notices = by_key(a_register(), "en")
    assert set(notices) == {"tilausten-kasittely", "uutiskirjeen-lahettaminen", "asiakaskysely"}
    contract = notices["tilausten-kasittely"]
    interests = notices["uutiskirjeen-lahettaminen"]
    consent = notices["asiakaskysely"]
    assert (contract.withdraw, contract.object_general, contract.object_marketing) == (
        False,
        False,
        False,
    )
    assert (interests.withdraw, interests.object_general, interests.object_marketing) == (
        False,
        True,
        True,
    )
    assert (consent.withdraw, consent.object_general) == (True, False)
    url = "https://acme.example/notices/asiakkaat/en/"
    assert "withdraw your consent" in render_short_fragment(consent, full_url=url)
    html = render_short_fragment(contract, full_url=url)
    assert "withdraw" not in html
    assert "object" not in html
    objecting = render_short_fragment(interests, full_url=url)
    assert "right to object at any time" in objecting
    assert "direct marketing" in objecting
    assert f'href="{url}"' in html


def test_it_states_the_retention_of_the_purposes_data_from_the_rules_covering_it(in_acme):
    register = a_register()
    logs = CategoryRow.objects.create(register=register, category="IPAddress", position=2)
    Retention.objects.create(
        register=register,
        position=1,
        applies_to=tr("Lokit", "Logs", "Loggar"),
        period=6,
        unit="months",
        all_other_data=True,
    )
    survey = register.purposes.get(position=2)
    survey.categories.add(logs)
    notices = by_key(register, "en")
    # The newsletter uses only email, named by the customer data rule; the survey also uses
    # logs, which only the rule for all other data covers.
    assert [r.source for r in notices["uutiskirjeen-lahettaminen"].retention] == ["retention[0]"]
    assert [r.source for r in notices["asiakaskysely"].retention] == [
        "retention[0]",
        "retention[1]",
    ]
    html = render_short_fragment(notices["asiakaskysely"], full_url="/")
    assert "3 years" in html
    assert "6 months" in html


def test_a_purpose_whose_data_or_retention_is_not_answered_gets_no_short_notice(in_acme):
    register = a_register()
    orders = register.purposes.get(position=0)
    orders.categories.clear()
    survey = register.purposes.get(position=2)
    logs = CategoryRow.objects.create(register=register, category="IPAddress", position=2)
    survey.categories.add(logs)
    assert set(by_key(register, "fi")) == {"uutiskirjeen-lahettaminen"}
    gaps = {gap.index: gap for gap in missing(register, "en")}
    assert (gaps[0].reason, gaps[0].section, gaps[0].anchor) == (
        "data",
        "purposes",
        "id_purposes-0-categories",
    )
    assert (gaps[2].reason, gaps[2].section) == ("retention", "retention")
    assert gaps[2].category == "IP address and other online identifiers"
    assert 1 not in gaps


def test_a_purpose_keeps_its_key_through_export_and_import(in_acme):
    register = a_register()
    copy = register_from_dict(register_to_dict(register), slug="kopio")
    assert purpose_keys(copy) == purpose_keys(register)
    assert set(by_key(copy, "sv")) == set(by_key(register, "sv"))


def test_purposes_with_the_same_description_get_keys_of_their_own(in_acme):
    register = a_register()
    Purpose.objects.create(
        register=register, position=3, description=tr("Asiakaskysely", "Survey", "Enkät")
    )
    assert purpose_keys(register)[2:] == ["asiakaskysely", "asiakaskysely-2"]


def test_every_language_words_its_own_notice(in_acme):
    register = a_register()
    for language, words in (
        ("fi", "Asiakaskysely"),
        ("sv", "Kundenkät"),
        ("en", "Customer survey"),
    ):
        notice = by_key(register, language)["asiakaskysely"]
        html = render_short_fragment(notice, full_url="/")
        assert words in html
        assert f'lang="{language}"' in html
