"""The interview of a new register: one question per page, saved at once, skippable, resumable."""

from __future__ import annotations

import re

from registers.compliance import check
from registers.models import Controller, Recipient, Register
from tenants.models import AuditEvent
from tests.registers.editor.test_editor_support import field_error, make_register, read_form

NEW = {"name_fi": "Asiakkaat", "name_en": "Customers", "slug": "customers", "languages": ["fi"]}


def question_url(question: str, slug: str = "customers") -> str:
    return f"/registers/{slug}/interview/{question}/"


def codes(register: Register) -> set[str]:
    register.refresh_from_db()
    return {finding.code for finding in check(register, Controller.load())}


def test_a_new_register_starts_in_the_interview(editor_client, in_acme):
    response = editor_client.post("/", {**NEW, "start": ""})

    assert response["Location"] == question_url("people")
    assert Register.objects.get(slug="customers").interview_step == "people"


def test_a_question_page_shows_its_progress_back_link_and_skip(editor_client, in_acme):
    make_register(interview_step="people")

    html = editor_client.get(question_url("sources")).content.decode()

    # The lists after "yes" are not counted while nothing is answered yet.
    assert "Question 4 of 13" in html
    assert 'href="/registers/customers/interview/marketing/"' in html  # back
    assert 'name="skip"' in html
    assert 'type="radio" name="collected_from_subject"' in html


def test_an_answer_is_saved_to_the_register_at_once_and_recorded(editor_client, in_acme):
    register = make_register(interview_step="providers")
    data = read_form(editor_client.get(question_url("providers")).content)
    data["has_recipients"] = "False"

    response = editor_client.post(question_url("providers"), data)

    register.refresh_from_db()
    assert response["Location"] == question_url("transfers")
    assert register.has_recipients is False
    assert register.interview_step == "transfers"
    assert register.version == 2
    assert register.history.filter(has_recipients=False).exists()
    assert AuditEvent.objects.filter(action="register.saved", detail__section="providers").exists()
    assert "SEL-ANSWER-RECIPIENTS" not in codes(register)


def test_skipping_leaves_the_answer_unanswered_and_moves_on(editor_client, in_acme):
    register = make_register(interview_step="providers")
    data = {**read_form(editor_client.get(question_url("providers")).content), "skip": ""}
    data["has_recipients"] = "True"

    response = editor_client.post(question_url("providers"), data)

    register.refresh_from_db()
    assert response["Location"] == question_url("transfers")
    assert register.has_recipients is None
    assert (register.interview_step, register.version) == ("transfers", 1)
    assert "SEL-ANSWER-RECIPIENTS" in codes(register)


def test_a_question_with_rows_saves_them_and_shows_errors_at_the_field(editor_client, in_acme):
    register = make_register(interview_step="recipients", has_recipients=True)
    data = read_form(editor_client.get(question_url("recipients")).content)
    data.update(
        {
            "recipients-TOTAL_FORMS": "1",
            "recipients-0-recipient_type": "DataProcessor",
            "recipients-0-name": "Mailer Inc",
            "recipients-0-description_fi": "Sähköpostipalvelu",
            "recipients-0-description_en": "Email service",
            "recipients-0-country": "XX",
        }
    )

    refused = editor_client.post(question_url("recipients"), data)
    data["recipients-0-country"] = "US"
    saved = editor_client.post(question_url("recipients"), data)

    assert refused.status_code == 200
    assert field_error(refused.content, "id_recipients-0-country")
    assert saved.status_code == 302
    assert Recipient.objects.get(register=register).country == "US"


def test_a_stale_question_page_is_refused_with_the_input_kept(editor_client, in_acme):
    register = make_register(interview_step="automated")
    data = read_form(editor_client.get(question_url("automated")).content)
    Register.objects.filter(pk=register.pk).update(version=5)
    data["has_automated_decisions"] = "False"

    response = editor_client.post(question_url("automated"), data)

    register.refresh_from_db()
    assert response.status_code == 409
    assert register.has_automated_decisions is None


def test_the_overview_offers_to_continue_where_the_user_left_off(editor_client, in_acme):
    make_register(interview_step="cookies")

    html = editor_client.get("/registers/customers/").content.decode()

    assert f'href="{question_url("cookies")}"' in html


def test_a_finished_interview_is_no_longer_offered(editor_client, in_acme):
    register = make_register(interview_step="check")

    response = editor_client.post("/registers/customers/interview/finish/")

    register.refresh_from_db()
    html = editor_client.get("/registers/customers/").content.decode()
    assert response["Location"] == "/registers/customers/"
    assert register.interview_step == "done"
    assert "/interview/" not in html


def test_after_the_last_question_come_the_answers_with_change_links(editor_client, in_acme):
    make_register(interview_step="effective-date", has_transfers=False)
    data = read_form(editor_client.get(question_url("effective-date")).content)
    data["effective_date"] = "2026-03-01"

    response = editor_client.post(question_url("effective-date"), data)
    html = editor_client.get(response["Location"]).content.decode()

    assert response["Location"] == "/registers/customers/interview/check/"
    assert "1 March 2026" in html
    assert f'href="{question_url("transfers")}?change=1"' in html
    assert "Not answered yet" in html  # the questions not answered say so, nothing more


def test_a_change_from_the_answers_returns_to_them(editor_client, in_acme):
    register = make_register(interview_step="done")
    page = question_url("automated") + "?change=1"
    data = read_form(editor_client.get(page).content)
    data["has_automated_decisions"] = "False"

    response = editor_client.post(page, data)

    register.refresh_from_db()
    assert response["Location"] == "/registers/customers/interview/check/"
    assert register.interview_step == "done"


def test_a_sector_template_gives_the_starting_answers(editor_client, in_acme):
    editor_client.post("/", {**NEW, "start": "web-shop"})

    html = editor_client.get(question_url("providers")).content.decode()

    assert re.search(r'name="has_recipients" value="True"[^>]* checked', html)
    assert Recipient.objects.filter(register__slug="customers").exists()


def test_a_viewer_cannot_answer(viewer_client, in_acme):
    make_register(interview_step="people")

    assert viewer_client.get(question_url("people")).status_code == 403


def test_an_unknown_question_is_not_found(editor_client, in_acme):
    make_register()

    assert editor_client.get(question_url("nothing")).status_code == 404
