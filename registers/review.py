"""Translations to review: when one language of a text changes, its other languages may no longer
say the same, so they are marked until someone edits or confirms them (GDPR Art. 12(1)).

A save that changes several languages of a field together marks none of them: they arrive
together, as from an import. Editing a marked language answers its mark and marks nothing back.
Only languages that hold text are marked; an empty one is already reported as untranslated.
Each mark and each removal is kept in the mark's history, with the reason.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping

from django.db.models import QuerySet
from django.utils import timezone

from registers.models import Register, TranslationReview

# (list, row id, field): "" and None for the register's own fields.
Key = tuple[str, int | None, str]

EDITED = "edited"
CONFIRMED = "confirmed"
REMOVED = "row removed"


def key_of(review: TranslationReview) -> Key:
    return (review.rows, review.row_id, review.field)


def marks(register: Register) -> dict[Key, dict[str, TranslationReview]]:
    """The register's marks by field and language, in the register's languages only."""
    found: dict[Key, dict[str, TranslationReview]] = defaultdict(dict)
    for review in _reviews(register):
        found[key_of(review)][review.language] = review
    return dict(found)


def _reviews(register: Register) -> Iterable[TranslationReview]:
    # A page that prefetched the marks reads them once for its inputs and for its checklist.
    prefetched = getattr(register, "_prefetched_objects_cache", {}).get("translation_reviews")
    if prefetched is None:
        return register.translation_reviews.filter(language__in=register.languages)
    return [review for review in prefetched if review.language in register.languages]


def _remove(reviews: Iterable[TranslationReview], reason: str) -> int:
    count = 0
    for review in reviews:
        review._change_reason = reason  # type: ignore[attr-defined]
        review.delete()
        count += 1
    return count


def _filter(register: Register, key: Key) -> QuerySet[TranslationReview]:
    rows, row_id, field = key
    return register.translation_reviews.filter(rows=rows, row_id=row_id, field=field)


def record_change(
    register: Register,
    key: Key,
    old: Mapping[str, str] | None,
    new: Mapping[str, str] | None,
    languages: Iterable[str],
) -> list[str]:
    """Mark the field's other languages after a save of ``old`` -> ``new``; return those marked."""
    old, new, languages = old or {}, new or {}, list(languages)
    changed = [code for code in languages if old.get(code, "") != new.get(code, "")]
    if not changed:
        return []
    reviews = _filter(register, key)
    answered = set(reviews.filter(language__in=changed).values_list("language", flat=True))
    _remove(reviews.filter(language__in=changed), EDITED)
    # Bringing a marked language up to date answers its mark: it does not mark the others back.
    written = [code for code in changed if new.get(code) and code not in answered]
    stale = [code for code in languages if code not in changed and new.get(code)]
    if not written:
        return []
    rows, row_id, field = key
    for code in stale:
        review = reviews.filter(language=code).first() or TranslationReview(
            register=register, rows=rows, row_id=row_id, field=field, language=code
        )
        review.changed = [c for c in languages if c in {*review.changed, *written}]
        review.marked_at = timezone.now()
        review._change_reason = EDITED  # type: ignore[attr-defined]
        review.save()
    return stale


def confirm(register: Register, key: Key, language: str) -> bool:
    """The text in ``language`` still says what the others say; False if it was not marked."""
    reviews = _filter(register, key).filter(language=language)
    return _remove(reviews, CONFIRMED) > 0


def forget_row(register: Register, rows: str, row_id: int) -> None:
    """A removed row takes its marks with it."""
    _remove(register.translation_reviews.filter(rows=rows, row_id=row_id), REMOVED)


def restore(register: Register, key: Key, language: str, changed: list[str]) -> None:
    """A mark read back from an export of the register."""
    rows, row_id, field = key
    TranslationReview.objects.create(
        register=register,
        rows=rows,
        row_id=row_id,
        field=field,
        language=language,
        changed=changed,
    )
