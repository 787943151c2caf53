import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction

from sco.core import audit
from sco.core.models import AuditEntry


def _write_three(user):
    for i in range(3):
        with transaction.atomic():
            audit.record(actor=user, action="test.write", target=user, before={"n": i}, after={"n": i + 1})


def test_each_entry_links_to_the_one_before_and_the_trail_verifies(make_user):
    user = make_user("alice")
    _write_three(user)
    entries = list(AuditEntry.objects.order_by("seq"))
    assert [e.seq for e in entries] == [1, 2, 3]
    assert entries[0].prev_hash == audit.GENESIS
    assert entries[1].prev_hash == entries[0].hash and entries[2].prev_hash == entries[1].hash
    assert entries[0].actor == user and entries[0].after == {"n": 1}
    assert audit.verify() == []


def test_an_edited_entry_is_caught_by_sco_audit_verify(make_user):
    user = make_user("alice")
    _write_three(user)
    with connection.cursor() as cursor:  # tamper as an intruder would: straight in the table
        cursor.execute("UPDATE core_auditentry SET after = %s WHERE seq = 2", ['{"n": 99}'])
    breaks = audit.verify()
    assert [b.seq for b in breaks] == [2]
    with pytest.raises(CommandError):
        call_command("audit", "verify")


def test_a_deleted_entry_in_the_middle_is_caught(make_user):
    user = make_user("alice")
    _write_three(user)
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_auditentry WHERE seq = 2")
    assert any("missing" in b.reason for b in audit.verify())


def test_a_deleted_newest_entry_is_caught_through_the_head(make_user):
    user = make_user("alice")
    _write_three(user)
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_auditentry WHERE seq = 3")
    assert audit.verify(), "dropping the newest entry must not go unnoticed"


@pytest.mark.django_db(transaction=True)
def test_recording_outside_a_transaction_is_refused(make_user):
    with pytest.raises(RuntimeError):
        audit.record(actor=make_user("alice"), action="test.write")


def test_sco_audit_verify_reports_an_intact_trail(make_user, capsys):
    _write_three(make_user("alice"))
    call_command("audit", "verify")
    assert "intact: 3 entries" in capsys.readouterr().out


def _rechain_from(seq: int, digest) -> None:  # type: ignore[no-untyped-def]
    """What an intruder with database access does after an edit: recompute every later link, and the head."""
    from sco.core.models import AuditHead

    prev = AuditEntry.objects.get(seq=seq - 1).hash if seq > 1 else audit.GENESIS
    for entry in AuditEntry.objects.filter(seq__gte=seq).order_by("seq"):
        entry.prev_hash = prev
        entry.hash = digest(entry)
        AuditEntry.objects.filter(pk=entry.pk).update(prev_hash=entry.prev_hash, hash=entry.hash)
        prev = entry.hash
    AuditHead.objects.filter(id=1).update(last_hash=prev)


def test_an_edit_with_every_later_hash_recomputed_without_the_key_is_caught(make_user):
    import hashlib
    import json

    user = make_user("alice")
    _write_three(user)
    AuditEntry.objects.filter(seq=2).update(after={"n": 99})

    def plain_sha256(entry):  # type: ignore[no-untyped-def]  # the unkeyed rule the chain used to follow
        body = json.dumps({"seq": entry.seq}, sort_keys=True)
        return hashlib.sha256((entry.prev_hash + body).encode()).hexdigest()

    _rechain_from(2, plain_sha256)
    assert {b.seq for b in audit.verify()} >= {2, 3}


def test_an_edit_with_every_later_hash_recomputed_with_the_key_is_caught_by_a_checkpoint(make_user, settings):
    user = make_user("alice")
    _write_three(user)
    audit.checkpoint()
    AuditEntry.objects.filter(seq=2).update(after={"n": 99})
    _rechain_from(2, audit._digest)  # even the key (a stolen one) does not help once a checkpoint saw the chain
    breaks = audit.verify()
    assert [b.seq for b in breaks] == [3] and "rewritten" in breaks[0].reason


def test_truncating_the_newest_entries_and_moving_the_head_back_is_caught_by_a_checkpoint(make_user):
    from sco.core.models import AuditHead

    user = make_user("alice")
    _write_three(user)
    audit.checkpoint()
    AuditEntry.objects.filter(seq__gte=2).delete()
    first = AuditEntry.objects.get(seq=1)
    AuditHead.objects.filter(id=1).update(last_seq=1, last_hash=first.hash)
    breaks = audit.verify()
    assert [b.seq for b in breaks] == [3] and "truncated" in breaks[0].reason
    with pytest.raises(CommandError):
        call_command("audit", "verify")


def test_a_forged_checkpoint_is_caught_and_a_good_one_passes(make_user, settings, capsys):
    _write_three(make_user("alice"))
    call_command("audit", "checkpoint")
    assert "entry 3" in capsys.readouterr().out
    assert audit.verify() == []
    with settings.SCO_AUDIT_CHECKPOINT_FILE.open("a") as f:
        f.write('{"seq": 2, "hash": "00", "at": "2026-01-01T00:00:00+00:00", "mac": "forged"}\n')
    assert [b.reason for b in audit.verify()] == ["checkpoint line 2 is not signed with the audit key"]


def test_the_chain_is_keyed_a_different_key_breaks_every_entry(make_user, settings):
    _write_three(make_user("alice"))
    settings.SCO_AUDIT_KEY = "another key"
    assert {b.seq for b in audit.verify()} == {1, 2, 3}


def test_the_migration_rekeys_an_intact_unkeyed_chain_and_leaves_a_broken_one(make_user):
    import hashlib
    import importlib

    from django.apps import apps

    from sco.core.models import AuditHead

    migration = importlib.import_module("sco.core.migrations.0003_audit_chain_keyed")
    user = make_user("alice")
    _write_three(user)

    def unkeyed(entry):  # type: ignore[no-untyped-def]
        return hashlib.sha256((entry.prev_hash + migration._canonical(entry)).encode()).hexdigest()

    _rechain_from(1, unkeyed)
    assert audit.verify() != []
    migration.rekey(apps, None)
    assert audit.verify() == []
    assert AuditHead.objects.get(id=1).last_hash == AuditEntry.objects.get(seq=3).hash
    AuditEntry.objects.filter(seq=2).update(after={"n": 99})
    _rechain_from(1, unkeyed)
    AuditEntry.objects.filter(seq=2).update(after={"n": 100})  # broken under the old rule too
    migration.rekey(apps, None)
    assert audit.verify() != []
