"""Rules for GDPR Art. 13(2)(a) and 14(2)(a): how long each kind of data is kept.

Every data category is covered by a rule (a rule may cover several, or "all other data"), and
every rule ends: a period, or the event that ends keeping. Criteria alone leave it open.
"""

from __future__ import annotations

from collections.abc import Iterator

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from registers.compliance.base import (
    Facts,
    Severity,
    Violation,
    field_anchor,
    filled,
    label,
    row_name,
    rule,
    text_anchor,
)
from registers.compliance.crosschecks import category_name
from registers.models import Retention

E = Severity.ERROR
A2A = "GDPR 13(2)(a), 14(2)(a)"


def _rule_name(row: Retention, index: int) -> str:
    return label(row.applies_to, row_name(Retention, index))


@rule(
    "SEL-RETENTION-NONE",
    E,
    A2A,
    gettext_lazy("At least one retention rule"),
    (
        "The notice states how long data is kept or, if that cannot be said, the "
        "criteria that decide it."
        " An error: the period or its criteria are a required item of Art. 13(2)(a) and "
        "14(2)(a)."
    ),
)
def retention_none(facts: Facts) -> Iterator[Violation]:
    if not facts.retention:
        yield Violation(
            _("Add a retention rule: how long the data is kept, or the criteria that decide it."),
            "retention",
        )


@rule(
    "SEL-RETENTION-PERIOD",
    E,
    A2A,
    gettext_lazy("Every retention rule has a period or an end"),
    (
        'A rule naming only the data ("customer data") says nothing about how long it '
        "is kept. A period needs its unit."
        " An error: a rule without a period or criteria leaves the required item of Art. "
        "13(2)(a) and 14(2)(a) unanswered."
    ),
)
def retention_period(facts: Facts) -> Iterator[Violation]:
    for index, row in enumerate(facts.retention):
        has_period = bool(row.period) and bool(row.unit)
        if not has_period and not filled(row.criteria) and not filled(row.end_event):
            anchor = "unit" if row.period else "period"
            yield Violation(
                _("Give a period (with its unit) or the end of keeping “%(data)s”.")
                % {"data": _rule_name(row, index)},
                "retention",
                field_anchor(anchor, "retention", index),
            )


@rule(
    "SEL-RETENTION-OPEN-ENDED",
    E,
    A2A,
    gettext_lazy("Criteria without a period name the event that ends keeping"),
    (
        "Art. 13(2)(a) allows the criteria for the period instead of the period, but the "
        "criteria must let a reader work out when the data goes: 'as long as needed' has "
        "no end. A rule without a period therefore names the event that ends keeping (the "
        "end of the customer relationship, the withdrawal of consent)."
        " An error: criteria with no end do not say how long, which Art. 13(2)(a) and 14(2)(a) "
        "require."
    ),
)
def retention_open_ended(facts: Facts) -> Iterator[Violation]:
    for index, row in enumerate(facts.retention):
        has_period = bool(row.period) and bool(row.unit)
        if not has_period and filled(row.criteria) and not filled(row.end_event):
            yield Violation(
                _(
                    "The rule “%(data)s” gives criteria but no end: enter a period, or the event "
                    "after which the data is deleted."
                )
                % {"data": _rule_name(row, index)},
                "retention",
                text_anchor("end_event", "retention", index),
            )


@rule(
    "SEL-RETENTION-SCOPE",
    E,
    A2A,
    gettext_lazy("Every retention rule says which data it covers"),
    (
        "A period means something only with the data it applies to. Each rule names the "
        "data categories it covers, or covers all other data."
        " An error: a rule covering no data answers Art. 13(2)(a) for nothing."
    ),
)
def retention_scope(facts: Facts) -> Iterator[Violation]:
    for index, row in enumerate(facts.retention):
        if not row.all_other_data and not facts.covered_by(row):
            yield Violation(
                _("Choose which data the rule “%(data)s” covers.")
                % {"data": _rule_name(row, index)},
                "retention",
                field_anchor("categories", "retention", index),
            )


@rule(
    "SEL-RETENTION-COVERAGE",
    E,
    A2A,
    gettext_lazy("Every data category is covered by a retention rule"),
    (
        "One rule with a period does not say how long the other data is kept: logs or "
        "contact-form messages would have no period. Each category is covered by a rule "
        "that names it, or by a rule for all other data."
        " An error: data with no period leaves the required item of Art. 13(2)(a) and 14(2)(a) "
        "unanswered for it."
    ),
)
def retention_coverage(facts: Facts) -> Iterator[Violation]:
    if not facts.retention or any(row.all_other_data for row in facts.retention):
        return
    covered = {pk for row in facts.retention for pk in facts.covered_by(row)}
    for index, category in enumerate(facts.categories):
        if category.pk not in covered:
            yield Violation(
                _(
                    "No retention rule covers “%(category)s”: add it to a rule, or add a rule "
                    "for all other data."
                )
                % {"category": category_name(category, index)},
                "retention",
            )
