"""The shared cache of the anonymous project list never shows a restricted project and never outlives a write."""

from __future__ import annotations

HIDDEN = ("Members railway", "Closed railway", "Draft railway")


def anonymous_views(client, api) -> list[str]:
    return [
        client.get("/projects/?size=50").content.decode(),
        client.get("/projects/?size=50", HTTP_HX_REQUEST="true").content.decode(),
        api.get_json("/api/v1/projects/?page_size=50").content.decode(),
    ]


def signed_in_views(client, api, user) -> list[str]:
    client.force_login(user)
    api.as_user(user)
    views = [
        client.get("/projects/?size=50").content.decode(),
        client.get("/projects/?size=50", HTTP_HX_REQUEST="true").content.decode(),
        api.get_json("/api/v1/projects/?page_size=50").content.decode(),
    ]
    return views


def test_a_restricted_project_never_leaks_through_the_cached_list(three, client, api, head_of_delegation):
    from django.test import Client

    from sco.conftest import ApiClient

    before = anonymous_views(client, api)
    participant = signed_in_views(Client(), ApiClient(), head_of_delegation("CN"))
    sponsor = signed_in_views(Client(), ApiClient(), head_of_delegation("KZ"))
    after = anonymous_views(Client(), ApiClient())
    for text in before + after:
        assert "Open railway" in text
        assert not any(title in text for title in HIDDEN)
    for text in participant:
        assert "Closed railway" in text and "Members railway" in text and "Draft railway" not in text
    for text in sponsor:
        assert all(title in text for title in HIDDEN)


def test_a_write_is_visible_on_the_next_anonymous_read(
    three, client, api, make_project, django_capture_on_commit_callbacks
):
    assert all("New railway" not in text for text in anonymous_views(client, api))
    with django_capture_on_commit_callbacks(execute=True):
        make_project(status="submitted", title_en="New railway", sponsor="CN")
    assert all("New railway" in text for text in anonymous_views(client, api))


def test_the_anonymous_list_is_served_from_the_cache_until_a_write(three, client, django_assert_num_queries):
    client.get("/projects/?size=50")
    with django_assert_num_queries(0):
        assert "Open railway" in client.get("/projects/?size=50").content.decode()
