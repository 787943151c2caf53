"""Input shapes for the HTML pages; the services do the domain checks."""

from __future__ import annotations

from collections.abc import Sequence

from django import forms
from django.utils.translation import gettext_lazy as _

from sco.core.forms import NameChoiceField, NamesChoiceField
from sco.documents.models import (
    Area,
    ConsentKind,
    EifRule,
    Kind,
    Language,
    ProposalKind,
    RelationKind,
    ReportStatus,
    ReservationKind,
    Status,
)
from sco.members.models import Body, State


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", _("Any kind")), *Kind.choices])
    body = forms.ChoiceField(label=_("Body"), required=False)
    area = forms.ChoiceField(label=_("Area"), required=False, choices=[("", _("Any area")), *Area.choices])
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1990, max_value=2100)
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("Any status")), *Status.choices])
    page = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        body = self.fields["body"]
        assert isinstance(body, forms.ChoiceField)
        body.choices = [("", _("Any body")), *[(b.code, b.name) for b in Body.objects.all()]]


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Kind.choices)
    title_en = forms.CharField(label=_("Title (English)"), max_length=500)
    title_ru = forms.CharField(label=_("Title (Russian)"), max_length=500, required=False)
    title_zh = forms.CharField(label=_("Title (Chinese)"), max_length=500, required=False)
    reference_number = forms.CharField(label=_("Reference number"), max_length=60, required=False)
    body = NameChoiceField(label=_("Adopting body"), queryset=Body.objects.all(), to_field_name="code")
    valid_from_year = forms.IntegerField(label=_("Valid from (year)"), required=False)
    valid_to_year = forms.IntegerField(label=_("Valid until (year)"), required=False)
    areas = forms.MultipleChoiceField(
        label=_("Areas"), choices=Area.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    parties = NamesChoiceField(
        label=_("Parties"), queryset=State.objects.all(), required=False, to_field_name="code",
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    eif_rule = forms.ChoiceField(
        label=_("Entry-into-force rule"), choices=[("", _("Not known")), *EifRule.choices], required=False
    )
    eif_count = forms.IntegerField(label=_("Number of notifications"), required=False, min_value=1)
    eif_days = forms.IntegerField(label=_("Days after"), required=False, min_value=0, initial=0)
    sources = forms.CharField(label=_("Sources"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class RelationForm(forms.Form):
    kind = forms.ChoiceField(label=_("Relation"), choices=RelationKind.choices)
    target = forms.IntegerField(label=_("Other document (number)"), min_value=1)


class TextForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"), choices=Language.choices)
    file = forms.FileField(label=_("File (PDF, DOCX or UTF-8 text, at most 10 MB)"), required=False)
    content = forms.CharField(
        label=_("Or paste the text (paragraphs separated by a blank line)"),
        widget=forms.Textarea(attrs={"rows": 8}),
        required=False,
    )
    authentic = forms.BooleanField(label=_("Authentic text"), required=False)
    note = forms.CharField(label=_("Note"), max_length=500, required=False)
    carries = forms.TypedMultipleChoiceField(
        label=_("This version carries over the amendments"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: object, owed: Sequence[tuple[int, str]] = (), **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        carries = self.fields["carries"]
        assert isinstance(carries, forms.TypedMultipleChoiceField)
        carries.choices = list(owed)
        if not owed:
            del self.fields["carries"]

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if not data.get("file") and not (data.get("content") or "").strip():
            raise forms.ValidationError(_("Choose a file or paste the text."))
        return data


class ProposalForm(forms.Form):
    paragraph_number = forms.IntegerField(label=_("Paragraph"), min_value=1)
    kind = forms.ChoiceField(label=_("Kind"), choices=ProposalKind.choices)
    state = NameChoiceField(label=_("On behalf of"), queryset=State.objects.none(), to_field_name="code")
    comment = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    proposed_text = forms.CharField(
        label=_("Proposed text of the paragraph"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    languages = forms.MultipleChoiceField(
        label=_("An amendment changes these language versions"),
        choices=Language.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: object, states: list[State] | None = None, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        state = self.fields["state"]
        assert isinstance(state, forms.ModelChoiceField)
        state.queryset = State.objects.filter(pk__in=[s.pk for s in states or []])


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=[("accepted", _("Accept")), ("rejected", _("Reject")), ("merged", _("Merge")), ("noted", _("Note"))],
    )
    merged_text = forms.CharField(label=_("Merged text"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    note = forms.CharField(label=_("Note"), required=False, max_length=2000)


class ParticipationForm(forms.Form):
    state = NameChoiceField(label=_("State"), queryset=State.objects.all(), to_field_name="code")
    signed_on = forms.DateField(label=_("Signature"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    signatory = forms.CharField(label=_("Signatory"), max_length=200, required=False)
    consent_kind = forms.ChoiceField(label=_("Consent"), choices=[("", "—"), *ConsentKind.choices], required=False)
    consent_on = forms.DateField(
        label=_("Consent date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    notified_on = forms.DateField(
        label=_("Notification to the depositary"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class ReservationForm(forms.Form):
    state = NameChoiceField(label=_("State"), queryset=State.objects.all(), to_field_name="code")
    kind = forms.ChoiceField(label=_("Kind"), choices=ReservationKind.choices)
    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 2}))
    made_on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))


class CommitmentForm(forms.Form):
    text_en = forms.CharField(label=_("Commitment (English)"), widget=forms.Textarea(attrs={"rows": 2}))
    text_ru = forms.CharField(label=_("Commitment (Russian)"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    text_zh = forms.CharField(label=_("Commitment (Chinese)"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    paragraph_number = forms.IntegerField(label=_("Paragraph"), required=False, min_value=1)
    area = forms.ChoiceField(label=_("Area"), choices=Area.choices)
    states = NamesChoiceField(
        label=_("Responsible states"), queryset=State.objects.all(), to_field_name="code",
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    bodies = NamesChoiceField(
        label=_("Responsible bodies"), queryset=Body.objects.all(), to_field_name="code", required=False,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    due_on = forms.DateField(label=_("Due"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    indicator = forms.CharField(label=_("Indicator"), max_length=500, required=False)


class ReportForm(forms.Form):
    state = NameChoiceField(label=_("On behalf of"), queryset=State.objects.none(), to_field_name="code")
    period = forms.CharField(label=_("Period"), max_length=20, help_text=_("2025, 2025-H1, 2025-Q3 or 2025-07"))
    status = forms.ChoiceField(label=_("Status"), choices=ReportStatus.choices)
    progress = forms.IntegerField(label=_("Progress (%)"), min_value=0, max_value=100)
    text = forms.CharField(label=_("Progress made"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    evidence = forms.CharField(label=_("Evidence (links, references)"), widget=forms.Textarea(attrs={"rows": 2}),
                               required=False)  # fmt: skip

    def __init__(self, *args: object, states: list[State] | None = None, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        state = self.fields["state"]
        assert isinstance(state, forms.ModelChoiceField)
        state.queryset = State.objects.filter(pk__in=[s.pk for s in states or []])


class AdoptionForm(forms.Form):
    rule = forms.ChoiceField(
        label=_("Procedure"),
        choices=[("silence", _("Silence procedure (routine texts)")), ("consensus", _("Consensus"))],
    )
    deadline = forms.DateTimeField(
        label=_("Deadline"),
        help_text=_("In the platform's time zone."),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local", "step": "1"}, format="%Y-%m-%dT%H:%M:%S"),
        input_formats=["%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M"],
    )
