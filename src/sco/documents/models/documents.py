"""A document's record: its kind, status, adopting body, areas and relations to other documents."""

from __future__ import annotations

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
