"""Speed of the events calendar and feeds on synthetic data (labelled synthetic; no real event is generated).

    uv run python bench/bench_events.py            # small: 5,000 events, 100,000 registrations
    uv run python bench/bench_events.py --full     # the issue's size: 50,000 events, 1,000,000 registrations

Runs against PostgreSQL (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/sco_bench_events), in a
database of its own that it creates, migrates and fills once per size. Prints p50/p95 and the SQL query count of:
a month view holding 1,000 events, and an iCalendar feed of 1,000 events. Never asserts on time.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from synth_events import synthetic_event

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

FOCUS_MONTH = date(2024, 7, 1)  # the month that gets 1,000 events of the bench chairmanship


def setup(url: str) -> None:
    import psycopg

    base, name = url.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sco.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def fill(n_events: int, n_regs: int) -> None:
    """Synthetic rows written in bulk, as test factories do: the services' per-row audit would take hours here."""
    from django.db import transaction

    from sco.core.models import User
    from sco.events import ical
    from sco.events.models import Event, EventFeedEntry, Registration
    from sco.members.models import Chairmanship, State

    if Event.objects.filter(title_en__startswith="SYNTHETIC").count() == n_events:
        return
    print(f"filling: {n_events:,} synthetic events, {n_regs:,} synthetic registrations …", flush=True)
    rng = random.Random(2024)
    with transaction.atomic():
        Registration.objects.all().delete()
        Event.objects.all().delete()
        state, _ = State.objects.get_or_create(code="ZZ", defaults={"iso3": "ZZZ", "name_en": "SYNTHETIC state"})
        chair, _ = Chairmanship.objects.get_or_create(
            start=date(2024, 1, 1), defaults={"state": state, "end": date(2025, 1, 1), "source": "synthetic"}
        )
        other, _ = Chairmanship.objects.get_or_create(
            start=date(2015, 1, 1), defaults={"state": state, "end": date(2016, 1, 1), "source": "synthetic"}
        )
        events = []
        for i in range(n_events):
            focus = i < 1000
            if focus:
                start = datetime(2024, 7, 1, 3, tzinfo=UTC) + timedelta(minutes=rng.randrange(0, 29 * 24 * 60))
            else:
                start = datetime(2015, 1, 1, tzinfo=UTC) + timedelta(minutes=rng.randrange(0, 15 * 365 * 24 * 60))
                if start.year == 2024 and start.month == 7:
                    start = start.replace(year=2030)
            events.append(
                synthetic_event(
                    i,
                    start,
                    rng,
                    country=state,
                    organiser_state=state,
                    chairmanship=chair if focus else other,
                    is_public=True,
                )
            )
        Event.objects.bulk_create(events, batch_size=5000)
        entries = []
        for e in Event.objects.filter(title_en__startswith="SYNTHETIC").iterator(chunk_size=5000):
            item = ical.IcalEvent(
                uid=ical.event_uid(e.pk),
                start=e.starts_at,
                end=e.ends_at,
                zone=e.time_zone,
                summary=e.title_en,
                description=e.description_en,
                location="Synthetic city",
                last_modified=datetime(2024, 1, 1, tzinfo=UTC),
            )
            block = ical.vevent_block(item).decode()
            entries.append(EventFeedEntry(event_id=e.pk, vevent_en=block, vevent_ru=block, vevent_zh=block))
        EventFeedEntry.objects.bulk_create(entries, batch_size=5000)
        per_event = max(1, n_regs // n_events)
        users = [User(username=f"synthetic-{i}", is_active=True) for i in range(per_event * 50)]
        User.objects.bulk_create(users, batch_size=5000, ignore_conflicts=True)
        user_ids = list(User.objects.filter(username__startswith="synthetic-").values_list("pk", flat=True))
        event_ids = list(Event.objects.filter(title_en__startswith="SYNTHETIC").values_list("pk", flat=True))
        batch: list[Registration] = []
        now = datetime(2024, 1, 1, tzinfo=UTC)
        for n, event_id in enumerate(event_ids):
            offset = (n * per_event) % len(user_ids)
            for k in range(per_event):
                batch.append(
                    Registration(
                        event_id=event_id,
                        user_id=user_ids[(offset + k) % len(user_ids)],
                        full_name="Synthetic person",
                        status="approved",
                        queued_at=now,
                    )
                )
            if len(batch) >= 20000:
                Registration.objects.bulk_create(batch)
                batch = []
        Registration.objects.bulk_create(batch)


def measure(label: str, fn, runs: int) -> None:  # type: ignore[no-untyped-def]
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    fn()  # warm the caches (VTIMEZONE blocks, connection)
    times = []
    with CaptureQueriesContext(connection) as ctx:
        fn()
    queries = len(ctx.captured_queries)
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    p95 = times[max(0, int(len(times) * 0.95) - 1)]
    print(f"{label:<48} p50 {statistics.median(times):7.1f} ms   p95 {p95:7.1f} ms   {queries} SQL queries")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--full", action="store_true", help="50,000 events and 1,000,000 registrations")
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    n_events, n_regs = (50_000, 1_000_000) if args.full else (5_000, 100_000)
    url = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/sco_bench_events")
    setup(url)
    fill(n_events, n_regs)

    from django.contrib.auth.models import AnonymousUser

    from sco.events import selectors
    from sco.events.models import Event, Registration
    from sco.members.models import Chairmanship

    chair = Chairmanship.objects.get(start=date(2024, 1, 1))
    anon = AnonymousUser()
    print(
        f"size: {Event.objects.count():,} events, {Registration.objects.count():,} registrations (synthetic), "
        f"PostgreSQL, {args.runs} runs each"
    )
    view = selectors.calendar_month(viewer=anon, year=FOCUS_MONTH.year, month=FOCUS_MONTH.month)
    feed = selectors.feed_ical(viewer=anon, filters=selectors.EventFilters(chairmanship=chair.pk))
    print(f"month view holds {len(view.events):,} events; feed holds {feed.count(b'BEGIN:VEVENT'):,} events")
    measure(
        "month view (July 2024, anonymous)",
        lambda: selectors.calendar_month(viewer=anon, year=FOCUS_MONTH.year, month=FOCUS_MONTH.month),
        args.runs,
    )
    measure(
        "iCalendar feed (one chairmanship, anonymous)",
        lambda: selectors.feed_ical(viewer=anon, filters=selectors.EventFilters(chairmanship=chair.pk)),
        args.runs,
    )


if __name__ == "__main__":
    main()
