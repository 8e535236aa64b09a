"""The JSON format: export, import, round trips, errors, and the published JSON Schema."""

from __future__ import annotations

import copy
import json
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from django.utils import translation
from django_tenants.utils import schema_context
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from registers.models import Controller, PeriodUnit, Register
from registers.portable import (
    ROWS,
    ImportErrors,
    exported_fields,
    organisation_from_dict,
    organisation_to_dict,
    register_from_dict,
    register_to_dict,
)
from registers.validators import printable_characters
from registers.vocabulary import (
    ConsentMethod,
    DataCategory,
    DataSubjectGroup,
    LegalBasis,
    RecipientType,
    SpecialCondition,
    TransferMechanism,
)

SCHEMAS = Path(__file__).resolve().parents[2] / "docs" / "json-schema"


def full_register(slug: str = "customers") -> dict[str, Any]:
    """A register with every key set to something other than its default."""
    return {
        "format": "seloste.register",
        "version": 3,
        "name": {"fi": "Asiakasrekisteri", "en": "Customer register", "sv": "Kundregister"},
        "slug": slug,
        "languages": ["fi", "en"],
        "introduction": {"fi": "Johdanto.", "en": "Introduction."},
        "subject_groups": ["Customer", "Child"],
        "other_subject_groups": {"en": "Visitors of our shop"},
        "consent_age": 15,
        "collected_from_subject": False,
        "identity_code_need": {"en": "To identify patients unambiguously."},
        "has_automated_decisions": True,
        "automated_logic": {"en": "A score from payment history."},
        "automated_consequences": {"en": "Invoice payment may be refused."},
        "has_recipients": True,
        "has_transfers": True,
        "security": {"en": "Encrypted connections and personal accounts."},
        "rights_channel": {"en": "Write to us."},
        "rights_email": "privacy@acme.example",
        "response_days": 14,
        "effective_date": "2026-01-31",
        "purposes": [
            {
                "description": {"en": "Delivering orders"},
                "basis": "A6-1-b",
                "legitimate_interest": {},
                "requirement": "precondition",
                "consequence": {"en": "We cannot deliver."},
                "consent_method": "",
                "is_direct_marketing": False,
                "categories": [0, 1],
            },
            {
                "description": {"en": "Newsletter"},
                "basis": "A6-1-f",
                "legitimate_interest": {"en": "Telling customers about our products."},
                "requirement": "voluntary",
                "consequence": {},
                "consent_method": "signed",
                "is_direct_marketing": True,
            },
        ],
        "categories": [
            {
                "category": "MedicalHealth",
                "custom_name": {},
                "details": {"en": "Allergies"},
                "is_special": True,
                "special_condition": "A9-2-a",
            },
            {
                "category": "",
                "custom_name": {"en": "Shoe size"},
                "details": {},
                "is_special": False,
                "special_condition": "",
            },
        ],
        "sources": [{"description": {"en": "Population register"}, "publicly_available": True}],
        "recipients": [
            {
                "recipient_type": "DataProcessor",
                "name": "Hosting Oy",
                "description": {"en": "Hosting"},
                "country": "FI",
            },
            {
                "recipient_type": "DataProcessor",
                "name": "Mailer Inc.",
                "description": {"en": "Newsletter delivery"},
                "country": "US",
            },
        ],
        "joint_controllers": [
            {"name": "Partner Oy", "contact": "partner@example.com", "essence": {"en": "Shared"}}
        ],
        "transfers": [
            {
                "recipient": 1,
                "country": "US",
                "country_unknown": False,
                "mechanism": "eu-us-dpf",
                "description": {"en": "Email addresses"},
                "copy_available": {},
            },
            {
                "recipient": None,
                "country": "",
                "country_unknown": True,
                "mechanism": "A46-2-c",
                "description": {"en": "Support tickets"},
                "copy_available": {"en": "Ask us."},
            },
        ],
        "retention": [
            {
                "categories": [0, 1],
                "applies_to": {"en": "Orders"},
                "all_other_data": False,
                "period": 6,
                "unit": "weeks",
                "criteria": {},
                "end_event": {},
            },
            {
                "categories": [],
                "applies_to": {},
                "all_other_data": True,
                "period": None,
                "unit": "",
                "criteria": {"en": "x"},
                "end_event": {"en": "Until you unsubscribe."},
            },
        ],
        "cookies": [
            {
                "name": "_ga",
                "provider": "Google LLC",
                "kind": "analytics",
                "purpose": {"en": "Visitor statistics"},
                "duration": {"en": "2 years"},
                "country": "US",
                "mechanism": "eu-us-dpf",
            }
        ],
        "to_review": [
            {"field": "introduction", "language": "en", "changed": ["fi"]},
            {"field": "purposes[0].description", "language": "en", "changed": ["fi"]},
        ],
    }


def problems_of(data: dict[str, Any], **kwargs: Any) -> dict[str, str]:
    with translation.override("en"), pytest.raises(ImportErrors) as raised:
        register_from_dict(data, **kwargs)
    return dict(raised.value.errors)


def test_it_round_trips_every_field(in_acme):
    data = full_register()
    register = register_from_dict(copy.deepcopy(data))
    assert register_to_dict(register) == data
    copied = register_from_dict(register_to_dict(register), slug="copy")
    assert register_to_dict(copied) == {**data, "slug": "copy"}


def test_the_format_has_a_key_for_every_model_field():
    data = full_register()
    fields = (f.name for f in exported_fields(Register))
    assert set(data) == {"format", "version", *fields, *ROWS, "to_review"}
    for name, model in ROWS.items():
        covered = {"categories"} if name in ("retention", "purposes") else set()
        assert set(data[name][0]) == {f.name for f in exported_fields(model)} | covered


def test_it_keeps_rows_in_order_and_links_transfers_to_recipients(in_acme):
    register = register_from_dict(full_register())
    assert [p.basis for p in register.purposes.all()] == ["A6-1-b", "A6-1-f"]
    transfer = register.transfers.get(country="US")
    assert transfer.recipient is not None
    assert transfer.recipient.name == "Mailer Inc."


def test_it_reports_every_problem_with_its_path_and_writes_nothing(in_acme):
    data = full_register()
    data["colour"] = "red"
    del data["security"]
    data["purposes"][1]["basis"] = "A6-1-z"
    data["categories"][0]["special_condition"] = "A6-1-a"
    data["transfers"][0]["recipient"] = 5
    data["recipients"][0]["country"] = "XX"
    data["retention"][0]["period"] = "six"
    data["cookies"][0]["purpose"] = "Visitor statistics"
    problems = problems_of(data)
    assert set(problems) == {
        "colour",
        "security",
        "purposes[1].basis",
        "categories[0].special_condition",
        "transfers[0].recipient",
        "recipients[0].country",
        "retention[0].period",
        "cookies[0].purpose",
    }
    assert problems["colour"] == "Unknown key."
    assert problems["security"] == "This key is missing."
    assert "not a valid choice" in problems["purposes[1].basis"]
    assert not Register.objects.exists()


def test_it_runs_the_models_own_checks(in_acme):
    data = full_register()
    data["response_days"] = 365
    data["rights_email"] = "not an email"
    data["name"] = {}
    data["languages"] = ["de"]
    data["slug"] = "not a slug"
    problems = problems_of(data)
    assert set(problems) == {"response_days", "rights_email", "name", "languages", "slug"}


def test_it_checks_text_per_language(in_acme):
    data = full_register()
    data["introduction"] = {"de": "Hallo"}
    data["security"] = {"en": "x" * 4001}
    data["rights_channel"] = ["Write to us."]
    problems = problems_of(data)
    assert problems["introduction"] == "Use only the language codes fi, en and sv."
    assert problems["security"] == "Enter at most 4000 characters per language."
    assert problems["rights_channel"].startswith("Expected text per language")


def test_it_refuses_characters_postgresql_cannot_store(in_acme):
    data = full_register()
    data["introduction"] = {"en": "Hello\u0000"}
    data["purposes"][0]["description"] = {"en": "Broken \ud800 pair"}
    data["cookies"][0]["name"] = "_ga\x00"
    problems = problems_of(data)
    stored = "The text holds a character that cannot be stored (a NUL or a broken one)."
    assert problems == {
        "introduction": stored,
        "purposes[0].description": stored,
        "cookies[0].name": stored,
    }
    assert not Register.objects.exists()


def test_it_refuses_another_format_or_version(in_acme):
    assert problems_of({"format": "seloste.organisation", "version": 1}) == {
        "format": 'Expected "seloste.register".'
    }
    assert set(problems_of({**full_register(), "version": 4})) == {"version"}


NEW_IN_3 = {
    "purposes": {"consent_method", "categories"},
    "transfers": {"country_unknown"},
    "retention": {"categories", "all_other_data", "end_event"},
}


def version_2(data: dict[str, Any]) -> dict[str, Any]:
    """``data`` as a version 2 file: without the keys version 3 added."""
    old = copy.deepcopy(data)
    for name, keys in NEW_IN_3.items():
        old[name] = [{k: v for k, v in row.items() if k not in keys} for row in old[name]]
    return {**old, "version": 2}


def version_1(data: dict[str, Any]) -> dict[str, Any]:
    """``data`` as a version 1 file: without the questions versions 2 and 3 added."""
    old = {k: v for k, v in version_2(data).items() if k not in {"has_recipients", "has_transfers"}}
    return {**old, "version": 1}


def test_it_reads_version_2_leaving_the_new_answers_unanswered(in_acme):
    data = version_2(full_register())
    data["transfers"][1]["country"] = "IN"  # version 2 had no unknown country
    register = register_from_dict(data)
    assert set(register.purposes.values_list("consent_method", flat=True)) == {""}
    assert not register.transfers.filter(country_unknown=True).exists()
    for rule in register.retention.all():
        assert (list(rule.categories.all()), rule.all_other_data, rule.end_event) == ([], False, {})
    exported = register_to_dict(register)
    assert exported["version"] == 3
    assert exported["retention"][1]["criteria"] == {"en": "x"}


def test_version_3_requires_every_key(in_acme):
    data = full_register()
    del data["purposes"][0]["consent_method"]
    del data["retention"][0]["categories"]
    assert set(problems_of(data)) == {"purposes[0].consent_method", "retention[0].categories"}


def test_version_2_knows_no_version_3_keys(in_acme):
    assert set(problems_of({**full_register(), "version": 2})) == {
        "purposes[0].consent_method",
        "purposes[0].categories",
        "purposes[1].consent_method",
        "transfers[0].country_unknown",
        "transfers[1].country_unknown",
        *(f"retention[{i}].{key}" for i in (0, 1) for key in NEW_IN_3["retention"]),
    }


def test_a_rule_names_its_categories_by_index_and_only_existing_ones(in_acme):
    register = register_from_dict(full_register())
    orders = register.retention.get(position=0)
    assert sorted(c.position for c in orders.categories.all()) == [0, 1]
    for wrong, message in (
        ([2], "There is no category with this index."),
        ([0, 0], "Name each category only once."),
        (["0"], "Expected a list of indices into the list of categories."),
    ):
        data = full_register(slug="other")
        data["retention"][0]["categories"] = wrong
        assert problems_of(data) == {"retention[0].categories": message}


def test_a_purpose_names_its_data_by_index_or_leaves_it_unanswered(in_acme):
    register = register_from_dict(full_register())
    orders, newsletter = register.purposes.order_by("position")
    assert sorted(c.position for c in orders.categories.all()) == [0, 1]
    assert not newsletter.categories.exists()
    assert "categories" not in register_to_dict(register)["purposes"][1]
    for wrong, message in (
        ([2], "There is no category with this index."),
        ([1, 1], "Name each category only once."),
        ("0", "Expected a list of indices into the list of categories."),
    ):
        data = full_register(slug="other")
        data["purposes"][1]["categories"] = wrong
        assert problems_of(data) == {"purposes[1].categories": message}


def test_a_partial_date_gets_a_message_that_says_so(in_acme):
    for partial in ("2024-05", "2024"):
        data = full_register()
        data["effective_date"] = partial
        problems = problems_of(data)
        assert set(problems) == {"effective_date"}
        assert "full date" in problems["effective_date"]
    with translation.override("fi"), pytest.raises(ImportErrors) as raised:
        register_from_dict({**full_register(), "effective_date": "2024-05"})
    assert "koko päivämäärä" in dict(raised.value.errors)["effective_date"]


def test_it_reads_version_1_leaving_the_new_questions_unanswered(in_acme):
    register = register_from_dict(version_1(full_register()))
    assert register.has_recipients is None
    assert register.has_transfers is None
    assert register.collected_from_subject is False  # answered in the file, kept


def test_a_missing_answer_in_version_1_is_not_answered_never_a_default(in_acme):
    data = version_1(full_register())
    for key in ("collected_from_subject", "has_automated_decisions", "response_days"):
        del data[key]
    del data["purposes"][1]["requirement"]
    register = register_from_dict(data)
    assert register.collected_from_subject is None
    assert register.has_automated_decisions is None
    assert register.response_days is None
    assert register.purposes.get(position=1).requirement == ""


def test_version_2_requires_its_keys(in_acme):
    data = version_2(full_register())
    data["transfers"][1]["country"] = "IN"
    del data["has_recipients"]
    del data["purposes"][0]["requirement"]
    assert set(problems_of(data)) == {"has_recipients", "purposes[0].requirement"}


def test_version_1_knows_no_version_2_keys(in_acme):
    data = version_2(full_register())
    data["transfers"][1]["country"] = "IN"
    assert set(problems_of({**data, "version": 1})) == {
        "has_recipients",
        "has_transfers",
    }


def test_it_refuses_a_slug_already_in_use_unless_given_another(in_acme):
    register_from_dict(full_register())
    assert set(problems_of(full_register())) == {"slug"}
    assert register_from_dict(full_register(), slug="second").slug == "second"
    assert Register.objects.count() == 2


def test_it_accepts_a_draft_without_a_legal_basis(in_acme):
    data = full_register()
    data["purposes"][0]["basis"] = ""
    data["transfers"][0]["mechanism"] = ""
    assert register_to_dict(register_from_dict(data)) == data


def fill_controller() -> None:
    controller = Controller.load()
    controller.legal_name = "Acme Oy"
    controller.business_id = "1572860-0"
    controller.email = "info@acme.example"
    controller.has_dpo = True
    controller.dpo_name = "Dee Peo"
    controller.save()


def test_an_organisation_moves_to_another_schema_unchanged(acme, globex):
    with schema_context(acme.schema_name):
        fill_controller()
        register_from_dict(full_register("customers"))
        register_from_dict(full_register("newsletter"))
        exported = organisation_to_dict()
    assert [r["slug"] for r in exported["registers"]] == ["customers", "newsletter"]
    with schema_context(globex.schema_name):
        organisation_from_dict(copy.deepcopy(exported))
        assert organisation_to_dict() == exported
        assert Controller.load().legal_name == "Acme Oy"


def test_a_new_organisations_backup_restores(acme, globex):
    with schema_context(acme.schema_name):
        exported = organisation_to_dict()
    with schema_context(globex.schema_name):
        organisation_from_dict(copy.deepcopy(exported))
        assert organisation_to_dict() == exported


def test_an_organisation_import_refuses_slugs_in_use_and_changes_nothing(acme):
    with schema_context(acme.schema_name):
        register_from_dict(full_register("customers"))
        backup = organisation_to_dict()
        backup["controller"]["legal_name"] = "Changed Oy"
        backup["registers"].append(full_register("other"))
        with pytest.raises(ImportErrors) as raised:
            organisation_from_dict(backup)
        assert dict(raised.value.errors).keys() == {"registers[0].slug"}
        assert Controller.load().legal_name == ""
        assert list(Register.objects.values_list("slug", flat=True)) == ["customers"]


def test_an_organisation_import_reports_controller_and_duplicate_problems(acme):
    with schema_context(acme.schema_name):
        backup = organisation_to_dict()
        backup["controller"]["legal_name"] = "Acme Oy"
        backup["controller"]["business_id"] = "1234567-8"
        backup["registers"] = [full_register("same"), full_register("same")]
        with pytest.raises(ImportErrors) as raised:
            organisation_from_dict(backup)
        assert dict(raised.value.errors).keys() == {
            "controller.business_id",
            "registers[1].slug",
        }


# The JSON Schema ------------------------------------------------------------------------------


def validator(name: str) -> Draft202012Validator:
    schemas = {p.stem: json.loads(p.read_text()) for p in SCHEMAS.glob("*.json")}
    registry: Registry[Any] = Registry().with_resources(
        (schema["$id"], Resource.from_contents(schema)) for schema in schemas.values()
    )
    Draft202012Validator.check_schema(schemas[name])
    return Draft202012Validator(schemas[name], registry=registry)


def test_exported_registers_and_organisations_follow_the_json_schema(acme):
    with schema_context(acme.schema_name):
        validator("organisation-v3").validate(organisation_to_dict())
        fill_controller()
        register = register_from_dict(full_register())
        validator("register-v3").validate(register_to_dict(register))
        validator("organisation-v3").validate(organisation_to_dict())


def test_the_json_schema_rejects_what_the_importer_rejects():
    data = full_register()
    data["colour"] = "red"
    data["purposes"][0]["basis"] = "A6-1-z"
    errors = list(validator("register-v3").iter_errors(data))
    assert len(errors) == 2


def test_the_json_schema_follows_the_models_and_the_vocabulary():
    schema = json.loads((SCHEMAS / "register-v3.json").read_text())
    assert set(schema["properties"]) == set(full_register())
    for name, model in ROWS.items():
        row = schema["$defs"][model.__name__]["properties"]
        covered = {"categories"} if name in ("retention", "purposes") else set()
        assert set(row) == {f.name for f in exported_fields(model)} | covered, name
    assert defs_enum(schema, "Purpose", "consent_method") == ["", *ConsentMethod.values]
    assert defs_enum(schema, "Retention", "unit") == ["", *PeriodUnit.values]
    defs = schema["$defs"]
    assert defs["Purpose"]["properties"]["basis"]["enum"] == ["", *LegalBasis.values]
    condition = defs["CategoryRow"]["properties"]["special_condition"]["enum"]
    assert condition == ["", *SpecialCondition.values]
    assert defs["CategoryRow"]["properties"]["category"]["enum"] == ["", *DataCategory.values]
    assert defs["Transfer"]["properties"]["mechanism"]["enum"] == ["", *TransferMechanism.values]
    assert defs["Recipient"]["properties"]["recipient_type"]["enum"] == ["", *RecipientType.values]
    groups = schema["properties"]["subject_groups"]["items"]["enum"]
    assert groups == DataSubjectGroup.values


def defs_enum(schema: dict[str, Any], model: str, key: str) -> list[str]:
    return list(schema["$defs"][model]["properties"][key]["enum"])


# Property-based round trip ----------------------------------------------------------------------

# What an import accepts: characters the PDF's fonts draw (registers.validators), no controls.
_CHARACTERS = st.sampled_from(
    sorted(c for c in printable_characters() if unicodedata.category(c) not in {"Cc", "Cs"})
)
_TEXT = st.text(_CHARACTERS, min_size=1, max_size=40).map(str.strip).filter(bool)
_COUNTRIES = st.sampled_from(["FI", "SE", "US", "IN", "AX", "DE"])


def _translated(required: bool = False) -> st.SearchStrategy[dict[str, str]]:
    return st.dictionaries(
        st.sampled_from(["fi", "en", "sv"]), _TEXT, min_size=1 if required else 0
    ).map(lambda d: {code: d[code] for code in ("fi", "en", "sv") if code in d})


def _choice(values: list[str], blank: bool) -> st.SearchStrategy[str]:
    return st.sampled_from(([""] if blank else []) + values)


_ROW_STRATEGIES: dict[str, st.SearchStrategy[dict[str, Any]]] = {
    "purposes": st.fixed_dictionaries(
        {
            "description": _translated(True),
            "basis": _choice(LegalBasis.values, True),
            "legitimate_interest": _translated(),
            "requirement": st.sampled_from(["", "voluntary", "statutory", "contractual"]),
            "consequence": _translated(),
            "consent_method": _choice(ConsentMethod.values, True),
            "is_direct_marketing": st.booleans(),
        }
    ),
    "categories": st.fixed_dictionaries(
        {
            "category": _choice(DataCategory.values, True),
            "custom_name": _translated(),
            "details": _translated(),
            "is_special": st.booleans(),
            "special_condition": _choice(SpecialCondition.values, True),
        }
    ),
    "sources": st.fixed_dictionaries(
        {"description": _translated(True), "publicly_available": st.booleans()}
    ),
    "recipients": st.fixed_dictionaries(
        {
            "recipient_type": _choice(RecipientType.values, False),
            "name": st.one_of(st.just(""), _TEXT),
            "description": _translated(True),
            "country": st.one_of(_COUNTRIES, st.just("EU"), st.just("")),
        }
    ),
    "joint_controllers": st.fixed_dictionaries(
        {"name": _TEXT, "contact": _TEXT, "essence": _translated(True)}
    ),
    "retention": st.fixed_dictionaries(
        {
            "categories": st.just([]),
            "applies_to": _translated(),
            "all_other_data": st.booleans(),
            "period": st.one_of(st.none(), st.integers(1, 10_000)),
            "unit": _choice(["days", "weeks", "months", "years"], True),
            "criteria": _translated(),
            "end_event": _translated(),
        }
    ),
    "cookies": st.fixed_dictionaries(
        {
            "name": _TEXT,
            "provider": _TEXT,
            "kind": st.sampled_from(["necessary", "preferences", "analytics", "marketing"]),
            "purpose": _translated(True),
            "duration": _translated(True),
            "country": _COUNTRIES,
            "mechanism": _choice(TransferMechanism.values, True),
        }
    ),
}


def _transfers(recipients: int) -> st.SearchStrategy[list[dict[str, Any]]]:
    index = st.none() if not recipients else st.one_of(st.none(), st.integers(0, recipients - 1))
    row = st.fixed_dictionaries(
        {
            "recipient": index,
            "country": st.one_of(_COUNTRIES, st.just("")),
            "country_unknown": st.booleans(),
            "mechanism": _choice(TransferMechanism.values, True),
            "description": _translated(),
            "copy_available": _translated(),
        }
    )
    return st.lists(row, max_size=3)


_tri_state = st.one_of(st.none(), st.booleans())


@st.composite
def registers(draw: Any) -> dict[str, Any]:
    data = {
        "format": "seloste.register",
        "version": 3,
        "name": draw(_translated(True)),
        "slug": "generated",
        "languages": draw(st.lists(st.sampled_from(["fi", "en", "sv"]), min_size=1, unique=True)),
        "introduction": draw(_translated()),
        # Stored in the vocabulary's order, whatever order a file gives.
        "subject_groups": draw(
            st.lists(st.sampled_from(DataSubjectGroup.values), unique=True).map(
                lambda groups: sorted(groups, key=DataSubjectGroup.values.index)
            )
        ),
        "other_subject_groups": draw(_translated()),
        "consent_age": draw(st.one_of(st.none(), st.integers(13, 18))),
        "collected_from_subject": draw(_tri_state),
        "identity_code_need": draw(_translated()),
        "has_automated_decisions": draw(_tri_state),
        "automated_logic": draw(_translated()),
        "automated_consequences": draw(_translated()),
        "has_recipients": draw(_tri_state),
        "has_transfers": draw(_tri_state),
        "security": draw(_translated()),
        "rights_channel": draw(_translated()),
        "rights_email": draw(st.sampled_from(["", "privacy@example.com"])),
        "response_days": draw(st.one_of(st.none(), st.integers(1, 90))),
        "effective_date": draw(st.one_of(st.none(), st.dates().map(lambda d: d.isoformat()))),
    }
    for name in ROWS:
        if name == "transfers":
            data[name] = draw(_transfers(len(data["recipients"])))
        else:
            data[name] = draw(st.lists(_ROW_STRATEGIES[name], max_size=3))
    # A rule covers some of the categories, by index, in the order the export writes them.
    indices = st.lists(st.integers(0, len(data["categories"]) - 1), unique=True).map(sorted)
    for rule in data["retention"]:
        rule["categories"] = draw(indices) if data["categories"] else []
    # A purpose names some categories, or leaves the key out (not answered).
    for purpose in data["purposes"]:
        used = draw(indices) if data["categories"] else []
        if used:
            purpose["categories"] = used
    return data


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=registers())
def test_any_register_survives_export_and_import(in_acme, data):
    assert connection.schema_name == in_acme.schema_name  # type: ignore[attr-defined]
    register = register_from_dict(copy.deepcopy(data))
    try:
        exported = register_to_dict(register)
        assert exported == data
        copied = register_from_dict(exported, slug="generated-copy")
        assert register_to_dict(copied) == {**data, "slug": "generated-copy"}
        copied.delete()
    finally:
        register.delete()


def test_the_documented_example_imports_and_round_trips(in_acme):
    text = (SCHEMAS.parent / "json-format.md").read_text(encoding="utf-8")
    example = json.loads(text.split("## Example", 1)[1].split("```json", 1)[1].split("```", 1)[0])
    validator("register-v3").validate(example)
    assert register_to_dict(register_from_dict(copy.deepcopy(example))) == example
