"""Publishing: checked, frozen, numbered, recorded; the same content never makes a new version."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command
from django.db import DatabaseError, transaction

from registers.models import Purpose, Version, VersionOutput
from registers.publishing.served import forget_served
from registers.publishing.versions import PublishBlocked, register_publish
from tenants.models import AuditEvent
from tests.registers.document.test_document import full_controller, full_register


@pytest.fixture(autouse=True)
def served_afresh() -> None:
    """Each test's database starts empty, so no output memoised by an earlier test may show."""
    forget_served()


@pytest.fixture
def published(in_acme: Any, owner: Any) -> Version:
    full_controller()
    version = register_publish(register=full_register(), user=owner, summary="First")
    assert version is not None
    return version


def test_it_freezes_every_output_in_every_language(published: Version) -> None:
    outputs = {o.language: o for o in published.outputs.all()}
    assert sorted(outputs) == ["en", "fi", "sv"]
    for output in outputs.values():
        assert bytes(output.pdf).startswith(b"%PDF-")
        assert "Äänekosken Öljy Oy" in output.page
        assert "Äänekosken Öljy Oy" in output.fragment
    assert published.number == 1
    assert published.data["register"]["slug"] == "asiakkaat"
    assert len(published.content_hash) == 64


def test_publishing_the_same_content_twice_makes_no_new_version(
    published: Version, owner: Any
) -> None:
    again = register_publish(register=published.register, user=owner, summary="Again")
    assert again is None
    assert Version.objects.count() == 1


def test_a_change_makes_the_next_version(published: Version, owner: Any) -> None:
    Purpose.objects.filter(register=published.register, position=1).update(
        description={"fi": "Uutiskirje", "en": "Newsletter", "sv": "Nyhetsbrev"}
    )
    second = register_publish(register=published.register, user=owner, summary="Renamed")
    assert second is not None
    assert second.number == 2
    assert second.content_hash != published.content_hash


def test_it_records_the_publication(published: Version, owner: Any) -> None:
    event = AuditEvent.objects.get(action="register.published")
    assert event.user == owner
    assert event.organisation is not None
    assert event.organisation.slug == "acme"
    assert event.detail["version"] == 1


def test_a_version_cannot_be_changed(published: Version) -> None:
    published.summary = "Rewritten"
    with pytest.raises(ValueError, match="cannot be changed"):
        published.save()
    output = published.outputs.first()
    assert output is not None
    with pytest.raises(ValueError, match="cannot be changed"):
        output.save()


def test_the_database_refuses_to_change_a_version(published: Version) -> None:
    with pytest.raises(DatabaseError), transaction.atomic():
        Version.objects.filter(pk=published.pk).update(summary="Rewritten")
    with pytest.raises(DatabaseError), transaction.atomic():
        VersionOutput.objects.filter(version=published).update(fragment="<p>forged</p>")
    assert Version.objects.get(pk=published.pk).summary == "First"


def test_checker_errors_block_publishing(in_acme: Any, owner: Any) -> None:
    full_controller()
    register = full_register()
    register.purposes.update(basis="")
    with pytest.raises(PublishBlocked) as blocked:
        register_publish(register=register, user=owner, summary="")
    assert blocked.value.findings
    assert not Version.objects.exists()


def test_the_owner_publishes_through_the_form(in_acme: Any, owner_client: Any) -> None:
    full_controller()
    full_register()
    response = owner_client.post("/registers/asiakkaat/publish/", {"summary": "Launch"})
    assert response.status_code == 302
    assert Version.objects.get().summary == "Launch"


def test_an_editor_cannot_publish(in_acme: Any, editor_client: Any) -> None:
    full_controller()
    full_register()
    assert editor_client.post("/registers/asiakkaat/publish/", {"summary": ""}).status_code == 403
    assert not Version.objects.exists()


def test_the_publish_page_shows_what_blocks_publishing(in_acme: Any, owner_client: Any) -> None:
    full_controller()
    register = full_register()
    register.purposes.update(basis="")
    response = owner_client.post("/registers/asiakkaat/publish/", {"summary": ""})
    assert response.status_code == 409
    page = response.content.decode()
    assert "alert-danger" in page
    assert 'href="/registers/asiakkaat/edit/purposes/#' in page
    assert not Version.objects.exists()


def test_the_outputs_page_gives_snippets_with_integrity(
    published: Version, viewer_client: Any
) -> None:
    page = viewer_client.get("/registers/asiakkaat/outputs/").content.decode()
    assert "/embed/asiakkaat/fi/v1.js" in page
    assert 'integrity="sha384-' in page or "integrity=&quot;sha384-" in page
    assert "notice/outputs.js" in page


def test_the_preview_renders_the_draft(in_acme: Any, editor_client: Any) -> None:
    full_controller()
    full_register()
    response = editor_client.get("/registers/asiakkaat/preview/sv/")
    assert response.status_code == 200
    assert "Kundregister" in response.content.decode()


def test_with_a_queue_a_worker_publishes_and_renders_the_pdfs(
    in_acme: Any, owner_client: Any, redis_queue: str
) -> None:
    full_controller()
    full_register()

    response = owner_client.post(
        "/registers/asiakkaat/publish/", {"summary": "Launch"}, follow=True
    )

    assert "Publishing. The new version appears here in a moment." in response.content.decode()
    assert not Version.objects.exists()
    call_command("taskworker", "--burst")
    version = Version.objects.get()
    assert version.summary == "Launch"
    assert all(bytes(output.pdf).startswith(b"%PDF") for output in version.outputs.all())
