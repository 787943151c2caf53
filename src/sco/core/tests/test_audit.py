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
