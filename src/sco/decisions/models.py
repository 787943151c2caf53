"""Decision procedures and the states' positions in them. The rule itself lives in consensus.py (pure)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sco.core.i18n import localized
from sco.decisions.consensus import (
    Outcome,
    PositionKind,
    Rule,
    Status,
    closing_time,
    consensus_outcome,
    is_open,
)
from sco.members.models import Body, State


class RuleChoice(models.TextChoices):
    CONSENSUS = Rule.CONSENSUS.value, _("Consensus")
    SILENCE = Rule.SILENCE.value, _("Silence procedure")
    CONSENSUS_MINUS_ONE = Rule.CONSENSUS_MINUS_ONE.value, _("Consensus minus one")


class StatusChoice(models.TextChoices):
    OPEN = Status.OPEN.value, _("Open")
    ADOPTED = Status.ADOPTED.value, _("Adopted")
    BLOCKED = Status.BLOCKED.value, _("Blocked")
    LAPSED = Status.LAPSED.value, _("Lapsed")


class PositionChoice(models.TextChoices):
    SUPPORT = PositionKind.SUPPORT.value, _("Support")
    NO_OBJECTION = PositionKind.NO_OBJECTION.value, _("No objection")
    OBJECTION = PositionKind.OBJECTION.value, _("Objection")
    STATEMENT = PositionKind.STATEMENT.value, _("Statement of views")


class Decision(models.Model):
    """A decision procedure on one subject (a project, a document...) in one body, under one rule.

    `status` holds the outcome once it has been stored (by a close or by the job that closes due procedures); until
    then it says "open" even after the deadline, and `outcome(now=...)` gives the outcome the rule computes.
    """

    title_en = models.CharField(_("title (English)"), max_length=300)
    title_ru = models.CharField(_("title (Russian)"), max_length=300, blank=True)
    title_zh = models.CharField(_("title (Chinese)"), max_length=300, blank=True)
    subject_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    subject_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("subject_type", "subject_id")
    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="decisions")
    rule = models.CharField(_("rule"), max_length=30, choices=RuleChoice.choices)
    concerned_state = models.ForeignKey(
        State, on_delete=models.PROTECT, null=True, blank=True, related_name="decisions_concerning"
    )
    eligible_states = models.ManyToManyField(State, related_name="decisions_eligible")
    opened_at = models.DateTimeField(_("opened"))
    deadline = models.DateTimeField(_("deadline"))
    closed_at = models.DateTimeField(_("closed early"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=StatusChoice.choices, default=StatusChoice.OPEN)
    decided_at = models.DateTimeField(_("outcome stored"), null=True, blank=True)
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    illustrative = models.BooleanField(
        _("illustrative example"), default=False, help_text=_("Demo data: not a real procedure of the Organisation.")
    )
    source = models.TextField(_("source"), blank=True)

    class Meta:
        ordering = ["-opened_at", "-pk"]
        verbose_name = _("decision procedure")
        verbose_name_plural = _("decision procedures")
        indexes = [
            # The lists' order, newest first: a page of 50 reads 50 index entries however many procedures there are.
            models.Index(fields=["-opened_at", "-id"], name="decision_opened_desc"),
            models.Index(fields=["subject_type", "subject_id"]),
            models.Index(fields=["status", "deadline"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(deadline__gt=models.F("opened_at")), name="decision_deadline_after_open"
            ),
            models.CheckConstraint(
                condition=Q(rule=RuleChoice.CONSENSUS_MINUS_ONE, concerned_state__isnull=False)
                | (~Q(rule=RuleChoice.CONSENSUS_MINUS_ONE) & Q(concerned_state__isnull=True)),
                name="decision_concerned_state_with_minus_one_only",
            ),
            # One procedure at a time on a record: a second one while the first is open would let the same subject
            # read "adopted" and "open" at once. The service refuses it with a 409; this holds under a race.
            models.UniqueConstraint(
                fields=["subject_type", "subject_id"],
                condition=Q(status=StatusChoice.OPEN),
                name="decision_one_open_per_subject",
            ),
            models.CheckConstraint(
                condition=Q(status=StatusChoice.OPEN, decided_at__isnull=True)
                | (~Q(status=StatusChoice.OPEN) & Q(decided_at__isnull=False)),
                name="decision_decided_when_final",
            ),
        ]

    def __str__(self) -> str:
        return self.title_en

    @property
    def title(self) -> str:
        return localized(self, "title")

    @property
    def closes_at(self) -> dt.datetime:
        return closing_time(deadline=self.deadline, closed_at=self.closed_at)

    def is_open(self, *, now: dt.datetime) -> bool:
        return self.status == StatusChoice.OPEN and is_open(now=now, deadline=self.deadline, closed_at=self.closed_at)

    def outcome(self, *, now: dt.datetime) -> Outcome[int]:
        """The rule's outcome from the positions held. Uses prefetched `eligible_states` and `positions` if loaded."""
        eligible = [s.pk for s in self.eligible_states.all()]
        positions = {p.state_id: PositionKind(p.kind) for p in self.positions.all()}
        return consensus_outcome(
            rule=Rule(self.rule),
            eligible=eligible,
            positions=positions,
            now=now,
            deadline=self.deadline,
            closed_at=self.closed_at,
            concerned=self.concerned_state_id,
        )


class Recorded(models.Model):
    """What one recording of a state's position holds."""

    state = models.ForeignKey(State, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("position"), max_length=20, choices=PositionChoice.choices)
    text = models.TextField(_("reasons or views"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(_("recorded"))

    class Meta:
        abstract = True


class Position(Recorded):
    """A state's position in a procedure as it stands now; every recording is also kept in PositionChange."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="positions")

    class Meta:
        ordering = ["decision", "state__name_en"]
        verbose_name = _("position")
        verbose_name_plural = _("positions")
        constraints = [
            models.UniqueConstraint(fields=["decision", "state"], name="position_one_per_state"),
            models.CheckConstraint(
                condition=~Q(kind__in=[PositionChoice.OBJECTION, PositionChoice.STATEMENT]) | ~Q(text=""),
                name="position_objection_and_statement_have_text",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.state_id} {self.kind}"


class PositionChange(Recorded):
    """Each recording of a position, appended and never changed: the procedure's own history of positions."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="position_changes")

    class Meta:
        ordering = ["decision", "recorded_at", "pk"]
        verbose_name = _("position change")
        verbose_name_plural = _("position changes")
        indexes = [models.Index(fields=["decision", "recorded_at"])]

    def __str__(self) -> str:
        return f"{self.state_id} {self.kind} {self.recorded_at:%Y-%m-%d %H:%M}"
