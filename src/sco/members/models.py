from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sco.core.i18n import localized


class Named(models.Model):
    """A name in the three languages, and where the facts about this row come from."""

    name_en = models.CharField(_("name (English)"), max_length=200)
    name_ru = models.CharField(_("name (Russian)"), max_length=200, blank=True)
    name_zh = models.CharField(_("name (Chinese)"), max_length=200, blank=True)
    source = models.TextField(_("source"), blank=True, help_text=_("Where these facts were published."))

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name_en

    @property
    def name(self) -> str:
        return localized(self, "name")


class StatusKind(models.TextChoices):
    MEMBER = "member", _("Member state")
    OBSERVER = "observer", _("Observer state")
    DIALOGUE_PARTNER = "dialogue_partner", _("Dialogue partner")


class StateQuerySet(models.QuerySet["State"]):
    def with_status_on(self, status: str, on: dt.date) -> StateQuerySet:
        return self.filter(
            Q(statuses__status=status, statuses__start__lte=on)
            & (Q(statuses__end__isnull=True) | Q(statuses__end__gt=on))
        ).distinct()

    def members_on(self, on: dt.date) -> StateQuerySet:
        return self.with_status_on(StatusKind.MEMBER, on)


class State(Named):
    """A state in the Organisation's circle: a member, an observer or a dialogue partner, each from and until a date."""

    code = models.CharField(_("ISO 3166-1 alpha-2"), max_length=2, unique=True)
    iso3 = models.CharField(_("ISO 3166-1 alpha-3"), max_length=3, unique=True)
    capital_en = models.CharField(max_length=100, blank=True)
    capital_ru = models.CharField(max_length=100, blank=True)
    capital_zh = models.CharField(max_length=100, blank=True)

    objects = StateQuerySet.as_manager()

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("state")
        verbose_name_plural = _("states")
        constraints = [
            models.CheckConstraint(condition=Q(code__regex=r"^[A-Z]{2}$"), name="state_code_alpha2"),
        ]

    @property
    def capital(self) -> str:
        return localized(self, "capital")


class StateStatus(models.Model):
    """A state's status over a period; `end` is the first day it no longer holds (None: still holds)."""

    state = models.ForeignKey(State, on_delete=models.CASCADE, related_name="statuses")
    status = models.CharField(_("status"), max_length=20, choices=StatusKind.choices)
    start = models.DateField(_("from"))
    end = models.DateField(_("until"), null=True, blank=True)
    source = models.TextField(_("source"), blank=True)

    class Meta:
        ordering = ["state", "start"]
        constraints = [
            models.CheckConstraint(condition=Q(end__isnull=True) | Q(end__gt=models.F("start")), name="status_period"),
            models.UniqueConstraint(fields=["state", "status", "start"], name="status_once"),
        ]

    def __str__(self) -> str:
        return f"{self.state.code} {self.status} {self.start}–{self.end or ''}"

    def holds_on(self, on: dt.date) -> bool:
        return self.start <= on and (self.end is None or on < self.end)


class BodyKind(models.TextChoices):
    COUNCIL = "council", _("Council")
    MEETING = "meeting", _("Meeting of ministers or heads of agencies")
    WORKING_GROUP = "working_group", _("Working group")
    PERMANENT = "permanent", _("Permanent body")
    STRUCTURE = "structure", _("Non-governmental structure")


class Body(Named):
    """A body of the Organisation. Every member state on a date takes part in every body on that date."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=BodyKind.choices)
    abbreviation = models.CharField(_("abbreviation"), max_length=20, blank=True)
    description_en = models.TextField(blank=True)
    description_ru = models.TextField(blank=True)
    description_zh = models.TextField(blank=True)
    seat = models.CharField(_("seat"), max_length=100, blank=True)
    order = models.PositiveSmallIntegerField(default=100)

    class Meta:
        ordering = ["order", "name_en"]
        verbose_name = _("body")
        verbose_name_plural = _("bodies")

    @property
    def description(self) -> str:
        return localized(self, "description")


class Chairmanship(models.Model):
    """The rotating chairmanship, from the summit that hands it over to the next; `end` None: still chairing."""

    state = models.ForeignKey(State, on_delete=models.PROTECT, related_name="chairmanships")
    start = models.DateField(_("from"))
    end = models.DateField(_("until"), null=True, blank=True)
    motto_en = models.CharField(max_length=300, blank=True)
    motto_ru = models.CharField(max_length=300, blank=True)
    motto_zh = models.CharField(max_length=300, blank=True)
    source = models.TextField(_("source"), blank=True)

    class Meta:
        ordering = ["start"]
        verbose_name = _("chairmanship")
        verbose_name_plural = _("chairmanships")
        constraints = [
            models.UniqueConstraint(fields=["start"], name="chairmanship_start_once"),
            models.CheckConstraint(condition=Q(end__isnull=True) | Q(end__gt=models.F("start")), name="chair_period"),
        ]

    def __str__(self) -> str:
        end = self.end.year if self.end else "…"
        return f"{self.state.name_en} {self.start.year}–{end}"

    @property
    def motto(self) -> str:
        return localized(self, "motto")

    @property
    def label(self) -> str:
        end = self.end.year if self.end else "…"
        return f"{self.state.name} {self.start.year}–{end}"

    def holds_on(self, on: dt.date) -> bool:
        return self.start <= on and (self.end is None or on < self.end)


class Summit(models.Model):
    """A meeting of the Council of Heads of State."""

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    city_en = models.CharField(max_length=100)
    city_ru = models.CharField(max_length=100, blank=True)
    city_zh = models.CharField(max_length=100, blank=True)
    host = models.ForeignKey(State, on_delete=models.PROTECT, related_name="summits_hosted")
    start = models.DateField(_("from"))
    end = models.DateField(_("until"))
    online = models.BooleanField(_("held online"), default=False)
    chairmanship = models.ForeignKey(Chairmanship, on_delete=models.PROTECT, related_name="summits", null=True)
    outcome_en = models.TextField(blank=True)
    outcome_ru = models.TextField(blank=True)
    outcome_zh = models.TextField(blank=True)
    source = models.TextField(_("source"), blank=True)

    class Meta:
        ordering = ["number"]
        verbose_name = _("summit")
        verbose_name_plural = _("summits")
        constraints = [models.CheckConstraint(condition=Q(end__gte=models.F("start")), name="summit_period")]

    def __str__(self) -> str:
        return f"{self.number}: {self.city_en} {self.start}"

    @property
    def city(self) -> str:
        return localized(self, "city")

    @property
    def outcome(self) -> str:
        return localized(self, "outcome")


class InstitutionKind(models.TextChoices):
    DEVELOPMENT_BANK = "development_bank", _("Development bank")
    FUND = "fund", _("Investment fund")
    FINANCIAL_CENTRE = "financial_centre", _("Financial centre mechanism")
    INTERBANK = "interbank", _("Interbank association")
    NATIONAL_FUND = "national_fund", _("National fund")
    CERT = "cert", _("National CERT")


class Institution(Named):
    """A financing institution or a national CERT: the body a financier or a CERT analyst acts for."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=InstitutionKind.choices)
    state = models.ForeignKey(State, on_delete=models.PROTECT, null=True, blank=True, related_name="institutions")
    status_note_en = models.TextField(blank=True)
    status_note_ru = models.TextField(blank=True)
    status_note_zh = models.TextField(blank=True)

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("institution")
        verbose_name_plural = _("institutions")

    @property
    def status_note(self) -> str:
        return localized(self, "status_note")


class Role(models.TextChoices):
    HEAD_OF_DELEGATION = "head_of_delegation", _("Head of delegation")
    DELEGATE = "delegate", _("Delegate")
    NATIONAL_COORDINATOR = "national_coordinator", _("National coordinator")
    SECRETARIAT = "secretariat", _("Secretariat staff")
    FINANCIER = "financier", _("Financier")
    CERT_ANALYST = "cert_analyst", _("CERT analyst")


STATE_ROLES = (Role.HEAD_OF_DELEGATION, Role.DELEGATE, Role.NATIONAL_COORDINATOR)
# Who acts in every body of the state without a list of bodies.
ALL_BODY_ROLES = (Role.HEAD_OF_DELEGATION, Role.NATIONAL_COORDINATOR)


class MandateQuerySet(models.QuerySet["Mandate"]):
    def current(self, on: dt.date) -> MandateQuerySet:
        return self.filter(Q(start__lte=on) & (Q(end__isnull=True) | Q(end__gt=on)))


class Mandate(models.Model):
    """A person's authority to act: for a state (in all its bodies, or in the bodies listed), for the Organisation
    (secretariat), or for an institution (financier, CERT analyst), from `start` until the day before `end`."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mandates")
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    state = models.ForeignKey(State, on_delete=models.PROTECT, null=True, blank=True, related_name="mandates")
    bodies = models.ManyToManyField(Body, blank=True, related_name="mandates")
    institution = models.ForeignKey(
        Institution, on_delete=models.PROTECT, null=True, blank=True, related_name="mandates"
    )
    start = models.DateField(_("from"))
    end = models.DateField(_("until"), null=True, blank=True)

    objects = MandateQuerySet.as_manager()

    class Meta:
        ordering = ["state__name_en", "role", "pk"]
        verbose_name = _("mandate")
        verbose_name_plural = _("delegations and mandates")
        constraints = [
            models.CheckConstraint(condition=Q(end__isnull=True) | Q(end__gt=models.F("start")), name="mandate_period"),
            models.CheckConstraint(
                condition=(
                    Q(role__in=[r.value for r in STATE_ROLES], state__isnull=False, institution__isnull=True)
                    | Q(role=Role.SECRETARIAT, state__isnull=True, institution__isnull=True)
                    | Q(role__in=[Role.FINANCIER, Role.CERT_ANALYST], institution__isnull=False)
                ),
                name="mandate_acts_for_one_kind",
            ),
        ]
        indexes = [models.Index(fields=["user", "role", "start"])]

    def __str__(self) -> str:
        who = self.state.code if self.state_id else (self.institution.code if self.institution_id else "SCO")
        return f"{self.user} · {self.get_role_display()} · {who}"

    def holds_on(self, on: dt.date) -> bool:
        return self.start <= on and (self.end is None or on < self.end)
