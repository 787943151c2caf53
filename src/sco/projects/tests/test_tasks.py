"""The nightly open-data export, as the worker runs it (in the test's process: CELERY_TASK_ALWAYS_EAGER)."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from sco.projects.tasks import export_open_data


def test_the_export_job_writes_the_public_projects_as_oc4ids_and_csv(three: dict[str, Any], settings, tmp_path):
    settings.VAR_DIR = tmp_path
    written = [Path(p) for p in export_open_data.delay().get()]
    assert [p.name for p in written] == ["projects-oc4ids.json", "projects.csv"]
    package = json.loads(written[0].read_text())
    titles = json.dumps(package, ensure_ascii=False)
    assert "Open railway" in titles and "Closed railway" not in titles and "Draft railway" not in titles
    rows = list(csv.reader(written[1].open(encoding="utf-8")))
    assert len(rows) == 1 + len(package["projects"])
    assert not list((tmp_path / "exports").glob(".*"))  # no half-written file left behind
