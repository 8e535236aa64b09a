"""The JSON format in the interface: export a register or the organisation, import it back."""

from __future__ import annotations

import json
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from registers.models import Register
from tenants.models import AuditEvent
from tests.registers.document.test_document import full_controller, full_register


def upload(data: Any, name: str = "register.json") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, json.dumps(data).encode(), content_type="application/json")


def test_a_register_round_trips_through_download_and_import(
    in_acme: Any, editor_client: Any
) -> None:
    full_controller()
    full_register()
    response = editor_client.get("/registers/asiakkaat/export.json")
    assert response["Content-Disposition"] == 'attachment; filename="asiakkaat.json"'
    exported = json.loads(response.content)
    posted = editor_client.post(
        "/registers/import/", {"file": upload(exported), "slug": "asiakkaat-kopio"}
    )
    assert posted.status_code == 302
    copy = Register.objects.get(slug="asiakkaat-kopio")
    again = json.loads(editor_client.get("/registers/asiakkaat-kopio/export.json").content)
    assert {**again, "slug": "asiakkaat"} == exported
    assert copy.purposes.count() == 2
    assert AuditEvent.objects.filter(action="register.imported").exists()


def test_a_broken_file_imports_nothing_and_says_where(in_acme: Any, editor_client: Any) -> None:
    full_controller()
    exported = json.loads(
        editor_client.get(f"/registers/{full_register().slug}/export.json").content
    )
    exported["slug"] = "toinen"
    exported["purposes"][0]["basis"] = "A6-1-z"
    response = editor_client.post("/registers/import/", {"file": upload(exported)})
    assert response.status_code == 400
    assert "purposes[0].basis" in response.content.decode()
    assert not Register.objects.filter(slug="toinen").exists()


def test_not_json_is_refused_with_a_message(in_acme: Any, editor_client: Any) -> None:
    bad = SimpleUploadedFile("x.json", b"\xff\xfe not json", content_type="application/json")
    response = editor_client.post("/registers/import/", {"file": bad})
    assert response.status_code == 400
    assert Register.objects.count() == 0


def test_only_owners_download_the_whole_organisation(
    in_acme: Any, owner_client: Any, editor_client: Any
) -> None:
    full_controller()
    full_register()
    assert editor_client.get("/organisation/export.json").status_code == 403
    backup = json.loads(owner_client.get("/organisation/export.json").content)
    assert backup["format"] == "seloste.organisation"
    assert backup["registers"][0]["slug"] == "asiakkaat"


def test_a_viewer_cannot_import(in_acme: Any, viewer_client: Any) -> None:
    assert viewer_client.post("/registers/import/", {}).status_code == 403
