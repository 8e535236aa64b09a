"""The editor's select boxes are written without Django's templates, and say exactly the same."""

from __future__ import annotations

from typing import Any

import pytest
from django import forms
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from registers.editor.controller_form import ControllerForm
from registers.editor.forms import RegisterCreateForm
from registers.editor.sections import SECTIONS, SectionPage
from registers.editor.select import FastSelect
from registers.models import Controller
from registers.sectors import create_from_sector

LANGUAGES = ("fi", "en", "sv")


def django_select(widget: forms.Select) -> forms.Select:
    """Django's own select box in the same state as ``widget``."""
    plain = forms.Select(attrs=widget.attrs, choices=widget.choices)
    plain.is_required, plain.is_localized = widget.is_required, widget.is_localized
    return plain


def select_fields(form: forms.BaseForm) -> list[forms.BoundField]:
    return [bound for bound in form if isinstance(bound.field.widget, FastSelect)]


def assert_same(form: forms.BaseForm) -> int:
    """Every select box of the form renders to the bytes Django's templates write."""
    compared = 0
    for bound in select_fields(form):
        plain = django_select(bound.field.widget)
        assert bound.as_widget() == bound.as_widget(widget=plain), bound.html_name
        compared += 1
    return compared


def clinic() -> Any:
    name = {"fi": "Potilasrekisteri", "en": "Patient register", "sv": "Patientregister"}
    return create_from_sector("clinic", name=name, slug="clinic", languages=list(LANGUAGES))


def page_forms(page: SectionPage) -> list[forms.BaseForm]:
    return [page.form, *(f for formset in page.formsets for f in [*formset, formset.empty_form])]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_select_box_of_the_editor_renders_as_djangos(in_acme, language):
    register = clinic()
    compared = 0
    with translation.override(language):
        for section in SECTIONS.values():
            for read_only in (False, True):
                page = SectionPage(section, register, read_only=read_only)
                compared += sum(assert_same(form) for form in page_forms(page))
        compared += assert_same(ControllerForm(instance=Controller.load()))
        compared += assert_same(RegisterCreateForm(user=None))
    # Countries, locations, legal bases, mechanisms, units, kinds, yes/no questions ...
    assert compared > 100


def test_posted_and_invalid_choices_render_as_djangos(in_acme):
    register = clinic()
    recipient = register.recipients.first()
    data = {
        "version": str(register.version),
        "recipients-TOTAL_FORMS": "2",
        "recipients-INITIAL_FORMS": "1",
        "recipients-0-id": str(recipient.pk),
        "recipients-0-recipient_type": "DataProcessor",
        "recipients-0-country": "not a country",
        "recipients-1-recipient_type": "<script>",
        "recipients-1-country": "US",
        "has_recipients": "True",
    }
    page = SectionPage(SECTIONS["recipients"], register, data)
    assert not page.is_valid()
    assert sum(assert_same(form) for form in page_forms(page)) >= 5
    assert 'aria-invalid="true"' in page.formsets[0].forms[0]["country"].as_widget()


def render_both(widget: FastSelect, value: Any, attrs: dict[str, Any] | None = None) -> str:
    fast = widget.render("field", value, attrs)
    assert fast == django_select(widget).render("field", value, attrs)
    return fast


def test_text_is_escaped_and_safe_text_is_not():
    widget = FastSelect(
        choices=[
            ("", "—"),
            ('a"b', "<b>&</b>"),
            ("safe", mark_safe("<i>kept</i>")),
            (None, "none"),
            (3, "three"),
        ]
    )
    for value in ('a"b', "safe", None, "", 3, "3", "missing"):
        render_both(widget, value)
    html = render_both(widget, 'a"b')
    assert '<option value="a&quot;b" selected>&lt;b&gt;&amp;&lt;/b&gt;</option>' in html
    assert "<i>kept</i>" in html


def test_only_the_first_option_of_a_value_is_selected():
    widget = FastSelect(choices=[("x", "first"), ("y", "other"), ("x", "second")])
    html = render_both(widget, "x")
    assert html.count(" selected") == 1
    render_both(widget, ["y", "x"])


def test_attributes_render_as_djangos():
    widget = FastSelect(attrs={"class": "form-select", "data-n": 5}, choices=[("a", "A")])
    attrs = {"id": "id_field", "required": True, "disabled": False, "aria-describedby": "h<"}
    html = render_both(widget, "a", attrs)
    assert " required" in html
    assert "disabled" not in html


def test_lazy_labels_follow_the_language():
    widget = FastSelect(choices=[("", _("Not answered yet")), ("yes", _("Yes"))])
    with translation.override("fi"):
        finnish = render_both(widget, "yes")
    with translation.override("en"):
        english = render_both(widget, "yes")
    assert "Yes" in english
    assert "Yes" not in finnish


def test_grouped_choices_are_left_to_djangos_templates():
    widget = FastSelect(choices=[("Nordic", [("FI", "Finland"), ("SE", "Sweden")]), ("US", "US")])
    assert "<optgroup" in render_both(widget, "SE")
