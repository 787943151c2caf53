"""Who may change the network, what is audited, and that a refused write stores nothing."""

from __future__ import annotations

from typing import Any

import pytest

from sco.core.audit import AuditEntry
from sco.core.errors import NotAuthenticated
from sco.corridors import dataio, selectors, services
from sco.corridors.errors import FlowInfeasible, NetworkInvalid, NotYourState, ScenarioInvalid, ScenarioNotFound
from sco.corridors.models import Edge, NetworkRevision, Scenario
from sco.members.permissions import SecretariatOnly

pytestmark = pytest.mark.usefixtures("corridor_network")


def test_a_kazakh_delegate_edits_the_dostyk_crossing_and_it_is_audited(head_of_delegation: Any) -> None:
    kz = head_of_delegation("KZ")
    revision = NetworkRevision.objects.get(pk=1).number
    edge = services.edge_update(actor=kz, code="CN_ALASHANKOU>KZ_DOSTYK", changes={"time_h_mean": 50.0})
    assert edge.time_h_mean == 50.0
    assert NetworkRevision.objects.get(pk=1).number == revision + 1
    entry = AuditEntry.objects.filter(action="corridors.edge.changed").latest("seq")
    assert entry.before["time_h_mean"] == 69.7 and entry.after["time_h_mean"] == 50.0
    assert entry.on_behalf_of == "state:KZ"
    # The route sees the change at once (the per-process graph follows the stored revision).
    assert selectors.graph().t_mean[selectors.graph().index["CN_ALASHANKOU"]] is not None
    nr = selectors.route(origin="CN_XIAN", destination="DE_DUISBURG", corridor="NR")
    assert any(leg["edge"] == "CN_ALASHANKOU>KZ_DOSTYK" and leg["hours_mean"] == 50.0 for leg in nr["best"]["legs"])


def test_a_delegate_cannot_change_another_states_border_crossing(head_of_delegation: Any) -> None:
    kz = head_of_delegation("KZ")
    with pytest.raises(NotYourState):
        services.edge_update(actor=kz, code="BY_BREST>PL_MALASZEWICZE", changes={"time_h_mean": 1.0})
    assert Edge.objects.get(code="BY_BREST>PL_MALASZEWICZE").time_h_mean == 36.0
    with pytest.raises(NotYourState):
        services.node_update(actor=kz, code="CN_XIAN", changes={"lon": 100.0})


def test_the_secretariat_edits_any_edge_and_nobody_anonymous(secretariat: Any) -> None:
    services.edge_update(actor=secretariat, code="BY_BREST>PL_MALASZEWICZE", changes={"capacity_t_per_year": 2e7})
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(NotAuthenticated):
        services.edge_update(actor=AnonymousUser(), code="BY_BREST>PL_MALASZEWICZE", changes={"km": 1.0})


def test_an_edit_that_breaks_the_network_is_refused_and_nothing_is_stored(secretariat: Any) -> None:
    before = NetworkRevision.objects.get(pk=1).number
    with pytest.raises(NetworkInvalid) as caught:
        services.edge_update(actor=secretariat, code="KZ_DOSTYK>KZ_MOYYNTY", changes={"capacity_t_per_year": -1.0})
    assert "edge KZ_DOSTYK>KZ_MOYYNTY" in caught.value.field_errors
    with pytest.raises(NetworkInvalid):
        services.edge_update(actor=secretariat, code="KZ_DOSTYK>KZ_MOYYNTY", changes={"mode": "teleport"})
    assert Edge.objects.get(code="KZ_DOSTYK>KZ_MOYYNTY").capacity_t_per_year == 3.5e6
    assert NetworkRevision.objects.get(pk=1).number == before


@pytest.mark.parametrize(
    ("edges_tail", "expected"),
    [
        ("X>Y,KZ_AKTAU,NOWHERE,rail,10,1,2,1,0.1,,22,1,0,MC,test,estimate,\n", "dangling edge"),
        ("X>Y,KZ_AKTAU,KZ_BEYNEU,rail,10,1,2,1,0.1,-3,22,1,0,MC,test,estimate,\n", "capacity_t_per_year"),
        ("X>Y,KZ_AKTAU,KZ_BEYNEU,zeppelin,10,1,2,1,0.1,,22,1,0,MC,test,estimate,\n", "unknown mode 'zeppelin'"),
        (
            "X>Y,KZ_AKTAU,KZ_BEYNEU,rail,0,0,0,0,0,,22,1,0,MC,test,estimate,\n",
            "cycle of zero cost",
        ),
    ],
)
def test_a_bad_network_file_is_refused_with_what_and_where(secretariat: Any, edges_tail: str, expected: str) -> None:
    nodes_csv, edges_csv = dataio.write_csv(*selectors.network_rows())
    count = Edge.objects.count()
    nodes, edges, problems = dataio.read_csv(nodes_csv, edges_csv + edges_tail)
    with pytest.raises(NetworkInvalid) as caught:
        services.network_import(actor=secretariat, nodes=nodes, edges=edges, problems=problems)
    assert any(expected in m for msgs in caught.value.field_errors.values() for m in msgs), caught.value.field_errors
    assert Edge.objects.count() == count


def test_only_the_secretariat_imports_a_network(head_of_delegation: Any) -> None:
    nodes, edges = selectors.network_rows()
    with pytest.raises(SecretariatOnly):
        services.network_import(actor=head_of_delegation("KZ"), nodes=nodes, edges=edges)


def test_a_scenario_is_private_to_its_author_until_shared(make_user: Any, head_of_delegation: Any) -> None:
    author, other = head_of_delegation("KZ"), make_user("reader")
    scenario = services.scenario_create(
        actor=author,
        key="kz-test",
        year=2027,
        name_en="Test",
        demands=[{"origin": "KZ_ASTANA", "destination": "GE_POTI", "tonnes": 1e6, "corridor": "MC"}],
    )
    assert not scenario.shared
    assert list(selectors.scenario_list(viewer=author).filter(key="kz-test")) == [scenario]
    with pytest.raises(ScenarioNotFound):
        selectors.scenario_get(viewer=other, key="kz-test")
    assert not selectors.scenario_list(viewer=None).filter(key="kz-test").exists()
    services.scenario_share(actor=author, key="kz-test")
    assert selectors.scenario_get(viewer=other, key="kz-test").shared


def test_a_scenario_with_no_feasible_flow_is_refused_and_not_stored(secretariat: Any) -> None:
    with pytest.raises(FlowInfeasible) as caught:
        services.scenario_create(
            actor=secretariat,
            key="too-much",
            year=2030,
            name_en="Too much",
            demands=[{"origin": "KZ_ASTANA", "destination": "GE_POTI", "tonnes": 2e7, "corridor": "MC"}],
        )
    assert "No feasible flow" in caught.value.message and "KZ_ASTANA -> GE_POTI" in caught.value.message
    assert "demands[1]" in caught.value.field_errors
    with pytest.raises(ScenarioInvalid) as caught_bad:
        services.scenario_create(
            actor=secretariat,
            key="bad",
            year=2030,
            name_en="Bad",
            demands=[{"origin": "KZ_ASTANA", "destination": "ATLANTIS", "tonnes": -1}],
        )
    assert "demands[1]" in caught_bad.value.field_errors
    assert not Scenario.objects.filter(key__in=["too-much", "bad"]).exists()


def test_the_2030_flow_names_the_caspian_and_dostyk_moyynty_as_bottlenecks() -> None:
    flow = selectors.flow_compute(scenario=Scenario.objects.get(key="2030"))
    names = [b["edge"] for b in flow["bottlenecks"]]
    assert names[0] == "KZ_AKTAU_SEA>AZ_ALAT_SEA"
    assert "KZ_DOSTYK>KZ_MOYYNTY" in names
    assert sum(u["tonnes"] for u in flow["unserved"]) == 6_500_000
