"""Back up one organisation and restore it as another: the same notice, byte for byte."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django_tenants.utils import schema_context

from registers.models import Register, VersionOutput
from registers.portable import organisation_to_dict
from registers.publishing.versions import register_publish
from tenants.models import Membership, Organisation, Role
from tests.security.conftest import ACME_REGISTER

OUTPUT_FIELDS = ("page", "fragment", "frame", "document", "pdf")


def outputs(organisation: Organisation) -> dict[tuple[int, str], dict[str, Any]]:
    with schema_context(organisation.schema_name):
        rows = VersionOutput.objects.select_related("version").order_by("version__number")
        return {
            (row.version.number, row.language): {f: getattr(row, f) for f in OUTPUT_FIELDS}
            for row in rows
        }


def test_a_restored_organisation_publishes_byte_identical_notices(
    acme: Organisation, owner: Any, acme_published: Any, tmp_path: Path
) -> None:
    backup = tmp_path / "acme.json"
    call_command("export_organisation", "acme", output=str(backup))
    call_command(
        "import_organisation", str(backup), slug="acme-copy", owner_email="restorer@example.com"
    )

    copy = Organisation.objects.get(slug="acme-copy")
    assert Membership.objects.get(organisation=copy).role == Role.OWNER
    with schema_context(copy.schema_name):
        assert organisation_to_dict() == json.loads(backup.read_text())
        register = Register.objects.get(slug=ACME_REGISTER)
        assert register_publish(register=register, user=None, summary="First") is not None
    original, restored = outputs(acme), outputs(copy)
    assert original.keys() == restored.keys() == {(1, "fi"), (1, "en"), (1, "sv")}
    for key in original:
        for field in OUTPUT_FIELDS:
            assert original[key][field] == restored[key][field], (key, field)


def test_a_broken_backup_creates_no_organisation(
    acme: Organisation, acme_published: Any, tmp_path: Path
) -> None:
    backup = tmp_path / "broken.json"
    call_command("export_organisation", "acme", output=str(backup))
    data = json.loads(backup.read_text())
    data["registers"][0]["purposes"][0]["basis"] = "not-a-basis"
    backup.write_text(json.dumps(data))

    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command("import_organisation", str(backup), slug="broken", owner_email="x@example.com")

    assert not Organisation.objects.filter(slug="broken").exists()


def test_import_refuses_a_taken_address(acme: Organisation, tmp_path: Path) -> None:
    backup = tmp_path / "acme.json"
    call_command("export_organisation", "acme", output=str(backup))
    with pytest.raises(CommandError, match="taken"):
        call_command("import_organisation", str(backup), slug="acme", owner_email="x@example.com")
