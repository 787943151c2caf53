"""The appraisal's cash-flow table, and following a project."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from sco.core import audit
from sco.core.errors import NotPermitted
from sco.core.models import User
from sco.members.permissions import ensure_signed_in
from sco.projects import lifecycle
from sco.projects.appraisal import CashFlowTable, YearFlows
from sco.projects.errors import (
    AppraisalInvalid,
    TransitionRefused,
)
from sco.projects.lifecycle import Role
from sco.projects.models import (
    Appraisal,
    Follow,
    Project,
)
from sco.projects.permissions import roles_on
from sco.projects.rules import parse_decimal


def parse_rows(rows: Iterable[Mapping[str, Any]]) -> list[dict[str, str]]:
    errors: dict[str, list[str]] = {}
    out: list[dict[str, str]] = []
    for i, row in enumerate(rows):
        clean: dict[str, str] = {}
        try:
            clean["year"] = str(int(str(row.get("year", "")).strip()))
        except ValueError:
            errors.setdefault(f"rows.{i}.year", []).append(_("Enter a year."))
            continue
        for name in ("capex", "opex", "revenues", "economic_benefits"):
            value = parse_decimal(row.get(name) or "0", f"rows.{i}.{name}", errors, minimum=Decimal(0))
            clean[name] = str(value if value is not None else 0)
        out.append(clean)
    if not out and not errors:
        errors["rows"] = [_("Enter at least one year.")]
    years = [int(r["year"]) for r in out]
    if years and years != list(range(years[0], years[0] + len(years))):
        errors.setdefault("rows", []).append(_("Years must follow one another without gaps."))
    if len(out) > 100:
        errors.setdefault("rows", []).append(_("At most 100 years."))
    if errors:
        raise AppraisalInvalid(field_errors=errors)
    return out


def table_for(appraisal: Appraisal) -> CashFlowTable:
    rows = tuple(
        YearFlows(
            year=int(r["year"]),
            capex=Decimal(r["capex"]),
            opex=Decimal(r["opex"]),
            revenues=Decimal(r["revenues"]),
            economic_benefits=Decimal(r["economic_benefits"]),
        )
        for r in appraisal.rows
    )
    return CashFlowTable(rows=rows, financial_rate=appraisal.financial_rate, social_rate=appraisal.social_rate)


@transaction.atomic
def appraisal_save(
    *,
    actor: User,
    project: Project,
    financial_rate: Any,
    social_rate: Any,
    rows: Iterable[Mapping[str, Any]],
    notes: str = "",
) -> Appraisal:
    ensure_signed_in(actor)
    roles = roles_on(actor, project)
    if not roles & {Role.SPONSOR, Role.SECRETARIAT}:
        raise NotPermitted()
    if project.status in lifecycle.TERMINAL:
        raise TransitionRefused(step=_("Appraisal"), reason=_("the project is closed"))
    errors: dict[str, list[str]] = {}
    f_rate = parse_decimal(financial_rate, "financial_rate", errors)
    s_rate = parse_decimal(social_rate, "social_rate", errors)
    for name, rate in (("financial_rate", f_rate), ("social_rate", s_rate)):
        if rate is None and name not in errors:
            errors[name] = [_("Enter a rate, e.g. 0.05 for 5 %.")]
        elif rate is not None and not Decimal("-0.5") < rate < Decimal(1):
            errors[name] = [_("Enter the rate as a fraction between -0.5 and 1 (0.05 is 5 %).")]
    try:
        clean_rows = parse_rows(rows)
    except AppraisalInvalid as exc:
        errors.update(exc.field_errors)
        clean_rows = []
    if not project.currency:
        errors.setdefault("currency", []).append(_("Set the project's currency first."))
    if errors or f_rate is None or s_rate is None:
        raise AppraisalInvalid(field_errors=errors)
    appraisal, _created = Appraisal.objects.select_for_update().get_or_create(
        project=project,
        defaults={"currency": project.currency, "financial_rate": f_rate, "social_rate": s_rate, "rows": clean_rows},
    )
    before = {"financial_rate": appraisal.financial_rate, "social_rate": appraisal.social_rate, "rows": appraisal.rows}
    appraisal.currency = project.currency
    appraisal.financial_rate = f_rate
    appraisal.social_rate = s_rate
    appraisal.rows = clean_rows
    appraisal.notes = (notes or "").strip()
    appraisal.updated_by = actor
    appraisal.save()
    audit.record(
        actor=actor,
        action="project.appraisal_saved",
        target=project,
        before=before,
        after={"financial_rate": f_rate, "social_rate": s_rate, "rows": clean_rows},
    )
    return appraisal


@transaction.atomic
def follow_set(*, actor: User, project: Project, following: bool) -> bool:
    """Following is a personal preference, not a decision: no audit entry."""
    ensure_signed_in(actor)
    if following:
        Follow.objects.get_or_create(user=actor, project=project)
    else:
        Follow.objects.filter(user=actor, project=project).delete()
    return following
