"""The organisation's backup carries the record of processing, and restores it."""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django_tenants.utils import schema_context

from registers.models import ProcessingRecord, ProcessorActivity, Register
from registers.portable import ImportErrors, organisation_from_dict, organisation_to_dict
from tenants.models import Organisation
from tests.registers.test_portable import validator
from tests.security.conftest import ACME_REGISTER


def fill_record(organisation: Organisation) -> None:
    with schema_context(organisation.schema_name):
        ProcessingRecord.objects.create(
            register=Register.objects.get(slug=ACME_REGISTER),
            system="Kassajärjestelmä",
            internal_owner="Asiakaspalvelun päällikkö",
            dpia_triggers=["a35-3-b"],
            dpia_required="yes",
            dpia_date=datetime.date(2026, 2, 1),
            transfer_safeguards="SCC, liite 3",
            reviewed_on=datetime.date(2026, 3, 1),
            notes="Sisäinen huomio",
        )
        ProcessorActivity.objects.create(
            controller_name="Asiakas Oy", processing="Hosting", security="Salaus", position=0
        )


def test_the_backup_restores_the_record_of_processing(
    acme: Organisation, acme_published: Any, tmp_path: Path
) -> None:
    fill_record(acme)
    backup = tmp_path / "acme.json"
    call_command("export_organisation", "acme", output=str(backup))
    data = json.loads(backup.read_text())
    assert data["record"]["activities"][0]["register"] == ACME_REGISTER
    assert data["record"]["activities"][0]["dpia_date"] == "2026-02-01"
    validator("organisation-v3").validate(data)
    call_command(
        "import_organisation", str(backup), slug="acme-copy", owner_email="restorer@example.com"
    )
    copy = Organisation.objects.get(slug="acme-copy")
    with schema_context(copy.schema_name):
        record = ProcessingRecord.objects.get(register__slug=ACME_REGISTER)
        assert (record.system, record.notes, record.dpia_date) == (
            "Kassajärjestelmä",
            "Sisäinen huomio",
            datetime.date(2026, 2, 1),
        )
        assert list(ProcessorActivity.objects.values_list("controller_name", "security")) == [
            ("Asiakas Oy", "Salaus")
        ]
        assert organisation_to_dict() == data


def test_a_backup_without_a_record_still_restores(acme: Organisation, globex: Organisation) -> None:
    with schema_context(acme.schema_name):
        data = organisation_to_dict()
    del data["record"]
    with schema_context(globex.schema_name):
        organisation_from_dict(data)
        assert not ProcessingRecord.objects.exists()


def test_a_record_of_a_register_not_in_the_file_is_refused_and_nothing_is_written(
    acme: Organisation, globex: Organisation, acme_published: Any, tmp_path: Path
) -> None:
    fill_record(acme)
    backup = tmp_path / "acme.json"
    call_command("export_organisation", "acme", output=str(backup))
    data = json.loads(backup.read_text())
    data["record"]["activities"][0]["register"] = "elsewhere"
    data["record"]["processor"][0]["controller_name"] = ""
    with schema_context(globex.schema_name):
        with pytest.raises(ImportErrors) as refused:
            organisation_from_dict(data)
        assert not Register.objects.exists()
    paths = {path for path, _message in refused.value.errors}
    assert paths == {"record.activities[0].register", "record.processor[0].controller_name"}
    backup.write_text(json.dumps(data))
    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command("import_organisation", str(backup), slug="broken", owner_email="x@example.com")
    assert not Organisation.objects.filter(slug="broken").exists()
