"""Input the platform cannot handle is refused at the door with a 4xx, never a server error (issue #11, item 1)."""

import io
import json

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

NUL_PATHS = [
    "/api/v1/projects/?q=%00",
    "/api/v1/documents/?kind=%00",
    "/api/v1/events/?body=%00",
    "/api/v1/members/states/K%00",
    "/api/v1/projects/?q%00=x",
]


@pytest.mark.parametrize("path", NUL_PATHS)
def test_a_nul_character_in_an_api_query_or_path_is_a_400_problem(client, path):
    response = client.get(path)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["code"] == "nul_character"


@pytest.mark.parametrize(
    "path", ["/projects/?q=%00", "/events/?body=%00", "/documents/?q=%00", "/events/feed.ics?state=%00"]
)
def test_a_nul_character_in_a_page_query_is_a_400_page(client, path):
    response = client.get(path)
    assert response.status_code == 400
    assert "NUL" in response.content.decode()


def test_a_nul_character_in_a_json_field_is_a_400_and_nothing_is_stored(api, head_of_delegation):
    from sco.core.models import AuditEntry

    api.as_user(head_of_delegation("KZ"))
    before = AuditEntry.objects.count()
    response = api.post_json("/api/v1/projects/", {"title_en": "Rail\u0000way", "sponsor_state": "KZ"})
    assert response.status_code == 400 and response.json()["code"] == "nul_character"
    response = api.post_json("/api/v1/projects/", '{"title_en": "x", "nested": {"k\\u0000": 1}}')
    assert response.status_code == 400
    assert AuditEntry.objects.count() == before


def test_a_nul_character_in_a_form_field_or_a_token_or_a_cookie_is_a_400(client, api):
    assert client.post("/login/", {"username": "a\x00b", "password": "x"}).status_code == 400
    assert api.get_json("/api/v1/me", HTTP_AUTHORIZATION="Bearer sco_\x00abc").status_code == 400
    client.cookies["sessionid"] = "abc\x00def"
    assert client.get("/").status_code == 400


def test_a_multipart_body_without_a_boundary_is_a_400_problem_even_anonymous(client):
    response = client.generic("POST", "/api/v1/documents/1/texts/en/upload", b"--x\r\n", "multipart/form-data")
    assert response.status_code == 400
    assert response.json()["code"] == "unreadable_body"
    page = client.generic("POST", "/login/", b"--x\r\n", "multipart/form-data")
    assert page.status_code == 400


@pytest.mark.parametrize("page", ["12579712789458212864", "1000001", "0", "-1"])
def test_a_page_number_out_of_range_is_a_422_field_error(client, page):
    response = client.get(f"/api/v1/projects/?page={page}")
    assert response.status_code == 422
    assert "page" in response.json()["errors"]


def test_trace_is_not_answered_like_get(client):
    for path in ("/", "/api/v1/projects/"):
        response = client.generic("TRACE", path)
        assert response.status_code == 405
    assert client.generic("TRACE", "/api/v1/projects/")["Content-Type"] == "application/problem+json"


def test_a_wrong_method_on_the_api_is_a_405_problem_with_allow(api, make_user):
    response = api.as_user(make_user("someone")).delete_json("/api/v1/projects/")
    assert response.status_code == 405
    assert response["Content-Type"] == "application/problem+json"
    assert "GET" in response["Allow"]
    assert response.json()["code"] == "method_not_allowed"


def test_a_csrf_refusal_on_the_api_is_a_403_problem(head_of_delegation):
    client = Client(enforce_csrf_checks=True)
    client.force_login(head_of_delegation("KZ"))
    response = client.post("/api/v1/tokens", json.dumps({"name": "x"}), content_type="application/json")
    assert response.status_code == 403
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["code"] == "csrf_failed"


def test_a_chunked_body_over_the_limit_is_refused_not_read_as_empty(client, settings):
    from django.test import RequestFactory

    from sco.core.middleware import ApiGuardMiddleware

    big = b'{"name": "' + b"x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 10) + b'"}'
    request = RequestFactory().generic(
        "POST", "/api/v1/tokens", b"", content_type="application/json", HTTP_TRANSFER_ENCODING="chunked"
    )
    request.META["wsgi.input"] = io.BytesIO(big)
    request.META.pop("CONTENT_LENGTH", None)
    response = ApiGuardMiddleware(lambda r: pytest.fail("the view must not run"))(request)
    assert response.status_code == 413
    assert response["Content-Type"] == "application/problem+json"


def test_a_small_chunked_body_is_read_whole(settings):
    from django.http import HttpResponse
    from django.test import RequestFactory

    from sco.core.middleware import ApiGuardMiddleware

    request = RequestFactory().generic(
        "POST", "/api/v1/tokens", b"", content_type="application/json", HTTP_TRANSFER_ENCODING="chunked"
    )
    request.META["wsgi.input"] = io.BytesIO(b'{"name": "laptop"}')
    request.META.pop("CONTENT_LENGTH", None)
    seen = {}

    def view(r):
        seen["body"] = json.loads(r.body)
        return HttpResponse("ok")

    assert ApiGuardMiddleware(view)(request).status_code == 200
    assert seen["body"] == {"name": "laptop"}


def test_a_json_body_over_the_limit_is_a_413_problem(client, settings):
    body = b" " * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)
    response = client.generic("POST", "/api/v1/tokens", body, "application/json")
    assert response.status_code == 413 and response["Content-Type"] == "application/problem+json"


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/documents/?year=3696615",
        "/api/v1/documents/registry.csv?year=-13957455",
        "/api/v1/documents/search?q=x&year=-35131396339667",
        "/api/v1/events/?year=3696615",
        "/api/v1/events/calendar/week?date=9999-12-31",
        "/api/v1/events/calendar/month?year=3696615&month=1",
        "/api/v1/documents/search?q=x&page=12579712789458212864",
    ],
)
def test_a_year_a_date_or_a_page_out_of_range_is_a_422_field_error(client, path):
    response = client.get(path)
    assert response.status_code == 422, response.content
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["errors"]


@pytest.mark.parametrize(
    "path", ["/api/v1/projects/99999999999999999999", "/api/v1/events/?chairmanship=99999999999999999999"]
)
def test_a_number_past_the_databases_integers_is_not_a_server_error(client, path):
    response = client.get(path)
    assert response.status_code < 500, response.content
    assert response["Content-Type"].startswith(("application/json", "application/problem+json"))


@pytest.mark.parametrize(
    "path", ["/documents/?year=3696615", "/events/?year=3696615", "/events/?chairmanship=99999999999999999999"]
)
def test_pages_answer_bad_years_and_numbers_without_a_server_error(client, path):
    assert client.get(path).status_code < 500


def test_joining_a_project_with_an_empty_state_is_a_field_error(api, head_of_delegation):
    """Found by schemathesis: an empty state code reached an assert (500)."""
    hod = head_of_delegation("KZ")
    api.as_user(hod)
    created = api.post_json(
        "/api/v1/projects/",
        {
            "title_en": "Rail (test)",
            "sector": "transport.rail",
            "project_type": "construction",
            "sponsor_name": "Railways",
            "sponsor_state": "KZ",
            "host_states": ["KZ"],
        },
    )
    assert created.status_code == 201, created.content
    project_id = created.json()["id"]
    response = api.post_json(f"/api/v1/projects/{project_id}/participations", {"state": ""})
    assert response.status_code == 422, response.content
    assert "state" in response.json()["errors"]


def test_a_session_start_with_a_utc_offset_is_a_field_error(api, secretariat):
    from sco.events.tests.test_api import PAYLOAD

    api.as_user(secretariat)
    event_id = api.post_json("/api/v1/events/", PAYLOAD).json()["id"]
    session = {"title_en": "Opening", "start": "2027-07-03T10:00:00+05:00", "end": "2027-07-03T11:00"}
    response = api.post_json(f"/api/v1/events/{event_id}/sessions", session)
    assert response.status_code == 422, response.content
    assert "start" in response.json()["errors"]
    far = {"title_en": "Opening", "start": "9999-12-31T23:00", "end": "9999-12-31T23:30"}
    assert api.post_json(f"/api/v1/events/{event_id}/sessions", far).status_code == 422
    good = {"title_en": "Opening", "start": "2027-07-03T10:00", "end": "2027-07-03T11:00"}
    assert api.post_json(f"/api/v1/events/{event_id}/sessions", good).status_code == 201
