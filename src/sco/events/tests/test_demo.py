import io

import pytest

from sco.events.demo import load
from sco.events.demo_events import EVENTS
from sco.events.models import Event, OutcomeLink

pytestmark = pytest.mark.django_db


def test_the_demo_loads_every_sourced_event_once_and_twice_changes_nothing(secretariat):
    load(stdout=io.StringIO())
    load(stdout=io.StringIO())
    assert Event.objects.count() == len(EVENTS)
    assert all(e.source for e in Event.objects.all())
    summit = Event.objects.get(title_en="24th Meeting of the SCO Council of Heads of State")
    assert summit.precision == "day" and summit.venue == "Palace of Independence"
    assert summit.chairmanship.state.code == "KZ"
    assert OutcomeLink.objects.filter(event=summit, label_en__startswith="Astana Declaration").exists()
    horde = Event.objects.get(title_en__contains="Golden Horde")
    assert horde.precision == "month" and "Only the month is known." in horde.note_en
