"""The project list page to page by keyset (issue #16): every row once, in order, whatever the ties; the first pages
by number as before; a garbage, tampered or foreign cursor is a 422 field error, never a 500."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone

N = 23


@pytest.fixture
def many(organisation: None, head_of_delegation: Callable[[str], Any]) -> list[int]:
    """N public SYNTHETIC projects, updated in groups of four at the same instant (ties the cursor must break by
    id); returned in the list's order (newest first, then highest id)."""
    from sco.members.models import State
    from sco.projects.models import Project

    author = head_of_delegation("KZ")
    kz = State.objects.get(code="KZ")
    projects = Project.objects.bulk_create(
        Project(
            title_en=f"Synthetic project {i:02d}",
            sector="energy",
            project_type="construction",
            sponsor_kind="state_agency",
            sponsor_name="Synthetic agency",
            sponsor_state=kz,
            status="submitted",
            visibility="public",
            created_by=author,
            sources="synthetic",
        )
        for i in range(N)
    )
    base = timezone.now() - dt.timedelta(days=1)
    for i, p in enumerate(projects):
        Project.objects.filter(pk=p.pk).update(updated_at=base + dt.timedelta(minutes=i // 4))
    return list(Project.objects.order_by("-updated_at", "-pk").values_list("pk", flat=True))


def _ids(html: str) -> list[int]:
    return [int(x) for x in re.findall(r'href="/(?:\w+/)?projects/(\d+)/"', html)]


def _link(html: str, label: str) -> str | None:
    found = re.search(r'<a href="\?([^"]*)"[^>]*>[^<]*' + label, html)
    return found.group(1).replace("&amp;", "&") if found else None


def test_next_and_previous_walk_every_project_once_in_order(client: Any, many: list[int]) -> None:
    seen: list[int] = []
    query: str | None = "size=10"
    pages = []
    while query is not None:
        html = client.get(f"/projects/?{query}").content.decode()
        pages.append((query, _ids(html)))
        seen += _ids(html)
        query = _link(html, "Next")
    assert seen == many
    assert len(pages) == 3
    # the second page's Next is a cursor, and the third page's Previous leads back to the second page's rows
    assert "after=" in pages[2][0]
    back = _link(client.get(f"/projects/?{pages[2][0]}").content.decode(), "Previous")
    assert back is not None and _ids(client.get(f"/projects/?{back}").content.decode()) == pages[1][1]
    third = client.get(f"/projects/?{pages[2][0]}").content.decode()
    assert "Page 3 of 3" in third


def test_page_numbers_still_work_for_the_first_pages(client: Any, many: list[int]) -> None:
    html = client.get("/projects/?size=10&page=2").content.decode()
    assert _ids(html) == many[10:20]
    assert "Page 2 of 3" in html
    assert _link(html, "Previous") == "size=10&page=1"


@pytest.mark.parametrize("cursor", ["garbage", "", "x" * 300, "WyJhIl0:1abc:def"])
def test_a_garbage_cursor_is_a_422_field_error(client: Any, many: list[int], cursor: str) -> None:
    response = client.get("/projects/", {"size": 10, "after": cursor or "::"})
    assert response.status_code == 422


def test_a_tampered_or_foreign_cursor_is_refused(client: Any, many: list[int]) -> None:
    html = client.get("/projects/?size=10").content.decode()
    good = _link(html, "Next")
    assert good is not None
    cursor = good.split("after=")[1]
    tampered = cursor[:-3] + ("aaa" if not cursor.endswith("aaa") else "bbb")
    assert client.get(f"/projects/?size=10&after={tampered}").status_code == 422
    # a cursor of the "updated" order does not fit the "title" order
    assert client.get(f"/projects/?size=10&sort=title&after={cursor}").status_code == 422
    # nor a cost order, which goes by page number
    assert client.get(f"/projects/?size=10&sort=cost&after={cursor}").status_code == 422


def test_the_title_order_goes_by_keyset_too(client: Any, many: list[int]) -> None:
    seen: list[int] = []
    query: str | None = "size=10&sort=title"
    while query is not None:
        html = client.get(f"/projects/?{query}").content.decode()
        seen += _ids(html)
        query = _link(html, "Next")
    assert seen == sorted(many)  # the titles are numbered in the order the rows were made


def test_the_api_gives_a_next_cursor_to_the_last_page(api: Any, many: list[int]) -> None:
    seen: list[int] = []
    body = api.get_json("/api/v1/projects/?page_size=10").json()
    assert body["count"] == N and body["count_capped"] is False
    seen += [p["id"] for p in body["items"]]
    while body["next"]:
        body = api.get_json(f"/api/v1/projects/?page_size=10&after={body['next']}").json()
        seen += [p["id"] for p in body["items"]]
    assert seen == many and body["page"] == 3


def test_the_api_refuses_a_bad_cursor_as_a_problem(api: Any, many: list[int]) -> None:
    response = api.get_json("/api/v1/projects/?after=garbage")
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    assert "after" in response.json()["errors"]


def test_the_count_past_the_cap_reads_capped(api: Any, many: list[int], monkeypatch: Any) -> None:
    from sco.projects import selectors

    monkeypatch.setattr(selectors.project_list, "__kwdefaults__", {"filters": None, "count_cap": 10})
    body = api.get_json("/api/v1/projects/?page_size=10").json()
    assert body["count"] == 10 and body["count_capped"] is True and body["next"]
