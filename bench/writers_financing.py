"""8 writers record disbursements at once through the service (in-process, each on its own connection), on
SYNTHETIC tranches; prints p95 per entry and checks that the balances grew by exactly the sum written."""

from __future__ import annotations

import datetime as dt
import os
import random
import statistics
import threading
import time
from decimal import Decimal

from common import django_setup

WRITERS = 8
PER_WRITER = 100


def main() -> None:
    django_setup(os.environ["DATABASE_URL"])
    from django.db import connections
    from django.db.models import Sum

    from sco.core.models import User
    from sco.financing import services
    from sco.financing.models import Balance, Tranche

    user = User.objects.get(username="financier-aiib")
    tranches = list(
        Tranche.objects.filter(institution__code="aiib", plan__project__title_en__startswith="Synthetic financed")
        .select_related("plan__project", "institution")
        .order_by("pk")[:200]
    )
    ids = [t.pk for t in tranches]

    def total() -> Decimal:
        return Balance.objects.filter(tranche_id__in=ids, kind="disbursement").aggregate(s=Sum("amount"))[
            "s"
        ] or Decimal(0)

    before = total()
    latencies: list[float] = []
    written: list[Decimal] = []
    errors: list[str] = []
    lock = threading.Lock()
    barrier = threading.Barrier(WRITERS)

    def writer(n: int) -> None:
        rng = random.Random(n)
        try:
            barrier.wait()
            for _ in range(PER_WRITER):
                amount = Decimal(rng.randint(1, 1000)) / 100
                start = time.perf_counter()
                services.entry_record(
                    actor=user,
                    tranche=rng.choice(tranches),
                    kind="disbursement",
                    amount=amount,
                    currency="USD",
                    value_date=dt.date(2026, 6, 1),
                )
                elapsed = (time.perf_counter() - start) * 1000
                with lock:
                    latencies.append(elapsed)
                    written.append(amount)
        except Exception as exc:  # reported below
            with lock:
                errors.append(repr(exc))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=writer, args=(i,)) for i in range(WRITERS)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - started
    after = total()
    q = statistics.quantiles(sorted(latencies), n=100)
    print(
        f"  record an entry, {WRITERS} writers x {PER_WRITER} (service call) p50 {q[49]:7.1f} ms  p95 {q[94]:7.1f} ms"
        f"  p99 {q[98]:7.1f} ms  {len(latencies) / wall:7.1f} entries/s  errors {len(errors)}"
    )
    ok = after - before == sum(written)
    print(f"  totals after the run: grew by {after - before} = sum written {sum(written)}: {'yes' if ok else 'NO'}")
    if errors:
        print("  first error:", errors[0])


if __name__ == "__main__":
    main()
