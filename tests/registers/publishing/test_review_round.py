"""Review before publishing: submit with a message, send back with comments, resubmit, approve."""

from __future__ import annotations

from typing import Any

import pytest
from django.db.models import F
from django.urls import reverse

from registers.models import Controller, PublicationReview, Purpose, Register, ReviewState, Version
from tenants.models import AuditEvent
from tests.conftest import BASE, host_client
from tests.registers.document.test_document import full_controller, full_register

NEW_TEXT = {"fi": "Kanta-asiakasedut", "en": "Loyalty benefits", "sv": "Stamkundsförmåner"}


def overview(slug: str = "asiakkaat") -> str:
    return reverse("register_overview", kwargs={"slug": slug})


def submit_url(slug: str = "asiakkaat") -> str:
    return reverse("review_submit", kwargs={"slug": slug})


def detail_url(review: PublicationReview) -> str:
    return reverse("review_detail", kwargs={"slug": review.register.slug, "review": review.pk})


def require_review(owner_client: Any) -> None:
    response = owner_client.post(reverse("review_setting"), {"required": "on"})
    assert response.status_code == 302


def edit(register: Register, text: dict[str, str] = NEW_TEXT) -> None:
    """What a save in the editor does: the text changes and the version moves on."""
    Purpose.objects.filter(register=register, position=1).update(description=text)
    Register.objects.filter(pk=register.pk).update(version=F("version") + 1)


def submit(editor_client: Any, message: str = "Please check the new purpose") -> Any:
    register = Register.objects.get(slug="asiakkaat")
    return editor_client.post(submit_url(), {"message": message, "version": register.version})


def decide(owner_client: Any, review: PublicationReview, decision: str, **data: Any) -> Any:
    versions = {
        "register_version": review.register_version,
        "controller_version": review.controller_version,
    }
    return owner_client.post(detail_url(review), {"decision": decision, **versions, **data})


def test_only_an_owner_turns_review_on_and_it_is_recorded(
    owner_client, editor_client, acme, in_acme
):
    refused = editor_client.post(reverse("review_setting"), {"required": "on"})
    members = owner_client.get(reverse("members")).content.decode()

    require_review(owner_client)

    assert refused.status_code == 403
    assert reverse("review_setting") in members
    event = AuditEvent.objects.get(organisation=acme, action="organisation.review_setting")
    assert event.detail == {"required": True}


def test_without_the_setting_editors_ask_an_owner_and_cannot_submit(editor_client, in_acme):
    full_controller()
    full_register()

    page = editor_client.get(overview()).content.decode()
    response = submit(editor_client)

    assert "Ask an owner to publish" in page
    assert "Submit for review" not in page
    assert response.status_code == 302
    assert not PublicationReview.objects.exists()


def test_a_review_round_from_submission_to_publication(
    owner_client, editor_client, acme, in_acme, mailoutbox
):
    full_controller()
    register = full_register()
    require_review(owner_client)
    assert "Submit for review" in editor_client.get(overview()).content.decode()

    assert submit(editor_client).status_code == 302
    review = PublicationReview.objects.get()
    owner_page = owner_client.get(overview()).content.decode()
    diff = owner_client.get(detail_url(review)).content.decode()
    assert mailoutbox[0].to == ["owner@acme.example"]
    assert detail_url(review) in mailoutbox[0].body
    assert "Please check the new purpose" in owner_page
    assert "Approve and publish" in diff
    assert "<ins>" in diff  # never published: everything is new

    empty = decide(owner_client, review, "send_back", comment=" ")
    assert empty.status_code == 400
    assert "Write what should change" in empty.content.decode()
    decide(owner_client, review, "send_back", comment="Name the loyalty programme")
    assert "Name the loyalty programme" in editor_client.get(overview()).content.decode()
    assert mailoutbox[1].to == ["editor@acme.example"]

    edit(register)
    assert submit(editor_client, "Named it").status_code == 302
    second = PublicationReview.objects.get(state=ReviewState.SUBMITTED)
    assert "Loyalty benefits" in owner_client.get(detail_url(second)).content.decode()
    assert decide(owner_client, second, "approve", summary="Loyalty").status_code == 302

    second.refresh_from_db()
    assert second.state == ReviewState.APPROVED
    assert second.published_number == 1
    assert Version.objects.get().summary == "Loyalty"
    actions = AuditEvent.objects.filter(organisation=acme).values_list("action", flat=True)
    for step in ("submitted", "returned", "submitted", "approved"):
        assert f"register.review_{step}" in actions
    assert "register.published" in actions


def test_an_edit_after_submitting_cannot_be_approved_until_submitted_again(
    owner_client, editor_client, in_acme
):
    full_controller()
    register = full_register()
    require_review(owner_client)
    submit(editor_client)
    review = PublicationReview.objects.get()
    edit(register)

    page = owner_client.get(detail_url(review)).content.decode()
    response = decide(owner_client, review, "approve")

    assert "Changed since submitted" in page
    assert "Approve and publish" not in page
    assert response.status_code == 400
    assert "changed after it was submitted" in response.content.decode()
    assert not Version.objects.exists()
    assert PublicationReview.objects.get().state == ReviewState.SUBMITTED
    assert "Submit again for review" in editor_client.get(overview()).content.decode()


def test_a_controller_change_after_submitting_also_blocks_approval(
    owner_client, editor_client, in_acme
):
    full_controller()
    full_register()
    require_review(owner_client)
    submit(editor_client)
    review = PublicationReview.objects.get()
    Controller.objects.filter(pk=1).update(version=F("version") + 1)

    assert decide(owner_client, review, "approve").status_code == 400
    assert not Version.objects.exists()


def test_a_change_that_moved_no_version_number_is_not_approved_unseen(
    owner_client, editor_client, in_acme
):
    full_controller()
    register = full_register()
    require_review(owner_client)
    submit(editor_client)
    review = PublicationReview.objects.get()
    Purpose.objects.filter(register=register, position=1).update(description=NEW_TEXT)

    assert decide(owner_client, review, "approve").status_code == 400
    assert not Version.objects.exists()


def test_an_approval_posted_for_another_version_is_refused(owner_client, editor_client, in_acme):
    full_controller()
    full_register()
    require_review(owner_client)
    submit(editor_client)
    review = PublicationReview.objects.get()

    response = owner_client.post(
        detail_url(review),
        {
            "decision": "approve",
            "register_version": review.register_version + 1,
            "controller_version": review.controller_version,
        },
    )

    assert response.status_code == 400
    assert not Version.objects.exists()


def test_editors_and_viewers_cannot_decide_and_viewers_cannot_submit(
    owner_client, editor_client, viewer_client, in_acme
):
    full_controller()
    full_register()
    require_review(owner_client)
    submit(editor_client)
    review = PublicationReview.objects.get()

    assert decide(editor_client, review, "approve").status_code == 403
    assert viewer_client.get(detail_url(review)).status_code == 403
    assert viewer_client.post(submit_url(), {"message": "x", "version": 1}).status_code == 403
    assert PublicationReview.objects.get().state == ReviewState.SUBMITTED
    assert not Version.objects.exists()


def test_another_organisations_review_cannot_be_reached(
    owner_client, editor_client, outsider_client, in_acme
):
    full_controller()
    full_register()
    require_review(owner_client)
    submit(editor_client)
    review = PublicationReview.objects.get()

    assert outsider_client.get(detail_url(review)).status_code == 403
    assert outsider_client.post(submit_url(), {"message": "x", "version": 1}).status_code == 403


def test_the_dashboard_shows_a_register_waiting_for_review(
    owner, owner_client, editor_client, in_acme
):
    full_controller()
    full_register()
    full_register(slug="uutiskirje")
    require_review(owner_client)
    submit(editor_client)

    body = host_client(BASE, owner).get("/organisations/").content.decode()

    assert body.count("waiting for review") == 1


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("fi", ["Lähetä tarkastettavaksi", "Viesti omistajille", "Odottaa tarkastusta"]),
        ("sv", ["Skicka för granskning", "Meddelande till ägarna", "Väntar på granskning"]),
    ],
)
def test_the_round_speaks_finnish_and_swedish(
    acme, owner_client, editor, owner, in_acme, language, words
):
    full_controller()
    full_register()
    require_review(owner_client)
    editor_in = host_client(acme.host, editor, language=language)
    owner_in = host_client(acme.host, owner, language=language)
    form = editor_in.get(submit_url()).content.decode()
    empty = editor_in.post(submit_url(), {"message": "", "version": 1}).content.decode()
    submit(editor_in)
    review = PublicationReview.objects.get()
    overview_page = owner_in.get(overview()).content.decode()
    detail = owner_in.get(detail_url(review)).content.decode()

    assert words[0] in form
    assert words[1] in form
    assert words[2] in overview_page
    for english in ("Submit for review", "Message to the owners", "Approve and publish"):
        assert english not in form + empty + overview_page + detail
    assert "This field is required" not in empty
