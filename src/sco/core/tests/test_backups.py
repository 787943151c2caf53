"""`sco backup` / `sco restore`: a round trip on the database the tests run on (SQLite or PostgreSQL)."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import transaction

from sco.core import audit
from sco.core.models import AuditEntry, AuditHead, User


def _write(name: str) -> None:
    with transaction.atomic():
        user = User.objects.create_user(username=name, password=None)
        audit.record(actor=None, action="user.created", target=user, after={"username": name})


@pytest.mark.django_db(transaction=True)
def test_a_backup_restores_what_was_there_and_the_audit_chain_verifies(tmp_path: Path) -> None:
    for name in ("anna", "boris", "chen"):
        _write(name)
    file = tmp_path / "sco.backup"
    out = StringIO()
    call_command("backup", str(file), stdout=out)
    assert "written" in out.getvalue()
    assert file.stat().st_size > 0
    assert not list(tmp_path.glob(".*partial"))

    _write("dmitri")  # after the backup: gone after the restore
    User.objects.filter(username="anna").update(first_name="changed after the backup")

    call_command("restore", str(file), "--yes", stdout=StringIO())
    assert sorted(User.objects.values_list("username", flat=True)) == ["anna", "boris", "chen"]
    assert User.objects.get(username="anna").first_name == ""
    assert AuditEntry.objects.count() == 3
    out = StringIO()
    call_command("audit", "verify", stdout=out)
    assert "intact: 3 entries" in out.getvalue()
    _write("elena")  # the restored chain goes on
    call_command("audit", "verify", stdout=StringIO())


@pytest.mark.django_db(transaction=True)
def test_a_restore_asks_for_yes_and_refuses_a_file_that_is_not_a_backup(tmp_path: Path) -> None:
    _write("anna")
    not_a_backup = tmp_path / "notes.txt"
    not_a_backup.write_text("hello")
    with pytest.raises(CommandError, match="--yes"):
        call_command("restore", str(not_a_backup), stdout=StringIO())
    with pytest.raises(CommandError, match="not a"):
        call_command("restore", str(not_a_backup), "--yes", stdout=StringIO())
    with pytest.raises(CommandError, match="no such file"):
        call_command("restore", str(tmp_path / "missing"), "--yes", stdout=StringIO())
    assert User.objects.filter(username="anna").exists()


@pytest.mark.django_db(transaction=True)
def test_a_restore_opens_a_new_epoch_so_checkpoints_after_the_backup_are_taken_back_not_truncated(
    tmp_path: Path,
) -> None:
    """A checkpoint taken after the backup saw entries the restore takes back: after `sco restore` it is reported
    as superseded by the restore's signed epoch line, the chain verifies and goes on; the same truncation done by
    hand (no epoch, or an epoch line without the key) is still caught."""
    for name in ("anna", "boris"):
        _write(name)
    file = tmp_path / "sco.backup"
    call_command("backup", str(file), stdout=StringIO())
    _write("chen")
    _write("dmitri")
    audit.checkpoint()  # saw entry 4
    call_command("restore", str(file), "--yes", stdout=StringIO())
    out = StringIO()
    call_command("audit", "verify", stdout=out)
    assert "intact: 2 entries" in out.getvalue()
    assert "saw entries 3..4, taken back by the restore" in out.getvalue()
    _write("elena")  # entry 3 again, with another hash: the superseded checkpoint does not judge it
    audit.checkpoint()
    call_command("audit", "verify", stdout=StringIO())

    # A forged epoch (written without the key) does not excuse a truncation.
    _write("fedor")
    audit.checkpoint()  # saw entry 4
    AuditEntry.objects.filter(seq=4).delete()
    AuditHead.objects.filter(id=1).update(last_seq=3, last_hash=AuditEntry.objects.get(seq=3).hash)
    lines = settings.SCO_AUDIT_CHECKPOINT_FILE.read_text().splitlines()
    forged = json.loads(lines[-1]) | {"epoch": True, "reason": "restore of x", "seq": 3, "mac": "0" * 64}
    with settings.SCO_AUDIT_CHECKPOINT_FILE.open("a") as f:
        f.write(json.dumps(forged) + "\n")
    with pytest.raises(CommandError, match="broken"):
        call_command("audit", "verify", stdout=StringIO(), stderr=StringIO())
