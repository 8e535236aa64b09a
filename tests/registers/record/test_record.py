"""The record of processing: every Art. 30 item filled from the registers, internal facts kept
internal, exports an authority can read, owners only."""

from __future__ import annotations

import csv
import datetime
import io
from typing import Any

import pytest
from django.test import Client
from openpyxl import load_workbook
from pypdf import PdfReader

from registers.models import ProcessingRecord, ProcessorActivity, RecordSnapshot, Register
from registers.publishing.served import forget_served
from registers.publishing.versions import register_publish
from registers.record.build import ACTIVITY_COLUMNS, PROCESSOR_COLUMNS
from registers.record.checks import check_record
from registers.sectors import create_from_sector
from tenants.models import AuditEvent, Organisation
from tests.registers.document.test_document import full_controller, full_register

INTERNAL = "Kvarnström-sisäinen-7731"


@pytest.fixture(autouse=True)
def served_afresh() -> None:
    forget_served()


@pytest.fixture
def clinic(in_acme: Organisation) -> Register:
    full_controller()
    register = create_from_sector(
        "clinic",
        name={"fi": "Potilasrekisteri", "en": "Patient register"},
        slug="potilaat",
        languages=["fi", "en"],
    )
    ProcessingRecord.objects.create(
        register=register,
        system="Potilastietojärjestelmä Acme EHR",
        internal_owner="Vastaava lääkäri",
        dpia_required="yes",
        dpia_date=datetime.date(2026, 2, 1),
        reviewed_on=datetime.date(2026, 11, 1),
        notes="Arkistointi tarkistetaan vuosittain",
    )
    return register


def export(client: Client, fmt: str) -> Any:
    response = client.post(f"/record/export.{fmt}")
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    return response


def test_the_xlsx_has_every_art_30_column_filled_from_the_register(
    clinic: Register, owner_client: Client
) -> None:
    response = export(owner_client, "xlsx")
    assert response["Content-Disposition"].startswith('attachment; filename="record-of-processing-')
    book = load_workbook(io.BytesIO(response.content))
    sheet = book["Processing activities"]
    header = [str(c.value) for c in sheet[1]]
    row = [str(c.value or "") for c in sheet[2]]
    assert header == [str(h) for _k, h in ACTIVITY_COLUMNS]
    assert "(Art. 30(1)(b))" in header[1]
    assert "(Art. 30(1)(g))" in header[7]
    values = dict(zip([k for k, _h in ACTIVITY_COLUMNS], row, strict=True))
    assert values["activity"] == "Patient register"
    for key in ("purposes", "subjects", "data", "recipients", "erasure", "security"):
        assert values[key], key
    assert "Legal obligation (GDPR Art. 6(1)(c))" in values["purposes"]
    assert "Patients" in values["subjects"]
    assert "special category" in values["data"]
    assert "Processor (GDPR Art. 28)" in values["recipients"]
    # Each time limit names the data it covers, as the notice's retention rules do.
    assert "Patient records – Name, Personal identity code (henkilötunnus)" in values["erasure"]
    assert (
        "Books of account and financial statements – Payment and billing details: 10 years"
        in (values["erasure"])
    )
    assert values["system"] == "Potilastietojärjestelmä Acme EHR"
    assert values["dpia"].startswith("Required, made on 1 February 2026")
    assert values["reviewed"] == "1 November 2026"
    controller = {r[0].value: r[1].value for r in book["Controller"].iter_rows(min_row=2)}
    assert controller["Controller"] == "Äänekosken Öljy Oy, 1572860-0"
    assert "As a processor" not in book.sheetnames


def test_a_software_vendor_keeps_its_processor_record(
    in_acme: Organisation, owner_client: Client
) -> None:
    full_controller()
    create_from_sector(
        "software-vendor", name={"en": "Customer register"}, slug="customers", languages=["en"]
    )
    ProcessorActivity.objects.create(
        controller_name="Clinic Oy",
        controller_contact="dpo@clinic.example",
        controller_representative="DPO Anna Virtanen",
        processing="Hosting and support of the booking system",
        transfers="None",
        security="Encryption at rest, access logging",
    )
    book = load_workbook(io.BytesIO(export(owner_client, "xlsx").content))
    sheet = book["As a processor"]
    assert [c.value for c in sheet[1]] == [str(h) for _k, h in PROCESSOR_COLUMNS]
    row = [c.value for c in sheet[2]]
    assert row == [
        "Clinic Oy\ndpo@clinic.example",
        "DPO Anna Virtanen",
        "Hosting and support of the booking system",
        "None",
        "Encryption at rest, access logging",
    ]


def test_the_csv_and_pdf_say_the_same(clinic: Register, owner_client: Client) -> None:
    text = export(owner_client, "csv").content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == [str(h) for _k, h in ACTIVITY_COLUMNS]
    assert rows[1][0] == "Patient register"
    pdf = PdfReader(io.BytesIO(export(owner_client, "pdf").content))
    root: Any = pdf.trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"]
    body = " ".join(" ".join(page.extract_text().split()) for page in pdf.pages)
    assert "Record of processing activities" in body
    assert "Potilastietojärjestelmä Acme EHR" in body
    assert "Time limits for erasure (Art. 30(1)(f))" in body


def test_every_export_keeps_a_dated_copy_and_is_recorded(
    clinic: Register, owner_client: Client, acme: Organisation
) -> None:
    export(owner_client, "csv")
    ProcessingRecord.objects.filter(register=clinic).update(system="Changed later")
    snapshot = RecordSnapshot.objects.get()
    old = owner_client.get(f"/record/snapshots/{snapshot.pk}.csv").content.decode("utf-8-sig")
    assert "Potilastietojärjestelmä Acme EHR" in old
    assert "Changed later" not in old
    actions = list(AuditEvent.objects.filter(organisation=acme).values_list("action", flat=True))
    assert {"record.exported", "record.downloaded"} <= set(actions)
    assert owner_client.get("/record/snapshots/999.csv").status_code == 404
    assert owner_client.get(f"/record/snapshots/{snapshot.pk}.exe").status_code == 404


def test_internal_facts_never_reach_a_public_output(
    in_acme: Organisation, owner: Any, acme: Organisation
) -> None:
    full_controller()
    register = full_register()
    ProcessingRecord.objects.create(
        register=register,
        system=INTERNAL,
        internal_owner=INTERNAL,
        transfer_safeguards=INTERNAL,
        notes=INTERNAL,
    )
    ProcessorActivity.objects.create(
        controller_name=INTERNAL, processing=INTERNAL, security=INTERNAL
    )
    version = register_publish(register=register, user=owner, summary="First")
    assert version is not None
    reader = Client(HTTP_HOST=acme.host)
    paths = ["/notices/asiakkaat/archive/", "/notices/asiakkaat/fi/feed.atom"]
    for lang in version.languages:
        paths += [
            f"/notices/asiakkaat/{lang}/",
            f"/notices/asiakkaat/{lang}.pdf",
            f"/notices/asiakkaat/{lang}.json",
            f"/notices/asiakkaat/{lang}.jsonld",
            f"/embed/asiakkaat/{lang}.js",
            f"/embed/asiakkaat/{lang}/fragment.html",
            f"/embed/asiakkaat/{lang}/frame/",
        ]
    for path in paths:
        response = reader.get(path)
        assert response.status_code == 200, path
        assert INTERNAL.encode() not in response.content, path
    for output in version.outputs.all():
        text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(output.pdf)).pages)
        assert INTERNAL not in text
    assert INTERNAL not in str(version.data)


def test_a_stale_save_is_refused_with_the_input_kept(
    clinic: Register, owner_client: Client
) -> None:
    page = owner_client.get("/record/potilaat/")
    assert b"Not published" in page.content
    data = {"system": "Mine", "internal_owner": "", "dpia_required": "no", "version": "1"}
    ProcessingRecord.objects.filter(register=clinic).update(version=2, system="Theirs")
    response = owner_client.post("/record/potilaat/", data)
    assert response.status_code == 409
    assert b'value="Mine"' in response.content
    assert ProcessingRecord.objects.get(register=clinic).system == "Theirs"


def test_bad_dates_are_refused_at_the_field(clinic: Register, owner_client: Client) -> None:
    response = owner_client.post(
        "/record/potilaat/", {"system": "X", "dpia_date": "2026-02-30", "version": "1"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["dpia_date"] == [
        "Enter the full date with the day, the month and the year, for example 2024-05-31; "
        "a month or a year alone is not a date."
    ]
    assert ProcessingRecord.objects.get(register=clinic).system != "X"


def test_a_dpia_trigger_without_an_assessment_is_an_error(clinic: Register) -> None:
    ProcessingRecord.objects.filter(register=clinic).update(
        dpia_triggers=["a35-3-b"], dpia_required="no"
    )
    codes = {f.code: f.severity for f in check_record()}
    assert codes["REC-DPIA-REQUIRED"] == "error"
    ProcessingRecord.objects.filter(register=clinic).update(dpia_required="yes")
    assert "REC-DPIA-REQUIRED" not in {f.code for f in check_record()}


def test_the_processor_list_keeps_its_limit_and_refuses_a_stale_save(
    in_acme: Organisation, owner_client: Client
) -> None:
    page = owner_client.get("/record/processor/")
    state = page.context["state"]
    rows = {
        "form-TOTAL_FORMS": "201",
        "form-INITIAL_FORMS": "0",
        "state": state,
        **{f"form-{i}-controller_name": f"C{i}" for i in range(201)},
        **{f"form-{i}-processing": "Hosting" for i in range(201)},
    }
    response = owner_client.post("/record/processor/", rows)
    assert response.status_code == 200
    assert "Please submit at most 200 forms." in str(response.context["formset"].non_form_errors())
    assert not ProcessorActivity.objects.exists()
    one = {
        "form-TOTAL_FORMS": "1",
        "form-INITIAL_FORMS": "0",
        "state": state,
        "form-0-controller_name": "Clinic Oy",
        "form-0-processing": "Hosting",
    }
    ProcessorActivity.objects.create(controller_name="Someone else's", processing="Support")
    assert owner_client.post("/record/processor/", one).status_code == 409
    assert list(ProcessorActivity.objects.values_list("controller_name", flat=True)) == [
        "Someone else's"
    ]


def test_only_owners_reach_the_record(
    clinic: Register, editor_client: Client, owner_client: Client
) -> None:
    assert editor_client.get("/record/").status_code == 403
    assert editor_client.post("/record/export.xlsx").status_code == 403
    assert 'href="/record/"' not in editor_client.get("/").content.decode()
    assert 'href="/record/"' in owner_client.get("/").content.decode()


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_the_record_pages_speak_the_users_language(
    clinic: Register, acme: Organisation, owner: Any, language: str
) -> None:
    from tests.conftest import host_client

    client = host_client(acme.host, owner, language=language)
    english = ["Record of processing", "Internal details", "Not answered yet", "Download"]
    for path in ("/record/", "/record/potilaat/", "/record/processor/"):
        page = client.get(path).content.decode()
        assert not [text for text in english if text in page], path


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("fi", "Joku muu tallensi tämän välillä."),
        ("en", "Someone else saved this in the meantime."),
    ],
)
def test_the_refusal_of_a_stale_save_is_in_the_users_language(
    clinic: Register, acme: Organisation, owner: Any, language: str, message: str
) -> None:
    from tests.conftest import host_client

    client = host_client(acme.host, owner, language=language)
    data = {"system": "Mine", "internal_owner": "", "dpia_required": "no", "version": "1"}
    ProcessingRecord.objects.filter(register=clinic).update(version=2)
    response = client.post("/record/potilaat/", data)
    assert response.status_code == 409
    assert message in response.content.decode()
