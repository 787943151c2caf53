"""Recording a state's position: p50/p95/p99 of `position_record` (the service) and of the API call, in-process.

Data: the demo's public facts plus SYNTHETIC decision procedures (titles "Synthetic procedure …", subject: a body)
with SYNTHETIC positions, and SYNTHETIC heads of delegation `synthetic-hod-<code>`, generated here. Nothing in them
is a real procedure or a real state's position. BENCH_DECISIONS sets their number (default 2,000), BENCH_RECORDINGS
how many recordings are measured (default 500).

The target from the issue is p95 under 50 ms on PostgreSQL; this script prints the figures and asserts nothing.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import statistics
import subprocess
import sys
import threading
import time

from common import ROOT, databases, django_setup, ensure_database

DECISIONS = int(os.environ.get("BENCH_DECISIONS", "2000"))
RECORDINGS = int(os.environ.get("BENCH_RECORDINGS", "500"))
THREADS = 8


def percentiles(ms: list[float]) -> str:
    q = statistics.quantiles(sorted(ms), n=100)
    return f"p50 {q[49]:6.1f} ms  p95 {q[94]:6.1f} ms  p99 {q[98]:6.1f} ms  (n={len(ms)})"


def measure() -> None:
    """Runs in a child process with DATABASE_URL set (Django is set up once per database)."""
    django_setup(os.environ["DATABASE_URL"])
    from django.contrib.auth.hashers import make_password
    from django.contrib.contenttypes.models import ContentType
    from django.db import connections, transaction
    from django.test import Client
    from django.utils import timezone

    from sco.core.models import User
    from sco.decisions import services, subjects
    from sco.decisions.models import Decision, Position
    from sco.members.models import Body, Mandate, State

    subjects.register(Body, visible=lambda viewer, qs: qs)  # bodies stand in as the subject kind
    today = timezone.localdate()
    states = list(State.objects.members_on(today))
    body = Body.objects.get(code="swg-investment")
    heads: dict[int, User] = {}
    for state in states:
        user, created = User.objects.get_or_create(
            username=f"synthetic-hod-{state.code.lower()}",
            defaults={"password": make_password(None), "display_name": f"Synthetic head of delegation {state.code}"},
        )
        if created:
            Mandate.objects.create(user=user, role="head_of_delegation", state=state, start=dt.date(2024, 7, 4))
        heads[state.pk] = user

    now = timezone.now()
    have = Decision.objects.filter(title_en__startswith="Synthetic procedure").count()
    if have < DECISIONS:
        opener = next(iter(heads.values()))
        rng = random.Random(7)
        with transaction.atomic():
            made = Decision.objects.bulk_create(
                Decision(
                    title_en=f"Synthetic procedure {n}",
                    subject_type=ContentType.objects.get_for_model(Body),
                    subject_id=body.pk,
                    body=body,
                    rule=rng.choice(["consensus", "silence"]),
                    opened_at=now - dt.timedelta(days=1),
                    deadline=now + dt.timedelta(days=365),
                    opened_by=opener,
                    illustrative=True,
                    source="synthetic benchmark data",
                )
                for n in range(have, DECISIONS)
            )
            Decision.eligible_states.through.objects.bulk_create(
                Decision.eligible_states.through(decision_id=d.pk, state_id=s.pk) for d in made for s in states
            )
            Position.objects.bulk_create(
                Position(decision=d, state=s, kind="support", recorded_by=heads[s.pk], recorded_at=now)
                for d in made
                for s in rng.sample(states, 4)
            )
    decision_ids = list(
        Decision.objects.filter(title_en__startswith="Synthetic procedure", deadline__gt=now).values_list(
            "pk", flat=True
        )
    )
    print(f"  {len(decision_ids):,} synthetic procedures, {Position.objects.count():,} positions held")
    rng = random.Random(11)
    kinds = [("support", ""), ("no_objection", ""), ("objection", "Synthetic reasons"), ("statement", "Synthetic view")]

    def one_service_call() -> float:
        decision = Decision.objects.select_related("body").get(pk=rng.choice(decision_ids))
        state = rng.choice(states)
        kind, text = rng.choice(kinds)
        start = time.perf_counter()
        services.position_record(actor=heads[state.pk], decision=decision, state=state, kind=kind, text=text)
        return (time.perf_counter() - start) * 1000

    for _ in range(20):  # warm-up
        one_service_call()
    sequential = [one_service_call() for _ in range(RECORDINGS)]
    print(f"  position_record, one writer:        {percentiles(sequential)}")

    concurrent: list[float] = []
    lock = threading.Lock()

    def writer(count: int) -> None:
        try:
            for _ in range(count):
                ms = one_service_call()
                with lock:
                    concurrent.append(ms)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=writer, args=(RECORDINGS // THREADS,)) for _ in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print(f"  position_record, {THREADS} writers at once:  {percentiles(concurrent)}")

    clients = {}
    for state in states:
        client = Client()
        client.force_login(heads[state.pk])
        clients[state.pk] = client
    api: list[float] = []
    for _ in range(RECORDINGS):
        state = rng.choice(states)
        kind, text = rng.choice(kinds)
        body_json = json.dumps({"state": state.code, "kind": kind, "text": text})
        start = time.perf_counter()
        response = clients[state.pk].post(
            f"/api/v1/decisions/{rng.choice(decision_ids)}/positions", body_json, content_type="application/json"
        )
        api.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 201, response.content
    print(f"  POST /api/v1/decisions/{{id}}/positions (in-process, session): {percentiles(api)}")


def main() -> None:
    if os.environ.get("BENCH_DECISIONS_CHILD"):
        measure()
        return
    print(f"decisions benchmark: recording a position; {DECISIONS:,} SYNTHETIC procedures (synthetic data)")
    for label, url in databases():
        ensure_database(url)
        print(f"[{label}]")
        env = {**os.environ, "DATABASE_URL": url, "BENCH_DECISIONS_CHILD": "1"}
        # our own script again, with a fixed argument list
        subprocess.run([sys.executable, str(ROOT / "bench" / "bench_decisions.py")], env=env, check=True, cwd=ROOT)
    print("target: p95 under 50 ms on PostgreSQL (printed above, not asserted)")


if __name__ == "__main__":
    main()
