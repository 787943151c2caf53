"""Institutions with their dated, sourced statuses and capital shares; the exchange-rate table and its imports."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from sco.financing.errors import FinancingInvalid, PlanNotFound
from sco.financing.models import ExchangeRate, InstitutionStatus, RateImport, Shareholding
from sco.members import permissions as members
from sco.members.models import Institution


@dataclass
class InstitutionView:
    institution: Institution
    statuses: list[InstitutionStatus]
    shareholdings: list[Shareholding]

    @property
    def current(self) -> InstitutionStatus | None:
        today = members.today()
        past = [s for s in self.statuses if s.on <= today]
        return past[-1] if past else None


def _institutions() -> list[InstitutionView]:
    rows = (
        Institution.objects.exclude(kind="cert")
        .select_related("state", "financier")
        .prefetch_related(
            Prefetch("statuses", queryset=InstitutionStatus.objects.order_by("on", "pk")),
            Prefetch("shareholdings", queryset=Shareholding.objects.select_related("state")),
        )
        .order_by("name_en", "pk")
    )
    # The reverse relations are financing's own (members does not know them): read them untyped.
    return [InstitutionView(i, list(cast(Any, i).statuses.all()), list(cast(Any, i).shareholdings.all())) for i in rows]


def institution_list() -> list[InstitutionView]:
    return _institutions()


def institution_get(*, code: str) -> InstitutionView:
    for view in _institutions():
        if view.institution.code == code:
            return view
    raise PlanNotFound()


def financier_get(*, code: str, field: str) -> Institution:
    """An institution named in input (a form, a JSON body, a CSV row): an unknown code is a field error."""
    found = Institution.objects.exclude(kind="cert").filter(code=(code or "").strip()).first() if code else None
    if found is None:
        raise FinancingInvalid(field_errors={field: [_("No such institution: %(code)s") % {"code": code or ""}]})
    return found


def rate_imports() -> list[RateImport]:
    return list(RateImport.objects.order_by("-imported_at", "-pk")[:20])


def rate_list(*, limit: int = 200) -> list[ExchangeRate]:
    return list(ExchangeRate.objects.select_related("batch").order_by("-on", "base", "quote")[:limit])
