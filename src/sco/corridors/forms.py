"""Forms of the corridors pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from sco.corridors.network import EDIT_KINDS

EDIT_LABELS = {
    "capacity_factor": _("Capacity × k"),
    "time_minus_h": _("Time − hours"),
    "cost_minus_usd_per_teu": _("Cost − US$ per TEU"),
    "new_edge": _("Bring in a planned edge"),
}


class ProjectEditForm(forms.Form):
    edge = forms.ChoiceField(label=_("Edge"))
    kind = forms.ChoiceField(label=_("Change"), choices=[(k, EDIT_LABELS[k]) for k in EDIT_KINDS])
    value = forms.FloatField(label=_("Value"), initial=0)
    note = forms.CharField(label=_("Source or reasoning"), required=False, max_length=500)

    def __init__(self, *args: object, edges: list[str], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["edge"].choices = [(e, e) for e in edges]  # type: ignore[attr-defined]


class EdgeForm(forms.Form):
    time_h_mean = forms.FloatField(label=_("Time, mean (h)"), min_value=0)
    time_h_p95 = forms.FloatField(label=_("Time, 95th percentile (h)"), min_value=0)
    cost_usd_per_teu = forms.FloatField(label=_("Cost (US$ per TEU)"), min_value=0)
    cost_usd_per_t = forms.FloatField(label=_("Cost (US$ per tonne)"), min_value=0)
    capacity_t_per_year = forms.FloatField(label=_("Capacity (t a year; empty: unlimited)"), required=False)
    co2_g_per_tkm = forms.FloatField(label=_("CO2 (g per tonne-km)"), min_value=0)
    source_text = forms.CharField(label=_("Source"), widget=forms.Textarea(attrs={"rows": 3}))
    confidence = forms.ChoiceField(
        label=_("Confidence"), choices=[("sourced", _("sourced")), ("estimate", _("estimate"))]
    )
