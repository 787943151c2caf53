"""Two instances: this test's live server (A) and a second instance (B) with its own database, run as `sco`
subprocesses. B pulls A's GREEN collection with taxii2-client, is interrupted, resumes, and ends with every object
once, markings kept."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from sco.infosec import services
from sco.infosec.access import Caller
from sco.infosec.tests.conftest import CertSetup, indicator
from sco.infosec.tlp import Tlp

pytestmark = pytest.mark.django_db(transaction=True)


def run_b(tmp: Path, *commands: list[str], key: str = "") -> str:
    """One process of instance B running `sco` commands in turn (one start-up: the machine is shared)."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "sco.infosec.tests.instance_settings",
        "DATABASE_URL": f"sqlite:///{tmp / 'b.sqlite3'}",
        "SCO_VAR_DIR": str(tmp / "var"),
        "SCO_INFOSEC_PULL_KEY": key,
    }
    script = "import django; django.setup(); from django.core.management import call_command\n" + "".join(
        f"call_command(*{command!r})\n" for command in commands
    )
    done = subprocess.run(  # noqa: S603  our own interpreter running our own commands
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def stored_in_b(tmp: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(tmp / "b.sqlite3") as db:
        rows = db.execute("SELECT stix_id, payload FROM infosec_stixobject ORDER BY date_added, id").fetchall()
    return [(sid, payload) for sid, payload in rows]


def test_a_second_instance_pulls_the_green_collection_resuming_without_loss_or_duplicates(
    live_server: Any, certs: CertSetup, tmp_path: Path
) -> None:
    kz = Caller(user=certs.users["KZ"], cert=certs.certs["KZ"])
    kz_id = certs.certs["KZ"].identity_id
    first = [indicator(kz_id, f"198.51.100.{i}", level=Tlp.GREEN if i % 3 else Tlp.CLEAR) for i in range(7)]
    services.objects_add(caller=kz, collection=certs.green, objects=first[:4])
    services.objects_add(caller=kz, collection=certs.green, objects=first[4:])
    amber = indicator(kz_id, "203.0.113.1", level=Tlp.AMBER, audience=[certs.certs["UZ"].identity_id])
    services.objects_add(caller=kz, collection=certs.exchange, objects=[amber])

    url = f"{live_server.url}/taxii2/sco/"
    pull = ["infosec_pull", "from-a", "--url", url, "--collection", str(certs.green.id), "--into", "green-a"]
    migrate = ["migrate", "--run-syncdb", "-v0"]
    out = run_b(tmp_path, migrate, [*pull, "--per-page", "3", "--max-pages", "1"], key=certs.keys["UZ"])
    assert "more to pull" in out  # the first process stops after one page: an interrupted pull
    assert [sid for sid, _p in stored_in_b(tmp_path)] == [o["id"] for o in first[:3]]

    later = [indicator(kz_id, f"198.51.100.{i}") for i in range(10, 14)]
    services.objects_add(caller=kz, collection=certs.green, objects=later)
    resume, again = ["infosec_pull", "from-a", "--per-page", "3"], ["infosec_pull", "from-a"]
    out = run_b(tmp_path, resume, again, key=certs.keys["UZ"])  # a new process resumes; the second run finds nothing
    assert out.count("up to date") == 2
    rows = stored_in_b(tmp_path)
    assert [sid for sid, _p in rows] == [o["id"] for o in first + later]
    assert [json.loads(p) for _sid, p in rows] == first + later  # markings and content kept as they were
    assert amber["id"] not in {sid for sid, _p in rows}
