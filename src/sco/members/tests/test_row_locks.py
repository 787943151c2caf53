"""The services that lock rows, run for real on PostgreSQL (SQLite ignores FOR UPDATE, so it cannot see lock errors).

Also collected on SQLite, where the plain calls still run; the race needs PostgreSQL."""

import datetime as dt
import threading

import pytest
from django.db import connection, connections

from sco.core.models import AuditEntry
from sco.members import services
from sco.members.models import Body, Mandate, State

pytestmark = pytest.mark.django_db(transaction=True)


def _delegate(hod, make_user, name="aigerim"):
    return services.mandate_grant(
        actor=hod,
        user=make_user(name),
        role="delegate",
        state=State.objects.get(code="KZ"),
        bodies=[Body.objects.get(code="swg-investment")],
        start=dt.date(2024, 7, 4),
    )


@pytest.mark.postgres_only
def test_ending_a_mandate_works_and_is_audited(head_of_delegation, make_user):
    hod = head_of_delegation("KZ")
    mandate = _delegate(hod, make_user)
    ended = services.mandate_end(actor=hod, mandate=mandate, end=dt.date(2025, 1, 1))
    assert ended.end == dt.date(2025, 1, 1)
    assert Mandate.objects.get(pk=mandate.pk).end == dt.date(2025, 1, 1)
    assert AuditEntry.objects.filter(action="mandate.ended", target_id=str(mandate.pk)).count() == 1


@pytest.mark.postgres_only
def test_ending_a_mandate_through_the_api_answers_200(api, head_of_delegation, make_user):
    hod = head_of_delegation("KZ")
    mandate = _delegate(hod, make_user)
    response = api.as_user(hod).post_json(f"/api/v1/members/delegations/{mandate.pk}/end", {"end": "2025-01-01"})
    assert response.status_code == 200, response.content
    assert response.json()["end"] == "2025-01-01"


@pytest.mark.postgres_only
def test_two_people_ending_one_mandate_at_once_end_it_once(head_of_delegation, secretariat, make_user):
    if connection.vendor != "postgresql":
        pytest.skip("row locks do nothing on SQLite; the PostgreSQL run covers this race")
    hod = head_of_delegation("KZ")
    mandate = _delegate(hod, make_user)
    barrier = threading.Barrier(2)
    outcomes: list[object] = []

    def end(actor):  # type: ignore[no-untyped-def]
        try:
            barrier.wait()
            outcomes.append(services.mandate_end(actor=actor, mandate=mandate, end=dt.date(2025, 1, 1)))
        except Exception as exc:  # the test reads it
            outcomes.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=end, args=(who,)) for who in (hod, secretariat)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(type(o).__name__ for o in outcomes) == ["Mandate", "MandateEnded"]
    assert AuditEntry.objects.filter(action="mandate.ended").count() == 1
