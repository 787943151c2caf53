"""What the financing reads share: which entries and balances a viewer may see, the projects that can be financed,
and the exchange-rate book.

Visibility: the financing of a project is seen by whoever may see the project (projects' own rule). Entries marked
internal (an institution's figures not yet public, e.g. a pledge under negotiation) are seen only by the
institution's financiers and the Secretariat, and every total, chart, list and export is built from the entries the
viewer may see, so an internal figure never shows through a sum.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

from django.db.models import Q, QuerySet

from sco.core.users import Viewer
from sco.financing import fx
from sco.financing.models import ExchangeRate
from sco.financing.permissions import sees_internal_of
from sco.financing.services import FINANCEABLE
from sco.projects.models import Project

ZERO = Decimal("0")


def visible_entries(viewer: Viewer) -> Q:
    """Ledger entries (and balances: the same fields) the viewer may see."""
    allowed = sees_internal_of(viewer)
    if allowed is None:
        return Q()
    return Q(internal=False) | Q(tranche__institution_id__in=sorted(allowed))


def financeable(viewer: Viewer) -> QuerySet[Project]:
    """The projects in a financing stage (approved, financing, implementation) the viewer may see."""
    return Project.objects.visible_to(viewer).filter(status__in=FINANCEABLE)


def rate_book(currencies: Iterable[str], *, on: dt.date) -> fx.RateBook:
    codes = sorted(set(currencies))
    rows = ExchangeRate.objects.filter(base__in=codes, quote__in=codes, on__lte=on).values_list(
        "base", "quote", "on", "rate"
    )
    return fx.RateBook(fx.Rate(b, q, d, r) for b, q, d, r in rows)
