"""Financing: institutions' dated statuses and capital shares, a project's financing plan and its tranches, the
append-only ledger of each tranche with its running balances, board votes, and the exchange-rate table."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sco.core.i18n import localized
from sco.decisions.consensus import Ballot, BoardRule, VoteStatus
from sco.financing.codes import EntryKind, FlowType, Instrument, PartyType


def instrument_choices() -> list[tuple[str, Any]]:
    labels = {
        Instrument.LOAN: _("Loan"),
        Instrument.SYNDICATED_LOAN: _("Syndicated loan"),
        Instrument.BOND: _("Bond"),
        Instrument.GREEN_BOND: _("Green bond"),
        Instrument.SUSTAINABILITY_BOND: _("Sustainability bond"),
        Instrument.SUKUK: _("Sukuk"),
        Instrument.GUARANTEE: _("Guarantee"),
        Instrument.EQUITY: _("Equity"),
        Instrument.GRANT: _("Grant"),
        Instrument.TECHNICAL_ASSISTANCE: _("Technical assistance"),
    }
    return [(i.value, labels[i]) for i in Instrument]


def kind_choices() -> list[tuple[str, Any]]:
    labels = {
        EntryKind.PLEDGE: _("Pledge"),
        EntryKind.COMMITMENT: _("Commitment"),
        EntryKind.DISBURSEMENT: _("Disbursement"),
        EntryKind.REPAYMENT: _("Repayment"),
        EntryKind.INTEREST: _("Interest"),
        EntryKind.CANCELLATION: _("Cancellation"),
    }
    return [(k.value, labels[k]) for k in EntryKind]


def rule_choices() -> list[tuple[str, Any]]:
    return [
        (BoardRule.WEIGHTED_MAJORITY.value, _("Weighted majority of capital shares")),
        (BoardRule.DOUBLE_MAJORITY.value, _("Double majority (shares and members)")),
        (BoardRule.UNANIMITY.value, _("Unanimity (reserved matter)")),
    ]


def vote_status_choices() -> list[tuple[str, Any]]:
    return [
        (VoteStatus.OPEN.value, _("open")),
        (VoteStatus.ADOPTED.value, _("adopted")),
        (VoteStatus.REJECTED.value, _("rejected")),
    ]


def ballot_choices() -> list[tuple[str, Any]]:
    return [(Ballot.YES.value, _("Yes")), (Ballot.NO.value, _("No")), (Ballot.ABSTAIN.value, _("Abstain"))]


class InstitutionStatusKind(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    UNDER_CONSULTATION = "under_consultation", _("Under consultation")
    DECIDED = "decided", _("Decided")
    OPERATIONAL = "operational", _("Operational")


class InstitutionStatus(models.Model):
    """One dated step in an institution's life, with where it was published. No source: the page says so."""

    institution = models.ForeignKey("members.Institution", on_delete=models.CASCADE, related_name="statuses")
    status = models.CharField(_("status"), max_length=20, choices=InstitutionStatusKind.choices)
    on = models.DateField(_("date"))
    note_en = models.TextField(blank=True)
    note_ru = models.TextField(blank=True)
    note_zh = models.TextField(blank=True)
    source = models.TextField(_("source"), blank=True)

    class Meta:
        ordering = ["institution", "on", "pk"]
        constraints = [models.UniqueConstraint(fields=["institution", "on", "status"], name="institution_status_once")]

    def __str__(self) -> str:
        return f"{self.institution_id} {self.status} {self.on}"

    @property
    def note(self) -> str:
        return localized(self, "note")


class FinancierProfile(models.Model):
    """How an institution appears in open data: its OC4IDS party type, IATI organisation type and default flow."""

    institution = models.OneToOneField("members.Institution", on_delete=models.CASCADE, related_name="financier")
    party_type = models.CharField(max_length=20, choices=[(p.value, p.value) for p in PartyType])
    iati_org_type = models.CharField(max_length=3, default="40")  # IATI OrganisationType 40 Multilateral
    default_flow = models.CharField(max_length=3, choices=[(f.value, f.name) for f in FlowType], default=FlowType.OOF)
    website = models.URLField(blank=True)
    # The institution's own IATI organisation identifier, only where one was found published (with where): empty
    # means none was found, and open data then names the institution without a ``ref``.
    iati_org_ref = models.CharField(max_length=100, blank=True)
    iati_org_ref_source = models.TextField(blank=True)

    def __str__(self) -> str:
        return f"financier profile {self.institution_id}"


class Shareholding(models.Model):
    """A member's capital share in an institution, for its board's weighted votes. ``state`` is empty for a holder
    that is not an SCO state (it still counts in the whole: it simply cannot vote here)."""

    institution = models.ForeignKey("members.Institution", on_delete=models.CASCADE, related_name="shareholdings")
    state = models.ForeignKey("members.State", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    holder = models.CharField(_("holder"), max_length=120)
    share = models.DecimalField(_("share (%)"), max_digits=9, decimal_places=4)
    as_of = models.DateField()
    source = models.TextField(blank=True)
    is_illustrative = models.BooleanField(default=False)

    class Meta:
        ordering = ["institution", "-share", "holder"]
        constraints = [
            models.UniqueConstraint(fields=["institution", "holder"], name="shareholding_once"),
            models.CheckConstraint(condition=Q(share__gte=0), name="shareholding_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.holder} {self.share}%"


class FinancingPlan(models.Model):
    """A project's financing plan: the row every write to its tranches and ledger locks first."""

    project = models.OneToOneField("projects.Project", on_delete=models.CASCADE, related_name="financing_plan")
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True)
    created_at = models.DateTimeField(auto_now_add=True)
    entry_count = models.PositiveIntegerField(default=0)
    last_digest = models.CharField(max_length=64, blank=True)
    is_illustrative = models.BooleanField(default=False)
    sources = models.TextField(blank=True)

    def __str__(self) -> str:
        return f"financing plan of project {self.project_id}"


class RateKind(models.TextChoices):
    FIXED = "fixed", _("Fixed")
    FLOATING = "floating", _("Floating")
    NONE = "", _("No interest")


class Tranche(models.Model):
    """One institution's line in a plan: who is asked for what, in which instrument, currency and terms."""

    plan = models.ForeignKey(FinancingPlan, on_delete=models.CASCADE, related_name="tranches")
    institution = models.ForeignKey("members.Institution", on_delete=models.PROTECT, related_name="tranches")
    instrument = models.CharField(_("instrument"), max_length=30, choices=instrument_choices)
    currency = models.CharField(_("currency"), max_length=3)
    amount = models.DecimalField(_("amount asked"), max_digits=20, decimal_places=2)
    concessional = models.BooleanField(_("concessional"), default=False)
    tenor_months = models.PositiveIntegerField(_("tenor (months)"), null=True, blank=True)
    grace_months = models.PositiveIntegerField(_("grace period (months)"), null=True, blank=True)
    rate_kind = models.CharField(_("interest"), max_length=10, choices=RateKind.choices, blank=True, default="")
    fixed_rate = models.DecimalField(_("fixed rate (%)"), max_digits=7, decimal_places=4, null=True, blank=True)
    base_rate = models.CharField(_("base rate"), max_length=40, blank=True)
    margin_bps = models.PositiveIntegerField(_("margin (basis points)"), null=True, blank=True)
    listing_venue = models.CharField(_("listing venue"), max_length=80, blank=True)
    needs_board_approval = models.BooleanField(_("needs a board vote"), default=False)
    approved_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["plan", "pk"]
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="tranche_amount_positive")]
        indexes = [
            models.Index(fields=["institution", "plan"]),
            # An institution's portfolio lists its largest tranches: read in this index's order, never sorted whole.
            models.Index(fields=["institution", "-amount", "id"], name="tranche_largest"),
        ]

    def __str__(self) -> str:
        return f"{self.instrument} {self.amount} {self.currency} (tranche {self.pk})"


class LedgerEntry(models.Model):
    """Append-only: rows are inserted by services.entry_record/entry_reverse and never changed. ``digest`` chains the
    plan's entries (sha256 of the previous digest and this entry's fields), so an edit in the database shows."""

    plan = models.ForeignKey(FinancingPlan, on_delete=models.PROTECT, related_name="entries")
    tranche = models.ForeignKey(Tranche, on_delete=models.PROTECT, related_name="entries")
    seq = models.PositiveIntegerField()
    kind = models.CharField(_("kind"), max_length=20, choices=kind_choices)
    value_date = models.DateField(_("value date"))
    currency = models.CharField(_("currency"), max_length=3)
    amount = models.DecimalField(_("amount"), max_digits=20, decimal_places=2)
    reverses = models.OneToOneField("self", on_delete=models.PROTECT, null=True, blank=True, related_name="reversed_by")
    excess_flagged = models.BooleanField(default=False)
    note = models.TextField(blank=True)
    internal = models.BooleanField(default=False)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()
    digest = models.CharField(max_length=64)

    class Meta:
        ordering = ["plan", "seq"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "seq"], name="ledger_seq_once"),
            models.CheckConstraint(
                condition=Q(reverses__isnull=True, amount__gt=0) | Q(reverses__isnull=False, amount__lt=0),
                name="ledger_sign_by_reversal",
            ),
        ]
        indexes = [models.Index(fields=["tranche", "seq"])]

    def __str__(self) -> str:
        return f"#{self.seq} {self.kind} {self.amount} {self.currency}"


class Balance(models.Model):
    """Running totals of a tranche per kind, split by visibility, kept in the transaction that appends an entry so
    that dashboards sum a few rows instead of the whole ledger."""

    tranche = models.ForeignKey(Tranche, on_delete=models.CASCADE, related_name="balances")
    kind = models.CharField(max_length=20, choices=kind_choices)
    internal = models.BooleanField(default=False)
    amount = models.DecimalField(max_digits=20, decimal_places=2, default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["tranche", "kind", "internal"], name="balance_once")]

    def __str__(self) -> str:
        return f"{self.tranche_id} {self.kind} {self.amount}"


class Audience(models.Model):
    """Who may see a project's financing, as the projects part decides it (``Project.objects.visible_to``) for a
    project in a financing stage: ``public`` (everyone), ``members`` (anyone acting for a member state, the
    Secretariat) or ``p:<state ids>`` for a project shown to its participants: the states listed (sponsor,
    participants, states invited and not yet answering) and the Secretariat. Rows are never changed."""

    key = models.CharField(max_length=400, unique=True)
    states = models.ManyToManyField("members.State", related_name="+", blank=True)

    def __str__(self) -> str:
        return self.key


class PipelineFiling(models.Model):
    """What a project in a financing stage adds to the maintained totals, as it was added: its audience, sector,
    currency, cost and host states. Kept by ``services.totals`` (every change to the totals of a project locks this
    row first); a project outside the financing stages has none."""

    project = models.OneToOneField(
        "projects.Project", on_delete=models.CASCADE, primary_key=True, related_name="+", db_constraint=False
    )
    audience = models.ForeignKey(Audience, on_delete=models.PROTECT, related_name="+")
    created_by_id = models.BigIntegerField(null=True)  # the project's author, who also sees it (a copy: no lock)
    sector = models.CharField(max_length=40)
    currency = models.CharField(max_length=3, blank=True)
    cost = models.DecimalField(max_digits=20, decimal_places=2, null=True)
    hosts = models.CharField(max_length=400, blank=True)  # host states' codes, sorted, comma-separated

    class Meta:
        indexes = [models.Index(fields=["created_by_id", "audience"], name="filing_author_audience")]

    def __str__(self) -> str:
        return f"filing of project {self.project_id}"


class TotalDim(models.TextChoices):
    SECTOR = "sector", "sector"
    HOST = "host", "host state"
    INSTITUTION = "inst", "institution"


class PipelineTotal(models.Model):
    """Totals maintained in the transaction of every write that changes them, so the pipeline and the portfolios
    read a few hundred rows whatever the number of projects and entries. One row per audience, visibility of the
    figures (``internal_of``: 0 for public figures, else the institution whose internal figures they are), dimension
    (a sector, a host state, an institution), its key and a currency (the project's for counts and costs, the
    tranche's for amounts). A project counts once per sector row and once per host row; totals are read from the
    sector rows, so a project with several hosts counts once in them. Rebuilt from the ledger by
    ``sco financing_rebuild_totals``."""

    audience = models.ForeignKey(Audience, on_delete=models.PROTECT, related_name="+")
    internal_of = models.BigIntegerField(default=0)
    dim = models.CharField(max_length=6, choices=TotalDim.choices)
    key = models.CharField(max_length=40)
    currency = models.CharField(max_length=3, blank=True)
    projects = models.BigIntegerField(default=0)
    costed = models.BigIntegerField(default=0)  # projects with a known cost among them
    cost = models.DecimalField(max_digits=24, decimal_places=2, default=0)
    tranches = models.BigIntegerField(default=0)
    pledge = models.DecimalField(max_digits=24, decimal_places=2, default=0)
    commitment = models.DecimalField(max_digits=24, decimal_places=2, default=0)
    disbursement = models.DecimalField(max_digits=24, decimal_places=2, default=0)
    repayment = models.DecimalField(max_digits=24, decimal_places=2, default=0)
    interest = models.DecimalField(max_digits=24, decimal_places=2, default=0)
    cancellation = models.DecimalField(max_digits=24, decimal_places=2, default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["audience", "internal_of", "dim", "key", "currency"], name="pipeline_total_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.audience_id} {self.internal_of} {self.dim}:{self.key} {self.currency}"


class BoardVote(models.Model):
    """A board's weighted vote on a tranche (e.g. approving an institution's loan)."""

    tranche = models.ForeignKey(Tranche, on_delete=models.CASCADE, related_name="votes")
    rule = models.CharField(max_length=20, choices=rule_choices)
    share_quota_num = models.PositiveIntegerField(default=1)
    share_quota_den = models.PositiveIntegerField(default=2)
    share_quota_strict = models.BooleanField(default=True)
    member_quota_num = models.PositiveIntegerField(default=1)
    member_quota_den = models.PositiveIntegerField(default=2)
    member_quota_strict = models.BooleanField(default=True)
    reserved_matter = models.BooleanField(default=False)
    status = models.CharField(max_length=10, choices=vote_status_choices, default="open")
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    opened_at = models.DateTimeField()
    closed_at = models.DateTimeField(null=True, blank=True)
    is_illustrative = models.BooleanField(default=False)

    class Meta:
        ordering = ["-opened_at", "pk"]

    def __str__(self) -> str:
        return f"board vote {self.pk} on tranche {self.tranche_id}"


class BoardBallot(models.Model):
    vote = models.ForeignKey(BoardVote, on_delete=models.CASCADE, related_name="ballots")
    holding = models.ForeignKey(Shareholding, on_delete=models.PROTECT, related_name="+")
    choice = models.CharField(max_length=10, choices=ballot_choices)
    cast_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    cast_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["vote", "holding"], name="ballot_once")]

    def __str__(self) -> str:
        return f"{self.holding_id}: {self.choice}"


class RateImport(models.Model):
    source = models.TextField(_("source"))
    file_name = models.CharField(max_length=200, blank=True)
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    imported_at = models.DateTimeField(auto_now_add=True)
    row_count = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"rates import {self.pk}"


class ExchangeRate(models.Model):
    """One unit of ``base`` buys ``rate`` units of ``quote`` on ``on``, as the import's source published."""

    batch = models.ForeignKey(RateImport, on_delete=models.PROTECT, related_name="rates")
    base = models.CharField(max_length=3)
    quote = models.CharField(max_length=3)
    on = models.DateField()
    rate = models.DecimalField(max_digits=24, decimal_places=10)

    class Meta:
        ordering = ["base", "quote", "on"]
        constraints = [
            models.UniqueConstraint(fields=["base", "quote", "on"], name="rate_once"),
            models.CheckConstraint(condition=Q(rate__gt=0), name="rate_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.base}/{self.quote} {self.on} {self.rate}"
