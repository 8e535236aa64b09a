"""The interview's questions, in the order they are asked, each on the register's real fields."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from registers.editor.sections import Section
from registers.models import Register

CHECK = "check"  # the step after the last question: check your answers
DONE = "done"  # finished: the overview no longer offers to continue
MARKETING = "marketing"  # the purposes ticked as direct marketing, not a field of the register


@dataclass(frozen=True)
class Question:
    slug: str
    text: Promise
    hint: Promise
    fields: tuple[str, ...] = ()
    rows: tuple[str, ...] = ()
    # A yes/no answer that must be "yes" for this page to be asked: a list after its question.
    when: str = ""

    def applies(self, register: Register) -> bool:
        return not self.when or getattr(register, self.when) is True

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
        _("One row for each purpose, with its legal basis. Marketing is the next question."),
        rows=("purposes",),
    ),
    Question(
        MARKETING,
        _("Do you send marketing, newsletters or offers?"),
        _(
            "Tick each purpose for which you send people marketing directly, by email, text "
            "message, post or phone. People may always object to it, and the notice tells them so."
        ),
    ),
    Question(
        "sources",
        _("Do you get the data from the people themselves?"),
        _("For example when they fill in a form, place an order or book an appointment."),
        ("collected_from_subject",),
    ),
    Question(
        "other-sources",
        _("Do you get data from anyone else?"),
        _(
            "For example from a partner, a public register or a person who books for someone "
            "else. Add each such source; if there are none, continue without adding any."
        ),
        rows=("sources",),
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
        _("Do service providers or others receive the data?"),
        _("IT, email, accounting and hosting services count too."),
        ("has_recipients",),
    ),
    Question(
        "recipients",
        _("Who receives the data, and where are they?"),
        _(
            "Add each service provider or other recipient. Give each one's country: it shows "
            "whether data leaves the EU and EEA."
        ),
        rows=("recipients",),
        when="has_recipients",
    ),
    Question(
        "transfers",
        _("Does any data go to a country outside the EU and EEA?"),
        _("A service provider there counts, even when it only stores the data."),
        ("has_transfers",),
    ),
    Question(
        "transfer-list",
        _("Which transfers go outside the EU and EEA?"),
        _("For each transfer, say what makes it lawful, such as standard contractual clauses."),
        rows=("transfers",),
        when="has_transfers",
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
        ("has_automated_decisions",),
    ),
    Question(
        "automated-details",
        _("How does the computer decide, and what does it mean for people?"),
        _("In plain words: how the decision is reached and what follows from it for the person."),
        ("automated_logic", "automated_consequences"),
        when="has_automated_decisions",
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
SLUGS = [question.slug for question in QUESTIONS]


def asked_of(register: Register) -> list[Question]:
    """The questions that apply to the register as answered so far."""
    return [question for question in QUESTIONS if question.applies(register)]


def next_step(slug: str, register: Register) -> str:
    """The question after ``slug`` that applies, or check your answers after the last one."""
    index = SLUGS.index(slug)
    later = [q.slug for q in QUESTIONS[index + 1 :] if q.applies(register)]
    return later[0] if later else CHECK


def previous_step(slug: str, register: Register) -> str | None:
    index = SLUGS.index(slug)
    earlier = [q.slug for q in QUESTIONS[:index] if q.applies(register)]
    return earlier[-1] if earlier else None
