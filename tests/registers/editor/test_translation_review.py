"""Translations to review: a change in one language marks the field's other languages until they
are edited or confirmed; the checker, the overview and the publish page show them."""

from __future__ import annotations

import copy

import pytest
from django.urls import reverse
from django.utils import translation

from registers import review
from registers.compliance import blocking, check
from registers.models import Purpose, Register, TranslationReview
from registers.portable import ImportErrors, register_from_dict, register_to_dict
from registers.publishing.versions import PublishBlocked, register_publish
from tenants.models import AuditEvent
from tests.conftest import host_client
from tests.registers.editor.test_editor_support import edit_url, read_form
from tests.registers.editor.test_overview import overview_url, publishable

STALE = "SEL-TEXT-STALE"


def marked(register: Register) -> set[tuple[str, int | None, str, str]]:
    return {
        (r.rows, r.row_id, r.field, r.language)
        for r in TranslationReview.objects.filter(register=register)
    }


def post_security(client, data=None, **texts: str):
    data = data or read_form(client.get(edit_url("asiakkaat", "security")).content)
    data.update({f"security_{code}": text for code, text in texts.items()})
    return client.post(edit_url("asiakkaat", "security"), data)


def test_changing_one_language_marks_the_others_of_that_field(editor_client, in_acme):
    register = publishable()

    response = post_security(editor_client, fi="Pääsy vain nimetyillä työntekijöillä.")

    assert response.status_code == 302
    assert marked(register) == {("", None, "security", "en"), ("", None, "security", "sv")}
    assert TranslationReview.objects.get(language="sv").changed == ["fi"]


def test_changing_every_language_together_marks_nothing(editor_client, in_acme):
    register = publishable()

    post_security(editor_client, fi="Lukitut tilat.", en="Locked rooms.", sv="Låsta rum.")

    assert marked(register) == set()


def test_a_row_field_is_marked_on_its_own_row_only(editor_client, in_acme):
    register = publishable()
    first, second = register.purposes.all()[:2]
    data = read_form(editor_client.get(edit_url("asiakkaat", "purposes")).content)
    data["purposes-0-description_en"] = "Looking after our customers"

    editor_client.post(edit_url("asiakkaat", "purposes"), data)

    assert marked(register) == {
        ("purposes", first.pk, "description", "fi"),
        ("purposes", first.pk, "description", "sv"),
    }
    assert second.pk not in {row_id for _rows, row_id, _f, _l in marked(register)}


def test_the_checker_blocks_and_links_to_each_marked_input(editor_client, in_acme):
    register = publishable()
    post_security(editor_client, fi="Pääsy vain nimetyillä työntekijöillä.")

    with translation.override("en"):
        stale = [f for f in blocking(check(register)) if f.code == STALE]

    assert {(f.language, f.section, f.anchor) for f in stale} == {
        ("en", "security", "id_security_1"),
        ("sv", "security", "id_security_2"),
    }
    assert "Finnish" in stale[0].message
    with pytest.raises(PublishBlocked):
        register_publish(register=register, user=None, summary="")


def test_the_editor_shows_the_mark_at_the_input_with_a_confirm_button(editor_client, in_acme):
    publishable()
    post_security(editor_client, fi="Pääsy vain nimetyillä työntekijöillä.")

    body = editor_client.get(edit_url("asiakkaat", "security")).content.decode()

    assert 'id="id_security_2_review"' in body
    assert 'aria-describedby="id_security_2_review"' in body
    assert 'name="confirm_translation" value="::security:sv"' in body
    assert 'id="id_security_0_review"' not in body


def test_the_mark_speaks_finnish_to_a_finnish_reader(acme, editor, in_acme):
    publishable()
    client = host_client(acme.host, editor, language="fi")
    post_security(client, fi="Pääsy vain nimetyillä työntekijöillä.")

    body = client.get(edit_url("asiakkaat", "security")).content.decode()

    assert "Tarkistettava" in body
    assert "Vahvista käännös" in body


def test_confirming_clears_the_mark_saves_the_page_and_is_recorded(editor_client, in_acme):
    register = publishable()
    post_security(editor_client, fi="Pääsy vain nimetyillä työntekijöillä.")
    data = read_form(editor_client.get(edit_url("asiakkaat", "security")).content)
    data["confirm_translation"] = "::security:sv"

    response = editor_client.post(edit_url("asiakkaat", "security"), data)

    assert response.status_code == 302
    assert marked(register) == {("", None, "security", "en")}
    event = AuditEvent.objects.get(action="register.translation_confirmed")
    assert event.detail == {"register": "asiakkaat", "field": "security", "language": "sv"}
    history = TranslationReview.history.filter(language="sv").order_by("history_date")
    assert [(h.history_type, h.history_change_reason) for h in history] == [
        ("+", "edited"),
        ("-", "confirmed"),
    ]


def test_editing_a_marked_language_clears_it_and_marks_nothing_back(editor_client, in_acme):
    register = publishable()
    post_security(editor_client, fi="Pääsy vain nimetyillä työntekijöillä.")

    post_security(editor_client, sv="Åtkomst endast för namngiven personal.")

    assert marked(register) == {("", None, "security", "en")}


def test_a_viewer_sees_the_mark_but_no_confirm_button(editor_client, viewer_client, in_acme):
    publishable()
    post_security(editor_client, fi="Pääsy vain nimetyillä työntekijöillä.")

    body = viewer_client.get(edit_url("asiakkaat", "security")).content.decode()

    assert 'id="id_security_1_review"' in body
    assert "confirm_translation" not in body


@pytest.mark.parametrize("value", ["::security", "x:1:security:sv", ":1:security:sv", "::a-b:sv"])
def test_a_tampered_confirm_value_confirms_nothing(editor_client, in_acme, value):
    register = publishable()
    post_security(editor_client, fi="Pääsy vain nimetyillä työntekijöillä.")
    data = read_form(editor_client.get(edit_url("asiakkaat", "security")).content)
    data["confirm_translation"] = value

    assert editor_client.post(edit_url("asiakkaat", "security"), data).status_code == 302
    assert len(marked(register)) == 2


def test_another_registers_mark_cannot_be_confirmed_from_here(editor_client, in_acme):
    publishable()
    other = publishable("toinen")
    review.record_change(
        other, ("", None, "security"), {"fi": "a", "sv": "b"}, {"fi": "c", "sv": "b"}, ["fi", "sv"]
    )
    data = read_form(editor_client.get(edit_url("asiakkaat", "security")).content)
    data["confirm_translation"] = "::security:sv"

    editor_client.post(edit_url("asiakkaat", "security"), data)

    assert marked(other) == {("", None, "security", "sv")}


def test_removing_a_row_removes_its_marks(editor_client, in_acme):
    register = publishable()
    data = read_form(editor_client.get(edit_url("asiakkaat", "purposes")).content)
    data["purposes-0-description_en"] = "Looking after our customers"
    editor_client.post(edit_url("asiakkaat", "purposes"), data)
    data = read_form(editor_client.get(edit_url("asiakkaat", "purposes")).content)
    data["purposes-0-DELETE"] = "on"

    editor_client.post(edit_url("asiakkaat", "purposes"), data)

    assert marked(register) == set()


def test_the_overview_counts_translations_to_review_per_language(editor_client, in_acme):
    register = publishable()
    post_security(editor_client, fi="Pääsy vain nimetyillä työntekijöillä.")
    purpose = register.purposes.first()
    assert isinstance(purpose, Purpose)
    review.record_change(
        register,
        ("purposes", purpose.pk, "description"),
        purpose.description,
        {**purpose.description, "fi": "Uusi tarkoitus"},
        register.languages,
    )

    body = editor_client.get(overview_url("asiakkaat")).content.decode()

    assert "English: 2 translations to review" in body
    assert "Swedish: 2 translations to review" in body
    assert f'href="{edit_url("asiakkaat", "security")}#id_security_2"' in body
    assert f'href="{edit_url("asiakkaat", "purposes")}#id_purposes-0-description_1"' in body


def test_the_publish_page_summarises_each_language(owner_client, owner, in_acme):
    register = publishable()
    register_publish(register=register, user=owner, summary="")
    post_security(owner_client, fi="Pääsy vain nimetyillä työntekijöillä.")

    body = owner_client.get(reverse("register_publish", kwargs={"slug": "asiakkaat"})).content
    text = body.decode()

    finnish = text.split('data-language="fi"', 1)[1].split('data-language="en"', 1)[0]
    english = text.split('data-language="en"', 1)[1].split('data-language="sv"', 1)[0]
    assert "Changed since version 1:" in finnish
    assert "<li>Rekisterin suojauksen periaatteet</li>" in finnish
    assert finnish.count("<li>") == 1
    assert "No change since version 1." in english
    assert "1 translation to review:" in english
    assert 'type="submit"' not in text.split("What changes in each language", 1)[1]


def test_an_exported_mark_survives_import_and_a_file_without_marks_brings_none(
    editor_client, in_acme
):
    register = publishable()
    data = read_form(editor_client.get(edit_url("asiakkaat", "purposes")).content)
    data["purposes-1-description_en"] = "Marketing to our customers"
    editor_client.post(edit_url("asiakkaat", "purposes"), data)

    exported = register_to_dict(register)
    copied = register_from_dict(copy.deepcopy(exported), slug="kopio")
    plain = {k: v for k, v in exported.items() if k != "to_review"}
    fresh = register_from_dict(plain, slug="tuore")

    assert exported["to_review"] == [
        {"field": "purposes[1].description", "language": "fi", "changed": ["en"]},
        {"field": "purposes[1].description", "language": "sv", "changed": ["en"]},
    ]
    assert register_to_dict(copied) == {**exported, "slug": "kopio"}
    assert STALE in {f.code for f in check(copied)}
    assert marked(fresh) == set()
    assert "to_review" not in register_to_dict(fresh)


@pytest.mark.parametrize(
    ("entry", "path"),
    [
        ({"field": "purposes[9].description", "language": "sv", "changed": ["fi"]}, "to_review[0]"),
        ({"field": "purposes[0].basis", "language": "sv", "changed": ["fi"]}, "to_review[0]"),
        ({"field": "security", "language": "de", "changed": ["fi"]}, "to_review[0]"),
        ({"field": "security", "language": "sv"}, "to_review[0]"),
    ],
)
def test_an_import_refuses_a_mark_that_names_no_text(in_acme, entry, path):
    exported = register_to_dict(publishable())
    exported["to_review"] = [entry]

    with pytest.raises(ImportErrors) as raised:
        register_from_dict(exported, slug="kopio")

    assert [where for where, _message in raised.value.errors] == [path]
    assert not Register.objects.filter(slug="kopio").exists()


def test_marks_stay_in_their_organisation(acme, globex, editor_client, outsider):
    from django_tenants.utils import schema_context

    with schema_context(acme.schema_name):
        publishable()
    post_security(editor_client, fi="Pääsy vain nimetyillä työntekijöillä.")
    with schema_context(globex.schema_name):
        assert TranslationReview.objects.count() == 0
    outsider_client = host_client(acme.host, outsider)
    assert outsider_client.get(overview_url("asiakkaat")).status_code == 403


def test_the_history_shows_who_marked_and_who_confirmed(editor_client, owner_client, in_acme):
    publishable()
    post_security(editor_client, fi="Pääsy vain nimetyillä työntekijöillä.")
    data = read_form(editor_client.get(edit_url("asiakkaat", "security")).content)
    data["confirm_translation"] = "::security:sv"
    editor_client.post(edit_url("asiakkaat", "security"), data)

    history = reverse("register_history", kwargs={"slug": "asiakkaat"})
    entries = owner_client.get(history).context["entries"]
    reviews = [e for e in entries if str(e["kind"]) == "translation to review"]

    assert [(e["action"], e["label"]) for e in reviews if "Swedish" in e["label"]] == [
        ("removed", "Register · principles of protecting the register · Swedish"),
        ("added", "Register · principles of protecting the register · Swedish"),
    ]
    assert reviews[0]["who"].email == "editor@acme.example"
    assert ("Why", None, "the translation was confirmed") in reviews[0]["changes"]
