from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class ImportForm(forms.Form):
    file = forms.FileField(label=_("CSV file"), help_text=_("UN Comtrade, CEPII BACI or IMF DOTS long CSV"))
    dataset = forms.ChoiceField(
        label=_("Dataset"),
        required=False,
        choices=[
            ("", _("by the file's layout")),
            ("imf-dots", "IMF DOTS"),
            ("un-comtrade", "UN Comtrade"),
            ("cepii-baci", "CEPII BACI"),
        ],
    )
