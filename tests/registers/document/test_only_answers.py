"""No sentence from an unanswered question: a property over generated registers."""

from __future__ import annotations

import copy
import re
from typing import Any

from hypothesis import HealthCheck, given, settings

from registers.document import build_document
from registers.document.blocks import NoticeDocument
from registers.models import Controller, Register
from registers.portable import register_from_dict
from tests.registers.test_portable import registers

# The sources of the questions that start unanswered, and whether a register has answered them.
_ROW = re.compile(r"^purposes\[(\d+)\]\.requirement$")
_ANSWERED = {
    "collected_from_subject": lambda r: r.collected_from_subject is not None,
    "has_recipients": lambda r: r.has_recipients is not None,
    "has_transfers": lambda r: r.has_transfers is not None,
    "has_automated_decisions": lambda r: r.has_automated_decisions is not None,
    "response_days": lambda r: r.response_days is not None,
    "effective_date": lambda r: r.effective_date is not None,
}


def _worded(document: NoticeDocument) -> list[tuple[str, str]]:
    """Every (source, text) the document says: paragraphs, list items and table cells."""
    said = []
    for section in (*document.sections, *([document.summary] if document.summary else [])):
        for block in section.blocks:
            if block.text:
                said.append((block.source, block.text))
            said += [(item.source, item.text) for item in block.items if item.text]
            said += [(cell.source, cell.text) for row in block.rows for cell in row if cell.text]
    return said


def _unanswered(register: Register, source: str) -> bool:
    if source in _ANSWERED:
        return not _ANSWERED[source](register)
    match = _ROW.match(source)
    if match:
        return not register.purposes.all()[int(match.group(1))].requirement
    return False


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=registers())
def test_no_sentence_comes_from_an_unanswered_question(in_acme: Any, data: dict[str, Any]) -> None:
    register = register_from_dict(copy.deepcopy(data))
    try:
        for language in register.languages:
            document = build_document(register, Controller.load(), language)
            wrong = [(s, t) for s, t in _worded(document) if _unanswered(register, s)]
            assert wrong == []
    finally:
        register.delete()


def test_an_unanswered_register_says_none_of_the_default_claims(in_acme: Any) -> None:
    register = Register.objects.create(slug="blank", name={"en": "Blank"}, languages=["en"])
    text = build_document(register, Controller.load(), "en").text()
    for claim in (
        "voluntary",
        "not disclosed",
        "not transferred",
        "not disclose",
        "not transfer",
        "collect the data from you",
        "no decisions",
        "answer your request within",
    ):
        assert claim not in text


def test_a_provision_answer_is_said_only_under_a_contract_or_a_law(in_acme: Any) -> None:
    from registers.compliance import check
    from registers.models import Purpose

    register = Register.objects.create(
        slug="provision", name={"en": "R"}, languages=["en"], collected_from_subject=True
    )
    text = {"en": "A purpose"}
    Purpose.objects.create(register=register, description=text, basis="A6-1-a", position=0)
    Purpose.objects.create(
        register=register, description=text, basis="A6-1-f", requirement="voluntary", position=1
    )
    Purpose.objects.create(
        register=register, description=text, basis="A6-1-b", requirement="contractual", position=2
    )
    Purpose.objects.create(register=register, description=text, basis="A6-1-c", position=3)

    sources = [
        source for source, _text in _worded(build_document(register, Controller.load(), "en"))
    ]
    findings = [f for f in check(register, Controller.load()) if f.code == "SEL-ANSWER-PROVISION"]

    assert [s for s in sources if s.endswith(".requirement")] == ["purposes[2].requirement"]
    assert [f.anchor for f in findings] == ["id_purposes-3-requirement"]
