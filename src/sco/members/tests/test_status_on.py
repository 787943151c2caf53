"""/members/ answers for the date asked (?on=YYYY-MM-DD), as the API does."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_the_member_list_shows_the_statuses_on_the_date_asked(client: Client, organisation):
    today = client.get("/members/").content.decode()
    assert "/members/states/IN/" in today
    before = client.get("/members/", {"on": "2010-01-01"}).content.decode()
    members_2010 = before.split("<h2>", 2)[1]
    assert "/members/states/IN/" not in members_2010  # India was an observer until 2017
    assert "2010" in before and 'value="2010-01-01"' in before


def test_a_malformed_date_is_refused_without_a_server_error(client: Client, organisation):
    r = client.get("/members/", {"on": "yesterday"})
    assert r.status_code == 422
