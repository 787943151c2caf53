from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from sco.core.models import User
from sco.members.models import Body


class DelegateForm(forms.Form):
    username = forms.CharField(label=_("Username of the person"), max_length=150)
    bodies = forms.ModelMultipleChoiceField(
        label=_("Bodies the delegate acts in"), queryset=Body.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    start = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["bodies"].queryset = Body.objects.order_by("order", "name_en")  # type: ignore[attr-defined]

    def clean_username(self) -> User:
        user = User.objects.filter(username=self.cleaned_data["username"], is_active=True).first()
        if user is None:
            raise forms.ValidationError(_("No active person has this username."))
        return user
