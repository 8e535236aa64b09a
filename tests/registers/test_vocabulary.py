from __future__ import annotations

import re

import pytest

from registers.vocabulary import (
    CHILD_GROUPS,
    CRIMINAL_CATEGORIES,
    DPV,
    DPV_GDPR,
    DPV_PD,
    EEA_COUNTRIES,
    IDENTITY_CODE,
    RIGHTS_BY_BASIS,
    SAFEGUARD_MECHANISMS,
    SPECIAL_CATEGORIES,
    DataCategory,
    DataSubjectGroup,
    Language,
    LegalBasis,
    RecipientType,
    Right,
    SpecialCondition,
    TransferMechanism,
    country_choices,
    country_name,
    dpv_iri,
    is_eea,
    rights_for,
)

ALL_LISTS = (
    Language,
    LegalBasis,
    SpecialCondition,
    TransferMechanism,
    Right,
    RecipientType,
    DataSubjectGroup,
    DataCategory,
)
DPV_LISTS = ALL_LISTS[1:]
ALL_VALUES = [value for choices in ALL_LISTS for value in choices.values]

# The table in LEGAL.md, column by column.
EXPECTED_RIGHTS = {
    LegalBasis.CONSENT: ["A15", "A16", "A17", "A18", "A20", "A22", "A7-3", "A77"],
    LegalBasis.CONTRACT: ["A15", "A16", "A17", "A18", "A20", "A22", "A77"],
    LegalBasis.LEGAL_OBLIGATION: ["A15", "A16", "A18", "A77"],
    LegalBasis.VITAL_INTERESTS: ["A15", "A16", "A17", "A18", "A22", "A77"],
    LegalBasis.PUBLIC_TASK: ["A15", "A16", "A18", "A21", "A22", "A77"],
    LegalBasis.LEGITIMATE_INTERESTS: ["A15", "A16", "A17", "A18", "A21", "A22", "A77"],
}


@pytest.mark.parametrize(("basis", "expected"), EXPECTED_RIGHTS.items())
def test_rights_for_each_basis_follows_the_table(basis, expected):
    assert rights_for([basis]) == expected
    assert RIGHTS_BY_BASIS[basis] == frozenset(expected)


def test_rights_by_basis_covers_every_basis():
    assert set(RIGHTS_BY_BASIS) == set(LegalBasis)


def test_rights_for_consent_includes_withdrawal_and_portability():
    rights = rights_for([LegalBasis.CONSENT])
    assert Right.WITHDRAW_CONSENT in rights
    assert Right.PORTABILITY in rights
    assert Right.OBJECTION not in rights


def test_rights_for_legal_obligation_excludes_erasure_and_portability():
    rights = rights_for([LegalBasis.LEGAL_OBLIGATION])
    assert Right.ERASURE not in rights
    assert Right.PORTABILITY not in rights
    assert Right.OBJECTION not in rights


def test_rights_for_public_task_and_legitimate_interests_include_objection_not_portability():
    for basis in (LegalBasis.PUBLIC_TASK, LegalBasis.LEGITIMATE_INTERESTS):
        rights = rights_for([basis])
        assert Right.OBJECTION in rights
        assert Right.PORTABILITY not in rights


def test_rights_for_only_consent_carries_withdrawal():
    for basis in LegalBasis:
        assert (Right.WITHDRAW_CONSENT in rights_for([basis])) == (basis == LegalBasis.CONSENT)


def test_rights_for_direct_marketing_adds_objection_whatever_the_basis():
    for basis in LegalBasis:
        assert Right.OBJECTION in rights_for([basis], direct_marketing=True)


def test_rights_for_direct_marketing_keeps_declaration_order():
    assert rights_for([LegalBasis.CONTRACT], direct_marketing=True) == [
        "A15",
        "A16",
        "A17",
        "A18",
        "A20",
        "A21",
        "A22",
        "A77",
    ]


def test_rights_for_always_includes_complaint():
    assert rights_for([]) == [Right.COMPLAINT]
    assert rights_for([], direct_marketing=True) == [Right.OBJECTION, Right.COMPLAINT]


def test_rights_for_several_bases_is_the_union_in_declaration_order():
    rights = rights_for([LegalBasis.LEGITIMATE_INTERESTS, LegalBasis.CONSENT, LegalBasis.CONSENT])
    assert rights == ["A15", "A16", "A17", "A18", "A20", "A21", "A22", "A7-3", "A77"]


def test_rights_for_accepts_plain_strings():
    assert rights_for(["A6-1-c"]) == rights_for([LegalBasis.LEGAL_OBLIGATION])


def test_rights_for_explicit_consent_under_article_9_adds_withdrawal():
    rights = rights_for([LegalBasis.CONTRACT, SpecialCondition.EXPLICIT_CONSENT])
    assert Right.WITHDRAW_CONSENT in rights
    assert Right.WITHDRAW_CONSENT not in rights_for(
        [LegalBasis.CONTRACT, SpecialCondition.HEALTH_OR_SOCIAL_CARE]
    )


def test_rights_for_rejects_an_unknown_basis():
    with pytest.raises(ValueError, match="A6-1-z"):
        rights_for(["A6-1-z"])


def test_right_order_follows_the_regulation():
    assert Right.values == ["A15", "A16", "A17", "A18", "A20", "A21", "A22", "A7-3", "A77"]


def test_every_special_category_is_a_data_category():
    assert SPECIAL_CATEGORIES.issubset(DataCategory)
    assert CRIMINAL_CATEGORIES.issubset(DataCategory)


def test_criminal_data_is_not_a_special_category():
    assert not SPECIAL_CATEGORIES & CRIMINAL_CATEGORIES


def test_identity_code_is_an_ordinary_data_category():
    assert IDENTITY_CODE in set(DataCategory)
    assert IDENTITY_CODE not in SPECIAL_CATEGORIES


def test_child_groups_are_data_subject_groups():
    assert CHILD_GROUPS.issubset(DataSubjectGroup)
    assert DataSubjectGroup.CUSTOMER not in CHILD_GROUPS


def test_safeguard_mechanisms_are_article_46_mechanisms():
    assert SAFEGUARD_MECHANISMS.issubset(TransferMechanism)
    assert all(mechanism.startswith("A46-") for mechanism in SAFEGUARD_MECHANISMS)


def test_the_lists_have_the_expected_sizes():
    assert len(LegalBasis) == 6
    assert len(SpecialCondition) == 10
    assert len(TransferMechanism) == 13
    assert len(Right) == 9


def test_every_value_of_every_list_is_unique():
    assert len(ALL_VALUES) == len(set(ALL_VALUES))


@pytest.mark.parametrize(
    ("value", "iri"),
    [
        ("A6-1-a", DPV_GDPR + "A6-1-a"),
        ("A9-2-h", DPV_GDPR + "A9-2-h"),
        ("A46-2-c", DPV_GDPR + "A46-2-c"),
        ("A7-3", DPV_GDPR + "A7-3"),
        ("EmailAddress", DPV_PD + "EmailAddress"),
        ("HealthRecord", DPV_PD + "HealthRecord"),
        ("DataProcessor", DPV + "DataProcessor"),
        ("Customer", DPV + "Customer"),
    ],
)
def test_dpv_iri_for_dpv_terms(value, iri):
    assert dpv_iri(value) == iri


def test_dpv_iri_answers_for_every_dpv_value_of_every_list():
    for choices in DPV_LISTS:
        for value in choices.values:
            if value[0].isupper():
                assert (dpv_iri(value) or "").endswith("#" + value)


def test_dpv_iri_is_none_for_our_own_identifiers_and_unknown_values():
    assert dpv_iri(TransferMechanism.EU_US_DPF) is None
    assert dpv_iri(IDENTITY_CODE) is None
    assert dpv_iri(Language.FINNISH) is None
    assert dpv_iri("NotInAnyList") is None
    assert dpv_iri("") is None


def test_our_own_identifiers_are_lowercase_kebab():
    for value in ALL_VALUES:
        if not value[0].isupper():
            assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", value), value


def test_eea_has_the_27_member_states_and_iceland_liechtenstein_norway():
    assert len(EEA_COUNTRIES) == 30
    assert {"IS", "LI", "NO"}.issubset(EEA_COUNTRIES)


def test_is_eea_knows_finland_and_norway_but_not_the_us_uk_or_switzerland():
    assert is_eea("FI")
    assert is_eea("NO")
    assert is_eea("fi")
    assert not is_eea("US")
    assert not is_eea("GB")
    assert not is_eea("CH")


def test_is_eea_counts_aland_but_not_svalbard_or_greenland():
    assert is_eea("AX")
    assert not is_eea("SJ")
    assert not is_eea("GL")


def test_country_choices_in_finnish_uses_finnish_names():
    names = dict(country_choices("fi"))
    assert names["SE"] == "Ruotsi"
    assert names["FI"] == "Suomi"
    assert names["US"] == "Yhdysvallat"


def test_country_choices_are_sorted_by_name_and_only_countries():
    choices = country_choices("en")
    codes = [code for code, _name in choices]
    assert all(len(code) == 2 and code.isalpha() and code.isupper() for code in codes)
    assert not {"EU", "ZZ", "UN", "EZ", "QO", "IC"} & set(codes)
    assert EEA_COUNTRIES.issubset(codes)
    assert codes[0] == "AF"
    assert codes[-1] == "ZW"


def test_country_choices_in_swedish_sort_a_ring_and_o_umlaut_after_z():
    codes = [code for code, _name in country_choices("sv")]
    assert codes.index("AT") > codes.index("ZW")  # Österrike
    assert codes.index("AX") < codes.index("AT")  # Åland before Österrike


def test_country_choices_returns_a_fresh_list():
    country_choices("fi").clear()
    assert country_choices("fi")


def test_country_name_is_localised_and_tolerates_unknown_codes():
    assert country_name("SE", "sv") == "Sverige"
    assert country_name("se", "en") == "Sweden"
    assert country_name("XX", "fi") == "XX"
