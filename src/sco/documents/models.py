"""The registry of strategic documents: documents, their texts and versions, negotiation, signatures and
entry into force, commitments and implementation reports, and the search index."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sco.core.i18n import localized
from sco.members.models import Body, State, Summit


class Kind(models.TextChoices):
    DECLARATION = "declaration", _("Declaration")
    STRATEGY = "strategy", _("Strategy")
    PROGRAMME = "programme", _("Programme")
    CONCEPT = "concept", _("Concept")
    AGREEMENT = "agreement", _("Agreement")
    CHARTER = "charter", _("Charter")
    PROTOCOL = "protocol", _("Protocol")
    ACTION_PLAN = "action_plan", _("Action plan")
    ROADMAP = "roadmap", _("Road map")
    INITIATIVE = "initiative", _("Initiative")
    DECISION = "decision", _("Decision")
    STATEMENT = "statement", _("Statement")
    MEMORANDUM = "memorandum", _("Memorandum")
    OTHER = "other", _("Other")


# Kinds that bind states through signature and ratification (UN Treaty Handbook: consent to be bound).
TREATY_KINDS = frozenset({Kind.AGREEMENT, Kind.CHARTER, Kind.PROTOCOL, Kind.MEMORANDUM})


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    UNDER_NEGOTIATION = "under_negotiation", _("Under negotiation")
    ADOPTED = "adopted", _("Adopted")
    SIGNED = "signed", _("Signed")
    IN_FORCE = "in_force", _("In force")
    EXPIRED = "expired", _("Expired")
    SUPERSEDED = "superseded", _("Superseded")


class Area(models.TextChoices):
    SECURITY = "security", _("Security")
    ECONOMY = "economy", _("Economy")
    ENERGY = "energy", _("Energy")
    ECOLOGY = "ecology", _("Ecology")
    TRANSPORT = "transport", _("Transport")
    CULTURE = "culture", _("Culture")
    INFORMATION_SECURITY = "information_security", _("Information security")
    COUNTER_NARCOTICS = "counter_narcotics", _("Counter-narcotics")
    FINANCE = "finance", _("Finance")
    HEALTH = "health", _("Health")


class Language(models.TextChoices):
    EN = "en", _("English")
    RU = "ru", _("Russian")
    ZH = "zh", _("Chinese")


class EifRule(models.TextChoices):
    ON_ADOPTION = "on_adoption", _("On adoption")
    ON_SIGNATURE = "on_signature", _("On signature by all parties")
    ON_LAST_NOTIFICATION = "on_last_notification", _("After the last notification")
    DAYS_AFTER_NTH_NOTIFICATION = "days_after_nth_notification", _("N days after the Nth notification")


class RelationKind(models.TextChoices):
    SUPERSEDES = "supersedes", _("supersedes")
    IMPLEMENTS = "implements", _("implements")
    AMENDS = "amends", _("amends")


class Document(models.Model):
    # A stable handle for demo data and links; blank for documents made through the pages or the API.
    key = models.SlugField(max_length=80, unique=True, null=True, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title_en = models.CharField(_("title (English)"), max_length=500)
    title_ru = models.CharField(_("title (Russian)"), max_length=500, blank=True)
    title_zh = models.CharField(_("title (Chinese)"), max_length=500, blank=True)
    reference_number = models.CharField(_("reference number"), max_length=60, blank=True)
    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="documents", verbose_name=_("adopting body"))
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    place_en = models.CharField(_("place"), max_length=100, blank=True)
    place_ru = models.CharField(max_length=100, blank=True)
    place_zh = models.CharField(max_length=100, blank=True)
    summit = models.ForeignKey(Summit, on_delete=models.PROTECT, null=True, blank=True, related_name="documents")
    valid_from_year = models.PositiveSmallIntegerField(_("valid from (year)"), null=True, blank=True)
    valid_to_year = models.PositiveSmallIntegerField(_("valid until (year)"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    # A restricted document is seen only by the Secretariat and the member states' delegations.
    restricted = models.BooleanField(_("restricted"), default=True)
    parties = models.ManyToManyField(State, blank=True, related_name="documents_negotiated", verbose_name=_("parties"))
    eif_rule = models.CharField(_("entry-into-force rule"), max_length=40, choices=EifRule.choices, blank=True)
    eif_count = models.PositiveSmallIntegerField(_("number of notifications"), null=True, blank=True)
    eif_days = models.PositiveSmallIntegerField(_("days after"), default=0)
    entry_into_force_on = models.DateField(_("entry into force"), null=True, blank=True)
    # True when the date comes from a published source rather than from the rule and the recorded acts.
    eif_from_source = models.BooleanField(default=False)
    decision_id = models.PositiveIntegerField(null=True, blank=True)  # the decisions part's procedure, when adopted
    adoption_procedure = models.CharField(max_length=20, blank=True)
    note_en = models.TextField(blank=True)
    note_ru = models.TextField(blank=True)
    note_zh = models.TextField(blank=True)
    sources = models.TextField(_("sources"), blank=True, help_text=_("One per line."))
    text_not_held_reason = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-adopted_on", "-pk"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        indexes = [
            models.Index(fields=["status", "restricted"]),
            models.Index(fields=["kind"]),
            models.Index(fields=["adopted_on"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to_year__isnull=True)
                | Q(valid_from_year__isnull=True)
                | Q(valid_to_year__gte=models.F("valid_from_year")),
                name="document_validity_period",
            ),
            models.CheckConstraint(
                condition=~Q(eif_rule="days_after_nth_notification") | Q(eif_count__gte=1),
                name="document_eif_count",
            ),
        ]

    def __str__(self) -> str:
        return self.title_en

    @property
    def title(self) -> str:
        return localized(self, "title")

    @property
    def place(self) -> str:
        return localized(self, "place")

    @property
    def note(self) -> str:
        return localized(self, "note")

    @property
    def is_treaty(self) -> bool:
        return self.kind in TREATY_KINDS

    @property
    def period(self) -> str:
        if self.valid_from_year and self.valid_to_year:
            return f"{self.valid_from_year}–{self.valid_to_year}"
        if self.valid_to_year:
            return f"–{self.valid_to_year}"
        return str(self.valid_from_year or "")

    @property
    def source_list(self) -> list[str]:
        return [s.strip() for s in self.sources.splitlines() if s.strip()]


class DocumentArea(models.Model):
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="areas")
    area = models.CharField(_("area"), max_length=30, choices=Area.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["document", "area"], name="document_area_once")]
        indexes = [models.Index(fields=["area", "document"])]

    def __str__(self) -> str:
        return self.area


class DocumentRelation(models.Model):
    source = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="relations_out")
    target = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="relations_in")
    kind = models.CharField(_("relation"), max_length=20, choices=RelationKind.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["source", "target", "kind"], name="relation_once"),
            models.CheckConstraint(condition=~Q(source=models.F("target")), name="relation_not_to_itself"),
        ]

    def __str__(self) -> str:
        return f"{self.source_id} {self.kind} {self.target_id}"


class DocumentText(models.Model):
    """The text of a document in one language; its versions follow one another."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="texts")
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    authentic = models.BooleanField(_("authentic"), default=False)
    current_version = models.ForeignKey(
        "TextVersion", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        constraints = [models.UniqueConstraint(fields=["document", "language"], name="one_text_per_language")]
        ordering = ["document", "language"]

    def __str__(self) -> str:
        return f"{self.document_id}/{self.language}"


class TextVersion(models.Model):
    text = models.ForeignKey(DocumentText, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    content = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    file_name = models.CharField(max_length=200, blank=True)
    file_kind = models.CharField(max_length=10, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)
    # Amendments made to another language version that this version carries over (authentic texts in step).
    carries: models.ManyToManyField[Proposal, Any] = models.ManyToManyField(
        "Proposal", blank=True, related_name="carried_by"
    )

    class Meta:
        ordering = ["text", "number"]
        constraints = [models.UniqueConstraint(fields=["text", "number"], name="version_number_once")]

    def __str__(self) -> str:
        return f"{self.text} v{self.number}"


class Paragraph(models.Model):
    version = models.ForeignKey(TextVersion, on_delete=models.CASCADE, related_name="paragraphs")
    number = models.PositiveIntegerField()
    position = models.PositiveIntegerField()
    text = models.TextField()

    class Meta:
        ordering = ["version", "position"]
        constraints = [
            models.UniqueConstraint(fields=["version", "number"], name="paragraph_number_once"),
            models.UniqueConstraint(fields=["version", "position"], name="paragraph_position_once"),
        ]

    def __str__(self) -> str:
        return f"¶{self.number}"


class SearchTerm(models.Model):
    """One normalised term (core/search_terms.py) present in a document's titles or current texts.

    Looked up by equality only, so SQLite and PostgreSQL answer the same. The document's visibility and sort key
    are copied here so that a search without filters reads this table alone (rebuilt whenever they change)."""

    term = models.CharField(max_length=42)
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="+")
    restricted = models.BooleanField(default=True)
    sort_key = models.DateField()  # the adoption date; drafts sort last (date.min)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["term", "document"], name="search_term_once")]
        indexes = [
            models.Index(fields=["document"]),
            models.Index(fields=["term", "restricted", "sort_key", "document"], name="search_term_page"),
        ]

    def __str__(self) -> str:
        return self.term


class ProposalKind(models.TextChoices):
    COMMENT = "comment", _("Comment")
    AMENDMENT = "amendment", _("Amendment")


class ProposalStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")
    MERGED = "merged", _("Merged")
    NOTED = "noted", _("Noted")


class Proposal(models.Model):
    """A delegation's comment on, or amendment to, one paragraph of one version of a text."""

    version = models.ForeignKey(TextVersion, on_delete=models.CASCADE, related_name="proposals")
    paragraph_number = models.PositiveIntegerField(_("paragraph"))
    kind = models.CharField(_("kind"), max_length=20, choices=ProposalKind.choices)
    state = models.ForeignKey(State, on_delete=models.PROTECT, related_name="document_proposals")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    comment = models.TextField(_("comment"), blank=True)
    proposed_text = models.TextField(_("proposed text"), blank=True)
    # The language versions an amendment changes (codes of Language); its own text's language is always one.
    languages = models.JSONField(_("language versions changed"), default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(max_length=20, choices=ProposalStatus.choices, default=ProposalStatus.PENDING)
    merged_text = models.TextField(blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(blank=True)
    result_version = models.ForeignKey(
        TextVersion, on_delete=models.SET_NULL, null=True, blank=True, related_name="applied_proposals"
    )

    class Meta:
        ordering = ["version", "paragraph_number", "created_at", "pk"]
        indexes = [models.Index(fields=["version", "status"])]

    def __str__(self) -> str:
        return f"{self.kind} ¶{self.paragraph_number} by {self.state_id}"


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
