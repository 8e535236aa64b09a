"""The record as files an owner downloads: XLSX, CSV and a tagged PDF, from one record's data."""

from __future__ import annotations

import csv
import io
from typing import Any

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from registers.render.pdf import FONTS, css_string, pdf_from_html

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _sheet(sheet: Worksheet, header: list[str], rows: list[list[str]]) -> None:
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(row)
    for index, column in enumerate(sheet.columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = 40
        for cell in column:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"


def record_xlsx(data: dict[str, Any]) -> bytes:
    """One sheet for the controller's record (a row per activity), one for the controller's
    details, and one for processing on behalf of others when there is any."""
    with translation.override(data["language"]):
        book = Workbook()
        activities = book.active
        assert activities is not None
        activities.title = _("Processing activities")[:31]
        _sheet(activities, data["activity_columns"], data["activities"])
        _sheet(
            book.create_sheet(_("Controller")[:31]), [_("Item"), _("Details")], data["controller"]
        )
        if data["processor"]:
            sheet = book.create_sheet(_("As a processor")[:31])
            _sheet(sheet, data["processor_columns"], data["processor"])
        out = io.BytesIO()
        book.save(out)
    return out.getvalue()


def record_csv(data: dict[str, Any]) -> str:
    """The controller's record, a row per activity, with the Art. 30 columns (UTF-8 with BOM,
    which spreadsheet programs need to read the Finnish letters)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(data["activity_columns"])
    writer.writerows(data["activities"])
    return "\ufeff" + out.getvalue()


def _pairs(columns: list[str], rows: list[list[str]]) -> list[tuple[str, list[tuple[str, str]]]]:
    """Each row as its first value and (heading, value) pairs of the rest, for a page of text."""
    return [(row[0], list(zip(columns[1:], row[1:], strict=True))) for row in rows]


def record_pdf(data: dict[str, Any], organisation: str) -> bytes:
    with translation.override(data["language"]):
        context = {
            "data": data,
            "organisation": organisation,
            "activities": _pairs(data["activity_columns"], data["activities"]),
            "processor": _pairs(data["processor_columns"], data["processor"]),
            "footer": css_string(organisation),
            "font_dir": FONTS.as_uri(),
        }
        html = render_to_string("registers/record/pdf.html", context)
        css = render_to_string("registers/record/pdf.css", context)
    return pdf_from_html(html, css)
