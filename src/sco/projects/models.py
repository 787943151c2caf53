"""Investment projects: the record, its versions, participants, attachments, discussion and appraisal."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sco.core.i18n import localized
from sco.core.pagination import AtLeast
from sco.core.users import Viewer
from sco.members.models import State
from sco.projects import oc4ids_codelists
from sco.projects.lifecycle import Status

SECTOR_CHOICES = [(code, title) for code, title in oc4ids_codelists.PROJECT_SECTOR]
TYPE_CHOICES = [(code, title) for code, title in oc4ids_codelists.PROJECT_TYPE]


class ProjectStatus(models.TextChoices):
    DRAFT = Status.DRAFT.value, _("Draft")
    SUBMITTED = Status.SUBMITTED.value, _("Submitted")
    SCREENING = Status.SCREENING.value, _("Screening")
    UNDER_DISCUSSION = Status.UNDER_DISCUSSION.value, _("Under discussion")
    APPRAISAL = Status.APPRAISAL.value, _("Appraisal")
    DECISION = Status.DECISION.value, _("Decision")
    APPROVED = Status.APPROVED.value, _("Approved")
    REJECTED = Status.REJECTED.value, _("Rejected")
    RETURNED = Status.RETURNED.value, _("Returned for revision")
    FINANCING = Status.FINANCING.value, _("Financing")
    IMPLEMENTATION = Status.IMPLEMENTATION.value, _("Implementation")
    COMPLETED = Status.COMPLETED.value, _("Completed")
    WITHDRAWN = Status.WITHDRAWN.value, _("Withdrawn")
    CANCELLED = Status.CANCELLED.value, _("Cancelled")


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Public")
    MEMBERS = "members", _("Member states only")
    PARTICIPANTS = "participants", _("Host and participating states and the Secretariat")


class SponsorKind(models.TextChoices):
    STATE_AGENCY = "state_agency", _("A state's agency")
    COMPANY = "company", _("A company")


class ProjectQuerySet(models.QuerySet["Project"]):
    _count_cap: int | None = None

    def visible_to(self, viewer: Viewer) -> ProjectQuerySet:
        """Only what ``viewer`` may see. One place decides it (``sco.projects.audience``): lists, search, counts,
        exports and the API all start here."""
        from sco.projects.audience import visible_q

        return self.filter(visible_q(viewer))

    def capped_count(self, cap: int) -> int:
        """How many rows, counted no further than ``cap + 1``: the cost stops growing past the cap."""
        uncapped = self.all()
        uncapped._count_cap = None
        return uncapped.order_by().values("pk")[: cap + 1].count()

    def with_count_cap(self, cap: int) -> ProjectQuerySet:
        """The same rows, whose ``count()`` (what a Paginator asks) stops at ``cap``: past it the answer is an
        ``AtLeast`` that prints as "10,000+"."""
        qs = self.all()
        qs._count_cap = cap
        return qs

    def _clone(self) -> ProjectQuerySet:
        clone: ProjectQuerySet = super()._clone()  # type: ignore[misc]
        clone._count_cap = self._count_cap
        return clone

    def count(self) -> int:
        cap = getattr(self, "_count_cap", None)
        if cap is None or self._result_cache is not None:
            return super().count()
        found = self.capped_count(cap)
        return AtLeast(cap) if found > cap else found


class Project(models.Model):
    title_en = models.CharField(_("title (English)"), max_length=300)
    title_ru = models.CharField(_("title (Russian)"), max_length=300, blank=True)
    title_zh = models.CharField(_("title (Chinese)"), max_length=300, blank=True)
    summary_en = models.TextField(_("summary (English)"), blank=True)
    summary_ru = models.TextField(_("summary (Russian)"), blank=True)
    summary_zh = models.TextField(_("summary (Chinese)"), blank=True)
    sector = models.CharField(_("sector"), max_length=40, choices=SECTOR_CHOICES)
    project_type = models.CharField(_("type"), max_length=20, choices=TYPE_CHOICES)
    sponsor_kind = models.CharField(_("sponsor kind"), max_length=20, choices=SponsorKind.choices)
    sponsor_name = models.CharField(_("sponsor"), max_length=300)
    sponsor_state = models.ForeignKey(
        State, on_delete=models.PROTECT, related_name="sponsored_projects", verbose_name=_("sponsoring state")
    )
    location = models.CharField(_("location"), max_length=300, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    total_cost = models.DecimalField(_("total cost"), max_digits=18, decimal_places=2, null=True, blank=True)
    cost_is_estimate = models.BooleanField(_("the cost is an estimate"), default=False)
    currency = models.CharField(_("currency"), max_length=3, blank=True)
    requested_financing = models.DecimalField(
        _("requested financing"), max_digits=18, decimal_places=2, null=True, blank=True
    )
    start_date = models.DateField(_("start"), null=True, blank=True)
    end_date = models.DateField(_("end"), null=True, blank=True)
    goals = models.ManyToManyField("projects.Goal", blank=True, related_name="projects", verbose_name=_("goals"))
    status = models.CharField(_("status"), max_length=20, choices=ProjectStatus.choices, default=ProjectStatus.DRAFT)
    visibility = models.CharField(_("visibility"), max_length=20, choices=Visibility.choices, default=Visibility.PUBLIC)
    screening = models.JSONField(_("screening checklist"), default=dict, blank=True)
    decision_ref = models.PositiveBigIntegerField(_("decision"), null=True, blank=True)
    version_count = models.PositiveIntegerField(default=0)
    # Counts every change to what the project page shows (comments, versions, appraisal, attachments, the
    # decision); the page's cached fragments are keyed by it (projects/cache.py).
    revision = models.PositiveBigIntegerField(default=0, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="projects_created", null=True, blank=True
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True, db_index=True)
    is_illustrative = models.BooleanField(_("illustrative example"), default=False)
    sources = models.TextField(_("sources"), blank=True)

    objects = ProjectQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at", "-pk"]
        verbose_name = _("investment project")
        verbose_name_plural = _("investment projects")
        indexes = [
            # The lists' order (newest first, the id breaking ties): a page of 50 reads 50 index entries.
            models.Index(fields=["-updated_at", "-id"], name="project_updated_desc"),
            models.Index(fields=["status", "-updated_at"]),
            models.Index(fields=["sector", "-updated_at"]),
            models.Index(fields=["visibility", "status"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(total_cost__isnull=True) | Q(total_cost__gte=0), name="project_cost_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(requested_financing__isnull=True) | Q(requested_financing__gte=0),
                name="project_financing_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(start_date__isnull=True)
                | Q(end_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="project_period_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.title_en or self.title_ru or self.title_zh

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("projects:detail", args=[self.pk])

    @property
    def title(self) -> str:
        return localized(self, "title")

    @property
    def summary(self) -> str:
        return localized(self, "summary")

    @property
    def public_id(self) -> str:
        return f"P-{self.pk:06d}"


class Goal(models.Model):
    """A strategic goal a project may serve (e.g. a line of the SCO Development Strategy)."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    title_en = models.CharField(_("title (English)"), max_length=300)
    title_ru = models.CharField(_("title (Russian)"), max_length=300, blank=True)
    title_zh = models.CharField(_("title (Chinese)"), max_length=300, blank=True)
    source = models.TextField(_("source"), blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("strategic goal")
        verbose_name_plural = _("strategic goals")

    def __str__(self) -> str:
        return self.title_en

    @property
    def title(self) -> str:
        return localized(self, "title")


class ParticipationRole(models.TextChoices):
    HOST = "host", _("Host state")
    PARTICIPANT = "participant", _("Participating state")


class Participation(models.Model):
    """A state taking part in a project (SCO Charter art. 16: those who do not take part do not stop the
    others, and may join later, hence the join date)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="participations")
    state = models.ForeignKey(State, on_delete=models.PROTECT, related_name="project_participations")
    role = models.CharField(_("role"), max_length=20, choices=ParticipationRole.choices)
    joined_at = models.DateTimeField(_("joined"))

    class Meta:
        ordering = ["project", "role", "state__name_en"]
        constraints = [models.UniqueConstraint(fields=["project", "state"], name="participation_once")]
        indexes = [models.Index(fields=["state", "project"])]

    def __str__(self) -> str:
        return f"{self.project_id} {self.state_id} {self.role}"


class InvitationStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting an answer")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


class Invitation(models.Model):
    """The sponsor invites a state to take part; a delegate of that state accepts or declines. Joining is the
    joining state's own act (SCO Charter art. 16: a member may join a project later), so the sponsor never enrols
    another state itself. While pending, the invited state's delegates may see the project, to decide."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="invitations")
    state = models.ForeignKey(State, on_delete=models.PROTECT, related_name="project_invitations")
    status = models.CharField(
        _("status"), max_length=10, choices=InvitationStatus.choices, default=InvitationStatus.PENDING
    )
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    invited_at = models.DateTimeField(_("invited"))
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)

    class Meta:
        ordering = ["project", "invited_at", "pk"]
        verbose_name = _("invitation to take part")
        verbose_name_plural = _("invitations to take part")
        indexes = [models.Index(fields=["state", "status"])]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "state"],
                condition=Q(status=InvitationStatus.PENDING),
                name="invitation_one_pending_per_state",
            ),
            models.CheckConstraint(
                condition=Q(status=InvitationStatus.PENDING, answered_at__isnull=True, answered_by__isnull=True)
                | (~Q(status=InvitationStatus.PENDING) & Q(answered_at__isnull=False, answered_by__isnull=False)),
                name="invitation_answered_when_not_pending",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project_id} invites {self.state_id} ({self.status})"


class ProjectVersion(models.Model):
    """What the sponsor submitted, frozen: every (re)submission adds one and none is ever changed."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    data = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True)

    class Meta:
        ordering = ["project", "number"]
        constraints = [models.UniqueConstraint(fields=["project", "number"], name="version_once")]

    def __str__(self) -> str:
        return f"{self.project_id} v{self.number}"


def attachment_path(instance: Attachment, filename: str) -> str:
    # The stored name is ours, never the uploader's: nothing they send chooses a path or an extension.
    return f"projects/{instance.project_id}/{instance.sha256[:2]}/{instance.sha256}"


class Attachment(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="attachments")
    document_type = models.CharField(_("document type"), max_length=60)
    title = models.CharField(_("title"), max_length=300)
    file = models.FileField(upload_to=attachment_path, max_length=300)
    original_name = models.CharField(max_length=255)
    media_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["project", "uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.title


class CommentKind(models.TextChoices):
    COMMENT = "comment", _("Comment")
    QUESTION = "question", _("Question to the sponsor")
    ANSWER = "answer", _("Answer")


class Comment(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="comments")
    parent = models.ForeignKey("self", on_delete=models.CASCADE, null=True, blank=True, related_name="replies")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    on_behalf_of = models.ForeignKey(State, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    kind = models.CharField(_("kind"), max_length=20, choices=CommentKind.choices, default=CommentKind.COMMENT)
    body = models.TextField(_("text"))
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    mentions = models.ManyToManyField(State, blank=True, related_name="+")
    answered_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    hidden_reason = models.CharField(_("reason"), max_length=500, blank=True)

    class Meta:
        ordering = ["project", "created_at", "pk"]
        indexes = [models.Index(fields=["project", "created_at"])]

    def __str__(self) -> str:
        return f"{self.project_id} #{self.pk}"

    @property
    def is_open_question(self) -> bool:
        return self.kind == CommentKind.QUESTION and self.answered_at is None and self.hidden_at is None


class Appraisal(models.Model):
    """The yearly cash-flow table and the rates it is appraised at; indicators are computed, never stored."""

    project = models.OneToOneField(Project, on_delete=models.CASCADE, related_name="appraisal")
    currency = models.CharField(_("currency"), max_length=3)
    financial_rate = models.DecimalField(_("financial discount rate"), max_digits=6, decimal_places=4)
    social_rate = models.DecimalField(_("social discount rate"), max_digits=6, decimal_places=4)
    rows = models.JSONField(default=list)  # [{"year", "capex", "opex", "revenues", "economic_benefits"}] as strings
    notes = models.TextField(_("notes"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True)

    def __str__(self) -> str:
        return f"appraisal {self.project_id}"


class Follow(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="project_follows")
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="follows")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "project"], name="follow_once")]

    def __str__(self) -> str:
        return f"{self.user_id} follows {self.project_id}"
