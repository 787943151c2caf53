"""HTML forms: parse and show input; every rule lives in the services."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from sco.core.forms import NameChoiceField
from sco.events.models import AudienceChoice, Category, Format, OutcomeKind, Precision
from sco.events.timezones import CITY_ZONES
from sco.members.models import Body, Chairmanship, State

ZONE_CHOICES = sorted({(z, z) for z in CITY_ZONES.values()} | {("UTC", "UTC"), ("Europe/Berlin", "Europe/Berlin")})


class LocalDateTimeField(forms.CharField):
    """A wall-clock time with no zone attached: the venue's zone is a separate field.

    Django's DateTimeField would attach the server's zone (UTC) at once, which is wrong for a venue in Astana.
    """

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"})

    def to_python(self, value: Any) -> datetime | None:  # type: ignore[override]
        text = super().to_python(value)
        if not text:
            return None
        try:
            parsed = datetime.fromisoformat(text.strip().replace(" ", "T"))
        except ValueError as exc:
            raise forms.ValidationError(_("Enter a date and time as YYYY-MM-DD HH:MM.")) from exc
        if parsed.tzinfo is not None:
            raise forms.ValidationError(_("Give the local time at the venue, without a UTC offset."))
        return parsed


class EventForm(forms.Form):
    title_en = forms.CharField(label=_("Title (English)"), max_length=300)
    title_ru = forms.CharField(label=_("Title (Russian)"), max_length=300, required=False)
    title_zh = forms.CharField(label=_("Title (Chinese)"), max_length=300, required=False)
    category = forms.ChoiceField(label=_("Category"), choices=Category.choices)
    format = forms.ChoiceField(label=_("Format"), choices=Format.choices)
    is_public = forms.BooleanField(label=_("Public"), required=False, initial=True)
    cancelled = forms.BooleanField(label=_("Cancelled"), required=False)
    precision = forms.ChoiceField(label=_("What is known of the time"), choices=Precision.choices)
    start_local = LocalDateTimeField(label=_("Starts (local time at the venue)"))
    end_local = LocalDateTimeField(label=_("Ends (local time at the venue)"))
    time_zone = forms.ChoiceField(label=_("Time zone of the venue"), choices=ZONE_CHOICES, initial="Asia/Almaty")
    venue = forms.CharField(label=_("Venue"), max_length=200, required=False)
    city_en = forms.CharField(label=_("City (English)"), max_length=100)
    city_ru = forms.CharField(label=_("City (Russian)"), max_length=100, required=False)
    city_zh = forms.CharField(label=_("City (Chinese)"), max_length=100, required=False)
    country = NameChoiceField(label=_("Country"), queryset=State.objects.all(), to_field_name="code")
    organiser_state = NameChoiceField(
        label=_("Organising state"), queryset=State.objects.all(), to_field_name="code", required=False
    )
    organiser_body = NameChoiceField(
        label=_("Organising body"), queryset=Body.objects.all(), to_field_name="code", required=False
    )
    chairmanship = forms.ModelChoiceField(
        label=_("Chairmanship"), queryset=Chairmanship.objects.select_related("state"), required=False
    )
    description_en = forms.CharField(
        label=_("Description (English)"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    description_ru = forms.CharField(
        label=_("Description (Russian)"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    description_zh = forms.CharField(
        label=_("Description (Chinese)"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    registration_open = forms.BooleanField(label=_("Registration open"), required=False)
    audience = forms.ChoiceField(label=_("Who may register"), choices=AudienceChoice.choices)
    capacity = forms.IntegerField(label=_("Places (empty: no limit)"), required=False)
    needs_approval = forms.BooleanField(label=_("Organiser approves registrations"), required=False, initial=True)
    keeps_waitlist = forms.BooleanField(label=_("Keep a waiting list"), required=False, initial=True)
    registration_opens_local = LocalDateTimeField(label=_("Registration opens (local time)"), required=False)
    registration_closes_local = LocalDateTimeField(label=_("Registration deadline (local time)"), required=False)
    report_en = forms.CharField(label=_("Report (English)"), widget=forms.Textarea(attrs={"rows": 4}), required=False)
    report_ru = forms.CharField(label=_("Report (Russian)"), widget=forms.Textarea(attrs={"rows": 4}), required=False)
    report_zh = forms.CharField(label=_("Report (Chinese)"), widget=forms.Textarea(attrs={"rows": 4}), required=False)
    source = forms.CharField(label=_("Source"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    GROUPS: tuple[tuple[Any, tuple[str, ...], str], ...] = (
        (_("What"), ("title_en", "title_ru", "title_zh", "category", "format", "is_public", "cancelled"), "three"),
        (_("When"), ("precision", "start_local", "end_local", "time_zone"), "two"),
        (_("Where"), ("venue", "city_en", "city_ru", "city_zh", "country"), "three"),
        (_("Who"), ("organiser_state", "organiser_body", "chairmanship"), "three"),
        (_("Description"), ("description_en", "description_ru", "description_zh"), "three"),
        (
            _("Registration"),
            (
                "registration_open",
                "audience",
                "capacity",
                "needs_approval",
                "keeps_waitlist",
                "registration_opens_local",
                "registration_closes_local",
            ),
            "three",
        ),
        (_("Report and sources"), ("report_en", "report_ru", "report_zh", "source"), "three"),
    )

    @property
    def groups(self) -> list[tuple[Any, list[forms.BoundField], str]]:
        """The fields in labelled groups for the page; every field appears once (checked by a test)."""
        return [(legend, [self[name] for name in names], columns) for legend, names, columns in self.GROUPS]


# Service field names that map onto another form field.
FIELD_ALIASES = {
    "start": "start_local",
    "end": "end_local",
    "registration_closes": "registration_closes_local",
    "registration_opens": "registration_opens_local",
}


class SessionForm(forms.Form):
    title_en = forms.CharField(label=_("Title (English)"), max_length=300)
    title_ru = forms.CharField(label=_("Title (Russian)"), max_length=300, required=False)
    title_zh = forms.CharField(label=_("Title (Chinese)"), max_length=300, required=False)
    start_local = LocalDateTimeField(label=_("Starts (local time at the venue)"))
    end_local = LocalDateTimeField(label=_("Ends (local time at the venue)"))
    room = forms.CharField(label=_("Room"), max_length=200, required=False)
    speakers = forms.CharField(
        label=_("Speakers"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("One per line: name; delegation code (e.g. KZ); affiliation."),
    )


class RegistrationForm(forms.Form):
    full_name = forms.CharField(label=_("Name on the badge"), max_length=200, required=False)
    function = forms.CharField(label=_("Function"), max_length=200, required=False)
    delegation = NameChoiceField(
        label=_("Delegation"), queryset=State.objects.none(), to_field_name="code", required=False
    )

    def __init__(self, *args: Any, states: list[State] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["delegation"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = State.objects.filter(pk__in=[s.pk for s in states or []])


class OutcomeForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=OutcomeKind.choices)
    label_en = forms.CharField(label=_("Label (English)"), max_length=300)
    label_ru = forms.CharField(label=_("Label (Russian)"), max_length=300, required=False)
    label_zh = forms.CharField(label=_("Label (Chinese)"), max_length=300, required=False)
    target_id = forms.CharField(label=_("Record number in its part"), max_length=64, required=False)
    url = forms.CharField(label=_("Link"), max_length=200, required=False)


class FollowUpForm(forms.Form):
    text_en = forms.CharField(label=_("What is to be done (English)"), widget=forms.Textarea(attrs={"rows": 2}))
    text_ru = forms.CharField(label=_("Russian"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    text_zh = forms.CharField(label=_("Chinese"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    owner_state = NameChoiceField(
        label=_("Responsible state"), queryset=State.objects.all(), to_field_name="code", required=False
    )
    due = forms.DateField(
        label=_("Due"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    done = forms.BooleanField(label=_("Done"), required=False)

    def __init__(self, *args: Any, with_done: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not with_done:
            del self.fields["done"]
