"""The owner's forms for the record: one register's internal facts, and work done for others."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from registers.editor.forms import EditorForm
from registers.models import Answer, DpiaTrigger, ProcessingRecord, ProcessorActivity

MAX_ACTIVITIES = 200


class RecordForm(EditorForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, max_value=2**31 - 1)
    dpia_triggers = forms.MultipleChoiceField(
        label=_("Processing that requires an impact assessment"),
        choices=DpiaTrigger.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = ProcessingRecord
        fields = (
            "system",
            "internal_owner",
            "dpia_triggers",
            "dpia_required",
            "dpia_date",
            "transfer_safeguards",
            "reviewed_on",
            "notes",
        )
        widgets = {
            "dpia_required": forms.RadioSelect,
            "dpia_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "reviewed_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "transfer_safeguards": forms.Textarea(attrs={"rows": 3}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "system": _("For example the patient information system, the web shop platform."),
            "dpia_triggers": _(
                "Tick what applies. Any of these means that an impact assessment must be made "
                "before the processing starts."
            ),
            "transfer_safeguards": _(
                "Needed where a transfer relies on an exception of Art. 49(1): why it applies "
                "and how the data is protected."
            ),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # "Not answered yet" stays possible: the record's checker asks for the answer.
        field = self.fields["dpia_required"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("Not answered yet")), *Answer.choices]


class ProcessorActivityForm(EditorForm):
    class Meta:
        model = ProcessorActivity
        fields = (
            "controller_name",
            "controller_contact",
            "controller_representative",
            "processing",
            "transfers",
            "security",
        )
        widgets = {
            name: forms.Textarea(attrs={"rows": 2})
            for name in ("processing", "transfers", "security")
        }


ProcessorFormSet = forms.modelformset_factory(
    ProcessorActivity,
    form=ProcessorActivityForm,
    extra=1,
    can_delete=True,
    max_num=MAX_ACTIVITIES,
    validate_max=True,
    absolute_max=MAX_ACTIVITIES,
)


def activities_state() -> str:
    """A fingerprint of the stored rows: a save made on another reading of them is refused."""
    rows = list(ProcessorActivity.objects.order_by("pk").values())
    return hashlib.sha256(json.dumps(rows, default=str, sort_keys=True).encode()).hexdigest()
