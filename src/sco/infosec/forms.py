from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from sco.infosec.models import Cert, Collection
from sco.infosec.tlp import Tlp


class ReportForm(forms.Form):
    collection = forms.ModelChoiceField(label=_("Collection"), queryset=Collection.objects.none())
    name = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(label=_("What happened"), widget=forms.Textarea(attrs={"rows": 4}), required=False)
    tlp = forms.TypedChoiceField(
        label=_("TLP"),
        choices=[(t.value, t.label) for t in Tlp],
        coerce=int,
        initial=Tlp.AMBER.value,
        help_text=_(
            "CLEAR: anyone. GREEN: every member CERT. AMBER: the CERTs named below. "
            "RED: you alone (TAXII clients may name people)."
        ),
    )
    audience = forms.ModelMultipleChoiceField(
        label=_("For these CERTs (AMBER)"),
        queryset=Cert.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    indicators = forms.CharField(
        label=_("Indicators, one a line"),
        widget=forms.Textarea(attrs={"rows": 6, "spellcheck": "false"}),
        help_text=_("An IP address or network, a domain, a URL, an MD5/SHA-1/SHA-256 file hash, or an e-mail address."),
    )

    def __init__(self, *args: Any, collections: Any, others: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        collection_field = self.fields["collection"]
        audience_field = self.fields["audience"]
        assert isinstance(collection_field, forms.ModelChoiceField)
        assert isinstance(audience_field, forms.ModelMultipleChoiceField)
        collection_field.queryset = collections
        collection_field.label_from_instance = lambda c: c.title  # type: ignore[method-assign,assignment]
        audience_field.queryset = others
        audience_field.label_from_instance = lambda c: c.institution.name  # type: ignore[method-assign,assignment]


class SightingForm(forms.Form):
    count = forms.IntegerField(label=_("Times seen"), min_value=1, initial=1)
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    share_green = forms.BooleanField(
        label=_("Share with every member CERT (TLP:GREEN; only for a GREEN or CLEAR object)"), required=False
    )


class KeyForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100, help_text=_("Which client or tool will use it."))
    holder = forms.ModelChoiceField(
        label=_("Acts for"),
        queryset=Collection.objects.none(),
        help_text=_("The analyst of your CERT the key acts for (TLP:RED is addressed to people)."),
    )
    collections = forms.ModelMultipleChoiceField(
        label=_("Collections"), queryset=Collection.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    may_write = forms.BooleanField(label=_("May post objects"), required=False)
    days = forms.IntegerField(label=_("Days until it expires"), min_value=1, max_value=366, initial=90)

    def __init__(self, *args: Any, holders: Any, collections: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        holder_field = self.fields["holder"]
        collections_field = self.fields["collections"]
        assert isinstance(holder_field, forms.ModelChoiceField)
        assert isinstance(collections_field, forms.ModelMultipleChoiceField)
        holder_field.queryset = holders
        holder_field.label_from_instance = lambda u: u.get_full_name() or u.get_username()  # type: ignore[method-assign,assignment]
        collections_field.queryset = collections
        collections_field.label_from_instance = lambda c: f"{c.title} ({c.alias})"  # type: ignore[method-assign,assignment]


class AdminForm(forms.Form):
    user = forms.ModelChoiceField(
        label=_("Analyst"),
        queryset=Collection.objects.none(),
        help_text=_("A current analyst of this CERT; an administrator makes and revokes its TAXII keys."),
    )

    def __init__(self, *args: Any, candidates: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        user_field = self.fields["user"]
        assert isinstance(user_field, forms.ModelChoiceField)
        user_field.queryset = candidates
        user_field.label_from_instance = lambda u: u.get_full_name() or u.get_username()  # type: ignore[method-assign,assignment]
