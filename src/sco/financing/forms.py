"""Forms of the financing pages: they parse; the services decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from sco.financing.models import ballot_choices, instrument_choices, kind_choices, rule_choices
from sco.members.models import Institution


class TrancheForm(forms.Form):
    institution = forms.ModelChoiceField(
        label=_("Institution"),
        queryset=Institution.objects.exclude(kind="cert").order_by("name_en"),
        to_field_name="code",
    )
    instrument = forms.ChoiceField(label=_("Instrument"), choices=instrument_choices)
    currency = forms.CharField(label=_("Currency (ISO 4217)"), max_length=3)
    amount = forms.CharField(label=_("Amount asked"), max_length=30)
    concessional = forms.BooleanField(label=_("Concessional"), required=False)
    tenor_months = forms.IntegerField(label=_("Tenor (months)"), required=False, min_value=0)
    grace_months = forms.IntegerField(label=_("Grace period (months)"), required=False, min_value=0)
    rate_kind = forms.ChoiceField(
        label=_("Interest"),
        required=False,
        choices=[("", _("No interest")), ("fixed", _("Fixed")), ("floating", _("Floating"))],
    )
    fixed_rate = forms.CharField(label=_("Fixed rate (%)"), required=False, max_length=12)
    base_rate = forms.CharField(label=_("Base rate (e.g. SOFR)"), required=False, max_length=40)
    margin_bps = forms.IntegerField(label=_("Margin (basis points)"), required=False, min_value=0)
    listing_venue = forms.CharField(label=_("Listing venue (e.g. AIX)"), required=False, max_length=80)
    needs_board_approval = forms.BooleanField(label=_("Needs the institution's board vote"), required=False)


class EntryForm(forms.Form):
    tranche = forms.TypedChoiceField(label=_("Tranche"), coerce=int)
    kind = forms.ChoiceField(label=_("Kind"), choices=kind_choices)
    value_date = forms.DateField(label=_("Value date"), widget=forms.DateInput(attrs={"type": "date"}))
    currency = forms.CharField(label=_("Currency"), max_length=3)
    amount = forms.CharField(label=_("Amount"), max_length=30)
    note = forms.CharField(label=_("Note"), required=False, max_length=500)
    flag_excess = forms.BooleanField(label=_("The excess over the commitment is intended"), required=False)
    internal = forms.BooleanField(label=_("Internal to the institution (not yet public)"), required=False)


class ReverseForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=500)


class VoteForm(forms.Form):
    tranche = forms.TypedChoiceField(label=_("Tranche"), coerce=int)
    rule = forms.ChoiceField(label=_("Voting rule"), choices=rule_choices)
    reserved_matter = forms.BooleanField(label=_("Reserved matter"), required=False)


class BallotForm(forms.Form):
    state = forms.CharField(max_length=2, widget=forms.HiddenInput)
    choice = forms.ChoiceField(
        label=_("Ballot"),
        choices=ballot_choices,
    )


class RatesForm(forms.Form):
    source = forms.CharField(label=_("Source (publisher, URL, date)"), max_length=500)
    file = forms.FileField(label=_("CSV file: date, base, quote, rate"))
