"""Forms of the corridors pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from sco.core.i18n import localized
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


class RouteParamsForm(forms.Form):
    """The parameters of the generalised cost as typed on the map (checked by selectors.params_from)."""

    value_of_time_usd_per_teu_h = forms.CharField(required=False)
    reliability_weight = forms.CharField(required=False)
    carbon_price_usd_per_t_co2 = forms.CharField(required=False)
    tonnes_per_teu = forms.CharField(required=False)


def _lines(text: str) -> list[list[str]]:
    rows = []
    for line in text.splitlines():
        parts = line.replace(",", " ").replace(";", " ").split()
        if parts and not parts[0].startswith("#"):
            rows.append(parts)
    return rows


class ProjectChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return localized(obj, "title")


class ScenarioForm(forms.Form):
    key = forms.SlugField(
        label=_("Key"), max_length=60, help_text=_("Lower-case letters, digits and hyphens, e.g. kz-2027-high.")
    )
    year = forms.IntegerField(label=_("Year"), min_value=1990, max_value=2100)
    name_en = forms.CharField(label=_("Name (English)"), max_length=200)
    name_ru = forms.CharField(label=_("Name (Russian)"), max_length=200, required=False)
    name_zh = forms.CharField(label=_("Name (Chinese)"), max_length=200, required=False)
    demands = forms.CharField(
        label=_("Demand"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "One line per flow: from, to, tonnes a year, and optionally the corridor it must use (MC, NR or NS), "
            "e.g. “CN_XIAN DE_DUISBURG 1000000 MC”."
        ),
    )
    edits = forms.CharField(
        label=_("Changes to the network"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_(
            "One line per change: edge, kind, value; kinds: capacity_factor, time_minus_h, cost_minus_usd_per_teu, "
            "new_edge, e.g. “KZ_DOSTYK>KZ_MOYYNTY capacity_factor 2”."
        ),
    )
    projects = ProjectChoiceField(
        label=_("Projects taken in (with their edits of the network)"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    source = forms.CharField(
        label=_("Source of the demand figures"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    confidence = forms.ChoiceField(
        label=_("Confidence"), choices=[("estimate", _("estimate")), ("sourced", _("sourced"))], initial="estimate"
    )
    allow_unserved = forms.BooleanField(label=_("Show demand the network cannot carry"), required=False)
    shared = forms.BooleanField(label=_("Share with everyone at once"), required=False)

    def __init__(self, *args: Any, projects: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["projects"].queryset = projects  # type: ignore[attr-defined]

    def clean_demands(self) -> list[dict[str, Any]]:
        rows = []
        for i, parts in enumerate(_lines(self.cleaned_data["demands"]), start=1):
            if len(parts) not in (3, 4):
                raise forms.ValidationError(
                    _("Line %(line)s: from, to, tonnes and an optional corridor."), params={"line": i}
                )
            try:
                tonnes = float(parts[2])
            except ValueError as exc:
                raise forms.ValidationError(
                    _("Line %(line)s: the tonnes must be a number."), params={"line": i}
                ) from exc
            rows.append(
                {
                    "origin": parts[0],
                    "destination": parts[1],
                    "tonnes": tonnes,
                    "corridor": parts[3] if len(parts) == 4 else "",
                }
            )
        if not rows:
            raise forms.ValidationError(_("Give at least one flow."))
        return rows

    def clean_edits(self) -> list[dict[str, Any]]:
        rows = []
        for i, parts in enumerate(_lines(self.cleaned_data.get("edits") or ""), start=1):
            if len(parts) not in (2, 3):
                raise forms.ValidationError(_("Line %(line)s: edge, kind and value."), params={"line": i})
            try:
                value = float(parts[2]) if len(parts) == 3 else 0.0
            except ValueError as exc:
                raise forms.ValidationError(
                    _("Line %(line)s: the value must be a number."), params={"line": i}
                ) from exc
            rows.append({"edge": parts[0], "kind": parts[1], "value": value})
        return rows
