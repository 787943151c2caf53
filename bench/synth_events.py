"""Generate SYNTHETIC events for the pages benchmark: one month (July 2024) holding EVENTS events, so the month and
week views and the calendar API are measured over 1,000+ events in one month, as issue #16 asks.

    python bench/synth_events.py [EVENTS]   (default 1,000)

Every generated event is titled "SYNTHETIC event N", its city "Synthetic city" and its source says it is synthetic
benchmark data; one in ten is not public (seen by member delegates only). Running it again tops up to the number
asked. The rows go in by bulk_create, which no signal sees: the caller clears the cache afterwards (bench_pages.py).
"""

from __future__ import annotations

import os
import random
import sys
from datetime import UTC, date, datetime, timedelta
from typing import Any

from common import django_setup

MONTH = date(2024, 7, 1)
ZONES = ["Asia/Almaty", "Asia/Shanghai", "Europe/Moscow", "Asia/Kolkata", "Asia/Tashkent", "Asia/Karachi"]
LABEL = "Synthetic data for benchmarks."


def synthetic_event(i: int, begins: datetime, rng: random.Random, **fields: Any) -> Any:
    """Event number ``i``, unsaved, titled SYNTHETIC in every language and described as benchmark data, beginning at
    ``begins`` and lasting 2 to 30 hours; ``fields`` add the rest (states, chairmanship, whether it is public)."""
    from sco.events.models import Event

    return Event(
        title_en=f"SYNTHETIC event {i}",
        title_ru=f"СИНТЕТИЧЕСКОЕ мероприятие {i}",
        title_zh=f"合成活动 {i}",
        description_en=LABEL,
        category="forum",
        starts_at=begins,
        ends_at=begins + timedelta(hours=rng.choice([2, 4, 8, 30])),
        time_zone=ZONES[i % len(ZONES)],
        city_en="Synthetic city",
        **fields,
    )


def main() -> None:
    wanted = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000
    django_setup(os.environ["DATABASE_URL"])
    from sco.events.models import Event
    from sco.members.models import State

    start = datetime(MONTH.year, MONTH.month, 1, tzinfo=UTC)
    synthetic = Event.objects.filter(title_en__startswith="SYNTHETIC event", starts_at__gte=start)
    have = synthetic.count()
    if have >= wanted:
        return
    states = list(State.objects.order_by("pk"))
    rng = random.Random(2024 + have)
    rows = []
    for i in range(have, wanted):
        begins = start + timedelta(hours=3, minutes=rng.randrange(0, 29 * 24 * 60))
        state = states[i % len(states)]
        rows.append(
            synthetic_event(i, begins, rng, country=state, organiser_state=state, is_public=i % 10 != 0, source=LABEL)
        )
    Event.objects.bulk_create(rows, batch_size=1000)
    print(f"  {len(rows):,} synthetic events in {MONTH:%B %Y}", file=sys.stderr)


if __name__ == "__main__":
    main()
