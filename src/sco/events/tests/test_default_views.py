"""/events/ opens on something to see when nothing is coming; the programme tab follows the chairmanship asked."""

import io

import pytest
from django.test import Client

from sco.events.demo import load
from sco.members.models import Chairmanship
from sco.members.permissions import chairmanship_on

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_events(secretariat):
    load(stdout=io.StringIO())


def test_with_nothing_coming_the_event_list_opens_on_the_latest_programme_with_events(client: Client, demo_events):
    html = client.get("/events/").content.decode()
    assert 'id="no-coming-events"' in html and "No events match." not in html
    assert "24th Meeting of the SCO Council of Heads of State" in html or "Council of Heads" in html


def test_filters_still_answer_honestly_when_nothing_matches(client: Client, demo_events):
    html = client.get("/events/", {"category": "summit", "year": "1990"}).content.decode()
    assert "No events match." in html and 'id="no-coming-events"' not in html


def test_the_programme_tab_goes_to_the_chairmanship_asked_about_or_the_current_one(client: Client, demo_events):
    kazakhstan = Chairmanship.objects.get(state__code="KZ", start__year=2023)
    r = client.get("/events/programme/", {"chairmanship": kazakhstan.pk})
    assert r.status_code == 302 and r["Location"] == f"/events/programme/{kazakhstan.pk}/"
    current = chairmanship_on()
    assert current is not None
    r = client.get("/events/programme/")
    assert r["Location"] == f"/events/programme/{current.pk}/"
    html = client.get("/events/", {"chairmanship": kazakhstan.pk, "past": "1"}).content.decode()
    assert f'href="/events/programme/?chairmanship={kazakhstan.pk}"' in html
