"""OC4IDS ``budget.finance`` and ``budget.budgetBreakdowns`` of the public projects, from their financing plans and
their public ledger entries, for the projects part's OC4IDS package (through the "oc4ids_budget" hook)."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Any

from sco.financing.codes import INSTRUMENT_CODES, EntryKind, Instrument
from sco.financing.models import Balance, Tranche


def _number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def budget_extras(project_ids: list[int]) -> dict[int, dict[str, Any]]:
    """Two queries for any number of projects. Only public figures: internal entries are left out."""
    tranches = list(
        Tranche.objects.filter(plan__project_id__in=project_ids)
        .select_related("institution__financier", "plan")
        .order_by("plan__project_id", "pk")
    )
    totals: dict[int, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    for tranche_id, kind, amount in Balance.objects.filter(
        tranche__in=[t.pk for t in tranches], internal=False
    ).values_list("tranche_id", "kind", "amount"):
        totals[tranche_id][kind] += amount
    out: dict[int, dict[str, Any]] = {}
    for t in tranches:
        project = out.setdefault(
            t.plan.project_id,
            {"budget": {"finance": [], "budgetBreakdowns": []}, "parties": [], "_breakdown": []},
        )
        party = {"id": f"institution-{t.institution.code}", "name": t.institution.name_en}
        codes = INSTRUMENT_CODES[Instrument(t.instrument)]
        profile = getattr(t.institution, "financier", None)
        committed = totals[t.pk][EntryKind.COMMITMENT] - totals[t.pk][EntryKind.CANCELLATION]
        finance: dict[str, Any] = {
            "id": f"tranche-{t.pk}",
            "title": f"{t.institution.name_en}: {t.instrument.replace('_', ' ')}",
            "value": {"amount": _number(t.amount), "currency": t.currency},
            "financingParty": party,
            "type": codes.oc4ids_type,
            "concessional": t.concessional,
            "description": (
                f"Asked {t.amount} {t.currency}; committed {committed} {t.currency}; disbursed "
                f"{totals[t.pk][EntryKind.DISBURSEMENT]} {t.currency} (public ledger entries)."
                + (f" Listed on {t.listing_venue}." if t.listing_venue else "")
            ),
        }
        if profile is not None:
            finance["financingPartyType"] = profile.party_type
        if codes.asset_class:
            finance["assetClass"] = [codes.asset_class]
        if t.rate_kind == "fixed" and t.fixed_rate is not None:
            finance["interestRate"] = {"margin": _number(t.fixed_rate / 100), "fixed": True}
        elif t.rate_kind == "floating":
            finance["interestRate"] = {"base": t.base_rate, "margin": (t.margin_bps or 0) / 10000, "fixed": False}
        if t.tenor_months:
            finance["paymentPeriod"] = {"durationInDays": t.tenor_months * 30}
        project["budget"]["finance"].append(finance)
        if party["id"] not in {p["id"] for p in project["parties"]}:
            project["parties"].append({**party, "roles": ["funder"]})
        project["_breakdown"].append(
            {
                "id": f"tranche-{t.pk}",
                "description": f"Net commitment of {t.institution.name_en}",
                "amount": {"amount": _number(committed), "currency": t.currency},
                "sourceParty": party,
            }
        )
    for project in out.values():
        breakdown = project.pop("_breakdown")
        project["budget"]["budgetBreakdowns"] = [
            {"id": "by-funder", "description": "Net public commitments by funder", "budgetBreakdown": breakdown}
        ]
    return out
