"""What every financing write shares: the stages a project may be financed in, the plan row each write locks first,
the institution question, and the parsing of amounts, currencies and dates."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from sco.core import sql
from sco.core.models import User
from sco.financing import ledger
from sco.financing.codes import is_currency
from sco.financing.errors import EntryRefused, FinancingInvalid, NotThisInstitution, ProjectNotFinancing
from sco.financing.models import FinancingPlan, Tranche
from sco.members import permissions as members
from sco.members.models import Institution
from sco.projects.models import Project

FINANCEABLE = ("approved", "financing", "implementation")

# What a form, the API or a CSV file may hand over as an amount: parsed here, refused as a field error if not a number.
AmountInput = Decimal | str | int | float


def problem_text(problem: ledger.Problem) -> tuple[str, str]:
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


def refuse(problems: list[ledger.Problem]) -> EntryRefused:
    field_errors: dict[str, list[str]] = {}
    for p in problems:
        field, text = problem_text(p)
        field_errors.setdefault(field, []).append(text)
    reason = " ".join(t for texts in field_errors.values() for t in texts)
    return EntryRefused(reason=reason, field_errors=field_errors)


def ensure_financeable(status: str) -> None:
    """A project's stage (its ``status``) lets it be financed."""
    if status not in FINANCEABLE:
        raise ProjectNotFinancing()


def locked_plan(project: Project, *, actor: User | None = None) -> FinancingPlan:
    """The project's plan (made on first use), locked: every write to its tranches, ledger and votes queues here."""
    plan, _created = FinancingPlan.objects.get_or_create(project=project, defaults={"proposed_by": actor})
    return FinancingPlan.objects.select_for_update().get(pk=plan.pk)


@dataclass(frozen=True)
class LockedTranche:
    """What a ledger write reads of a tranche under its plan's lock: what may have changed since the tranche was
    looked up (the plan's chain head, the project's stage, a board's approval)."""

    plan_id: int
    project_id: int
    entry_count: int
    last_digest: str
    project_status: str
    awaits_approval: bool  # a board vote is needed and has not approved it yet


# Written out (core.sql): the ORM took about 1 ms of Python to build this join, for 0.1 ms to read it.
_LOCKED_TRANCHE = """
    SELECT p.id, p.project_id, p.entry_count, p.last_digest, pr.status,
        t.needs_board_approval AND t.approved_at IS NULL
    FROM financing_tranche t
    JOIN financing_financingplan p ON p.id = t.plan_id
    JOIN projects_project pr ON pr.id = p.project_id
    WHERE t.id = %s"""


def locked_tranche(tranche_id: int) -> LockedTranche:
    """A tranche's plan locked (as ``locked_plan`` locks it: only the plan's row, ``for_update("p")``), with what a
    ledger write reads afresh under that lock: one query. A tranche always has its plan."""
    row = sql.one(_LOCKED_TRANCHE + sql.for_update("p"), [tranche_id])
    if row is None:
        raise Tranche.DoesNotExist()
    plan_id, project_id, entry_count, last_digest, status, awaits = row
    return LockedTranche(plan_id, project_id, entry_count, last_digest, status, bool(awaits))


def ensure_institution(actor: User, institution: Institution) -> None:
    members.ensure_signed_in(actor)
    if not members.may_act_for_institution(actor, institution):
        raise NotThisInstitution()


def to_decimal(value: AmountInput, field: str) -> Decimal:
    try:
        number = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        raise FinancingInvalid(field_errors={field: [_("Enter a number.")]}) from None
    if not number.is_finite():
        raise FinancingInvalid(field_errors={field: [_("Enter a number.")]})
    return number


def currency_code(value: str, field: str = "currency") -> str:
    code = (value or "").strip().upper()
    if not is_currency(code):
        raise FinancingInvalid(
            field_errors={field: [_("“%(code)s” is not an ISO 4217 currency code.") % {"code": value}]}
        )
    return code


def parse_date(value: str) -> dt.date:
    return dt.date.fromisoformat((value or "").strip())
