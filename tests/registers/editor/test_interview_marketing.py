"""The interview's marketing question: which purposes are direct marketing, or a new one."""

from __future__ import annotations

from registers.document import build_document
from registers.models import Controller, Purpose
from tenants.models import AuditEvent
from tests.registers.editor.test_editor_support import field_error, make_register, read_form
from tests.registers.editor.test_interview import NEW, question_url

PAGE = question_url("marketing")


def objection(register) -> str:
    rights = build_document(register, Controller.load(), "en").section("rights")
    assert rights is not None
    return " ".join(block.text for block in rights.blocks if block.emphasis)


def test_it_lists_each_purpose_with_a_box(editor_client, in_acme):
    make_register(rows=2, interview_step="marketing")

    html = editor_client.get(PAGE).content.decode()

    assert "Do you send marketing, newsletters or offers?" in html
    assert html.count('name="purposes-0-is_direct_marketing"') == 1
    assert "Text 1" in html  # the second purpose, by its own words
    assert 'name="purposes-0-basis"' not in html  # only the box, not the purpose again


def test_a_ticked_purpose_becomes_direct_marketing_and_the_notice_says_so(editor_client, in_acme):
    register = make_register(rows=2, interview_step="marketing")
    assert "direct marketing" not in objection(register)
    data = read_form(editor_client.get(PAGE).content)
    data["purposes-1-is_direct_marketing"] = "on"

    response = editor_client.post(PAGE, data)

    register.refresh_from_db()
    purposes = list(register.purposes.all())
    assert response["Location"] == question_url("sources")
    assert [p.is_direct_marketing for p in purposes] == [False, True]
    assert register.version == 2
    assert purposes[1].history.filter(is_direct_marketing=True).exists()
    assert AuditEvent.objects.filter(action="register.saved", detail__section="marketing").exists()
    assert "direct marketing" in objection(register)


def test_unticking_every_box_is_an_answer_shown_on_the_check_page(editor_client, in_acme):
    register = make_register(rows=1, interview_step="marketing")
    register.purposes.update(is_direct_marketing=True)
    data = read_form(editor_client.get(PAGE).content)
    data.pop("purposes-0-is_direct_marketing")

    editor_client.post(PAGE, data)
    html = editor_client.get("/registers/customers/interview/check/").content.decode()

    assert not register.purposes.get().is_direct_marketing
    assert "None of your purposes is marked as marketing." in html


def test_a_new_marketing_purpose_is_added_after_the_others(editor_client, in_acme):
    register = make_register(rows=1, interview_step="marketing")
    data = read_form(
        editor_client.post(
            PAGE, {**read_form(editor_client.get(PAGE).content), "add_row": "marketing"}
        ).content
    )
    data.update(
        {
            "marketing-0-description_fi": "Uutiskirje sähköpostilla",
            "marketing-0-description_en": "Newsletter by email",
            "marketing-0-basis": "A6-1-a",
            "marketing-0-consent_method": "opt-in",
        }
    )

    response = editor_client.post(PAGE, data)
    html = editor_client.get("/registers/customers/interview/check/").content.decode()

    added = register.purposes.order_by("position", "pk").last()
    assert response.status_code == 302, field_error(response.content, "id_marketing-0-basis")
    assert added is not None
    assert added.description["en"] == "Newsletter by email"
    assert added.is_direct_marketing
    assert added.position == 1
    assert "Newsletter by email" in html


def test_a_new_marketing_purpose_without_words_is_refused_at_the_field(editor_client, in_acme):
    register = make_register(interview_step="marketing")
    html = editor_client.get(PAGE).content.decode()
    data = read_form(
        editor_client.post(PAGE, {**read_form(html.encode()), "add_row": "marketing"}).content
    )
    data["marketing-0-basis"] = "A6-1-a"

    response = editor_client.post(PAGE, data)

    assert "You have not entered any purposes yet." in html
    assert response.status_code == 200
    assert field_error(response.content, "id_marketing-0-description")
    assert not Purpose.objects.filter(register=register).exists()


def test_the_sector_template_gives_the_starting_boxes(editor_client, in_acme):
    editor_client.post("/", {**NEW, "start": "web-shop"})

    data = read_form(editor_client.get(PAGE).content)

    ticked = [k for k, v in data.items() if k.endswith("is_direct_marketing") and v == "on"]
    assert len(ticked) == 2


def test_a_box_posted_beyond_the_purposes_adds_no_purpose(editor_client, in_acme):
    register = make_register(rows=1, interview_step="marketing")
    data = read_form(editor_client.get(PAGE).content)
    data.update({"purposes-TOTAL_FORMS": "2", "purposes-1-is_direct_marketing": "on"})

    response = editor_client.post(PAGE, data)

    assert response.status_code == 302
    assert register.purposes.count() == 1


def test_a_new_marketing_purpose_names_the_data_it_uses(editor_client, in_acme):
    register = make_register(rows=1, interview_step="marketing")
    email = register.categories.first()
    assert email is not None
    data = read_form(
        editor_client.post(
            PAGE, {**read_form(editor_client.get(PAGE).content), "add_row": "marketing"}
        ).content
    )
    data.update(
        {
            "marketing-0-description_fi": "Uutiskirje sähköpostilla",
            "marketing-0-description_en": "Newsletter by email",
            "marketing-0-basis": "A6-1-a",
            "marketing-0-consent_method": "opt-in",
            "marketing-0-categories": [str(email.pk)],
        }
    )

    response = editor_client.post(PAGE, data)

    added = register.purposes.order_by("position", "pk").last()
    assert response.status_code == 302, field_error(response.content, "id_marketing-0-categories")
    assert added is not None
    assert list(added.categories.all()) == [email]
