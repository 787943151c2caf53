"""The chairmanship's events programme: events, their agenda, registrations and outcomes.

Times are stored in UTC with the venue's IANA zone beside them; pages and feeds show them in that zone.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sco.core.i18n import localized
from sco.events.allocation import Audience, Status

# The longest an event may run. Calendar queries rely on it: an event starting more than this before a month cannot
# reach into it, so a month reads a bounded slice of the start-time index instead of every earlier event.
MAX_EVENT_SPAN = timedelta(days=400)


class Category(models.TextChoices):
    SUMMIT = "summit", _("Summit")
    COUNCIL_MEETING = "council_meeting", _("Council meeting")
    MINISTERIAL_MEETING = "ministerial_meeting", _("Ministerial meeting")
    FORUM = "forum", _("Forum")
    BUSINESS_CONFERENCE = "business_conference", _("Business conference")
    SCIENTIFIC_CONFERENCE = "scientific_conference", _("Scientific conference")
    FESTIVAL = "festival", _("Festival")
    EXHIBITION = "exhibition", _("Exhibition")
    WORKING_GROUP_MEETING = "working_group_meeting", _("Working group meeting")
    OTHER = "other", _("Other")


class Format(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")
    HYBRID = "hybrid", _("Hybrid")


class Precision(models.TextChoices):
    """How much of an event's time is known: demo data from news reports often gives the day but not the hour."""

    TIME = "time", _("Date and time known")
    DAY = "day", _("Dates known, hours not known")
    MONTH = "month", _("Only the month is known")


class RegistrationStatus(models.TextChoices):
    PENDING = Status.PENDING.value, _("Pending approval")
    APPROVED = Status.APPROVED.value, _("Approved")
    DECLINED = Status.DECLINED.value, _("Declined")
    WAITLISTED = Status.WAITLISTED.value, _("On the waiting list")
    WITHDRAWN = Status.WITHDRAWN.value, _("Withdrawn")


class AudienceChoice(models.TextChoices):
    DELEGATIONS = Audience.DELEGATIONS.value, _("Delegations of member states")
    PUBLIC = Audience.PUBLIC.value, _("Anyone signed in")
    INVITED = Audience.INVITED.value, _("Invited people only")


class Event(models.Model):
    title_en = models.CharField(_("title (English)"), max_length=300)
    title_ru = models.CharField(_("title (Russian)"), max_length=300, blank=True)
    title_zh = models.CharField(_("title (Chinese)"), max_length=300, blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_ru = models.TextField(_("description (Russian)"), blank=True)
    description_zh = models.TextField(_("description (Chinese)"), blank=True)
    category = models.CharField(_("category"), max_length=30, choices=Category.choices)
    format = models.CharField(_("format"), max_length=20, choices=Format.choices, default=Format.IN_PERSON)
    is_public = models.BooleanField(_("public"), default=True)
    cancelled = models.BooleanField(_("cancelled"), default=False)

    starts_at = models.DateTimeField(_("starts (UTC)"))
    ends_at = models.DateTimeField(_("ends (UTC)"))
    time_zone = models.CharField(_("time zone"), max_length=64)
    precision = models.CharField(_("known precision"), max_length=10, choices=Precision.choices, default=Precision.TIME)
    # Grows whenever the time or place changes (iCalendar SEQUENCE; participants are told).
    sequence = models.PositiveIntegerField(default=0)

    venue = models.CharField(_("venue"), max_length=200, blank=True)
    city_en = models.CharField(_("city (English)"), max_length=100)
    city_ru = models.CharField(_("city (Russian)"), max_length=100, blank=True)
    city_zh = models.CharField(_("city (Chinese)"), max_length=100, blank=True)
    country = models.ForeignKey("members.State", on_delete=models.PROTECT, related_name="events_held")
    organiser_state = models.ForeignKey(
        "members.State", on_delete=models.PROTECT, null=True, blank=True, related_name="events_organised"
    )
    organiser_body = models.ForeignKey(
        "members.Body", on_delete=models.PROTECT, null=True, blank=True, related_name="events"
    )
    chairmanship = models.ForeignKey(
        "members.Chairmanship", on_delete=models.PROTECT, null=True, blank=True, related_name="events"
    )

    registration_open = models.BooleanField(_("registration open"), default=False)
    audience = models.CharField(
        _("who may register"), max_length=20, choices=AudienceChoice.choices, default=AudienceChoice.DELEGATIONS
    )
    capacity = models.PositiveIntegerField(_("places"), null=True, blank=True, help_text=_("Empty: no limit."))
    needs_approval = models.BooleanField(_("organiser approves registrations"), default=True)
    keeps_waitlist = models.BooleanField(_("keeps a waiting list"), default=True)
    registration_opens_at = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_closes_at = models.DateTimeField(_("registration deadline"), null=True, blank=True)

    report_en = models.TextField(_("report (English)"), blank=True)
    report_ru = models.TextField(_("report (Russian)"), blank=True)
    report_zh = models.TextField(_("report (Chinese)"), blank=True)
    note_en = models.TextField(_("note (English)"), blank=True)
    source = models.TextField(_("source"), blank=True, help_text=_("Where the facts about this event were published."))

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")), name="event_ends_after_start"),
            models.CheckConstraint(condition=Q(capacity__isnull=True) | Q(capacity__gte=1), name="event_capacity_pos"),
        ]
        indexes = [
            models.Index(fields=["starts_at", "id"]),
            models.Index(fields=["chairmanship", "starts_at"]),
            models.Index(fields=["category", "starts_at"]),
            models.Index(fields=["organiser_state", "starts_at"]),
            models.Index(fields=["organiser_body", "starts_at"]),
        ]

    def __str__(self) -> str:
        return self.title_en

    @property
    def title(self) -> str:
        return localized(self, "title")

    @property
    def description(self) -> str:
        return localized(self, "description")

    @property
    def city(self) -> str:
        return localized(self, "city")

    @property
    def report(self) -> str:
        return localized(self, "report")


class EventFeedEntry(models.Model):
    """The event's VEVENT blocks in each language, rebuilt by the services on every change.

    A stored copy for speed: a feed of a thousand events joins these instead of building a thousand VEVENTs.
    """

    event = models.OneToOneField(Event, on_delete=models.CASCADE, primary_key=True, related_name="feed_entry")
    vevent_en = models.TextField()
    vevent_ru = models.TextField()
    vevent_zh = models.TextField()

    def __str__(self) -> str:
        return f"feed entry of event {self.event_id}"


class Session(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="sessions")
    title_en = models.CharField(_("title (English)"), max_length=300)
    title_ru = models.CharField(_("title (Russian)"), max_length=300, blank=True)
    title_zh = models.CharField(_("title (Chinese)"), max_length=300, blank=True)
    starts_at = models.DateTimeField(_("starts (UTC)"))
    ends_at = models.DateTimeField(_("ends (UTC)"))
    room = models.CharField(_("room"), max_length=200, blank=True)

    class Meta:
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")), name="session_ends_after_start")
        ]

    def __str__(self) -> str:
        return self.title_en

    @property
    def title(self) -> str:
        return localized(self, "title")


class Speaker(models.Model):
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="speakers")
    name = models.CharField(_("name"), max_length=200)
    delegation = models.ForeignKey("members.State", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    affiliation = models.CharField(_("affiliation"), max_length=200, blank=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name


class Invitation(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="invitations")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_invitations")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["event", "user"], name="invitation_once")]

    def __str__(self) -> str:
        return f"invitation of user {self.user_id} to event {self.event_id}"


class Registration(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_registrations")
    delegation = models.ForeignKey(
        "members.State", on_delete=models.PROTECT, null=True, blank=True, related_name="event_registrations"
    )
    full_name = models.CharField(_("name on the badge"), max_length=200)
    function = models.CharField(_("function"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=RegistrationStatus.choices)
    # Arrival order on the waiting list; set again when a withdrawn registration comes back.
    queued_at = models.DateTimeField()
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    # The event's sequence the reminder was sent for: a moved event is reminded again.
    reminded_sequence = models.IntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["queued_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["event", "user"], name="registration_once_per_person")]
        indexes = [
            models.Index(fields=["event", "status", "queued_at"]),
            models.Index(fields=["user", "status"]),
            models.Index(fields=["delegation", "status"]),
        ]

    def __str__(self) -> str:
        return f"{self.full_name} @ {self.event_id}"


class OutcomeKind(models.TextChoices):
    DOCUMENT = "document", _("Document adopted")
    PROJECT = "project", _("Project discussed")


class OutcomeLink(models.Model):
    """A document adopted or a project discussed at the event, held by reference.

    The documents and projects parts may be absent: the link keeps its own label and URL and resolves the target
    only when a resolver for its kind is registered (hook "events_outcome_target").
    """

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="outcome_links")
    kind = models.CharField(_("kind"), max_length=20, choices=OutcomeKind.choices)
    target_id = models.CharField(_("record id in its part"), max_length=64, blank=True)
    label_en = models.CharField(_("label (English)"), max_length=300)
    label_ru = models.CharField(_("label (Russian)"), max_length=300, blank=True)
    label_zh = models.CharField(_("label (Chinese)"), max_length=300, blank=True)
    url = models.URLField(_("link"), blank=True)

    class Meta:
        ordering = ["kind", "pk"]

    def __str__(self) -> str:
        return self.label_en

    @property
    def label(self) -> str:
        return localized(self, "label")


class FollowUp(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="follow_ups")
    text_en = models.TextField(_("text (English)"))
    text_ru = models.TextField(_("text (Russian)"), blank=True)
    text_zh = models.TextField(_("text (Chinese)"), blank=True)
    owner_state = models.ForeignKey("members.State", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    due = models.DateField(_("due"), null=True, blank=True)
    done = models.BooleanField(_("done"), default=False)

    class Meta:
        ordering = ["due", "pk"]

    def __str__(self) -> str:
        return self.text_en[:60]

    @property
    def text(self) -> str:
        return localized(self, "text")
