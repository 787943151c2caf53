"""Scheduled jobs of the projects part, run by the Celery worker (see `sco.celery_app` for how a part adds jobs)."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from celery import shared_task
from celery.schedules import crontab
from django.conf import settings
from django.utils import timezone

from sco.projects import oc4ids, open_data


@shared_task(name="sco.projects.export_open_data")
def export_open_data() -> list[str]:
    """Write the public projects as OC4IDS JSON and CSV files under VAR_DIR/exports (`sco projects_export`), each
    replaced whole so that a reader never sees half a file."""
    package = open_data.oc4ids_package(base_url=settings.SCO_BASE_URL.rstrip("/"), published=timezone.now())
    folder = Path(settings.VAR_DIR) / "exports"
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name in ("projects-oc4ids.json", "projects.csv"):
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{name}.")
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
            if name.endswith(".json"):
                json.dump(package, out, ensure_ascii=False, indent=1)
                out.write("\n")
            else:
                oc4ids.write_csv(package, out)
        os.replace(tmp, folder / name)
        written.append(str(folder / name))
    return written


SCHEDULE: dict[str, dict[str, Any]] = {
    "sco.projects.export_open_data": {"task": "sco.projects.export_open_data", "schedule": crontab(minute=17, hour=2)},
}
