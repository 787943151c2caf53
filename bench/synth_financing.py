"""Generate SYNTHETIC financed projects for the financing benchmark.

    python bench/synth_financing.py PROJECTS ENTRIES

Every project is titled "Synthetic financed project N" (sources "synthetic"), approved, in financing or in
implementation, with two tranches (AIIB in USD, EDB in KZT) and ledger entries (a commitment per tranche, then
disbursements) up to ENTRIES in all. Entries are written with COPY on PostgreSQL (bulk inserts on SQLite), their
digest chain and the running balances computed as the services would. Running it again tops up nothing if the
projects are there already.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
from collections import defaultdict
from decimal import Decimal

from common import django_setup

BATCH = 5000


def main() -> None:
    import os

    django_setup(os.environ["DATABASE_URL"])
    from django.db import connection, transaction
    from django.utils import timezone
    from tqdm import tqdm

    from sco.core.models import User
    from sco.financing.demo import load_financiers, load_institutions
    from sco.financing.models import Balance, ExchangeRate, FinancingPlan, LedgerEntry, RateImport, Tranche
    from sco.financing.services import entry_digest
    from sco.members.models import Institution, State
    from sco.projects.models import Participation, Project

    want_projects, want_entries = (int(v) for v in sys.argv[1:3])
    load_institutions()
    load_financiers()
    rng = random.Random(20261129)
    states = list(State.objects.members_on(timezone.localdate()))
    author = User.objects.get(username="hod-kz")
    secretariat = User.objects.get(username="secretariat")
    aiib = Institution.objects.get(code="aiib")
    edb = Institution.objects.get(code="eurasian-development-bank")
    sectors = ["transport.rail", "transport.road", "energy", "energy.hydropower", "waterAndWaste", "communications"]
    statuses = ["approved", "financing", "implementation"]
    now = timezone.now()
    if not ExchangeRate.objects.filter(base="USD", quote="KZT").exists():
        batch = RateImport.objects.create(source="SYNTHETIC rate for benchmarks", imported_by=secretariat, row_count=1)
        ExchangeRate.objects.create(batch=batch, base="USD", quote="KZT", on=dt.date(2024, 1, 1), rate=Decimal(500))
    synthetic = Project.objects.filter(title_en__startswith="Synthetic financed project")
    have = synthetic.count()
    per_tranche = max(2, want_entries // max(1, want_projects * 2))
    seq_of: dict[int, int] = {}
    with tqdm(total=want_projects, initial=have, desc="synthetic financed projects", file=sys.stderr) as bar:
        for start in range(have, want_projects, BATCH):
            with transaction.atomic():
                made = Project.objects.bulk_create(
                    [
                        Project(
                            title_en=f"Synthetic financed project {i}",
                            summary_en="Synthetic data for benchmarks.",
                            sector=rng.choice(sectors),
                            project_type="construction",
                            sponsor_kind="state_agency",
                            sponsor_name="Synthetic agency",
                            sponsor_state=rng.choice(states),
                            total_cost=rng.randint(10, 1000) * 1_000_000,
                            currency="USD",
                            status=rng.choice(statuses),
                            visibility="public" if rng.random() < 0.8 else "members",
                            created_by=author,
                            sources="synthetic",
                            is_illustrative=True,
                        )
                        for i in range(start, min(start + BATCH, want_projects))
                    ]
                )
                Participation.objects.bulk_create(
                    [Participation(project=p, state=rng.choice(states), role="host", joined_at=now) for p in made]
                )
                plans = FinancingPlan.objects.bulk_create(
                    [FinancingPlan(project=p, is_illustrative=True, sources="synthetic") for p in made]
                )
                tranches = Tranche.objects.bulk_create(
                    [
                        Tranche(
                            plan=plan,
                            institution=inst,
                            instrument="loan",
                            currency=cur,
                            amount=amount,
                            created_by=secretariat,
                        )
                        for plan, p in zip(plans, made, strict=True)
                        for inst, cur, amount in (
                            (aiib, "USD", Decimal(p.total_cost) / 2),
                            (edb, "KZT", Decimal(p.total_cost) / 2 * 500),
                        )
                    ]
                )
                _entries(connection, tranches, per_tranche, rng, secretariat.pk, now, seq_of, entry_digest)
                totals: dict[tuple[int, str], Decimal] = defaultdict(Decimal)
                for t in tranches:
                    totals[(t.pk, "commitment")] = t.amount
                    totals[(t.pk, "disbursement")] = Decimal(per_tranche - 1) * (t.amount / 100).quantize(
                        Decimal("0.01")
                    )
                Balance.objects.bulk_create(
                    [Balance(tranche_id=k[0], kind=k[1], internal=False, amount=v) for k, v in totals.items()]
                )
            bar.update(len(made))
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    print(
        f"synthetic: {synthetic.count():,} financed projects, {LedgerEntry.objects.count():,} ledger entries",
        file=sys.stderr,
    )


def _entries(connection, tranches, per_tranche, rng, user_id, now, seq_of, digest) -> None:  # type: ignore[no-untyped-def]
    """One commitment then equal disbursements per tranche, chained per plan; COPY on PostgreSQL."""
    rows = []
    last: dict[int, str] = {}
    for t in tranches:
        seq = seq_of.get(t.plan_id, 0)
        prev = last.get(t.plan_id, "")
        day = dt.date(2025, 1, 1)
        for n in range(per_tranche):
            kind = "commitment" if n == 0 else "disbursement"
            amount = t.amount if n == 0 else (t.amount / 100).quantize(Decimal("0.01"))
            seq += 1
            d = digest(
                prev,
                seq=seq,
                tranche_id=t.pk,
                kind=kind,
                value_date=day,
                currency=t.currency,
                amount=amount,
                reverses=None,
                excess=False,
                internal=False,
            )
            rows.append((t.plan_id, t.pk, seq, kind, day, t.currency, amount, False, "", False, user_id, now, d))
            prev = d
            day += dt.timedelta(days=rng.randint(1, 30))
        seq_of[t.plan_id], last[t.plan_id] = seq, prev
    columns = (
        "plan_id, tranche_id, seq, kind, value_date, currency, amount, excess_flagged, note, internal, "
        "recorded_by_id, recorded_at, digest"
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            raw = cursor.cursor
            with raw.copy(f"COPY financing_ledgerentry ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
    else:
        from sco.financing.models import LedgerEntry

        names = [c.strip() for c in columns.split(",")]
        LedgerEntry.objects.bulk_create(
            [LedgerEntry(**dict(zip(names, r, strict=True))) for r in rows], batch_size=2000
        )
    from sco.financing.models import FinancingPlan

    plans = [FinancingPlan(pk=plan_id, entry_count=seq_of[plan_id], last_digest=d) for plan_id, d in last.items()]
    FinancingPlan.objects.bulk_update(plans, ["entry_count", "last_digest"], batch_size=2000)


if __name__ == "__main__":
    main()
