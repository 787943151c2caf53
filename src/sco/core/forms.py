from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from sco.core.errors import ScoError
from sco.core.i18n import localized


class NameChoiceField(forms.ModelChoiceField):
    """A record with name_en/_ru/_zh (a state, a body) by its name in the reader's language; the model's str is the
    English name."""

    def label_from_instance(self, obj: Any) -> str:
        return localized(obj, "name")


class NamesChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return localized(obj, "name")


def add_service_errors(form: forms.Form, error: ScoError, aliases: Mapping[str, str] | None = None) -> None:
    """Puts a service's refusal on the form: each field error on its field (renamed through `aliases` where the form
    calls it otherwise), the rest and a refusal without field errors above the form."""
    if not error.field_errors:
        form.add_error(None, error.message)
    for name, messages in error.field_errors.items():
        target = (aliases or {}).get(name, name)
        for text in messages:
            form.add_error(target if target in form.fields else None, text)


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"), max_length=100, help_text=_("What the token is for, e.g. 'reporting script'.")
    )
    days = forms.IntegerField(label=_("Valid for (days)"), min_value=1, max_value=366, initial=90)
