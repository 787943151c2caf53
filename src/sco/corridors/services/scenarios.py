"""Writes to demand scenarios: a scenario created (private to its author until shared) and shared."""

from __future__ import annotations

import re
from typing import Any

from django.db import transaction

from sco.core import audit
from sco.core.errors import NotFound
from sco.core.users import Actor, person
from sco.corridors import network, permissions, selectors
from sco.corridors.errors import MayNotCreateScenario, NotScenarioAuthor, ScenarioInvalid, ScenarioTaken
from sco.corridors.models import Edge, Node, Scenario
from sco.corridors.services.network import touch_linked_projects
from sco.members import permissions as members_permissions
from sco.projects import selectors as project_selectors
from sco.projects.models import Project

KEY_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,59}$")


def _clean_demands(demands: Any) -> list[dict[str, Any]]:
    if not isinstance(demands, list) or not demands:
        raise ScenarioInvalid(field_errors={"demands": ["give at least one demand: origin, destination, tonnes"]})
    known = set(Node.objects.values_list("code", flat=True))
    errors: dict[str, list[str]] = {}
    cleaned = []
    for i, d in enumerate(demands, start=1):
        where = f"demands[{i}]"
        if not isinstance(d, dict):
            errors.setdefault(where, []).append("each demand is an object")
            continue
        origin, destination = str(d.get("origin", "")), str(d.get("destination", ""))
        corridor = str(d.get("corridor") or "")
        for name, value in (("origin", origin), ("destination", destination)):
            if value not in known:
                errors.setdefault(where, []).append(f"{name}: unknown hub {value!r}")
        if corridor and corridor not in network.CORRIDORS:
            errors.setdefault(where, []).append(f"corridor: unknown {corridor!r}")
        try:
            tonnes = float(d.get("tonnes"))  # type: ignore[arg-type]
        except (TypeError, ValueError):
            tonnes = -1.0
        if not tonnes >= 0 or tonnes == float("inf"):
            errors.setdefault(where, []).append("tonnes must be a number of zero or more")
        if origin == destination:
            errors.setdefault(where, []).append("origin and destination are the same")
        cleaned.append(
            {
                "origin": origin,
                "destination": destination,
                "tonnes": tonnes,
                "corridor": corridor,
                "note": str(d.get("note", "")),
            }
        )
    if errors:
        raise ScenarioInvalid(field_errors=errors)
    return cleaned


def _clean_edits(edits: Any) -> list[dict[str, Any]]:
    if edits in (None, ""):
        return []
    if not isinstance(edits, list):
        raise ScenarioInvalid(field_errors={"edits": ["a list of edits: edge, kind, value"]})
    planned = dict(
        Edge.objects.filter(code__in=[str(e.get("edge", "")) for e in edits if isinstance(e, dict)]).values_list(
            "code", "planned"
        )
    )
    errors: dict[str, list[str]] = {}
    cleaned = []
    for i, e in enumerate(edits, start=1):
        where = f"edits[{i}]"
        if not isinstance(e, dict):
            errors.setdefault(where, []).append("each edit is an object")
            continue
        edge, kind = str(e.get("edge", "")), str(e.get("kind", ""))
        value, problems = network.edit_problems(kind, e.get("value", 0), planned.get(edge))
        for name, messages in problems.items():
            shown = f"unknown edge {edge!r}" if name == "edge" else "; ".join(messages)
            errors.setdefault(where, []).append(f"{name}: {shown}")
        cleaned.append({"edge": edge, "kind": kind, "value": value})
    if errors:
        raise ScenarioInvalid(field_errors=errors)
    return cleaned


def _projects(actor: Actor, project_ids: Any) -> list[Project]:
    """The projects a scenario takes in: each one the author may see (an unseen one is not named)."""
    found: list[Project] = []
    for pid in project_ids or []:
        try:
            found.append(project_selectors.project_get(viewer=actor, project_id=int(pid), related=False))
        except (NotFound, TypeError, ValueError) as exc:
            raise ScenarioInvalid(field_errors={"projects": [f"no such project: {pid}"]}) from exc
    return found


@transaction.atomic
def scenario_create(
    *,
    actor: Actor,
    key: str,
    year: int,
    name_en: str,
    demands: Any,
    name_ru: str = "",
    name_zh: str = "",
    source: str = "",
    confidence: str = "estimate",
    allow_unserved: bool = False,
    shared: bool = False,
    edits: Any = None,
    project_ids: Any = None,
) -> Scenario:
    """A new scenario, private to its author unless ``shared``: demand, and what it changes in the network (edits of
    its own and the projects it takes in). A person must be the Secretariat or a delegate of a state; ``actor``
    None is the system (the demo loader). A scenario whose demand the network cannot carry is refused (unless it
    asks to show the uncarried part), and nothing is stored."""
    if actor is not None:
        members_permissions.ensure_signed_in(actor)
        if not permissions.may_create_scenario(actor):
            raise MayNotCreateScenario()
    errors: dict[str, list[str]] = {}
    if not KEY_RE.match(key or ""):
        errors["key"] = ["lower-case letters, digits and hyphens"]
    if not (1990 <= int(year or 0) <= 2100):
        errors["year"] = ["a year between 1990 and 2100"]
    if not (name_en or "").strip():
        errors["name_en"] = ["a name is needed"]
    if confidence not in network.CONFIDENCE:
        errors["confidence"] = ["sourced or estimate"]
    if errors:
        raise ScenarioInvalid(field_errors=errors)
    cleaned = _clean_demands(demands)
    cleaned_edits = _clean_edits(edits)
    projects = _projects(actor, project_ids)
    if Scenario.objects.filter(key=key).exists():
        raise ScenarioTaken()
    scenario = Scenario(
        key=key,
        year=year,
        name_en=name_en.strip(),
        name_ru=name_ru,
        name_zh=name_zh,
        demands=cleaned,
        source=source,
        confidence=confidence,
        allow_unserved=allow_unserved,
        author=person(actor),
        shared=shared,
        edits=cleaned_edits,
    )
    changes = selectors.edits_for(cleaned_edits, projects)
    selectors.flow_compute(scenario=scenario, edits=changes)  # raises FlowInfeasible before anything is stored
    scenario.save()
    scenario.projects.set(projects)
    audit.record(actor=actor, action="corridors.scenario.created", target=scenario, after={"key": key, "year": year})
    return scenario


@transaction.atomic
def scenario_share(*, actor: Actor, key: str) -> Scenario:
    scenario = selectors.scenario_get(viewer=actor, key=key)
    if (me := person(actor)) is None or scenario.author_id != me.pk:
        raise NotScenarioAuthor()
    scenario = Scenario.objects.select_for_update().get(pk=scenario.pk)
    scenario.shared = True
    scenario.save(update_fields=["shared"])
    touch_linked_projects()
    audit.record(actor=actor, action="corridors.scenario.shared", target=scenario)
    return scenario
