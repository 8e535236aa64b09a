"""The record of processing in Chromium: a clinic and a software vendor each click their way to
it from the menu, add what only the record holds, and download it as XLSX and PDF."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import App, slug_for
from tests.browser.helpers import assert_accessible, fill_controller, save, sign_up, submit

PDFTOTEXT = shutil.which("pdftotext") or "/usr/bin/pdftotext"
ART_30_1 = ["30(1)(b)", "30(1)(c)", "30(1)(c)", "30(1)(d)", "30(1)(e)", "30(1)(f)", "30(1)(g)"]


def start(page: Page, app: App, *, slug: str, sector: str, register: str) -> None:
    """Sign up, make a register from a sector template and fill the controller, by clicking."""
    sign_up(page, app, slug=slug, email=f"owner@{slug}.example")
    page.locator("input[name=name_en]").fill(register)
    page.locator("#id_slug").fill("main")
    page.locator("input[name=languages][value=en]").check()
    page.locator("#id_start").select_option(sector)
    submit(page)
    page.get_by_role("link", name="Organisation details").click()
    fill_controller(page)
    page.get_by_role("link", name="Record of processing").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Record of processing activities")


def download(page: Page, name: str, tmp_path: Path) -> Path:
    with page.expect_download() as info:
        page.get_by_role("button", name=name).click()
    path = tmp_path / info.value.suggested_filename
    info.value.save_as(path)
    return path


def activity_columns(path: Path) -> dict[str, str]:
    sheet = load_workbook(io.BytesIO(path.read_bytes()))["Processing activities"]
    header = [str(c.value) for c in sheet[1]]
    row = [str(c.value or "") for c in sheet[2]]
    for article in ART_30_1:
        assert any(f"(Art. {article})" in h for h in header), article
    return dict(zip(header, row, strict=True))


@pytest.mark.browser
def test_a_clinic_downloads_its_complete_record(browser: Browser, app: App, tmp_path: Path) -> None:
    page = browser.new_context(locale="en-GB").new_page()
    start(page, app, slug=slug_for("record-clinic"), sector="clinic", register="Patient register")
    assert_accessible(page, "record-overview")
    page.get_by_role("row", name=re.compile("Patient register")).get_by_role("link").click()
    expect(page.get_by_text("Not published.")).to_be_visible()
    page.locator("#id_system").fill("Acme EHR")
    page.locator("#id_internal_owner").fill("Chief physician")
    page.locator("input[name=dpia_triggers][value=a35-3-b]").check()
    page.locator("input[name=dpia_required][value=yes]").check()
    page.locator("#id_dpia_date").fill("2026-02-01")
    assert_accessible(page, "record-edit")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("main .alert-success[role=status]")).to_be_visible()
    columns = activity_columns(download(page, "Excel (XLSX)", tmp_path))
    assert columns["Processing activity"] == "Patient register"
    for heading, value in columns.items():
        if "(Art. 30(1)" in heading and "Joint" not in heading and "Transfers" not in heading:
            assert value, heading  # every item the clinic template answers is in the record
    assert columns["Systems and applications used (internal)"] == "Acme EHR"
    assert "Required, made on 1 February 2026" in columns["Impact assessment, Art. 35 (internal)"]
    pdf = download(page, "PDF", tmp_path)
    text = subprocess.run([PDFTOTEXT, str(pdf), "-"], capture_output=True, check=True, text=True)
    assert "Record of processing activities" in text.stdout
    assert "Acme EHR" in text.stdout
    page.context.close()


@pytest.mark.browser
def test_a_software_vendor_records_what_it_does_for_its_customers(
    browser: Browser, app: App, tmp_path: Path
) -> None:
    page = browser.new_context(locale="en-GB").new_page()
    slug = slug_for("record-vendor")
    start(page, app, slug=slug, sector="software-vendor", register="Customer register")
    page.get_by_role("link", name="Edit the processing done for others").click()
    page.locator("#id_form-0-controller_name").fill("Clinic Oy")
    page.locator("#id_form-0-controller_contact").fill("dpo@clinic.example")
    page.locator("#id_form-0-processing").fill("Hosting the booking system")
    page.locator("#id_form-0-security").fill("Encryption, access logging")
    assert_accessible(page, "record-processor")
    save(page)
    path = download(page, "Excel (XLSX)", tmp_path)
    sheet = load_workbook(io.BytesIO(path.read_bytes()))["As a processor"]
    header = [str(c.value) for c in sheet[1]]
    assert [h.rsplit("(Art. ", 1)[1] for h in header] == [
        "30(2)(a))",
        "30(2)(a))",
        "30(2)(b))",
        "30(2)(c))",
        "30(2)(d))",
    ]
    assert next(c.value for c in sheet[2]) == "Clinic Oy\ndpo@clinic.example"
    assert activity_columns(path)["Processing activity"] == "Customer register"
    page.context.close()
