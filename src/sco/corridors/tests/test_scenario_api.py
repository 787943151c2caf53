"""The scenario API: a scenario with edits of its own and projects taken in, run beside the network as it is; who may
see it (private to its author until shared); and bad input of every kind answered as problem+json that names what
and where, with nothing stored."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from sco.core.audit import AuditEntry
from sco.corridors.models import Edge, ProjectEdit, Scenario
from sco.corridors.tests.test_pages import make_dostyk_moyynty

pytestmark = pytest.mark.usefixtures("corridor_network")

BASE = "/api/v1/corridors/scenarios"
DOSTYK_MOYYNTY = "KZ_DOSTYK>KZ_MOYYNTY"
BODY: dict[str, Any] = {
    "key": "kz-more-rail",
    "year": 2030,
    "name_en": "More rail through Dostyk",
    "demands": [
        {"origin": "CN_XIAN", "destination": "DE_DUISBURG", "tonnes": 3_000_000},
        {"origin": "CN_XIAN", "destination": "GE_POTI", "tonnes": 1_500_000, "corridor": "MC"},
    ],
    "allow_unserved": True,
    "edits": [{"edge": DOSTYK_MOYYNTY, "kind": "capacity_factor", "value": 3}],
}


def _body(**changes: Any) -> dict[str, Any]:
    return {**copy.deepcopy(BODY), **changes}


def _problem(r: Any, status: int) -> dict[str, Any]:
    assert r.status_code == status, r.content
    assert r["Content-Type"].startswith("application/problem+json"), r["Content-Type"]
    body: dict[str, Any] = r.json()
    assert body["status"] == status and body["code"] and body["detail"]
    return body


def _nothing_stored() -> None:
    assert not Scenario.objects.filter(key="kz-more-rail").exists()
    assert not AuditEntry.objects.filter(action="corridors.scenario.created").exists()


def _project_with_edit(owner: Any, **fields: Any) -> Any:
    project = make_dostyk_moyynty(owner)
    for name, value in fields.items():
        setattr(project, name, value)
    project.save()
    ProjectEdit.objects.create(
        project=project, edge=Edge.objects.get(code=DOSTYK_MOYYNTY), kind="capacity_factor", value=5
    )
    return project


def test_a_scenario_with_edits_and_a_project_is_created_and_run(api: Any, head_of_delegation: Any) -> None:
    kz = head_of_delegation("KZ")
    project = _project_with_edit(kz)
    api.as_user(kz)
    body = _body(
        edits=[{"edge": "KZ_AKTAU_SEA>AZ_ALAT_SEA", "kind": "capacity_factor", "value": 2}], project_ids=[project.pk]
    )
    r = api.post_json(BASE, body)
    assert r.status_code == 201, r.content
    created = r.json()
    assert created["key"] == "kz-more-rail" and created["shared"] is False
    assert created["edits"] == [{"edge": "KZ_AKTAU_SEA>AZ_ALAT_SEA", "kind": "capacity_factor", "value": 2.0}]
    assert created["project_ids"] == [project.pk]
    scenario = Scenario.objects.get(key="kz-more-rail")
    assert list(scenario.projects.all()) == [project] and scenario.author == kz
    assert AuditEntry.objects.filter(action="corridors.scenario.created").count() == 1

    assert api.get_json(f"{BASE}/kz-more-rail").json() == created

    run = api.get_json(f"{BASE}/kz-more-rail/run")
    assert run.status_code == 200, run.content
    ran = run.json()
    # its own edit first, then the project's, each saying where it comes from
    assert [(e["edge"], e["kind"], e["value"], e["from"]) for e in ran["edits"]] == [
        ("KZ_AKTAU_SEA>AZ_ALAT_SEA", "capacity_factor", 2.0, "scenario"),
        (DOSTYK_MOYYNTY, "capacity_factor", 5.0, f"project:{project.pk}"),
    ]
    comparison = ran["comparison"]
    baseline_bottlenecks = {b["edge"] for b in ran["baseline"]["bottlenecks"]}
    assert DOSTYK_MOYYNTY in baseline_bottlenecks
    assert DOSTYK_MOYYNTY in comparison["removed"]
    assert comparison["objective_after_usd"] < comparison["objective_before_usd"]
    assert comparison["unserved_after"] <= comparison["unserved_before"]
    assert ran["flow"]["scenario"] == "kz-more-rail" and ran["flow"]["confidence"] == "estimate"

    flow = api.get_json(f"{BASE}/kz-more-rail/flow").json()
    assert flow["bottlenecks"] == ran["flow"]["bottlenecks"]


def test_a_scenario_is_private_to_its_author_until_shared(
    api: Any, head_of_delegation: Any, make_user: Any, secretariat: Any
) -> None:
    kz, cn, reader = head_of_delegation("KZ"), head_of_delegation("CN"), make_user("reader")
    api.as_user(kz)
    assert api.post_json(BASE, _body()).status_code == 201
    assert "kz-more-rail" in [s["key"] for s in api.get_json(BASE).json()]

    for other in (cn, reader, secretariat, None):
        if other is None:
            api.token = None
        else:
            api.as_user(other)
        assert "kz-more-rail" not in [s["key"] for s in api.get_json(BASE).json()]
        for path in ("", "/run", "/flow"):
            missing = _problem(api.get_json(f"{BASE}/kz-more-rail{path}"), 404)
            assert missing["code"] == "corridor_scenario_not_found"
            # the same answer as for a key nobody has used: nothing tells the scenario exists
            assert missing == _problem(api.get_json(f"{BASE}/no-such-key{path}"), 404)
        if other is not None:
            assert _problem(api.post_json(f"{BASE}/kz-more-rail/share"), 404)["code"] == "corridor_scenario_not_found"
    assert Scenario.objects.get(key="kz-more-rail").shared is False

    api.as_user(kz)
    shared = api.post_json(f"{BASE}/kz-more-rail/share")
    assert shared.status_code == 200 and shared.json()["shared"] is True
    assert AuditEntry.objects.filter(action="corridors.scenario.shared").count() == 1

    for other in (cn, None):
        if other is None:
            api.token = None
        else:
            api.as_user(other)
        assert "kz-more-rail" in [s["key"] for s in api.get_json(BASE).json()]
        assert api.get_json(f"{BASE}/kz-more-rail/run").status_code == 200
    api.as_user(cn)
    # seeing is not owning: only the author shares
    assert _problem(api.post_json(f"{BASE}/kz-more-rail/share"), 403)["code"] == "corridor_not_scenario_author"


def test_a_shared_scenario_does_not_show_a_project_the_viewer_may_not_see(
    api: Any, head_of_delegation: Any, make_user: Any
) -> None:
    """The author took in a draft of their own state's project and shared the scenario: another viewer sees the
    scenario's own edits, and neither the draft's id nor its edits (the run leaves them out for that viewer)."""
    kz, cn = head_of_delegation("KZ"), head_of_delegation("CN")
    draft = _project_with_edit(kz, status="draft", visibility="participants")
    api.as_user(kz)
    r = api.post_json(BASE, _body(project_ids=[draft.pk], shared=True))
    assert r.status_code == 201, r.content
    mine = api.get_json(f"{BASE}/kz-more-rail/run").json()
    assert f"project:{draft.pk}" in [e["from"] for e in mine["edits"]]

    api.as_user(cn)
    seen = api.get_json(f"{BASE}/kz-more-rail").json()
    assert seen["project_ids"] == []
    assert [s["project_ids"] for s in api.get_json(BASE).json() if s["key"] == "kz-more-rail"] == [[]]
    theirs = api.get_json(f"{BASE}/kz-more-rail/run").json()
    assert [e["from"] for e in theirs["edits"]] == ["scenario"]
    assert f"project:{draft.pk}" not in str(theirs)  # nothing names the draft (a bare id could match any number)


@pytest.mark.parametrize(
    ("changes", "field", "text"),
    [
        ({"edits": [{"edge": "NO_SUCH_EDGE", "kind": "capacity_factor", "value": 2}]}, "edits[1]", "NO_SUCH_EDGE"),
        ({"edits": [{"edge": DOSTYK_MOYYNTY, "kind": "teleport", "value": 2}]}, "edits[1]", "kind"),
        ({"edits": [{"edge": DOSTYK_MOYYNTY, "kind": "capacity_factor", "value": -1}]}, "edits[1]", "above 0"),
        ({"edits": [{"edge": DOSTYK_MOYYNTY, "kind": "capacity_factor", "value": 0}]}, "edits[1]", "above 0"),
        ({"edits": [{"edge": DOSTYK_MOYYNTY, "kind": "capacity_factor", "value": 1e300}]}, "edits[1]", "at most 100"),
        ({"edits": [{"edge": DOSTYK_MOYYNTY, "kind": "time_minus_h", "value": -5}]}, "edits[1]", "zero or more"),
        ({"edits": [{"edge": DOSTYK_MOYYNTY, "kind": "time_minus_h", "value": 1e12}]}, "edits[1]", "10000"),
        ({"edits": [{"edge": DOSTYK_MOYYNTY, "kind": "new_edge", "value": 0}]}, "edits[1]", "planned"),
        (
            {
                "edits": [
                    {"edge": DOSTYK_MOYYNTY, "kind": "capacity_factor", "value": 2},
                    {"edge": DOSTYK_MOYYNTY, "kind": "capacity_factor", "value": 3},
                ]
            },
            "edits[2]",
            "twice",
        ),
        ({"project_ids": [987654]}, "project_ids", "987654"),
        ({"project_ids": [2**63]}, "project_ids", str(2**63)),
        ({"project_ids": [-1]}, "project_ids", "-1"),
        ({"demands": [{"origin": "CN_XIAN", "destination": "ATLANTIS", "tonnes": 1}]}, "demands[1]", "ATLANTIS"),
        ({"demands": [{"origin": "CN_XIAN", "destination": "CN_XIAN", "tonnes": 1}]}, "demands[1]", "the same"),
        ({"demands": [{"origin": "CN_XIAN", "destination": "GE_POTI", "tonnes": -1}]}, "demands[1]", "zero or more"),
        ({"demands": [{"origin": "CN_XIAN", "destination": "GE_POTI", "tonnes": 1e300}]}, "demands[1]", "at most"),
        (
            {"demands": [{"origin": "CN_XIAN", "destination": "GE_POTI", "tonnes": 1, "corridor": "XX"}]},
            "demands[1]",
            "XX",
        ),
        ({"demands": []}, "demands", "at least one"),
        ({"key": "Not A Key"}, "key", "lower-case"),
        ({"key": "kz-more-rail\n"}, "key", "lower-case"),  # a trailing newline once slipped past the pattern
        ({"year": 1800}, "year", "between"),
        ({"year": 10**30}, "year", ""),
        ({"name_en": "   "}, "name_en", "name"),
        ({"confidence": "certain"}, "confidence", "sourced"),
    ],
)
def test_bad_input_is_a_422_naming_what_and_where_and_nothing_is_stored(
    api: Any, head_of_delegation: Any, changes: dict[str, Any], field: str, text: str
) -> None:
    api.as_user(head_of_delegation("KZ"))
    body = _problem(api.post_json(BASE, _body(**changes)), 422)
    errors = body.get("errors", {})
    assert field in errors, body
    assert text in " ".join(errors[field]), errors
    _nothing_stored()


@pytest.mark.parametrize(
    "body",
    [
        {k: v for k, v in BODY.items() if k != "demands"},  # a field missing
        {k: v for k, v in BODY.items() if k != "key"},
        _body(year="twenty-thirty"),  # wrong types
        _body(demands="CN_XIAN DE_DUISBURG 100"),
        _body(demands=[{"origin": "CN_XIAN", "destination": "GE_POTI"}]),
        _body(demands=[{"origin": "CN_XIAN", "destination": "GE_POTI", "tonnes": "lots"}]),
        _body(edits={"edge": DOSTYK_MOYYNTY}),
        _body(edits=[{"edge": DOSTYK_MOYYNTY, "kind": "capacity_factor", "value": "three"}]),
        _body(edits=["KZ_DOSTYK>KZ_MOYYNTY capacity_factor 3"]),
        _body(project_ids="1,2"),
        _body(project_ids=["one"]),
        _body(project_ids=list(range(1, 202))),  # too many
        _body(edits=[{"edge": DOSTYK_MOYYNTY, "kind": "time_minus_h", "value": 1}] * 201),
        _body(demands=[BODY["demands"][0]] * 1001),
        _body(key="k" * 61),
        _body(allow_unserved="perhaps"),
        _body(name_en="x" * 201),
        _body(edits=[{"edge": DOSTYK_MOYYNTY, "kind": "capacity_factor", "value": None}]),
        _body(demands=[{"origin": ["CN_XIAN"], "destination": "GE_POTI", "tonnes": 1}]),
        _body(key=None),
        _body(year=2030.5),
    ],
)
def test_a_body_of_the_wrong_shape_is_a_422_and_nothing_is_stored(
    api: Any, head_of_delegation: Any, body: dict[str, Any]
) -> None:
    api.as_user(head_of_delegation("KZ"))
    problem = _problem(api.post_json(BASE, body), 422)
    assert problem["code"] in ("invalid_input", "corridor_scenario_invalid") and problem.get("errors"), problem
    _nothing_stored()


def test_unreadable_json_and_numbers_out_of_range_are_4xx(api: Any, head_of_delegation: Any) -> None:
    api.as_user(head_of_delegation("KZ"))
    assert _problem(api.post_json(BASE, "{not json"), 400)["code"] == "malformed_body"
    for raw in ("[]", "null", '"scenario"', "2030"):
        assert 400 <= api.post_json(BASE, raw).status_code < 500, raw
    # a project id past the database's integer range is "not found", not a 500
    assert _problem(api.get_json(f"{BASE}/2030/flow?project={2**63}"), 404)["code"] == "project_not_found"
    assert _problem(api.get_json(f"{BASE}/2030/flow?project=-1"), 404)["code"] == "project_not_found"
    assert _problem(api.get_json(f"{BASE}/2030/flow?project=one"), 422)["code"] == "invalid_input"
    # JSON has no infinity; Python's reader takes these words, the API does not
    for word in ("Infinity", "NaN", "1e999"):
        raw = (
            '{"key": "kz-more-rail", "year": 2030, "name_en": "x", "demands": '
            f'[{{"origin": "CN_XIAN", "destination": "GE_POTI", "tonnes": {word}}}]}}'
        )
        r = api.post_json(BASE, raw)
        assert 400 <= r.status_code < 500, (word, r.content)
        assert r["Content-Type"].startswith("application/problem+json")
    _nothing_stored()


def test_a_project_the_author_may_not_see_is_refused_as_if_it_did_not_exist(api: Any, head_of_delegation: Any) -> None:
    """A Chinese delegate names a Kazakh draft: the answer is the one for an id nobody has used."""
    draft = _project_with_edit(head_of_delegation("KZ"), status="draft", visibility="participants")
    api.as_user(head_of_delegation("CN"))
    hidden = _problem(api.post_json(BASE, _body(project_ids=[draft.pk])), 422)
    unknown = _problem(api.post_json(BASE, _body(project_ids=[draft.pk + 1000])), 422)
    assert hidden["errors"]["project_ids"] == [f"no such project: {draft.pk}"]
    assert unknown["errors"]["project_ids"] == [f"no such project: {draft.pk + 1000}"]
    assert draft.title_en not in str(hidden)
    _nothing_stored()


def test_a_scenario_with_no_feasible_flow_is_a_422_naming_what_and_where(api: Any, head_of_delegation: Any) -> None:
    api.as_user(head_of_delegation("KZ"))
    body = _body(
        allow_unserved=False,
        edits=[],
        demands=[{"origin": "KZ_ASTANA", "destination": "GE_POTI", "tonnes": 20_000_000, "corridor": "MC"}],
    )
    problem = _problem(api.post_json(BASE, body), 422)
    assert problem["code"] == "corridor_flow_infeasible"
    assert "KZ_ASTANA" in problem["detail"] and "GE_POTI" in problem["detail"]
    _nothing_stored()


def test_who_may_write_a_scenario_through_the_api(api: Any, make_user: Any, head_of_delegation: Any) -> None:
    assert _problem(api.post_json(BASE, _body()), 401)["code"] == "not_authenticated"
    assert _problem(api.post_json(f"{BASE}/2030/share"), 401)["code"] == "not_authenticated"
    for key in ("k" * 500, "%D0%BA%D0%BB%D1%8E%D1%87", "a%20b"):
        assert _problem(api.get_json(f"{BASE}/{key}/run"), 404)["code"] == "corridor_scenario_not_found"
    api.as_user(make_user("reader"))
    assert _problem(api.post_json(BASE, _body()), 403)["code"] == "corridor_may_not_create_scenario"
    api.as_user(head_of_delegation("KZ"))
    assert api.post_json(BASE, _body()).status_code == 201
    taken = _problem(api.post_json(BASE, _body(name_en="Again")), 409)
    assert taken["code"] == "corridor_scenario_taken"
    assert Scenario.objects.get(key="kz-more-rail").name_en == BODY["name_en"]
