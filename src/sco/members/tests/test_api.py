import pytest


def test_members_bodies_chairmanships_are_readable_by_anyone(api, organisation):
    states = api.get_json("/api/v1/members/states?status=member&on=2024-07-04").json()
    assert states["count"] == 10
    kz = api.get_json("/api/v1/members/states/kz").json()
    assert kz["names"] == {"en": "Kazakhstan", "ru": "Казахстан", "zh": "哈萨克斯坦"} and kz["status"] == "member"
    bodies = api.get_json("/api/v1/members/bodies?page_size=100").json()
    assert "swg-investment" in {b["code"] for b in bodies["items"]}
    chairs = api.get_json("/api/v1/members/chairmanships").json()["items"]
    assert [c["state"] for c in chairs if c["start"].startswith("2023")] == ["KZ"]
    current = api.get_json("/api/v1/members/chairmanships/current?on=2024-12-01").json()
    assert current["state"] == "CN"


def test_names_come_in_the_requested_language(api, organisation):
    kz = api.get_json("/api/v1/members/states/KZ", HTTP_ACCEPT_LANGUAGE="zh-hans").json()
    assert kz["name"] == "哈萨克斯坦"


def test_pagination_is_stable_and_complete(api, organisation):
    seen = []
    page = 1
    while True:
        body = api.get_json(f"/api/v1/members/states?page={page}&page_size=4").json()
        seen += [s["code"] for s in body["items"]]
        if page >= body["pages"]:
            break
        page += 1
    assert len(seen) == len(set(seen)) == body["count"]


@pytest.mark.parametrize("size", [2, 18])
def test_the_states_list_costs_the_same_queries_whatever_the_page_size(
    api, organisation, django_assert_num_queries, size
):
    with django_assert_num_queries(2):  # states and their statuses: the short list is counted in memory
        assert api.get_json(f"/api/v1/members/states?page_size={size}").status_code == 200


def test_the_openapi_document_lists_the_members_api(api, db):
    doc = api.get_json("/api/v1/openapi.json").json()
    assert doc["openapi"].startswith("3.")
    assert "/api/v1/members/states" in doc["paths"] and "/api/v1/tokens" in doc["paths"]


def test_the_docs_page_needs_no_internet(api, db):
    html = api.get("/api/v1/docs").content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert "cdn." not in html and "https://" not in html.split("<body")[0]


@pytest.mark.django_db
def test_a_person_who_may_grant_no_mandate_learns_nothing_about_usernames(api, organisation, make_user, make_mandate):
    """The permission question comes before the username is looked up: an existing and a missing username get the
    same refusal."""
    make_user("someone-real")
    outsider = make_user("outsider")
    client = api.as_user(outsider)
    answers = [
        client.post_json("/api/v1/members/delegations", {"username": name, "role": "delegate", "state": "KZ"})
        for name in ("someone-real", "nobody-by-this-name")
    ]
    assert [a.status_code for a in answers] == [403, 403]
    assert answers[0].json()["detail"] == answers[1].json()["detail"]
