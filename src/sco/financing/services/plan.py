"""The financing plan: the sponsor's delegation (or the Secretariat) asks institutions for tranches."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from sco.core import audit
from sco.core.models import User
from sco.financing import cache
from sco.financing.codes import Instrument, is_currency
from sco.financing.errors import FinancingInvalid, NotPlanProposer
from sco.financing.models import Tranche
from sco.financing.permissions import may_propose_plan
from sco.financing.services import totals
from sco.financing.services.common import AmountInput, ensure_financeable, locked_plan
from sco.members import permissions as members
from sco.members.models import Institution
from sco.projects.models import Project


@dataclass
class TrancheData:
    institution: Institution
    instrument: str
    currency: str
    amount: AmountInput
    concessional: bool = False
    tenor_months: int | None = None
    grace_months: int | None = None
    rate_kind: str = ""
    fixed_rate: AmountInput | None = None
    base_rate: str = ""
    margin_bps: int | None = None
    listing_venue: str = ""
    needs_board_approval: bool = False


def _positive(value: AmountInput | None, *, allow_zero: bool = False) -> Decimal:
    """``value`` as a finite Decimal above zero (or at least zero); InvalidOperation otherwise."""
    try:
        number = Decimal(str(value))
    except ValueError:
        raise InvalidOperation from None
    if not number.is_finite() or number < 0 or (number == 0 and not allow_zero):
        raise InvalidOperation
    return number


def _clean_tranche(data: TrancheData) -> dict[str, Any]:
    errors: dict[str, list[str]] = {}
    if data.instrument not in {i.value for i in Instrument}:
        errors["instrument"] = [_("Choose an instrument.")]
    currency = (data.currency or "").strip().upper()
    if not is_currency(currency):
        errors["currency"] = [_("“%(code)s” is not an ISO 4217 currency code.") % {"code": data.currency}]
    try:
        amount = _positive(data.amount)
    except InvalidOperation:
        errors["amount"] = [_("Enter a positive amount.")]
        amount = Decimal(0)
    fixed_rate = None
    if data.rate_kind == "fixed":
        try:
            fixed_rate = _positive(data.fixed_rate, allow_zero=True)
        except InvalidOperation:
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
    ensure_financeable(project.status)
    values = _clean_tranche(data)
    plan = locked_plan(project, actor=actor)
    tranche = Tranche.objects.create(plan=plan, created_by=actor, **values)
    totals.tranche_added(tranche=tranche, project_id=project.pk)
    cache.changed()
    audit.record(
        actor=actor,
        on_behalf_of=project.sponsor_state if members.may_act_for(actor, project.sponsor_state) else "",
        action="financing.tranche_added",
        target=tranche,
        after={**audit.snapshot(tranche), "project": project.pk},
    )
    return tranche
