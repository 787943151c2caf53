"""Rebuilding and checking the maintained totals (``services.totals``): everything recomputed from the projects and
the ledger itself, for ``sco financing_rebuild_totals`` (and ``--check``), the demo loader and the bench's bulk data.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from decimal import Decimal

from django.db import connection, transaction
from django.db.models import Sum

from sco.financing import cache
from sco.financing.models import Audience, LedgerEntry, PipelineFiling, PipelineTotal, Tranche
from sco.financing.services.common import FINANCEABLE
from sco.financing.services.totals import (
    COLUMNS,
    COUNTS,
    Filed,
    Key,
    add_project,
    audience_id_for,
    filed_now,
    new_delta,
)
from sco.projects.models import Project


def _all_filed() -> dict[int, Filed]:
    ids = list(Project.objects.filter(status__in=FINANCEABLE).values_list("pk", flat=True))
    found: dict[int, Filed] = {}
    for start in range(0, len(ids), 20_000):
        found.update(filed_now(ids[start : start + 20_000]))
    return found


def recompute() -> tuple[dict[int, Filed], dict[Key, dict[str, Decimal]]]:
    """The filings and totals as they should be, from the projects and the ledger itself (not the balances): a few
    aggregate queries over the whole ledger. The rows' audiences are named by their keys."""
    filed = _all_filed()
    tranches: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for project_id, inst, cur in Tranche.objects.values_list("plan__project_id", "institution_id", "currency"):
        if project_id in filed:
            tranches[project_id].append((inst, cur))
    amounts: dict[int, list[tuple[int, str, str, int, Decimal]]] = defaultdict(list)
    sums = (
        LedgerEntry.objects.values_list(
            "plan__project_id", "tranche__institution_id", "tranche__currency", "kind", "internal"
        )
        .annotate(total=Sum("amount"))
        .order_by()
    )
    for project_id, inst, cur, kind, internal, total in sums:
        if project_id in filed:
            amounts[project_id].append((inst, cur, kind, inst if internal else 0, total))
    delta = new_delta()
    for pid, f in filed.items():
        add_project(delta, f, f.audience_key, sign=1, tranches=tranches[pid], amounts=amounts[pid])
    return filed, _nonzero(delta)


def _nonzero(rows: Mapping[Key, Mapping[str, Decimal]]) -> dict[Key, dict[str, Decimal]]:
    out = {}
    for key, values in rows.items():
        kept = {c: Decimal(v) for c, v in values.items() if v}
        if kept:
            out[key] = kept
    return out


def stored() -> dict[Key, dict[str, Decimal]]:
    """The maintained rows, their audiences named by their keys."""
    rows = PipelineTotal.objects.values_list("audience__key", "internal_of", "dim", "key", "currency", *COLUMNS)
    return _nonzero({(r[0], r[1], r[2], r[3], r[4]): dict(zip(COLUMNS, r[5:], strict=True)) for r in rows})


def differences() -> list[str]:
    """Where the maintained totals differ from a recomputation from the ledger (empty when they agree)."""
    _filed, wanted = recompute()
    have = stored()
    found = []
    for key in sorted(set(wanted) | set(have)):
        if wanted.get(key, {}) != have.get(key, {}):
            found.append(f"{key}: maintained {have.get(key, {})}, recomputed {wanted.get(key, {})}")
    return found


@transaction.atomic
def rebuild() -> int:
    """Recompute every filing and total from the projects and the ledger. Writers wait meanwhile (the two tables are
    locked on PostgreSQL) and add their entries to the rebuilt rows afterwards. Returns the number of rows."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                f"LOCK TABLE {PipelineFiling._meta.db_table}, {PipelineTotal._meta.db_table} IN EXCLUSIVE MODE"
            )
    PipelineTotal.objects.all().delete()
    PipelineFiling.objects.all().delete()
    filed, rows = recompute()
    audiences: dict[str, int] = dict(Audience.objects.values_list("key", "pk"))
    for f in filed.values():
        audience_id_for(f.audience_key, f.audience_states, audiences)
    PipelineFiling.objects.bulk_create(
        [PipelineFiling(project_id=f.project_id, **f.stored(audiences[f.audience_key])) for f in filed.values()],
        batch_size=5000,
    )
    PipelineTotal.objects.bulk_create(
        [
            PipelineTotal(
                audience_id=audiences[str(key[0])],
                internal_of=key[1],
                dim=key[2],
                key=key[3],
                currency=key[4],
                **{c: int(v) if c in COUNTS else v for c, v in values.items()},
            )
            for key, values in rows.items()
        ],
        batch_size=5000,
    )
    cache.changed()
    return len(rows)
