"""The editor's section pages: which fields and lists of rows each page shows, and saving them.

A section page is one form on the register's own fields plus a formset per list of rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from registers.editor import reviews
from registers.editor.forms import RegisterSectionForm
from registers.editor.rows import FORMSETS
from registers.models import (
    Purpose,
    Register,
    Retention,
)
from registers.translated import LANGUAGE_CODES


@dataclass(frozen=True)
class Section:
    slug: str
    title: Promise
    intro: Promise
    fields: tuple[str, ...] = ()
    rows: tuple[str, ...] = ()


SECTIONS: dict[str, Section] = {
    section.slug: section
    for section in (
        Section(
            "basics",
            _("Basics"),
            _("The name of the register and whose data it holds."),
            (
                "name",
                "languages",
                "subject_groups",
                "other_subject_groups",
                "consent_age",
                "introduction",
            ),
            ("joint_controllers",),
        ),
        Section(
            "purposes",
            _("Purposes and legal bases"),
            _(
                "Why the data is processed. The GDPR asks for every purpose and its legal basis "
                "(Art. 13(1)(c))."
            ),
            rows=("purposes",),
        ),
        Section(
            "categories",
            _("Data categories"),
            _("What data is processed. Special categories need an extra condition (Art. 9)."),
            ("identity_code_need",),
            ("categories",),
        ),
        Section(
            "sources",
            _("Sources"),
            _("Where the data comes from (Art. 14(2)(f))."),
            ("collected_from_subject",),
            ("sources",),
        ),
        Section(
            "recipients",
            _("Recipients"),
            _("Who receives the data: processors, partners, authorities (Art. 13(1)(e))."),
            ("has_recipients",),
            ("recipients",),
        ),
        Section(
            "transfers",
            _("Transfers outside the EU and EEA"),
            _(
                "Data sent to countries outside the EU and EEA, and what makes it lawful "
                "(Art. 13(1)(f)). Add the recipients first."
            ),
            ("has_transfers",),
            ("transfers",),
        ),
        Section(
            "retention",
            _("Retention"),
            _("How long the data is kept, or how that is decided (Art. 13(2)(a))."),
            rows=("retention",),
        ),
        Section(
            "automated",
            _("Automated decisions"),
            _("Decisions made by a computer alone, profiling included (Art. 22)."),
            ("has_automated_decisions", "automated_logic", "automated_consequences"),
        ),
        Section(
            "security", _("Security"), _("How the data is protected (Art. 32)."), ("security",)
        ),
        Section(
            "cookies",
            _("Cookies and analytics"),
            _("Cookies and tracking tools on your website, with their providers."),
            rows=("cookies",),
        ),
        Section(
            "rights",
            _("Rights"),
            _("How people use their rights. The rights themselves follow from the legal bases."),
            ("rights_channel", "rights_email", "response_days", "effective_date"),
        ),
    )
}


def _queryset(name: str) -> dict[str, Any]:
    # A retention rule's and a purpose's form show the categories they name: one query each.
    if name == "retention":
        return {"queryset": Retention.objects.prefetch_related("categories")}
    if name == "purposes":
        return {"queryset": Purpose.objects.prefetch_related("categories")}
    return {}


def section_form_class(section: Section) -> type[RegisterSectionForm]:
    meta = type("Meta", (RegisterSectionForm.Meta,), {"fields": section.fields})
    return type("SectionForm", (RegisterSectionForm,), {"Meta": meta})


def with_added_row(data: Any, formset: Any) -> Any:
    """The posted data with one more row in ``formset``, holding a new row's defaults."""
    data = data.copy()
    total = formset.total_form_count()
    data[f"{formset.prefix}-TOTAL_FORMS"] = str(total + 1)
    new = formset.form(
        prefix=formset.add_prefix(total),
        languages=formset.form_kwargs["languages"],
        register=formset.instance,
    )
    for bound in new:
        value = bound.value()
        if isinstance(value, str | int) and not isinstance(value, bool) and value != "":
            data[bound.html_name] = str(value)
    return data


class SectionPage:
    """The forms of one section page of one register, bound to a POST or not."""

    def __init__(
        self, section: Section, register: Register, data: Any = None, read_only: bool = False
    ) -> None:
        self.section = section
        self.register = register
        languages = tuple(register.languages) or LANGUAGE_CODES
        options = {"languages": languages, "read_only": read_only}
        self.form = section_form_class(section)(
            data, instance=register, initial={"version": register.version}, **options
        )
        self.formsets = [
            FORMSETS[name](
                data,
                instance=register,
                prefix=name,
                form_kwargs={**options, "register": register},
                **_queryset(name),
            )
            for name in section.rows
        ]

    def is_valid(self) -> bool:
        valid = self.form.is_valid()
        return all([valid, *(formset.is_valid() for formset in self.formsets)])

    def posted_version(self) -> int:
        return int(self.form.cleaned_data["version"])

    def save(self) -> list[str]:
        """Save every form; the caller holds the register's row lock.

        Returns the texts the save left to review (``purposes[0].description:sv``).
        """
        marked = reviews.record_page(self)
        register = self.form.save(commit=False)
        register.version = self.posted_version() + 1
        register.save(update_fields=[*self.section.fields, "version", "updated_at"])
        for formset in self.formsets:
            save_rows(formset)
        return marked


def save_page(page: SectionPage) -> bool:
    """Save the page if the register is still at the version it was read at (False if not)."""
    with transaction.atomic():
        locked = Register.objects.select_for_update().only("version").get(pk=page.register.pk)
        if locked.version != page.posted_version():
            return False
        page.save()
    return True


def save_rows(formset: Any) -> None:
    rows = formset.save(commit=False)
    for row in formset.deleted_objects:
        row.delete()
    # A formset of new rows only (the interview's marketing purposes) starts after the stored ones.
    start = getattr(formset, "first_position", 0)
    positions = {id(form.instance): start + index for index, form in enumerate(formset.forms)}
    for row in rows:
        row.position = positions.get(id(row), row.position)
        row.save()
    formset.save_m2m()
