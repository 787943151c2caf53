"""The pages: the map with routes and bottlenecks, the edges table, and the section on a project page."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from sco.corridors import demo
from sco.corridors.models import ProjectEdit

pytestmark = pytest.mark.usefixtures("corridor_network")


def make_dostyk_moyynty(kz: Any) -> Any:
    """A stand-in for the projects demo's record (same natural key: the English title, illustrative)."""
    from sco.members.models import State
    from sco.projects.models import Project

    return Project.objects.create(
        title_en=demo.DOSTYK_MOYYNTY_TITLE,
        sector="transport.rail",
        project_type="expansion",
        sponsor_kind="state_agency",
        sponsor_name="JSC NC Kazakhstan Temir Zholy",
        sponsor_state=State.objects.get(code="KZ"),
        status="implementation",
        visibility="public",
        created_by=kz,
        is_illustrative=True,
        start_date=dt.date(2022, 11, 17),
    )


def test_the_map_page_compares_the_middle_corridor_and_the_northern_route(client: Any) -> None:
    r = client.get("/corridors/?origin=CN_XIAN&destination=DE_DUISBURG&corridor=MC&corridor=NR&scenario=2030")
    assert r.status_code == 200
    html = r.content.decode()
    assert 'data-corridor="MC"' in html and 'data-corridor="NR"' in html
    assert "vendor/plotly/plotly.min.js" in html and "cdn" not in html.lower()
    assert "do not imply official endorsement" in html
    assert "KZ_AKTAU_SEA&gt;AZ_ALAT_SEA" in html or "KZ_AKTAU_SEA>AZ_ALAT_SEA" in html
    assert 'id="corridor-map-data"' in html


def test_a_bad_route_on_the_page_is_a_message_not_a_500(client: Any) -> None:
    r = client.get("/corridors/?origin=CN_XIAN&destination=DE_DUISBURG&corridor=NS&value_of_time_usd_per_teu_h=x")
    assert r.status_code == 200
    assert 'role="alert"' in r.content.decode()


def test_the_edges_page_shows_sources_and_edit_links_only_for_own_states(client: Any, head_of_delegation: Any) -> None:
    kz = head_of_delegation("KZ")
    client.force_login(kz)
    html = client.get("/corridors/edges/").content.decode()
    assert "/corridors/edges/CN_ALASHANKOU%3EKZ_DOSTYK/edit/" in html or "CN_ALASHANKOU&gt;KZ_DOSTYK/edit/" in html
    assert "BY_BREST&gt;PL_MALASZEWICZE/edit/" not in html and "BY_BREST%3EPL_MALASZEWICZE/edit/" not in html
    r = client.get("/corridors/edges/BY_BREST%3EPL_MALASZEWICZE/edit/")
    assert r.status_code == 200  # the form shows; the service refuses on submit
    r = client.post(
        "/corridors/edges/BY_BREST%3EPL_MALASZEWICZE/edit/",
        {
            "time_h_mean": 1,
            "time_h_p95": 2,
            "cost_usd_per_teu": 1,
            "cost_usd_per_t": 1,
            "co2_g_per_tkm": 0,
            "source_text": "x",
            "confidence": "estimate",
        },
    )
    assert r.status_code == 422


def test_the_project_page_shows_the_corridor_before_and_after(client: Any, head_of_delegation: Any) -> None:
    kz = head_of_delegation("KZ")
    project = make_dostyk_moyynty(kz)
    assert demo.link_dostyk_moyynty() == 2
    assert demo.link_dostyk_moyynty() == 0  # idempotent
    html = client.get(f"/projects/{project.pk}/").content.decode()
    assert 'id="corridors"' in html and 'id="corridor-before-after"' in html
    assert "KZ_DOSTYK&gt;KZ_MOYYNTY" in html
    # Anonymous readers see the comparison but no form.
    assert 'id="corridor-edit-form"' not in html
    client.force_login(kz)
    html = client.get(f"/projects/{project.pk}/").content.decode()
    assert 'id="corridor-edit-form"' in html


def test_a_delegate_of_another_state_cannot_link_the_project(client: Any, head_of_delegation: Any) -> None:
    project = make_dostyk_moyynty(head_of_delegation("KZ"))
    client.force_login(head_of_delegation("IN"))
    r = client.post(
        f"/corridors/projects/{project.pk}/edits/",
        {"edge": "KZ_DOSTYK>KZ_MOYYNTY", "kind": "capacity_factor", "value": 5},
    )
    assert r.status_code == 403
    assert not ProjectEdit.objects.exists()


def test_the_corridor_section_costs_no_query_once_cached_and_follows_every_edit(
    client: Any, head_of_delegation: Any, django_assert_num_queries: Any
) -> None:
    from sco.corridors import services

    kz = head_of_delegation("KZ")
    project = make_dostyk_moyynty(kz)
    demo.link_dostyk_moyynty()
    client.get(f"/projects/{project.pk}/")
    with django_assert_num_queries(1):  # the project's row, as without the section (projects/tests/test_page_cache)
        html = client.get(f"/projects/{project.pk}/").content.decode()
    assert 'id="corridor-before-after"' in html
    services.project_edit_add(
        actor=kz, project=project, edge_code="KZ_AKTAU>KZ_AKTAU_SEA", kind="time_minus_h", value=24
    )
    assert "KZ_AKTAU&gt;KZ_AKTAU_SEA" in client.get(f"/projects/{project.pk}/").content.decode()


def test_the_section_kept_for_those_who_may_link_carries_each_session_s_own_token_and_follows_the_network(
    head_of_delegation: Any, make_mandate: Any
) -> None:
    """The section with the form is kept once for everyone who may link the project: each reader's response holds
    their own CSRF token (a form posted with it works), never the mark it was kept with nor another session's token;
    a new edge of the network shows in the form at once."""
    import re

    from django.test import Client

    from sco.corridors.models import Edge

    kz = head_of_delegation("KZ")
    project = make_dostyk_moyynty(kz)
    demo.link_dostyk_moyynty()
    first, second = Client(), Client(enforce_csrf_checks=True)
    first.force_login(kz)
    second.force_login(make_mandate("kz-adviser", "head_of_delegation", state="KZ"))
    tokens = []
    for c in (first, second):
        html = c.get(f"/projects/{project.pk}/").content.decode()
        section = html[html.index('id="corridors"') :]
        found = set(re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', section))
        assert len(found) == 1 and 'id="corridor-edit-form"' in section
        tokens.append(found.pop())
    assert tokens[0] != tokens[1]
    r = second.post(
        f"/corridors/projects/{project.pk}/edits/",
        {"edge": "KZ_AKTAU>KZ_AKTAU_SEA", "kind": "time_minus_h", "value": 12, "csrfmiddlewaretoken": tokens[1]},
    )
    assert r.status_code == 302 and ProjectEdit.objects.filter(value=12).exists()
    edge = Edge.objects.get(code="KZ_AKTAU>KZ_AKTAU_SEA")
    Edge.objects.create(
        **{f.name: getattr(edge, f.name) for f in Edge._meta.concrete_fields if f.name not in ("id", "code")},
        code="KZ_TEST>KZ_TEST_NEW",
    )
    assert "KZ_TEST&gt;KZ_TEST_NEW" in first.get(f"/projects/{project.pk}/").content.decode()
