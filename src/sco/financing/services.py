"""Every write of the financing part: one transaction, the permission question first, one audit entry.

Writes to a plan's tranches, ledger and votes lock the plan row first (``select_for_update``: on PostgreSQL two
financiers recording on the same project queue there; on SQLite the database lock does it), so the balance a rule
reads is the balance the entry joins.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from sco.core import audit
from sco.core.models import User
from sco.decisions import consensus
from sco.decisions.consensus import Ballot, BoardRule, Quota, VoteStatus
from sco.financing import cache, ledger
from sco.financing.codes import EntryKind, Instrument, is_currency
from sco.financing.errors import (
    AlreadyVoted,
    EntryRefused,
    FinancingInvalid,
    ImportRejected,
    NeedsBoardApproval,
    NotPlanProposer,
    NotThisInstitution,
    ProjectNotFinancing,
    VoteClosed,
)
from sco.financing.models import (
    Balance,
    BoardBallot,
    BoardVote,
    ExchangeRate,
    FinancingPlan,
    LedgerEntry,
    RateImport,
    Shareholding,
    Tranche,
)
from sco.financing.permissions import may_propose_plan
from sco.members import permissions as members
from sco.members.models import Institution, State
from sco.projects.models import Project

FINANCEABLE = ("approved", "financing", "implementation")


def _problem_text(problem: ledger.Problem) -> tuple[str, str]:
    """(field, message) for a broken ledger rule."""
    texts = {
        ledger.Problem.NOT_POSITIVE: ("amount", _("An amount must be positive; a correction is a reversal.")),
        ledger.Problem.UNKNOWN_REVERSED: ("reverses", _("There is no such entry on this tranche.")),
        ledger.Problem.ALREADY_REVERSED: ("reverses", _("This entry is already reversed.")),
        ledger.Problem.REVERSAL_OF_REVERSAL: ("reverses", _("A reversal cannot be reversed; record a new entry.")),
        ledger.Problem.REVERSAL_MISMATCH: ("reverses", _("A reversal must negate the whole entry.")),
        ledger.Problem.NO_COMMITMENT: ("kind", _("A disbursement needs a commitment first.")),
        ledger.Problem.BEFORE_COMMITMENT: ("value_date", _("A disbursement cannot be dated before the commitment.")),
        ledger.Problem.EXCEEDS_COMMITMENT: (
            "amount",
            _("Disbursements would exceed the commitment; flag the excess if it is intended."),
        ),
        ledger.Problem.CANCELLATION_EXCEEDS: ("amount", _("Only the undisbursed commitment can be cancelled.")),
        ledger.Problem.REPAYMENT_EXCEEDS: ("amount", _("Repayments cannot exceed disbursements.")),
        ledger.Problem.REVERSAL_WOULD_EXCEED: (
            "reverses",
            _("Reversing this would leave disbursements above the commitment; reverse the disbursements first."),
        ),
    }
    field, text = texts[problem]
    return field, str(text)


def _refuse(problems: list[ledger.Problem]) -> EntryRefused:
    field_errors: dict[str, list[str]] = {}
    for p in problems:
        field, text = _problem_text(p)
        field_errors.setdefault(field, []).append(text)
    reason = " ".join(t for texts in field_errors.values() for t in texts)
    return EntryRefused(reason=reason, field_errors=field_errors)


def _ensure_financeable(project: Project) -> None:
    if project.status not in FINANCEABLE:
        raise ProjectNotFinancing()


def _locked_plan(project: Project, *, actor: User | None = None) -> FinancingPlan:
    plan, _created = FinancingPlan.objects.get_or_create(project=project, defaults={"proposed_by": actor})
    return FinancingPlan.objects.select_for_update().get(pk=plan.pk)


def _ensure_institution(actor: User, institution: Institution) -> None:
    members.ensure_signed_in(actor)
    if not members.may_act_for_institution(actor, institution):
        raise NotThisInstitution()


def _decimal(value: Any, field: str) -> Decimal:
    try:
        number = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        raise FinancingInvalid(field_errors={field: [_("Enter a number.")]}) from None
    if not number.is_finite():
        raise FinancingInvalid(field_errors={field: [_("Enter a number.")]})
    return number


def _currency(value: str, field: str = "currency") -> str:
    code = (value or "").strip().upper()
    if not is_currency(code):
        raise FinancingInvalid(
            field_errors={field: [_("“%(code)s” is not an ISO 4217 currency code.") % {"code": value}]}
        )
    return code


# --- the plan ---------------------------------------------------------------------------------------------------------


@dataclass
class TrancheData:
    institution: Institution
    instrument: str
    currency: str
    amount: Any
    concessional: bool = False
    tenor_months: int | None = None
    grace_months: int | None = None
    rate_kind: str = ""
    fixed_rate: Any = None
    base_rate: str = ""
    margin_bps: int | None = None
    listing_venue: str = ""
    needs_board_approval: bool = False


def _clean_tranche(data: TrancheData) -> dict[str, Any]:
    errors: dict[str, list[str]] = {}
    if data.instrument not in {i.value for i in Instrument}:
        errors["instrument"] = [_("Choose an instrument.")]
    currency = (data.currency or "").strip().upper()
    if not is_currency(currency):
        errors["currency"] = [_("“%(code)s” is not an ISO 4217 currency code.") % {"code": data.currency}]
    try:
        amount = Decimal(str(data.amount))
        if not amount.is_finite() or amount <= 0:
            raise InvalidOperation
    except (InvalidOperation, ValueError):
        errors["amount"] = [_("Enter a positive amount.")]
        amount = Decimal(0)
    fixed_rate = None
    if data.rate_kind == "fixed":
        try:
            fixed_rate = Decimal(str(data.fixed_rate))
            if not fixed_rate.is_finite() or fixed_rate < 0:
                raise InvalidOperation
        except (InvalidOperation, ValueError):
            errors["fixed_rate"] = [_("A fixed rate needs a rate in per cent.")]
    elif data.rate_kind == "floating":
        if not data.base_rate.strip() or data.margin_bps is None:
            errors["base_rate"] = [_("A floating rate needs a base rate and a margin.")]
    elif data.rate_kind:
        errors["rate_kind"] = [_("Choose fixed, floating or no interest.")]
    if data.grace_months is not None and data.tenor_months is not None and data.grace_months > data.tenor_months:
        errors["grace_months"] = [_("The grace period cannot be longer than the tenor.")]
    if errors:
        raise FinancingInvalid(field_errors=errors)
    return {
        "institution": data.institution,
        "instrument": data.instrument,
        "currency": currency,
        "amount": amount,
        "concessional": bool(data.concessional),
        "tenor_months": data.tenor_months,
        "grace_months": data.grace_months,
        "rate_kind": data.rate_kind,
        "fixed_rate": fixed_rate,
        "base_rate": data.base_rate.strip() if data.rate_kind == "floating" else "",
        "margin_bps": data.margin_bps if data.rate_kind == "floating" else None,
        "listing_venue": data.listing_venue.strip(),
        "needs_board_approval": bool(data.needs_board_approval),
    }


@transaction.atomic
def tranche_add(*, actor: User, project: Project, data: TrancheData) -> Tranche:
    """The sponsor's delegation (or the Secretariat) asks an institution for a tranche."""
    members.ensure_signed_in(actor)
    if not may_propose_plan(actor, project):
        raise NotPlanProposer()
    _ensure_financeable(project)
    values = _clean_tranche(data)
    plan = _locked_plan(project, actor=actor)
    tranche = Tranche.objects.create(plan=plan, created_by=actor, **values)
    cache.changed()
    audit.record(
        actor=actor,
        on_behalf_of=project.sponsor_state if members.may_act_for(actor, project.sponsor_state) else "",
        action="financing.tranche_added",
        target=tranche,
        after={**audit.snapshot(tranche), "project": project.pk},
    )
    return tranche


# --- the ledger -------------------------------------------------------------------------------------------------------


def _ledger_entry(row: LedgerEntry) -> ledger.Entry:
    return ledger.Entry(
        key=row.pk,
        kind=EntryKind(row.kind),
        amount=row.amount,
        value_date=row.value_date,
        reverses=row.reverses_id,
        excess_flagged=row.excess_flagged,
    )


def _balance(tranche: Tranche) -> ledger.Balance:
    return ledger.balance_of(_ledger_entry(r) for r in LedgerEntry.objects.filter(tranche=tranche).order_by("pk"))


def _digest(
    prev: str,
    *,
    seq: int,
    tranche_id: int,
    kind: str,
    value_date: dt.date,
    currency: str,
    amount: Decimal,
    reverses: int | None,
    excess: bool,
    internal: bool,
) -> str:
    canonical = "|".join(
        [
            prev,
            str(seq),
            str(tranche_id),
            kind,
            value_date.isoformat(),
            currency,
            f"{amount:.2f}",
            str(reverses or ""),
            "1" if excess else "0",
            "1" if internal else "0",
        ]
    )
    return hashlib.sha256(canonical.encode()).hexdigest()


def _append(
    *,
    plan: FinancingPlan,
    tranche: Tranche,
    actor: User,
    kind: EntryKind,
    amount: Decimal,
    value_date: dt.date,
    reverses: LedgerEntry | None,
    excess_flagged: bool,
    internal: bool,
    note: str,
) -> LedgerEntry:
    seq = plan.entry_count + 1
    digest = _digest(
        plan.last_digest,
        seq=seq,
        tranche_id=tranche.pk,
        kind=kind.value,
        value_date=value_date,
        currency=tranche.currency,
        amount=amount,
        reverses=reverses.pk if reverses else None,
        excess=excess_flagged,
        internal=internal,
    )
    entry = LedgerEntry.objects.create(
        plan=plan,
        tranche=tranche,
        seq=seq,
        kind=kind.value,
        value_date=value_date,
        currency=tranche.currency,
        amount=amount,
        reverses=reverses,
        excess_flagged=excess_flagged,
        internal=internal,
        note=note,
        recorded_by=actor,
        recorded_at=timezone.now(),
        digest=digest,
    )
    updated = Balance.objects.filter(tranche=tranche, kind=kind.value, internal=internal).update(
        amount=F("amount") + amount
    )
    if not updated:
        Balance.objects.create(tranche=tranche, kind=kind.value, internal=internal, amount=amount)
    FinancingPlan.objects.filter(pk=plan.pk).update(entry_count=seq, last_digest=digest)
    plan.entry_count, plan.last_digest = seq, digest
    return entry


@transaction.atomic
def entry_record(
    *,
    actor: User,
    tranche: Tranche,
    kind: str,
    amount: Any,
    currency: str,
    value_date: dt.date,
    note: str = "",
    flag_excess: bool = False,
    internal: bool = False,
) -> LedgerEntry:
    """A financier records a pledge, commitment, disbursement, repayment, interest or cancellation for their own
    institution's tranche. Refused whole, nothing stored, when any rule is broken."""
    _ensure_institution(actor, tranche.institution)
    try:
        entry_kind = EntryKind(kind)
    except ValueError:
        raise FinancingInvalid(field_errors={"kind": [_("Choose a kind of entry.")]}) from None
    code = _currency(currency)
    value = _decimal(amount, "amount")
    if code != tranche.currency:
        raise FinancingInvalid(
            field_errors={"currency": [_("This tranche is in %(currency)s.") % {"currency": tranche.currency}]}
        )
    if value <= 0:
        raise _refuse([ledger.Problem.NOT_POSITIVE])
    plan = _locked_plan(tranche.plan.project)
    tranche = Tranche.objects.select_related("plan__project").get(pk=tranche.pk)
    _ensure_financeable(tranche.plan.project)
    if entry_kind is EntryKind.COMMITMENT and tranche.needs_board_approval and tranche.approved_at is None:
        raise NeedsBoardApproval()
    candidate = ledger.Entry(key=0, kind=entry_kind, amount=value, value_date=value_date, excess_flagged=flag_excess)
    found = ledger.problems(_balance(tranche), candidate)
    if found:
        raise _refuse(found)
    entry = _append(
        plan=plan,
        tranche=tranche,
        actor=actor,
        kind=entry_kind,
        amount=value,
        value_date=value_date,
        reverses=None,
        excess_flagged=flag_excess,
        internal=internal,
        note=note.strip(),
    )
    cache.changed()
    audit.record(
        actor=actor,
        on_behalf_of=tranche.institution,
        action=f"financing.{entry_kind.value}_recorded",
        target=entry,
        after=audit.snapshot(entry, ["seq", "kind", "value_date", "currency", "amount", "excess_flagged", "internal"]),
    )
    return entry


@transaction.atomic
def entry_reverse(*, actor: User, entry: LedgerEntry, reason: str, value_date: dt.date | None = None) -> LedgerEntry:
    """A correction: a new entry that negates ``entry``. The original stays as it was."""
    _ensure_institution(actor, entry.tranche.institution)
    if not reason.strip():
        raise FinancingInvalid(field_errors={"reason": [_("Say why the entry is reversed.")]})
    plan = _locked_plan(entry.plan.project)
    tranche = Tranche.objects.select_related("plan__project").get(pk=entry.tranche_id)
    original = LedgerEntry.objects.get(pk=entry.pk)
    on = value_date or members.today()
    candidate = ledger.Entry(
        key=0, kind=EntryKind(original.kind), amount=-original.amount, value_date=on, reverses=original.pk
    )
    found = ledger.problems(_balance(tranche), candidate)
    if found:
        raise _refuse(found)
    reversal = _append(
        plan=plan,
        tranche=tranche,
        actor=actor,
        kind=EntryKind(original.kind),
        amount=-original.amount,
        value_date=on,
        reverses=original,
        excess_flagged=False,
        internal=original.internal,
        note=reason.strip(),
    )
    cache.changed()
    audit.record(
        actor=actor,
        on_behalf_of=tranche.institution,
        action="financing.entry_reversed",
        target=reversal,
        after={"reverses": original.seq, "amount": str(reversal.amount), "reason": reason.strip()},
    )
    return reversal


def verify_chain(plan: FinancingPlan) -> bool:
    """Recompute the plan's digest chain: False if any stored entry was changed behind the services' back."""
    plan = FinancingPlan.objects.get(pk=plan.pk)
    prev = ""
    for row in LedgerEntry.objects.filter(plan=plan).order_by("seq"):
        expected = _digest(
            prev,
            seq=row.seq,
            tranche_id=row.tranche_id,
            kind=row.kind,
            value_date=row.value_date,
            currency=row.currency,
            amount=row.amount,
            reverses=row.reverses_id,
            excess=row.excess_flagged,
            internal=row.internal,
        )
        if expected != row.digest:
            return False
        prev = row.digest
    return prev == plan.last_digest


# --- board votes ------------------------------------------------------------------------------------------------------


@transaction.atomic
def board_vote_open(
    *,
    actor: User,
    tranche: Tranche,
    rule: str,
    reserved_matter: bool = False,
    share_quota: Quota = consensus.SIMPLE_MAJORITY,
    member_quota: Quota = consensus.SIMPLE_MAJORITY,
) -> BoardVote:
    """A financier of the institution (or the Secretariat) puts a tranche to the institution's board."""
    members.ensure_signed_in(actor)
    if not (members.is_secretariat(actor) or members.may_act_for_institution(actor, tranche.institution)):
        raise NotThisInstitution()
    try:
        board_rule = BoardRule(rule)
    except ValueError:
        raise FinancingInvalid(field_errors={"rule": [_("Choose a voting rule.")]}) from None
    if reserved_matter and board_rule is not BoardRule.UNANIMITY:
        raise FinancingInvalid(field_errors={"rule": [_("A reserved matter is decided by unanimity.")]})
    if not Shareholding.objects.filter(institution=tranche.institution).exists():
        raise FinancingInvalid(field_errors={"rule": [_("The institution has no recorded capital shares.")]})
    _locked_plan(tranche.plan.project)
    if BoardVote.objects.filter(tranche=tranche, status=VoteStatus.OPEN).exists():
        raise VoteClosed(_("A board vote on this tranche is already open."))
    vote = BoardVote.objects.create(
        tranche=tranche,
        rule=board_rule.value,
        reserved_matter=reserved_matter,
        share_quota_num=share_quota.fraction.numerator,
        share_quota_den=share_quota.fraction.denominator,
        share_quota_strict=share_quota.strict,
        member_quota_num=member_quota.fraction.numerator,
        member_quota_den=member_quota.fraction.denominator,
        member_quota_strict=member_quota.strict,
        opened_by=actor,
        opened_at=timezone.now(),
    )
    cache.changed()
    audit.record(
        actor=actor,
        on_behalf_of=tranche.institution,
        action="financing.board_vote_opened",
        target=vote,
        after={"tranche": tranche.pk, "rule": board_rule.value, "reserved_matter": reserved_matter},
    )
    return vote


def vote_outcome(vote: BoardVote, *, closed: bool | None = None) -> consensus.WeightedOutcome[int]:
    holdings = list(Shareholding.objects.filter(institution_id=vote.tranche.institution_id))
    ballots = {b.holding_id: Ballot(b.choice) for b in vote.ballots.all()}
    return consensus.weighted_outcome(
        rule=BoardRule(vote.rule),
        weights={h.pk: h.share for h in holdings},
        ballots=ballots,
        closed=vote.closed_at is not None if closed is None else closed,
        share_quota=Quota(Fraction(vote.share_quota_num, vote.share_quota_den), vote.share_quota_strict),
        member_quota=Quota(Fraction(vote.member_quota_num, vote.member_quota_den), vote.member_quota_strict),
    )


def _settle(vote: BoardVote, outcome: consensus.WeightedOutcome[int], *, actor: User) -> None:
    if outcome.status is VoteStatus.OPEN:
        return
    vote.status = outcome.status.value
    vote.closed_at = vote.closed_at or timezone.now()
    vote.save(update_fields=["status", "closed_at"])
    if outcome.status is VoteStatus.ADOPTED:
        Tranche.objects.filter(pk=vote.tranche_id).update(approved_at=vote.closed_at)
    cache.changed()
    audit.record(
        actor=actor,
        action=f"financing.board_vote_{outcome.status.value}",
        target=vote,
        after={"yes_share": str(outcome.yes_share), "yes_members": len(outcome.yes_members)},
    )


@transaction.atomic
def ballot_cast(*, actor: User, vote: BoardVote, state: State, choice: str) -> BoardBallot:
    """A state's delegation casts its capital share's ballot. Final once cast; the vote settles as soon as its
    outcome is certain."""
    members.ensure_may_act_for(actor, state)
    try:
        ballot_choice = Ballot(choice)
    except ValueError:
        raise FinancingInvalid(field_errors={"choice": [_("Choose yes, no or abstain.")]}) from None
    _locked_plan(vote.tranche.plan.project)
    vote = BoardVote.objects.select_related("tranche").get(pk=vote.pk)
    if vote.status != VoteStatus.OPEN:
        raise VoteClosed()
    holding = Shareholding.objects.filter(institution_id=vote.tranche.institution_id, state=state).first()
    if holding is None:
        raise FinancingInvalid(field_errors={"state": [_("This state holds no capital share in the institution.")]})
    if BoardBallot.objects.filter(vote=vote, holding=holding).exists():
        raise AlreadyVoted()
    ballot = BoardBallot.objects.create(
        vote=vote, holding=holding, choice=ballot_choice.value, cast_by=actor, cast_at=timezone.now()
    )
    cache.changed()
    audit.record(
        actor=actor,
        on_behalf_of=state,
        action="financing.ballot_cast",
        target=ballot,
        after={"vote": vote.pk, "choice": ballot_choice.value, "share": str(holding.share)},
    )
    _settle(vote, vote_outcome(vote, closed=False), actor=actor)
    return ballot


@transaction.atomic
def board_vote_close(*, actor: User, vote: BoardVote) -> BoardVote:
    members.ensure_signed_in(actor)
    if not (members.is_secretariat(actor) or members.may_act_for_institution(actor, vote.tranche.institution)):
        raise NotThisInstitution()
    _locked_plan(vote.tranche.plan.project)
    vote = BoardVote.objects.select_related("tranche").get(pk=vote.pk)
    if vote.status != VoteStatus.OPEN:
        raise VoteClosed()
    _settle(vote, vote_outcome(vote, closed=True), actor=actor)
    return vote


# --- imports ----------------------------------------------------------------------------------------------------------


def _parse_date(value: str) -> dt.date:
    return dt.date.fromisoformat((value or "").strip())


@transaction.atomic
def rates_import(
    *, actor: User, rows: Iterable[Mapping[str, str]], source: str, file_name: str = "", progress: Any = None
) -> RateImport:
    """Import rates (columns date, base, quote, rate) from a source. Only the Secretariat. A file with one bad row
    is rejected whole, naming the row (1 = the first data row) and the reason."""
    members.ensure_secretariat(actor)
    if not source.strip():
        raise FinancingInvalid(field_errors={"source": [_("Say where the rates were published.")]})
    parsed: dict[tuple[str, str, dt.date], Decimal] = {}
    for number, row in enumerate(rows, start=1):
        if progress is not None:
            progress(number)
        try:
            on = _parse_date(row.get("date", ""))
        except ValueError:
            raise ImportRejected(row=number, reason=_("the date is not YYYY-MM-DD")) from None
        base = (row.get("base") or "").strip().upper()
        quote = (row.get("quote") or "").strip().upper()
        for code in (base, quote):
            if not is_currency(code):
                raise ImportRejected(row=number, reason=_("unknown currency “%(code)s”") % {"code": code})
        if base == quote:
            raise ImportRejected(row=number, reason=_("base and quote are the same currency"))
        try:
            rate = Decimal((row.get("rate") or "").strip())
            if not rate.is_finite() or rate <= 0:
                raise InvalidOperation
        except (InvalidOperation, ValueError):
            raise ImportRejected(row=number, reason=_("the rate is not a positive number")) from None
        key = (base, quote, on)
        if key in parsed and parsed[key] != rate:
            raise ImportRejected(row=number, reason=_("a different rate for the same pair and date"))
        parsed[key] = rate
    if not parsed:
        raise ImportRejected(row=0, reason=_("the file has no rows"))
    existing = {
        (r.base, r.quote, r.on): r.rate
        for r in ExchangeRate.objects.filter(base__in={k[0] for k in parsed}, on__in={k[2] for k in parsed})
    }
    for number, (key, rate) in enumerate(parsed.items(), start=1):
        if key in existing and existing[key] != rate:
            raise ImportRejected(
                row=number,
                reason=_("the table already holds another rate for %(pair)s") % {"pair": f"{key[0]}/{key[1]} {key[2]}"},
            )
    batch = RateImport.objects.create(source=source.strip(), file_name=file_name, imported_by=actor)
    new = [
        ExchangeRate(batch=batch, base=k[0], quote=k[1], on=k[2], rate=r)
        for k, r in parsed.items()
        if k not in existing
    ]
    ExchangeRate.objects.bulk_create(new, batch_size=2000)
    batch.row_count = len(new)
    batch.save(update_fields=["row_count"])
    cache.changed()
    audit.record(
        actor=actor, action="financing.rates_imported", target=batch, after={"rows": len(new), "source": batch.source}
    )
    return batch


LEDGER_COLUMNS = ("project", "institution", "tranche", "kind", "value_date", "currency", "amount")


def ledger_import(*, actor: User, rows: Iterable[Mapping[str, str]], progress: Any = None) -> list[LedgerEntry]:
    """Record ledger rows (project id, institution code, tranche id, kind, value_date, currency, amount, optional
    note, flag_excess) through ``entry_record``, all in one transaction: one bad row and nothing is stored."""
    recorded: list[LedgerEntry] = []
    try:
        with transaction.atomic():
            for number, row in enumerate(rows, start=1):
                if progress is not None:
                    progress(number)
                try:
                    recorded.append(_import_row(actor, row))
                except (
                    EntryRefused,
                    FinancingInvalid,
                    NotThisInstitution,
                    NeedsBoardApproval,
                    ProjectNotFinancing,
                ) as exc:
                    detail = "; ".join(f"{k}: {' '.join(v)}" for k, v in exc.field_errors.items()) or exc.message
                    raise ImportRejected(row=number, reason=detail) from None
            if not recorded:
                raise ImportRejected(row=0, reason=_("the file has no rows"))
    except ImportRejected:
        raise
    return recorded


def _import_row(actor: User, row: Mapping[str, str]) -> LedgerEntry:
    missing = [c for c in LEDGER_COLUMNS if not (row.get(c) or "").strip()]
    if missing:
        raise FinancingInvalid(field_errors={c: [_("This column is empty.")] for c in missing})
    try:
        tranche = Tranche.objects.select_related("institution", "plan__project").get(
            pk=int(row["tranche"]), plan__project_id=int(row["project"]), institution__code=row["institution"].strip()
        )
    except (Tranche.DoesNotExist, ValueError):
        raise FinancingInvalid(
            field_errors={"tranche": [_("No such tranche of this institution on this project.")]}
        ) from None
    try:
        on = _parse_date(row["value_date"])
    except ValueError:
        raise FinancingInvalid(field_errors={"value_date": [_("The date is not YYYY-MM-DD.")]}) from None
    return entry_record(
        actor=actor,
        tranche=tranche,
        kind=row["kind"].strip(),
        amount=row["amount"],
        currency=row["currency"],
        value_date=on,
        note=(row.get("note") or "").strip(),
        flag_excess=(row.get("flag_excess") or "").strip().lower() in ("1", "true", "yes"),
    )
