"""A document's texts per language, their versions and numbered paragraphs, and the delegations' proposals on
a version."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sco.documents.models.documents import Document, Language
from sco.members.models import State


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
