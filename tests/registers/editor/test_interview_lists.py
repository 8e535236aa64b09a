"""The interview's lists: the yes/no question on its own page, its list after "yes" only."""

from __future__ import annotations

from registers.models import Recipient, Register
from tests.registers.editor.test_editor_support import make_register, read_form
from tests.registers.editor.test_interview import codes, question_url

CHECK = "/registers/customers/interview/check/"


def answer(client, question: str, rows: dict[str, str] | None = None, change=False, **values):
    page = question_url(question) + ("?change=1" if change else "")
    data = read_form(client.get(page).content)
    return client.post(page, {**data, **(rows or {}), **values})


def test_the_yes_no_question_is_alone_on_its_page(editor_client, in_acme):
    make_register(interview_step="providers")

    html = editor_client.get(question_url("providers")).content.decode()

    assert 'type="radio" name="has_recipients"' in html
    assert "recipients-TOTAL_FORMS" not in html


def test_yes_leads_to_the_list_and_the_list_to_the_next_question(editor_client, in_acme):
    register = make_register(interview_step="providers")

    said_yes = answer(editor_client, "providers", has_recipients="True")
    html = editor_client.get(said_yes["Location"]).content.decode()
    listed = answer(
        editor_client,
        "recipients",
        {
            "recipients-TOTAL_FORMS": "1",
            "recipients-0-recipient_type": "DataProcessor",
            "recipients-0-name": "Mailer Oy",
            "recipients-0-description_fi": "Sähköpostipalvelu",
            "recipients-0-description_en": "Email service",
            "recipients-0-country": "FI",
        },
    )

    register.refresh_from_db()
    assert said_yes["Location"] == question_url("recipients")
    assert 'data-add-row="recipients"' in html
    assert 'name="has_recipients"' not in html
    assert listed["Location"] == question_url("transfers")
    assert (register.has_recipients, register.interview_step) == (True, "transfers")
    assert Recipient.objects.get(register=register).name == "Mailer Oy"


def test_no_skips_the_list_both_ways(editor_client, in_acme):
    register = make_register(interview_step="transfers")

    response = answer(editor_client, "transfers", has_transfers="False")
    html = editor_client.get(question_url("cookies")).content.decode()

    register.refresh_from_db()
    assert response["Location"] == question_url("cookies")
    assert register.has_transfers is False
    assert 'href="/registers/customers/interview/transfers/"' in html  # back, past the list
    assert "SEL-ANSWER-TRANSFERS" not in codes(register)


def test_a_change_to_yes_from_the_answers_asks_for_the_list_then_returns(editor_client, in_acme):
    register = make_register(interview_step="done", has_automated_decisions=False)

    said_yes = answer(editor_client, "automated", change=True, has_automated_decisions="True")
    details = answer(
        editor_client,
        "automated-details",
        change=True,
        automated_logic_fi="Pisteytys maksuhistorian perusteella",
        automated_logic_en="A score from the payment history",
        automated_consequences_fi="Luotto voidaan evätä",
        automated_consequences_en="Credit may be refused",
    )

    register.refresh_from_db()
    assert said_yes["Location"] == question_url("automated-details") + "?change=1"
    assert details["Location"] == CHECK
    assert register.automated_logic["en"] == "A score from the payment history"
    assert register.interview_step == "done"


def test_check_your_answers_shows_a_list_only_after_yes(editor_client, in_acme):
    make_register(interview_step="check", has_recipients=False, has_transfers=True)

    html = editor_client.get(CHECK).content.decode()

    assert f'href="{question_url("providers")}?change=1"' in html
    assert f'href="{question_url("recipients")}?change=1"' not in html
    assert f'href="{question_url("transfer-list")}?change=1"' in html


def test_a_list_that_does_not_apply_yet_is_still_a_page(editor_client, in_acme):
    """Opened by its address, it shows; the way through the interview passes it by."""
    register = make_register(interview_step="recipients")

    response = editor_client.get(question_url("recipients"))

    assert response.status_code == 200
    assert Register.objects.get(pk=register.pk).has_recipients is None
