"""Write docs/checker.md from RULES, so the rule reference cannot drift from the code.

After changing a rule, run (one line)::

    python manage.py shell -v 0 -c "from registers.compliance.docs import render;
    print(render(), end='')" > docs/checker.md
"""

from __future__ import annotations

INTRODUCTION = """\
# The checker

Before a register can be published, the checker reads it and reports what its notice would lack
under GDPR Art. 13 and 14, and where it contradicts other rules of the GDPR or the Finnish Data
Protection Act (tietosuojalaki 1050/2018). Each rule below has a stable code, a severity and the
article it enforces. An **error** blocks publishing; a **warning** does not, but it is shown in
the editor's checklist with a link to the field to fix. Messages are shown in the editor's
language.

## Using it

```python
from registers.compliance import RULES, blocking, check, checklist_context, completeness

findings = check(register, controller)  # ordered by article, messages in the active language
errors = blocking(findings)             # publishing is allowed only when this is empty
percent = completeness(findings)        # 0-100, for the meter
finding.url(register)                   # the field to fix: .../edit/purposes/#id_purposes-0-basis
```

`templates/registers/editor/_checklist.html` shows the findings grouped by article, each a link
to its field, with the severity in words, a `<meter>` and a line saying whether publishing is
blocked. It needs `register`, `findings` and `completeness` in its context;
`checklist_context(register, controller)` returns them (plus a precomputed `checklist` of
findings with their URLs and the error and warning counts).

## How it reads a register

- **Art. 13 or 14.** Art. 13 applies when data is collected from the people themselves
  ("data is collected from the data subjects themselves" ticked); Art. 14 as soon as any data comes
  from elsewhere, that is when the box is unticked or any source row exists. Both can apply. The
  14-only items (data categories, sources) are required only when Art. 14 applies; 13(2)(e) (must
  the person provide the data) only when Art. 13 does.
- **Rights are derived, not typed.** The notice lists the rights that follow from the legal bases
  (and from direct marketing), so the checker does not ask for them. What it asks for is the way to
  exercise them (Art. 12(2)): an email address for requests or a description. When consent is a
  basis, the right to withdraw it (Art. 7(3), 13(2)(c)) is stated automatically; the checker warns
  when neither the text on exercising the rights nor a consent purpose says *how* to withdraw (text
  that never mentions withdrawal does not count), because withdrawing must be as easy as giving
  consent. An email address for requests is as easy when the consent purpose says consent, too,
  is given by email or by a form that sends one: the same means, as the EDPB's Guidelines 05/2020
  on consent ask (section 5.2, withdrawal of consent). A rights paragraph that denies a right
  the notice states, or says another law overrides it, is reported unless the sentence names
  when or for which data the right gives way (a lawful limit such as Art. 17(3)).
- **Special categories and consent.** The model does not tie a data category to a purpose, so the
  checker cannot see which purpose processes the health data. It reads the register as a whole:
  when consent (6(1)(a)) is the only basis of every purpose, the special-category data rests on
  consent too, and plain consent is not enough; the condition must be explicit consent (9(2)(a)),
  or the register must state the 9(2) condition and Art. 6 basis that really apply. In that case the
  checker reports `SEL-SPECIAL-EXPLICIT-CONSENT` instead of the general `SEL-SPECIAL-CONDITION`.
  A row counts as special when its category is one of the Art. 9(1) categories or it is marked
  special; criminal data (Art. 10) is not an Art. 9 category.
- **Drafts.** An imported draft can lack fields the editor requires (a purpose's basis, a
  recipient's role or country, a cookie's provider); the checker reports them instead of failing.
- **Free text.** The scans read every translated text of the register and of its rows, in every
  language (`registers/compliance/text_scans.py` and `wording.py`). Words are compared by their
  Snowball stems (the `snowballstemmer` package: Finnish, Swedish and English stemmers), so one
  entry covers a word's inflected forms, and a text is read clause by clause: a negated clause
  ("tietoja ei käytetä markkinointiin") is not a marketing purpose and "no health data" is not
  health data; a relative clause about other people ("people who can tell about the user's
  special needs") does not make a category health data; a modal hedge whose verb is the
  person's own request ("tiedot voidaan pyytää", "you may withdraw") is a right, not a hedge,
  unless the controller is the one who may. The health scan reads each category's own name and
  details, and the purposes only when no category is marked special. The lists catch the usual
  wording, not every paraphrase. `manage.py checker_calibration` measures the scans and the
  rules over the fault classes in `tests/registers/compliance/fault_classes/` and the five seed
  notices: the share of expected findings caught and the false findings.
- **Sources and categories.** The model does not link a source to data categories. When a
  source is publicly accessible, or the data is not collected from the people themselves, the
  checker warns unless the source's own words name one of the register's categories.
- **Transfers.** A recipient or a tool whose country is outside the EU/EEA needs a transfer with a
  ground (adequacy, an Art. 46 safeguard, or an Art. 49 derogation). A transfer row covers a
  recipient when it points to it, or when it names no recipient and has the same country. Cookies
  have no field for how to obtain a copy of a safeguard, so a transfer row for the same country
  must say it.
- **Completeness.** The meter shows the weighted share of rules that pass (an error weighs three,
  a warning one); rules that do not apply count as passed.

## What it does not check

- Items Seloste always writes itself: the rights that follow from the bases (13(2)(b), 14(2)(c)),
  the right to lodge a complaint with the Data Protection Ombudsman (13(2)(d), 14(2)(e)), the
  right to withdraw consent (13(2)(c), 14(2)(d)) and the separate statement of the right to object
  (21(4)) for purposes marked as direct marketing or resting on 6(1)(e) or (f).
- Timing and exemptions: when Art. 14 information is given (14(3)), information before further
  processing (13(3), 14(4)) and the exemptions of 13(4) and 14(5) are about how the notice is
  used, not what it says.
- Whether what the register says is true. A notice can pass every rule and still describe the
  processing wrongly; the checker only sees what was entered.
- Adequacy decisions by country: an "adequacy decision" transfer is taken as stated, except the
  EU-US Data Privacy Framework, which the checker accepts for the United States only.

## Rules
"""


def render() -> str:
    from django.utils import translation

    from registers.compliance import RULES

    lines = [INTRODUCTION]
    with translation.override("en"):
        lines.append("| Code | Severity | Article | Rule |")
        lines.append("|---|---|---|---|")
        for rule in RULES.values():
            lines.append(f"| `{rule.code}` | {rule.severity} | {rule.article} | {rule.title} |")
        lines.append("")
        for rule in RULES.values():
            lines.append(f"### `{rule.code}`: {rule.title}\n")
            lines.append(f"*{str(rule.severity).capitalize()}, {rule.article}.* {rule.reason}\n")
    return "\n".join(lines)
