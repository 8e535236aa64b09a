"""Saving a single-object form only if nobody else saved the object since the form was shown."""

from __future__ import annotations

from django import forms
from django.db import transaction


def save_if_current(form: forms.ModelForm) -> bool:  # type: ignore[type-arg]
    """Save the form's object with its version raised by one, unless the stored version moved on.

    The form carries the version it was shown with (a hidden ``version`` field); the row is locked
    while the two are compared, so of two editors saving at once exactly one wins. Returns whether
    the form was saved; the caller answers 409 with the input kept otherwise.
    """
    posted = form.cleaned_data["version"]
    model = type(form.instance)
    with transaction.atomic():
        locked = model._default_manager.select_for_update().only("version").get(pk=form.instance.pk)
        if locked.version != posted:
            return False
        saved = form.save(commit=False)
        saved.version = posted + 1
        saved.save()
    return True
