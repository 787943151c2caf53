"""The signed-in project list, search and page read their viewer's facts from the cache (issue #16): their query
counts with a warm cache are pinned here; the bench prints them on its data sets."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

LIST_SIGNED_IN = 2  # session and user: the list is kept for the viewer's audience (sco.projects.audience)
# session, user, the project's row; the corridors panel's two for the sponsor (was 10 before the body was kept)
PROJECT_PAGE_DELEGATE = 5


def _queries(client: Client, path: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(path)  # fills the caches
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return len(ctx.captured_queries)


@pytest.fixture
def delegate(head_of_delegation: Callable[[str], Any]) -> Any:
    return head_of_delegation("IN")


def test_the_signed_in_project_list_and_search_read_few_queries(
    client: Client, delegate: Any, make_project: Callable[..., Any]
) -> None:
    for _ in range(3):
        make_project(status="submitted", visibility="public")
    client.force_login(delegate)
    assert _queries(client, "/projects/?size=50") <= LIST_SIGNED_IN
    assert _queries(client, "/projects/?q=railway") <= LIST_SIGNED_IN
    assert _queries(client, "/api/v1/projects/?page_size=50") <= LIST_SIGNED_IN


def test_a_project_page_for_a_delegate_reads_few_queries(
    client: Client, delegate: Any, make_project: Callable[..., Any]
) -> None:
    project = make_project(status="submitted", visibility="public", sponsor="IN")
    client.force_login(delegate)
    assert _queries(client, f"/projects/{project.pk}/") <= PROJECT_PAGE_DELEGATE
