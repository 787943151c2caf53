from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from sco.decisions.models import PositionChoice
from sco.members.models import State


class PositionForm(forms.Form):
    """Offers only the states the person may act for; the service asks the permission question again regardless."""

    state = forms.ChoiceField(label=_("For"))
    kind = forms.ChoiceField(label=_("Position"), choices=PositionChoice.choices, widget=forms.RadioSelect)
    text = forms.CharField(
        label=_("Reasons or views"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required for an objection (its reasons) and for a statement of views."),
    )

    def __init__(self, *args: Any, states: list[State], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["state"].choices = [(s.code, s.name) for s in states]  # type: ignore[attr-defined]
        if len(states) == 1:
            self.fields["state"].initial = states[0].code


class ExtendForm(forms.Form):
    deadline = forms.DateTimeField(
        label=_("New deadline (UTC)"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
