"""The interview's questions, in the order they are asked, each on the register's real fields."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from registers.editor.sections import Section

CHECK = "check"  # the step after the last question: check your answers
DONE = "done"  # finished: the overview no longer offers to continue


@dataclass(frozen=True)
class Question:
    slug: str
    text: Promise
    hint: Promise
    fields: tuple[str, ...] = ()
    rows: tuple[str, ...] = ()

    @property
    def section(self) -> Section:
        return Section(self.slug, self.text, self.hint, self.fields, self.rows)


QUESTIONS: tuple[Question, ...] = (
    Question(
        "people",
        _("Whose personal data is in the register?"),
        _("Choose every group of people whose data you keep. The notice is written for them."),
        ("subject_groups", "other_subject_groups"),
    ),
    Question(
        "purposes",
        _("What do you use the data for?"),
        _(
            "One row for each purpose, with its legal basis. Marketing sent to people directly "
            "is a purpose of its own: tick “direct marketing” on it."
        ),
        rows=("purposes",),
    ),
    Question(
        "sources",
        _("Do you get data from anyone other than the people themselves?"),
        _(
            "For example from a partner, a public register or a person who books for someone "
            "else. List each such source."
        ),
        ("collected_from_subject",),
        ("sources",),
    ),
    Question(
        "data",
        _("What data do you keep? Is any of it about health or other special matters?"),
        _(
            "Health, ethnic origin, beliefs, trade union membership, genetic or biometric data "
            "and sex life are special categories: each needs a condition of GDPR Art. 9(2)."
        ),
        rows=("categories",),
    ),
    Question(
        "providers",
        _("Do service providers or others receive the data, and where are they?"),
        _(
            "IT, email, accounting and hosting services count too. Give each one's country: "
            "it shows whether data leaves the EU and EEA."
        ),
        ("has_recipients",),
        ("recipients",),
    ),
    Question(
        "transfers",
        _("Does any data go to a country outside the EU and EEA?"),
        _("For each transfer, say what makes it lawful, such as standard contractual clauses."),
        ("has_transfers",),
        ("transfers",),
    ),
    Question(
        "cookies",
        _("Does your website use cookies or analytics tools?"),
        _("List each cookie or tool with its provider. Leave the list empty if there are none."),
        rows=("cookies",),
    ),
    Question(
        "automated",
        _("Does a computer alone make decisions about people?"),
        _(
            "Only decisions with legal or similarly significant effects count, profiling "
            "included (GDPR Art. 22)."
        ),
        ("has_automated_decisions", "automated_logic", "automated_consequences"),
    ),
    Question(
        "retention",
        _("How long do you keep the data?"),
        _("A period for each kind of data or purpose, or the criteria that decide it."),
        rows=("retention",),
    ),
    Question(
        "requests",
        _("How do people ask about their data, and how soon do you answer?"),
        _("The GDPR gives one month to answer a request (Art. 12(3))."),
        ("rights_channel", "rights_email", "response_days"),
    ),
    Question(
        "effective-date",
        _("From which date does the notice apply?"),
        _("Readers see the date at the top of the notice."),
        ("effective_date",),
    ),
)
BY_SLUG: dict[str, Question] = {question.slug: question for question in QUESTIONS}
FIRST = QUESTIONS[0].slug


def next_step(slug: str) -> str:
    """The question after ``slug``, or the check-your-answers page after the last one."""
    index = [question.slug for question in QUESTIONS].index(slug)
    return QUESTIONS[index + 1].slug if index + 1 < len(QUESTIONS) else CHECK


def previous_step(slug: str) -> str | None:
    index = [question.slug for question in QUESTIONS].index(slug)
    return QUESTIONS[index - 1].slug if index else None
