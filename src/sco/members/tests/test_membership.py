import datetime as dt

import pytest

from sco.members import permissions, selectors
from sco.members.models import State

D = dt.date


@pytest.mark.parametrize(
    ("on", "count"),
    [
        (D(2001, 6, 15), 6),
        (D(2017, 6, 8), 6),
        (D(2017, 6, 9), 8),
        (D(2023, 7, 3), 8),
        (D(2023, 7, 4), 9),
        (D(2024, 7, 3), 9),
        (D(2024, 7, 4), 10),
    ],
)
def test_membership_can_be_asked_on_any_date(organisation, on, count):
    assert len(selectors.members_on(on)) == count


def test_iran_is_a_member_from_4_july_2023_and_an_observer_before(organisation):
    iran = State.objects.get(code="IR")
    assert not permissions.is_member_on(iran, D(2023, 7, 3))
    assert permissions.is_member_on(iran, D(2023, 7, 4))
    assert State.objects.with_status_on("observer", D(2023, 7, 3)).filter(code="IR").exists()


def test_belarus_is_the_tenth_member_from_4_july_2024(organisation):
    members = {s.code for s in selectors.members_on(D(2024, 7, 4))}
    assert members == {"CN", "IN", "IR", "KZ", "KG", "PK", "RU", "TJ", "UZ", "BY"}


@pytest.mark.parametrize(
    ("on", "chair"),
    [
        (D(2019, 6, 13), "KG"),
        (D(2019, 6, 14), "RU"),
        (D(2023, 12, 1), "KZ"),
        (D(2024, 7, 3), "KZ"),
        (D(2024, 7, 4), "CN"),
        (D(2025, 9, 1), "KG"),
        (D(2026, 11, 23), "KG"),
    ],
)
def test_the_chair_is_derived_from_the_date(organisation, on, chair):
    assert permissions.chairmanship_on(on).state.code == chair


def test_every_fact_of_the_organisation_has_a_source(organisation):
    from sco.members.models import Body, Chairmanship, Institution, StateStatus, Summit

    for model in (State, StateStatus, Body, Chairmanship, Summit, Institution):
        assert not model.objects.filter(source="").exists(), model.__name__


def test_the_24th_and_23rd_summits_are_recorded(organisation):
    from sco.members.models import Summit

    astana = Summit.objects.get(number=24)
    assert (astana.city_en, astana.start, astana.end) == ("Astana", D(2024, 7, 3), D(2024, 7, 4))
    assert astana.chairmanship.state.code == "KZ"
    assert Summit.objects.get(number=23).online


def test_demo_data_twice_changes_nothing(db):
    from io import StringIO

    from django.core.management import call_command

    from sco.core.models import AuditEntry, User
    from sco.members.models import Mandate, StateStatus

    call_command("demo", stdout=StringIO())
    counts = (
        State.objects.count(),
        StateStatus.objects.count(),
        Mandate.objects.count(),
        User.objects.count(),
        AuditEntry.objects.count(),
    )
    call_command("demo", stdout=StringIO())
    assert counts == (
        State.objects.count(),
        StateStatus.objects.count(),
        Mandate.objects.count(),
        User.objects.count(),
        AuditEntry.objects.count(),
    )
    assert counts[0] >= 10
