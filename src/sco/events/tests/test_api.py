import pytest

from sco.events.models import Event, Registration

pytestmark = pytest.mark.django_db

PAYLOAD = {
    "title_en": "SCO Energy Forum (API test)",
    "title_ru": "Энергетический форум ШОС",
    "title_zh": "上合组织能源论坛",
    "category": "forum",
    "start": "2027-07-03T10:00",
    "end": "2027-07-03T18:00",
    "time_zone": "Asia/Almaty",
    "city_en": "Astana",
    "country": "KZ",
    "organiser_state": "KZ",
    "registration_open": True,
    "capacity": 1,
}


def test_an_organiser_creates_an_event_in_local_time_and_reads_it_back(api, secretariat):
    response = api.as_user(secretariat).post_json("/api/v1/events/", PAYLOAD)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["starts_at"].startswith("2027-07-03T05:00")
    assert body["start_local"] == "2027-07-03T10:00:00+05:00"
    assert body["time_zone"] == "Asia/Almaty"
    got = api.get_json(f"/api/v1/events/{body['id']}")
    assert got.status_code == 200 and got.json()["sessions"] == []


def test_bad_times_answer_422_problem_json_and_store_nothing(api, secretariat):
    api.as_user(secretariat)
    for change in (
        {"end": "2027-07-02T10:00"},
        {"time_zone": "Mars/Olympus"},
        {"time_zone": "Europe/Berlin", "start": "2024-03-31T02:30", "end": "2024-03-31T05:00"},
        {"start": "2027-07-03T10:00+05:00"},
        {"country": "XX"},
    ):
        response = api.post_json("/api/v1/events/", {**PAYLOAD, **change})
        assert response.status_code == 422, (change, response.content)
        assert response["Content-Type"] == "application/problem+json"
        assert response.json()["errors"]
    assert not Event.objects.exists()


def test_the_public_may_not_create_events(api, organisation):
    response = api.post_json("/api/v1/events/", PAYLOAD)
    assert response.status_code == 401
    assert not Event.objects.exists()


def test_registration_approval_and_the_waiting_list_through_the_api(api, secretariat, head_of_delegation):
    from sco.conftest import ApiClient

    event_id = api.as_user(secretariat).post_json("/api/v1/events/", PAYLOAD).json()["id"]
    kz = ApiClient().as_user(head_of_delegation("KZ"))
    cn = ApiClient().as_user(head_of_delegation("CN"))
    first = kz.post_json(f"/api/v1/events/{event_id}/registrations", {"full_name": "A. Delegate"})
    second = cn.post_json(f"/api/v1/events/{event_id}/registrations", {})
    assert (first.json()["status"], second.json()["status"]) == ("pending", "waitlisted")
    refused = api.post_json(f"/api/v1/events/registrations/{second.json()['id']}/decision", {"approve": True})
    assert refused.status_code == 409 and refused.json()["code"] == "registration_no_place_free"
    approved = api.post_json(f"/api/v1/events/registrations/{first.json()['id']}/decision", {"approve": True})
    assert approved.json()["status"] == "approved"
    badges = api.get_json(f"/api/v1/events/{event_id}/badges.csv")
    assert badges.status_code == 200 and "A. Delegate" in badges.content.decode()
    denied = cn.get_json(f"/api/v1/events/{event_id}/badges.csv")
    assert denied.status_code == 403
    assert Registration.objects.count() == 2


def test_a_session_with_speakers_and_a_month_view_through_the_api(api, secretariat):
    event_id = api.as_user(secretariat).post_json("/api/v1/events/", PAYLOAD).json()["id"]
    session = api.post_json(
        f"/api/v1/events/{event_id}/sessions",
        {
            "title_en": "Plenary",
            "start": "2027-07-03T10:00",
            "end": "2027-07-03T12:00",
            "room": "Hall A",
            "speakers": [{"name": "Speaker One", "delegation": "KZ"}],
        },
    )
    assert session.status_code == 201, session.content
    assert session.json()["start_local"] == "2027-07-03T10:00:00+05:00"
    assert session.json()["speakers"][0]["delegation"] == "KZ"
    month = api.get_json("/api/v1/events/calendar/month?year=2027&month=7")
    assert month.status_code == 200
    day = next(d for d in month.json()["days"] if d["date"] == "2027-07-03")
    assert day["events"] == [event_id]
    overview = api.get_json(f"/api/v1/events/chairmanships/{Event.objects.get().chairmanship_id or 0}/overview")
    assert overview.status_code in (200, 404)


def test_a_restricted_event_is_not_found_for_the_public(api, secretariat):
    event_id = api.as_user(secretariat).post_json("/api/v1/events/", {**PAYLOAD, "is_public": False}).json()["id"]
    from sco.conftest import ApiClient

    public = ApiClient()
    assert public.get_json(f"/api/v1/events/{event_id}").status_code == 404
    assert public.get_json("/api/v1/events/").json()["count"] == 0


def test_the_list_converts_only_its_page(api, secretariat, django_assert_max_num_queries):
    api.as_user(secretariat)
    for day in range(1, 8):
        assert (
            api.post_json(
                "/api/v1/events/", {**PAYLOAD, "start": f"2027-08-0{day}T10:00", "end": f"2027-08-0{day}T12:00"}
            ).status_code
            == 201
        )
    from sco.conftest import ApiClient

    public = ApiClient()
    page = public.get_json("/api/v1/events/?page_size=3&page=2").json()
    assert page["count"] == 7 and len(page["items"]) == 3
    assert page["items"][0]["start_local"] == "2027-08-04T10:00:00+05:00"
    assert page["items"][0]["country"] == "KZ"


def test_an_invited_only_event_takes_only_the_invited(api, secretariat, make_user):
    from sco.conftest import ApiClient

    event_id = api.as_user(secretariat).post_json("/api/v1/events/", {**PAYLOAD, "audience": "invited"}).json()["id"]
    guest, stranger = make_user("guest"), make_user("stranger")
    refused = ApiClient().as_user(stranger).post_json(f"/api/v1/events/{event_id}/registrations", {})
    assert refused.status_code == 409 and refused.json()["code"] == "registration_not_eligible"
    assert api.post_json(f"/api/v1/events/{event_id}/invitations", {"username": "guest"}).status_code == 201
    accepted = ApiClient().as_user(guest).post_json(f"/api/v1/events/{event_id}/registrations", {})
    assert accepted.status_code == 201 and accepted.json()["status"] == "pending"


def test_the_api_speaks_the_callers_language_and_gives_a_week(api, secretariat):
    event_id = api.as_user(secretariat).post_json("/api/v1/events/", PAYLOAD).json()["id"]
    from sco.conftest import ApiClient

    public = ApiClient()
    assert public.get_json(f"/api/v1/events/{event_id}", HTTP_ACCEPT_LANGUAGE="ru").json()["title"] == (
        "Энергетический форум ШОС"
    )
    assert public.get_json(f"/api/v1/events/{event_id}", HTTP_ACCEPT_LANGUAGE="zh-hans").json()["title"] == (
        "上合组织能源论坛"
    )
    week = public.get_json("/api/v1/events/calendar/week?date=2027-07-01").json()
    assert week["first"] == "2027-06-28" and week["last"] == "2027-07-04"
    assert next(d for d in week["days"] if d["date"] == "2027-07-03")["events"] == [event_id]
    problem = public.get_json("/api/v1/events/999999", HTTP_ACCEPT_LANGUAGE="ru")
    assert problem.status_code == 404 and problem["Content-Type"] == "application/problem+json"


def test_an_unknown_delegation_code_on_registration_is_a_field_error_and_stores_nothing(
    api, secretariat, head_of_delegation
):
    from sco.conftest import ApiClient

    event_id = api.as_user(secretariat).post_json("/api/v1/events/", PAYLOAD).json()["id"]
    kz = ApiClient().as_user(head_of_delegation("KZ"))
    response = kz.post_json(f"/api/v1/events/{event_id}/registrations", {"delegation": "ZZ"})
    assert response.status_code == 422, response.content
    assert response["Content-Type"] == "application/problem+json"
    assert "delegation" in response.json()["errors"]
    assert not Registration.objects.exists()


def test_an_unknown_speaker_delegation_is_a_field_error_and_stores_no_session(api, secretariat):
    event_id = api.as_user(secretariat).post_json("/api/v1/events/", PAYLOAD).json()["id"]
    session = {"title_en": "Plenary", "start": "2027-07-03T10:00", "end": "2027-07-03T12:00"}
    response = api.post_json(
        f"/api/v1/events/{event_id}/sessions", {**session, "speakers": [{"name": "A. Speaker", "delegation": "ZZ"}]}
    )
    assert response.status_code == 422, response.content
    assert "speakers" in response.json()["errors"]
    assert not Event.objects.get(pk=event_id).sessions.exists()
