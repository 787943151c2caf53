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
    have = have_before = synthetic.count()
    per_tranche = max(2, want_entries // max(1, want_projects * 2))
    seq_of: dict[int, int] = {}
    if connection.vendor == "postgresql" and have < want_projects:
        _synth_sql(
            connection,
            first=have,
            last=want_projects,
            per_tranche=per_tranche,
            sectors=sectors,
            statuses=statuses,
            state_ids=[st.pk for st in states],
            author_id=author.pk,
            secretariat_id=secretariat.pk,
            aiib_id=aiib.pk,
            edb_id=edb.pk,
        )
        have = want_projects
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
    if synthetic.count() != have_before:  # something was written: fresh statistics for the planner
        import time

        from sco.financing.services import totals_rebuild

        started = time.perf_counter()
        rows = totals_rebuild.rebuild()  # the rows above bypassed the services: the maintained totals from the ledger
        print(f"  maintained totals rebuilt: {rows:,} rows, {time.perf_counter() - started:.1f} s", file=sys.stderr)
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    print(
        f"synthetic: {synthetic.count():,} financed projects, {LedgerEntry.objects.count():,} ledger entries",
        file=sys.stderr,
    )


def _synth_sql(connection, *, first, last, per_tranche, sectors, statuses, state_ids, **ids) -> None:  # type: ignore[no-untyped-def]
    """The same synthetic rows written by PostgreSQL itself (INSERT ... SELECT over generate_series): minutes instead
    of hours at full size. Choices are spread by the row number, not drawn at random. Each synthetic entry's digest is
    the sha256 of its own fields (labelled "synthetic" in the plan's sources): the rows are not chained to each other
    (``verify_chain`` is false for a synthetic plan), the plan's last digest is set so that entries the benchmark
    records on top of them chain as the services would."""
    params = {
        "first": first,
        "last": last - 1,
        "per": per_tranche,
        "sectors": sectors,
        "statuses": statuses,
        "states": state_ids,
        **ids,
    }
    steps = [
        (
            "projects",
            """INSERT INTO projects_project (title_en, title_ru, title_zh, summary_en, summary_ru, summary_zh, sector,
                project_type, sponsor_kind, sponsor_name, location, total_cost, cost_is_estimate, currency, status,
                visibility, screening, version_count, created_at, updated_at, is_illustrative, sources, created_by_id,
                sponsor_state_id, revision)
            SELECT 'Synthetic financed project ' || i, '', '', 'Synthetic data for benchmarks.', '', '',
                (%(sectors)s::text[])[1 + i %% cardinality(%(sectors)s::text[])], 'construction', 'state_agency',
                'Synthetic agency', '', (10 + (i * 7919) %% 991) * 1000000, false, 'USD',
                (%(statuses)s::text[])[1 + (i / 7) %% 3], CASE WHEN i %% 5 = 0 THEN 'members' ELSE 'public' END,
                '{}'::jsonb, 0, now(), now(), true, 'synthetic', %(author_id)s,
                (%(states)s::bigint[])[1 + i %% cardinality(%(states)s::bigint[])], 1
            FROM generate_series(%(first)s, %(last)s) AS i""",
        ),
        (
            "new projects",
            """CREATE TEMP TABLE synth_new ON COMMIT DROP AS
            SELECT id, total_cost FROM projects_project
            WHERE title_en LIKE 'Synthetic financed project %%'
              AND id NOT IN (SELECT project_id FROM financing_financingplan)""",
        ),
        (
            "hosts",
            """INSERT INTO projects_participation (project_id, state_id, role, joined_at)
            SELECT id, (%(states)s::bigint[])[1 + (id * 31) %% cardinality(%(states)s::bigint[])], 'host', now()
            FROM synth_new""",
        ),
        (
            "plans",
            """INSERT INTO financing_financingplan (project_id, created_at, entry_count, last_digest, is_illustrative,
                sources)
            SELECT id, now(), 2 * %(per)s, encode(sha256(('synthetic plan ' || id)::bytea), 'hex'), true,
                'synthetic (benchmark data; ledger digests not chained)'
            FROM synth_new""",
        ),
        (
            "tranches",
            """INSERT INTO financing_tranche (plan_id, institution_id, instrument, currency, amount, concessional,
                rate_kind, base_rate, listing_venue, needs_board_approval, created_at, created_by_id)
            SELECT pl.id, x.institution_id, 'loan', x.currency, n.total_cost / 2 * x.factor, false, '', '', '', false,
                now(), %(secretariat_id)s
            FROM synth_new n JOIN financing_financingplan pl ON pl.project_id = n.id
            CROSS JOIN (VALUES (0, %(aiib_id)s::bigint, 'USD', 1), (1, %(edb_id)s::bigint, 'KZT', 500))
                AS x(pos, institution_id, currency, factor)
            ORDER BY pl.id, x.pos""",
        ),
        (
            "entries",
            """INSERT INTO financing_ledgerentry (plan_id, tranche_id, seq, kind, value_date, currency, amount,
                excess_flagged, note, internal, recorded_by_id, recorded_at, digest)
            SELECT e.plan_id, e.tranche_id, e.seq, e.kind, e.value_date, e.currency, e.amount, false, '', false,
                %(secretariat_id)s, now(),
                encode(sha256(concat_ws('|', '', e.seq, e.tranche_id, e.kind, e.value_date, e.currency, e.amount,
                    '', '0', '0')::bytea), 'hex')
            FROM (
                SELECT t.plan_id, t.id AS tranche_id, t.currency, (t.pos - 1) * %(per)s + k + 1 AS seq,
                    CASE WHEN k = 0 THEN 'commitment' ELSE 'disbursement' END AS kind,
                    DATE '2025-01-01' + k * 15 AS value_date,
                    CASE WHEN k = 0 THEN t.amount ELSE round(t.amount / 100, 2) END AS amount
                FROM (
                    -- the tranche's place in its plan, numbered before the entries multiply the rows
                    SELECT t.*, row_number() OVER (PARTITION BY t.plan_id ORDER BY t.id) AS pos
                    FROM financing_tranche t JOIN financing_financingplan pl ON pl.id = t.plan_id
                    JOIN synth_new n ON n.id = pl.project_id
                ) AS t
                CROSS JOIN generate_series(0, %(per)s - 1) AS k
            ) AS e""",
        ),
        (
            "balances",
            """INSERT INTO financing_balance (tranche_id, kind, internal, amount)
            SELECT e.tranche_id, e.kind, false, sum(e.amount)
            FROM financing_ledgerentry e JOIN financing_financingplan pl ON pl.id = e.plan_id
            JOIN synth_new n ON n.id = pl.project_id
            GROUP BY e.tranche_id, e.kind""",
        ),
    ]
    import time

    with transaction_atomic(), connection.cursor() as cursor:
        for name, sql in steps:
            started = time.perf_counter()
            cursor.execute(sql, params)
            print(
                f"  synthetic {name}: {cursor.rowcount:,} rows, {time.perf_counter() - started:.1f} s", file=sys.stderr
            )


def transaction_atomic():  # type: ignore[no-untyped-def]
    from django.db import transaction

    return transaction.atomic()


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
