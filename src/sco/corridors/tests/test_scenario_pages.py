"""The scenario pages: the list a viewer may see, a new scenario (who may write one, bad input), and one run with
its flows, bottlenecks, shadow prices and the comparison with the network as it is."""

from __future__ import annotations

from typing import Any

import pytest

from sco.corridors.models import ProjectEdit, Scenario
from sco.corridors.tests.test_pages import make_dostyk_moyynty

pytestmark = pytest.mark.usefixtures("corridor_network")

FORM = {
    "key": "kz-more-rail",
    "year": "2030",
    "name_en": "More rail through Dostyk",
    "demands": "CN_XIAN DE_DUISBURG 3000000\nCN_XIAN GE_POTI 1500000 MC",
    "edits": "KZ_DOSTYK>KZ_MOYYNTY capacity_factor 3",
    "confidence": "estimate",
    "allow_unserved": "on",
}


def test_a_delegate_writes_a_scenario_and_sees_it_run_beside_the_baseline(client: Any, head_of_delegation: Any) -> None:
    client.force_login(head_of_delegation("KZ"))
    assert client.get("/corridors/scenarios/new/").status_code == 200
    r = client.post("/corridors/scenarios/new/", FORM)
    assert r.status_code == 302 and r["Location"] == "/corridors/scenarios/kz-more-rail/"
    scenario = Scenario.objects.get(key="kz-more-rail")
    assert not scenario.shared and scenario.edits == [
        {"edge": "KZ_DOSTYK>KZ_MOYYNTY", "kind": "capacity_factor", "value": 3.0}
    ]
    html = client.get("/corridors/scenarios/kz-more-rail/").content.decode()
    for part in ('id="scenario-comparison"', 'id="scenario-bottlenecks"', 'id="scenario-flows"', "US$"):
        assert part in html
    assert "KZ_DOSTYK&gt;KZ_MOYYNTY" in html
    listing = client.get("/corridors/scenarios/").content.decode()
    assert 'data-key="kz-more-rail"' in listing and 'id="scenario-new"' in listing


def test_a_private_scenario_is_not_seen_by_others_until_shared(client: Any, head_of_delegation: Any) -> None:
    kz, cn = head_of_delegation("KZ"), head_of_delegation("CN")
    client.force_login(kz)
    client.post("/corridors/scenarios/new/", FORM)
    client.force_login(cn)
    assert client.get("/corridors/scenarios/kz-more-rail/").status_code == 404
    assert 'data-key="kz-more-rail"' not in client.get("/corridors/scenarios/").content.decode()
    assert client.post("/corridors/scenarios/kz-more-rail/share/").status_code == 404
    client.force_login(kz)
    assert client.post("/corridors/scenarios/kz-more-rail/share/").status_code == 302
    client.force_login(cn)
    assert client.get("/corridors/scenarios/kz-more-rail/").status_code == 200
    client.logout()
    assert client.get("/corridors/scenarios/kz-more-rail/").status_code == 200


def test_who_may_write_a_scenario(client: Any, make_user: Any) -> None:
    assert client.get("/corridors/scenarios/new/").status_code == 302  # to the login page
    client.force_login(make_user("reader"))
    assert client.get("/corridors/scenarios/new/").status_code == 403
    assert client.post("/corridors/scenarios/new/", FORM).status_code == 403
    assert 'id="scenario-new"' not in client.get("/corridors/scenarios/").content.decode()
    assert not Scenario.objects.filter(key="kz-more-rail").exists()


@pytest.mark.parametrize(
    ("changes", "field_text"),
    [
        ({"demands": "CN_XIAN ATLANTIS 100"}, "ATLANTIS"),
        ({"demands": "CN_XIAN DE_DUISBURG lots"}, "must be a number"),
        ({"edits": "NO_SUCH_EDGE capacity_factor 2"}, "NO_SUCH_EDGE"),
        ({"edits": "KZ_DOSTYK>KZ_MOYYNTY capacity_factor -1"}, "a factor above 0"),
        ({"demands": "KZ_ASTANA GE_POTI 20000000 MC", "allow_unserved": ""}, "the network carries"),
        ({"key": "2030"}, "exists already"),
    ],
)
def test_bad_input_is_a_422_with_the_reason_and_nothing_stored(
    client: Any, head_of_delegation: Any, changes: dict[str, str], field_text: str
) -> None:
    client.force_login(head_of_delegation("KZ"))
    data = {**FORM, **changes}
    if not data.get("allow_unserved"):
        data.pop("allow_unserved")
    r = client.post("/corridors/scenarios/new/", data)
    assert r.status_code == 422
    assert field_text in r.content.decode()
    assert not Scenario.objects.filter(key="kz-more-rail").exists()


def test_a_scenario_takes_in_a_project_the_author_may_see(client: Any, head_of_delegation: Any) -> None:
    kz = head_of_delegation("KZ")
    project = make_dostyk_moyynty(kz)
    ProjectEdit.objects.create(
        project=project, edge_id=_edge_pk("KZ_DOSTYK>KZ_MOYYNTY"), kind="capacity_factor", value=5
    )
    client.force_login(kz)
    r = client.post("/corridors/scenarios/new/", {**FORM, "edits": "", "projects": [str(project.pk)]})
    assert r.status_code == 302
    scenario = Scenario.objects.get(key="kz-more-rail")
    assert list(scenario.projects.all()) == [project]
    html = client.get("/corridors/scenarios/kz-more-rail/").content.decode()
    assert f"/projects/{project.pk}/" in html
    assert 'id="scenario-removed">KZ_DOSTYK&gt;KZ_MOYYNTY' in html


def test_the_scenario_pages_in_russian_and_chinese(client: Any) -> None:
    for language, word in (("ru", "Сценарии"), ("zh-hans", "情景")):
        html = client.get("/corridors/scenarios/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
        assert word in html, language
        detail = client.get("/corridors/scenarios/2030/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
        assert 'id="scenario-bottlenecks"' in detail


def _edge_pk(code: str) -> int:
    from sco.corridors.models import Edge

    return int(Edge.objects.get(code=code).pk)
