"""The notice read as a reviewer reads it, over the six sector templates in Finnish, Swedish and
English: short sentences, nothing said twice, no label echoed by its value, sentences that start
and join as the language writes them, and the reviewed headings.

Each check runs over the parts of the notice whose wording these checks were written with (the
headings, the summary layer, the dates line and the controller and DPO sections) and, where the
whole notice already passes, over all of it.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.conf import settings
from django.utils import translation

from registers.document import SECTION_ORDER, Block, Item, NoticeDocument, Section
from registers.document.blocks import DEFINITIONS, say
from registers.document.wording import render
from registers.sectors import SECTORS
from tests.registers.document.test_summary import LANGUAGES, WORD, sector_documents

# The reviewed headings, in the order Finnish readers know (templates/notices/text/heading.txt).
HEADINGS = {
    "fi": {
        "summary": "Lyhyesti",
        "controller": "Rekisterinpitäjä",
        "dpo": "Tietosuojavastaava",
        "contact": "Yhteyshenkilö rekisteriä koskevissa asioissa",
        "register": "Rekisterin nimi",
        "purposes": "Henkilötietojen käsittelyn tarkoitukset ja oikeusperusteet",
        "data": "Rekisterin tietosisältö",
        "sources": "Säännönmukaiset tietolähteet",
        "recipients": "Tietojen luovutukset ja vastaanottajat",
        "transfers": "Tietojen siirrot EU:n ja ETA:n ulkopuolelle",
        "retention": "Tietojen säilytysaika",
        "protection": "Rekisterin suojauksen periaatteet",
        "rights": "Rekisteröidyn oikeudet",
        "cookies": "Evästeet ja analytiikka",
        "automated": "Automaattinen päätöksenteko ja profilointi",
        "toc": "Sisällys",
    },
    "sv": {
        "summary": "I korthet",
        "controller": "Personuppgiftsansvarig",
        "dpo": "Dataskyddsombud",
        "contact": "Kontaktperson i ärenden som gäller registret",
        "register": "Registrets namn",
        "purposes": "Ändamål och rättslig grund för behandlingen",
        "data": "Vilka personuppgifter vi behandlar",
        "sources": "Varifrån vi får uppgifterna",
        "recipients": "Mottagare av personuppgifterna",
        "transfers": "Överföringar utanför EU och EES",
        "retention": "Hur länge vi sparar uppgifterna",
        "protection": "Hur vi skyddar uppgifterna",
        "rights": "Dina rättigheter",
        "cookies": "Kakor och analys",
        "automated": "Automatiserade beslut och profilering",
        "toc": "Innehåll",
    },
    "en": {
        "summary": "In brief",
        "controller": "Who we are",
        "dpo": "Data protection officer",
        "contact": "Who to contact",
        "register": "What this notice covers",
        "purposes": "Why we use your data and on what legal basis",
        "data": "What data we process",
        "sources": "Where we get your data",
        "recipients": "Who we share your data with",
        "transfers": "Transfers outside the EU and the EEA",
        "retention": "How long we keep your data",
        "protection": "How we protect your data",
        "rights": "Your rights",
        "cookies": "Cookies and analytics",
        "automated": "Automated decisions and profiling",
        "toc": "Contents",
    },
}
# The Finnish wording the English used to calque; none may come back.
CALQUES = ("concerning the register", "Regular sources", "protecting the register", "Contents of")

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
# "2 vuotta. asiakassuhteen": a sentence that starts small after a full stop. Abbreviations and
# Finnish ordinal dates ("2. maaliskuuta") end in a dot without ending a sentence.
_SMALL_AFTER_STOP = re.compile(r"(?<![0-9])(?<!\b[a-zA-Z])(?<!\be\.g)(?<!\bi\.e)\. [a-zåäö]")
# "Jos tietoja ei anneta: Ilman…": a capital after a colon (proper nouns aside, which the
# parts checked here do not put there).
_CAPITAL_AFTER_COLON = re.compile(r": [A-ZÅÄÖ][a-zåäö]")


def owned_texts(document: NoticeDocument) -> list[str]:
    """Each text of the headings, the summary layer and the controller's, DPO's and contact's
    sections: paragraphs, list items, terms and their values, one by one."""
    texts = [section.heading for section in document.sections]
    owned = [s for s in document.sections if s.key in {"controller", "dpo", "contact"}]
    for section in [*([document.summary] if document.summary else []), *owned]:
        for block in section.blocks:
            texts += [block.text] if block.text else []
            texts += [t for item in block.items for t in (item.term, item.text) if t]
    return texts


def sentences(texts: list[str]) -> list[str]:
    return [s for text in texts for s in _SENTENCE_END.split(text) if s]


def long_sentences(document: NoticeDocument) -> list[str]:
    return [s for s in sentences(owned_texts(document)) if len(WORD.findall(s)) > 30]


def repeated(document: NoticeDocument) -> list[str]:
    said = sentences(document.summary_lines()) + [s.heading for s in document.sections]
    return sorted({s for s in said if said.count(s) > 1})


def echoed_labels(document: NoticeDocument) -> list[str]:
    """Every definition, whoever worded it: "Asiointikieli: Asiointikieli" reads as a fault."""
    return [
        f"{item.term}: {item.text}"
        for section in document.sections
        for block in section.blocks
        if block.kind == DEFINITIONS
        for item in block.items
        if item.text.casefold() == item.term.casefold()
        or item.text.casefold().startswith(f"{item.term.casefold()}:")
    ]


def bad_joins(document: NoticeDocument) -> list[str]:
    return [
        text
        for text in owned_texts(document)
        if _SMALL_AFTER_STOP.search(text) or _CAPITAL_AFTER_COLON.search(text)
    ]


def wrong_headings(document: NoticeDocument) -> list[str]:
    expected = HEADINGS[document.language]
    wrong = [s.heading for s in document.sections if s.heading != expected[s.key]]
    summary = document.summary.heading if document.summary else ""
    return wrong + ([summary] if summary != expected["summary"] else [])


@pytest.mark.parametrize("sector", [s.value for s in SECTORS])
def test_the_sector_template_reads_as_a_reviewer_would(in_acme: Any, sector: str) -> None:
    for document in sector_documents(sector):
        language = document.language
        assert long_sentences(document) == [], language
        assert repeated(document) == [], language
        assert echoed_labels(document) == [], language
        assert bad_joins(document) == [], language
        assert wrong_headings(document) == [], language


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_heading_is_reviewed_and_none_is_a_calque(language: str) -> None:
    with translation.override(language):
        said = {key: say("heading", key=key) for key in (*SECTION_ORDER, "summary", "toc")}
    assert said == HEADINGS[language]
    for heading in said.values():
        assert not any(calque in heading for calque in CALQUES)
    # "Sisältö" is a content; a table of contents is "Sisällys".
    assert "Sisältö" not in said.values()


def test_the_checks_catch_the_faults_the_review_found() -> None:
    assert _SMALL_AFTER_STOP.search("säilytetään 2 vuotta. asiakassuhteen päättymisestä")
    assert not _SMALL_AFTER_STOP.search("Päivitetty viimeksi 2. maaliskuuta 2026")
    assert _CAPITAL_AFTER_COLON.search("Jos tietoja ei anneta: Ilman tietoja")
    echo = Item(term="Asiointikieli", text="Asiointikieli", source="categories[0]")
    block = Block(kind=DEFINITIONS, source="categories", items=(echo,))
    document = NoticeDocument(
        language="fi",
        languages=("fi",),
        slug="x",
        title="Rekisteri",
        controller="Oy",
        heading="Tietosuojaseloste",
        sections=(Section(key="data", heading="Tietosisältö", blocks=(block,)),),
        summary=Section(key="summary", heading="Lyhyesti", blocks=()),
    )
    assert echoed_labels(document) == ["Asiointikieli: Asiointikieli"]
    assert wrong_headings(document) == ["Tietosisältö"]


def test_the_wording_table_in_docs_is_current() -> None:
    committed = (settings.BASE_DIR / "docs" / "notice-wording.md").read_text(encoding="utf-8")
    assert committed == render()


def test_the_wording_table_shows_each_heading_in_every_language() -> None:
    table = render()
    for language in LANGUAGES:
        for heading in HEADINGS[language].values():
            assert heading in table
