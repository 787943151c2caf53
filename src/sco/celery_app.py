"""The Celery application: scheduled and background jobs (`sco worker`, `sco beat`; `sco serve` starts both).

Not named `celery.py`: run from src/sco (as `make messages` does) that name would hide the celery package itself.

Configured from Django's settings (every `CELERY_*` setting): Redis as the broker when REDIS_URL is set, otherwise
kombu's filesystem transport under VAR_DIR.

How a part adds jobs: a `tasks.py` in the part, found by `autodiscover_tasks`. Each task is a thin door over one
service (like a management command), safe to run twice, named `sco.<part>.<job>`. A job that runs on a schedule is
listed in the module's `SCHEDULE`, a dict of beat entries (`{"sco.decisions.close_due": {"task": ..., "schedule":
60.0}}`); the beat process reads every part's `SCHEDULE` when it starts.
"""

from __future__ import annotations

import importlib
import os
from typing import Any

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sco.settings")

app = Celery("sco")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks(lambda: [f"sco.{part}" for part in _parts()])


def _parts() -> list[str]:
    from django.conf import settings

    return list(settings.SCO_PARTS)


def schedule() -> dict[str, dict[str, Any]]:
    """Every part's periodic jobs: the union of the `SCHEDULE` dicts of their `tasks.py` modules."""
    entries: dict[str, dict[str, Any]] = {}
    for part in _parts():
        try:
            module = importlib.import_module(f"sco.{part}.tasks")
        except ModuleNotFoundError as exc:
            if exc.name != f"sco.{part}.tasks":
                raise
            continue
        entries.update(getattr(module, "SCHEDULE", {}))
    return entries


@app.on_after_finalize.connect
def _read_schedule(sender: Celery, **kwargs: Any) -> None:
    sender.conf.beat_schedule = {**schedule(), **(sender.conf.beat_schedule or {})}
