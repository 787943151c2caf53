"""States' acts on a treaty (signature, consent, notification), their reservations, and the commitments drawn
from adopted documents with the states' implementation reports."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sco.core.i18n import localized
from sco.documents.models.documents import Area, Document
from sco.members.models import Body, State


class ConsentKind(models.TextChoices):
    RATIFICATION = "ratification", _("Ratification")
    ACCEPTANCE = "acceptance", _("Acceptance")
    APPROVAL = "approval", _("Approval")
    ACCESSION = "accession", _("Accession")


class Participation(models.Model):
    """One state's acts on a document, as the UN Treaty Collection lists them."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="participations")
    state = models.ForeignKey(State, on_delete=models.PROTECT, related_name="document_participations")
    signed_on = models.DateField(_("signature"), null=True, blank=True)
    signatory = models.CharField(_("signatory"), max_length=200, blank=True)
    consent_kind = models.CharField(_("consent"), max_length=20, choices=ConsentKind.choices, blank=True)
    consent_on = models.DateField(_("consent date"), null=True, blank=True)
    notified_on = models.DateField(_("notification to the depositary"), null=True, blank=True)
    in_force_on = models.DateField(_("in force for this state"), null=True, blank=True)

    class Meta:
        ordering = ["document", "state__name_en"]
        constraints = [models.UniqueConstraint(fields=["document", "state"], name="document_participation_once")]

    def __str__(self) -> str:
        return f"{self.document_id}/{self.state_id}"


class ReservationKind(models.TextChoices):
    RESERVATION = "reservation", _("Reservation")
    DECLARATION = "declaration", _("Declaration")
    STATEMENT = "statement", _("Statement")


class Reservation(models.Model):
    participation = models.ForeignKey(Participation, on_delete=models.CASCADE, related_name="reservations")
    kind = models.CharField(_("kind"), max_length=20, choices=ReservationKind.choices)
    text = models.TextField(_("text"))
    made_on = models.DateField(_("date"))

    class Meta:
        ordering = ["participation", "made_on", "pk"]

    def __str__(self) -> str:
        return f"{self.kind} {self.participation_id}"


class Commitment(models.Model):
    """An action item drawn from a document."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="commitments")
    paragraph_number = models.PositiveIntegerField(_("paragraph"), null=True, blank=True)
    text_en = models.TextField(_("commitment (English)"))
    text_ru = models.TextField(_("commitment (Russian)"), blank=True)
    text_zh = models.TextField(_("commitment (Chinese)"), blank=True)
    area = models.CharField(_("area"), max_length=30, choices=Area.choices)
    states = models.ManyToManyField(State, related_name="document_commitments", verbose_name=_("responsible states"))
    bodies = models.ManyToManyField(Body, blank=True, related_name="document_commitments")
    due_on = models.DateField(_("due"), null=True, blank=True)
    indicator = models.CharField(_("indicator"), max_length=500, blank=True)
    illustrative = models.BooleanField(default=False)  # demo data: an illustrative example, not a real commitment
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["document", "due_on", "pk"]
        indexes = [models.Index(fields=["due_on"]), models.Index(fields=["area"])]

    def __str__(self) -> str:
        return self.text_en[:80]

    @property
    def text(self) -> str:
        return localized(self, "text")


class ReportStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    COMPLETED = "completed", _("Completed")
    DELAYED = "delayed", _("Delayed")


class ImplementationReport(models.Model):
    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="reports")
    state = models.ForeignKey(State, on_delete=models.PROTECT, related_name="implementation_reports")
    period = models.CharField(_("period"), max_length=20)
    status = models.CharField(_("status"), max_length=20, choices=ReportStatus.choices)
    progress = models.PositiveSmallIntegerField(_("progress (%)"))
    text = models.TextField(_("progress"), blank=True)
    evidence = models.TextField(_("evidence"), blank=True)
    filed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    filed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["commitment", "state", "-filed_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(progress__lte=100), name="report_progress_percent"),
            models.UniqueConstraint(fields=["commitment", "state", "period"], name="report_once_per_period"),
        ]

    def __str__(self) -> str:
        return f"{self.commitment_id}/{self.state_id}/{self.period}"
