"""No stock framework string in English on a Finnish or Swedish page, and none that is not ours.

Every page a member can open is rendered in Finnish and Swedish and searched for the English
originals of the framework's strings this project replaces or translates.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from registers.editor.interview.questions import QUESTIONS
from registers.editor.sections import SECTIONS
from registers.publishing.versions import register_publish
from tests.conftest import BASE, host_client
from tests.registers.document.test_document import full_controller, full_register

QUESTION_SLUGS = [question.slug for question in QUESTIONS]
STOCK = ("Select an option", "---------", "This field is required", "too similar to the")


def pages(slug: str) -> list[str]:
    register = {"slug": slug}
    return [
        reverse("register_list"),
        reverse("controller"),
        reverse("register_overview", kwargs=register),
        *(reverse("register_edit", kwargs={**register, "section": s}) for s in SECTIONS),
        reverse("register_history", kwargs=register),
        *(
            reverse("interview_question", kwargs={**register, "question": q.slug})
            for q in QUESTIONS
        ),
        reverse("interview_check", kwargs=register),
        reverse("register_publish", kwargs=register),
        reverse("register_outputs", kwargs=register),
        reverse("register_preview", kwargs={**register, "lang": "fi"}),
        reverse("data_import"),
        reverse("members"),
        reverse("review_setting"),
        reverse("audit_trail"),
        reverse("branding"),
        reverse("custom_host"),
        reverse("password_change"),
    ]


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_no_page_shows_a_stock_english_string(acme, owner, in_acme, language):
    full_controller()
    register = full_register(slug="asiakkaat")
    register_publish(register=register, user=owner, summary="")
    client = host_client(acme.host, owner, language=language)

    found = []
    for path in pages("asiakkaat"):
        body = client.get(path).content.decode()
        found += [(path, text) for text in STOCK if text in body]

    assert found == []


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_failed_saves_show_no_stock_english_string(acme, owner, in_acme, language):
    client = host_client(acme.host, owner, language=language)

    created = client.post(reverse("register_list"), {"slug": "x"}).content.decode()
    controller = client.post(reverse("controller"), {"version": "1"}).content.decode()

    assert [text for text in STOCK if text in created + controller] == []


def test_the_password_error_names_the_email_not_a_username(db):
    client = host_client(BASE)
    data = {
        "name": "Koe Oy",
        "slug": "koe",
        "email": "paivi.aijala@koe.example",
        "password1": "paivi.aijala@koe.ex",
        "password2": "paivi.aijala@koe.ex",
    }

    body = client.post(reverse("signup", urlconf="config.urls_public"), data).content.decode()

    assert "username" not in body
    assert "too similar to the email address" in body
