"""The notice's sentences read like a lawyer's: a test for each fault class of issue 13."""

from __future__ import annotations

import json
import re
from collections import Counter
from typing import Any

import pytest
from django.utils import translation

from registers.document import NoticeDocument, build_document
from registers.models import CategoryRow, Purpose, Register, Retention, Transfer
from registers.portable import register_to_dict
from registers.sectors import Sector, create_from_sector
from registers.vocabulary import DataSubjectGroup
from tests.registers.document.test_document import full_controller, full_register, tr

LANGUAGES = ("fi", "en", "sv")


def notice(register: Register, language: str) -> NoticeDocument:
    return build_document(register, full_controller(), language)


def sentences(text: str) -> list[str]:
    # A sentence ends at a full stop before a capital: "Art. 22" and "2 luku 10 §" do not end one.
    parts = re.split(r"(?<=[.!?])\s+(?=[A-ZÄÖÅ])|\n", text)
    return [s.strip() for s in parts if s.strip()]


def free_text(register: Register) -> str:
    """Everything the user (here: the sector template) wrote, in every language."""
    return json.dumps(register_to_dict(register), ensure_ascii=False)


def sector(name: str) -> Register:
    return create_from_sector(
        name, name=tr("Rekisteri", "Register", "Register"), slug=name, languages=list(LANGUAGES)
    )


def purpose(register: Register, basis: str, **fields: Any) -> Purpose:
    position = register.purposes.count()
    text = tr(f"Tarkoitus {position}", f"Purpose {position}", f"Ändamål {position}")
    return Purpose.objects.create(
        register=register, position=position, description=text, basis=basis, **fields
    )


def only(register: Register, basis: str, **fields: Any) -> Register:
    register.purposes.all().delete()
    purpose(register, basis, **fields)
    return register


# 1. The requirement, whether one must, and the consequence are apart (Art. 13(2)(e)).


@pytest.mark.parametrize(("language", "obliged"), [("fi", "velvollinen"), ("en", "obliged")])
def test_a_statutory_requirement_does_not_tell_people_they_are_obliged(
    in_acme: Any, language: str, obliged: str
) -> None:
    register = only(
        full_register(),
        "A6-1-c",
        requirement="statutory",
        consequence=tr("Emme voi hoitaa sinua.", "We cannot treat you.", "Vi kan inte vårda dig."),
    )
    lines = notice(register, language).lines("purposes")
    assert not [line for line in lines if obliged in line]
    assert any({"fi": "Lakisääteistä", "en": "Required by law"}[language] in line for line in lines)
    consequence = {"fi": "Emme voi hoitaa sinua.", "en": "We cannot treat you."}[language]
    assert f"Tarkoitus 0: {consequence}" in lines or f"Purpose 0: {consequence}" in lines


def test_the_consequence_is_the_users_sentence_and_no_label_precedes_it(in_acme: Any) -> None:
    register = only(
        full_register(), "A6-1-b", requirement="contractual", consequence=tr("A.", "B.", "C.")
    )
    text = notice(register, "fi").text()
    assert "Jos tietoja ei anneta:" not in text
    assert "Tarkoitus 0: A." in text


# 2. One account of how to make a request, before the rights; the authority last.


@pytest.mark.parametrize("language", LANGUAGES)
def test_requests_are_described_once_before_the_rights_and_the_authority_comes_last(
    in_acme: Any, language: str
) -> None:
    lines = notice(sector("clinic"), language).lines("rights")
    month = {"fi": "kuukauden kuluessa sen", "en": "within one month of", "sv": "inom en månad"}
    days = {"fi": "30 päivän", "en": "30 days", "sv": "30 dagar"}[language]
    deadline = [i for i, line in enumerate(lines) if month[language] in line]
    assert len(deadline) == 1
    assert not [line for line in lines if days in line]
    first_right = next(i for i, line in enumerate(lines) if "(" in line and ":" in line)
    assert deadline[0] < first_right
    assert "tietosuoja.fi" in lines[-1]
    above = {"fi": "yllä oleviin", "en": "addresses above", "sv": "adresserna ovan"}[language]
    assert not [line for line in lines if above in line]


# 3. Joins: a period runs into its criterion, lists are joined once, labels lose their capital.


def test_a_criterion_written_as_a_sentence_is_kept_as_written(in_acme: Any) -> None:
    register = full_register()
    register.retention.update(criteria=tr("Järjestelmässä noin 7 kuukautta.", "About.", "Om."))
    fi = notice(register, "fi").lines("retention")[0]
    assert fi.startswith("Asiakastiedot: 3 vuotta. Järjestelmässä noin 7 kuukautta. ")


def test_a_period_and_its_criterion_are_one_sentence(in_acme: Any) -> None:
    register = full_register()
    lines = notice(register, "en").lines("retention")
    assert lines == [
        "Customer data: 3 years from the end of the customer relationship. "
        "This applies to the following data: name and email address."
    ]
    fi = notice(register, "fi").lines("retention")[0]
    assert "3 vuotta asiakkuuden päättymisestä." in fi
    assert "seuraavia tietoja: nimi ja sähköpostiosoite." in fi


@pytest.mark.parametrize("name", Sector.values)
def test_no_period_is_restated_and_no_sentence_starts_in_lower_case(
    in_acme: Any, name: str
) -> None:
    register = sector(name)
    for language in LANGUAGES:
        text = notice(register, language).text()
        assert not re.search(r"\d \w+\. [a-zäöå]", text), language
        assert not re.search(r"\d+ (years|vuotta|år)\. (Six|Kuusi|Sex|Ten|Kymmenen|Tio)", text)
        assert "Covers: Name" not in text


def test_a_category_whose_details_repeat_its_name_is_said_once(in_acme: Any) -> None:
    register = full_register()
    CategoryRow.objects.create(
        register=register, category="Language", details=tr("Asiointikieli", "x", "y")
    )
    lines = notice(register, "fi").lines("data")
    assert "Asiointikieli" in lines
    assert "Asiointikieli: Asiointikieli" not in lines


@pytest.mark.parametrize("language", LANGUAGES)
def test_groups_whose_names_hold_and_are_listed_not_chained(in_acme: Any, language: str) -> None:
    register = full_register()
    register.subject_groups = ["Patient", "GuardianOfDataSubject"]
    register.save(update_fields=["subject_groups"])
    lines = notice(register, language).lines("register")
    with translation.override(language):
        groups = [str(DataSubjectGroup(g).label) for g in register.subject_groups]
    assert [line for line in lines if line in groups] == groups


# 4. Each right scoped to the bases present.


def erasure(register: Register, language: str = "en") -> str:
    lines = notice(register, language).lines("rights")
    name = {"en": "Right to erasure", "fi": "Oikeus tietojen poistamiseen"}[language]
    return next(line for line in lines if line.startswith(name))


def test_erasure_speaks_of_withdrawal_only_with_consent(in_acme: Any) -> None:
    register = full_register()
    assert "withdraw" not in erasure(only(register, "A6-1-b"))
    assert "withdraw your consent" in erasure(only(register, "A6-1-a"))


def test_erasure_and_restriction_speak_of_objection_only_where_one_can_object(
    in_acme: Any,
) -> None:
    register = full_register()
    contract = notice(only(register, "A6-1-b"), "en").text()
    assert "object" not in contract
    interests = only(register, "A6-1-f")
    assert "object to the processing" in erasure(interests)


@pytest.mark.parametrize("language", ["en", "fi"])
def test_records_kept_under_a_legal_obligation_cannot_be_erased(
    in_acme: Any, language: str
) -> None:
    limit = {"en": "17(3)(b)", "fi": "17 artiklan 3 kohdan b alakohta"}[language]
    register = full_register()
    purpose(register, "A6-1-c")
    assert limit in erasure(register, language)
    # A register kept only under a law has no right to erasure, and says why.
    assert limit in erasure(only(register, "A6-1-c"), language)
    assert limit not in erasure(only(register, "A6-1-b"), language)


def test_portability_names_only_the_bases_present(in_acme: Any) -> None:
    lines = notice(only(full_register(), "A6-1-b"), "en").lines("rights")
    portability = next(line for line in lines if line.startswith("Right to data portability"))
    assert "contract" in portability
    assert "consent" not in portability


# 5. One voice: "we" and "you".


@pytest.mark.parametrize("name", Sector.values)
def test_the_notice_speaks_as_we_to_you(in_acme: Any, name: str) -> None:
    register = sector(name)
    en = notice(register, "en")
    for key in ("rights", "sources", "transfers", "automated", "purposes"):
        assert not [line for line in en.lines(key) if "the data subject" in line.lower()], key
    fi = notice(register, "fi").lines("rights")
    assert fi[0].startswith(
        "Sinulla on seuraavat oikeudet, jotka koskevat tässä selosteessa kuvattua käsittelyä."
    )
    assert not [line for line in fi if "kuvattuun käsittelyyn" in line]


# 6. Automated decisions in short sentences with the verb early.


@pytest.mark.parametrize(
    ("language", "start"), [("fi", "Emme tee"), ("en", "We make no"), ("sv", "Vi fattar inga")]
)
def test_the_no_automated_decisions_sentence_is_short_and_starts_with_its_verb(
    in_acme: Any, language: str, start: str
) -> None:
    (line,) = notice(full_register(), language).lines("automated")
    assert line.startswith(start)
    assert all(len(s.split()) <= 25 for s in sentences(line))


def test_automated_decisions_are_stated_in_short_sentences(in_acme: Any) -> None:
    register = full_register()
    register.has_automated_decisions = True
    register.automated_logic = tr("Pisteytys.", "Scoring.", "Poäng.")
    register.automated_consequences = tr("Hylkäys.", "Refusal.", "Avslag.")
    register.save()
    for language in LANGUAGES:
        lines = notice(register, language).lines("automated")
        assert all(len(s.split()) <= 25 for line in lines for s in sentences(line))
        assert len(lines) == 3


# 7. Special categories in a sentence, not a nested parenthesis.


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_special_category_is_a_sentence(in_acme: Any, language: str) -> None:
    register = full_register()
    CategoryRow.objects.create(
        register=register,
        category="MedicalHealth",
        details=tr("Diagnoosit.", "Diagnoses.", "Diagnoser."),
        special_condition="A9-2-h",
    )
    lines = notice(register, language).lines("data")
    line = next(line for line in lines if "9" in line and "2" in line)
    # Not "Health data (special category …, processed on the condition: Health … (Art. 9(2)(h)))".
    assert not re.search(r"\([^()]*\([^()]*\([^()]*\)\)\)", line)
    assert line.split(": ", 1)[1].startswith(("Diagnoosit. ", "Diagnoses. ", "Diagnoser. "))
    assert line.endswith(").")
    assert ".." not in line


# 10. Each basis explained once; a table ties each purpose to its basis.


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_basis_shared_by_purposes_is_explained_once(in_acme: Any, language: str) -> None:
    register = only(full_register(), "A6-1-b", requirement="contractual")
    purpose(register, "A6-1-b", requirement="contractual")
    purpose(register, "A6-1-b", requirement="contractual")
    document = notice(register, language)
    table = next(b for s in document.sections for b in s.blocks if b.kind == "table")
    assert len(table.rows) == 3
    counts = Counter(sentences("\n".join(document.lines("purposes"))))
    assert [s for s, n in counts.items() if n > 1 and " " in s and "|" not in s] == []


@pytest.mark.parametrize("name", Sector.values)
def test_no_sentence_is_repeated_within_a_notice(in_acme: Any, name: str) -> None:
    register = sector(name)
    written = free_text(register)
    for language in LANGUAGES:
        document = notice(register, language)
        said = [
            s
            for section in document.sections
            for block in section.blocks
            for text in [block.text, *(item.text for item in block.items)]
            for s in sentences(text)
            if len(s.split()) > 3 and s.endswith(".") and s not in written
        ]
        assert [s for s, n in Counter(said).items() if n > 1] == [], language


# 12. An adequacy decision is the transfer's basis, not a safeguard.


@pytest.mark.parametrize(
    ("language", "basis", "safeguard"),
    [
        ("fi", "Siirtoperuste", "Suojatoimi"),
        ("en", "Transfer basis", "Safeguard"),
        ("sv", "Grund för överföringen", "Skyddsåtgärd"),
    ],
)
def test_an_adequacy_decision_is_the_transfer_basis(
    in_acme: Any, language: str, basis: str, safeguard: str
) -> None:
    register = full_register()
    Transfer.objects.create(
        register=register,
        recipient=register.recipients.first(),
        country="IN",
        mechanism="A46-2-c",
        description=tr("Tuki", "Support", "Stöd"),
    )
    lines = notice(register, language).lines("transfers")
    assert [line for line in lines if line.startswith(f"{basis}: ")]
    assert [line for line in lines if line.startswith(f"{safeguard}: ")]
    assert len([line for line in lines if line.startswith((basis, safeguard))]) == 2


# 14. Free of charge, with Art. 12(5)'s exception; the Ombudsman's phone for callers abroad.


@pytest.mark.parametrize(
    ("language", "phone"),
    [("fi", "029 566 6700"), ("en", "+358 29 566 6700"), ("sv", "+358 29 566 6700")],
)
def test_rights_are_free_except_for_manifestly_unfounded_requests(
    in_acme: Any, language: str, phone: str
) -> None:
    text = "\n".join(notice(sector("web-shop"), language).lines("rights"))
    free = {"fi": "maksutonta", "en": "free of charge", "sv": "avgiftsfritt"}[language]
    assert text.count(free) == 1
    assert {"fi": "12 artiklan 5 kohta", "en": "12(5)", "sv": "12.5"}[language] in text
    assert phone in text
    if language == "fi":
        assert "+358" not in text


def test_the_retention_rule_without_a_name_is_named_by_its_data_once(in_acme: Any) -> None:
    register = full_register()
    register.retention.all().delete()
    rule = Retention.objects.create(register=register, period=2, unit="years")
    rule.categories.set(register.categories.all())
    (line,) = notice(register, "en").lines("retention")
    assert line == "Name and email address: 2 years."


def test_the_table_ties_a_purpose_to_its_data_and_how_long_it_is_kept(in_acme: Any) -> None:
    register = full_register()
    first, _second = register.purposes.all()
    first.categories.set(register.categories.all())
    table = notice(register, "en").section("purposes").blocks[0]  # type: ignore[union-attr]
    assert table.header == (
        "Purpose",
        "Legal basis",
        "Providing the data",
        "Data used",
        "How long the data is kept",
    )
    assert [cell.text for cell in table.rows[0]][3:] == [
        "Name and email address",
        "Customer data (3 years)",
    ]
    # The second purpose has not named its data: its cells say nothing.
    assert [cell.text for cell in table.rows[1]][3:] == ["", ""]


def test_without_named_data_the_table_has_no_data_column(in_acme: Any) -> None:
    table = notice(full_register(), "fi").section("purposes").blocks[0]  # type: ignore[union-attr]
    assert table.header == ("Käyttötarkoitus", "Oikeusperuste", "Tietojen antaminen")


@pytest.mark.parametrize(("language", "word"), [("fi", " sekä "), ("sv", " samt ")])
def test_a_list_of_names_holding_and_is_joined_above_them(
    in_acme: Any, language: str, word: str
) -> None:
    register = full_register()
    extra = CategoryRow.objects.create(register=register, category="Language", position=2)
    payment = CategoryRow.objects.create(register=register, category="Transaction", position=3)
    register.retention.get().categories.add(extra, payment)
    (line,) = notice(register, language).lines("retention")
    covered = line.split(": ", 2)[2]
    assert word in covered
    assert covered.count({"fi": " ja ", "sv": " och "}[language]) == 1
