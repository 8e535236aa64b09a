"""What publishing now would change, language by language: the sections whose text differs from
the latest version's in that language, and the translations still to review.

The draft is worded with the latest version's dates, so only what the register says is compared,
not the day it is published.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from registers.compliance import Finding, to_review_by_language
from registers.document import SECTION_ORDER, NoticeDocument, build_document
from registers.models import Controller, Register, Version
from registers.translated import LANGUAGE_NAMES


@dataclass(frozen=True)
class LanguageChanges:
    language: str
    name: str
    # None when the latest version has no text in this language (or there is no version yet).
    changed: list[str] | None
    to_review: list[dict[str, Any]] = field(default_factory=list)


def changed_sections(published: NoticeDocument, draft: NoticeDocument) -> list[str]:
    """The headings of the draft's sections (or the removed ones') whose text is not the same."""
    keys = [s.key for s in draft.sections]
    keys += [s.key for s in published.sections if s.key not in keys]
    headings = []
    for key in keys:
        before, after = published.section(key), draft.section(key)
        same = (
            before is not None
            and after is not None
            and before.heading == after.heading
            and published.lines(key) == draft.lines(key)
        )
        shown = after or before
        if not same and shown is not None:
            headings.append(shown.heading)
    return headings


def language_changes(
    register: Register,
    controller: Controller,
    latest: Version | None,
    findings: list[Finding],
) -> list[LanguageChanges]:
    items = [{"finding": f, "url": f.url(register)} for f in findings]
    review = {
        group["language"]: group["items"]
        for group in to_review_by_language(register.languages, items)
    }
    outputs = {}
    if latest is not None:
        outputs = {o.language: o for o in latest.outputs.only("language", "document")}
    summary = []
    for code in register.languages:
        changed = None
        if latest is not None and code in outputs:
            published = NoticeDocument.from_dict(outputs[code].document)
            draft = build_document(
                register,
                controller,
                code,
                effective_date=register.effective_date or latest.effective_date,
                updated=timezone.localdate(latest.published_at),
            )
            changed = changed_sections(published, draft)
        name = str(LANGUAGE_NAMES.get(code, code))
        summary.append(LanguageChanges(code, name, changed, review.get(code, [])))
    return summary


def compare(old: NoticeDocument, new: NoticeDocument) -> list[dict[str, Any]]:
    """Per section, the lines of both versions marked as kept, inserted or deleted."""
    sections = []
    for key in SECTION_ORDER:
        before, after = old.lines(key), new.lines(key)
        if not before and not after:
            continue
        section = new.section(key) or old.section(key)
        lines = []
        matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            if op == "equal":
                lines += [("equal", line) for line in after[j1:j2]]
                continue
            lines += [("del", line) for line in before[i1:i2]]
            lines += [("ins", line) for line in after[j1:j2]]
        changed = any(kind != "equal" for kind, _line in lines)
        heading = section.heading if section else key
        sections.append({"key": key, "heading": heading, "lines": lines, "changed": changed})
    return sections
