"""Writes to demand scenarios: a scenario created (private to its author until shared) and shared."""

from __future__ import annotations

import math
import re
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from sco.core import audit
from sco.core.errors import NotFound
from sco.core.users import Actor, person
from sco.corridors import network, permissions, selectors
from sco.corridors.errors import MayNotCreateScenario, NotScenarioAuthor, ScenarioInvalid, ScenarioTaken
from sco.corridors.models import Edge, Node, Scenario
from sco.corridors.services.links import edit_messages
from sco.corridors.services.network import touch_linked_projects
from sco.members import permissions as members_permissions
from sco.projects import selectors as project_selectors
from sco.projects.models import Project

KEY_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,59}$")
# Bounds on one scenario: more rows than this is not a corridor study but a bulk load; a demand of more than a
# billion tonnes a year between two hubs (Kazakhstan moved 980 Mt in all of 2023, CPMM 2023) is a typing slip.
MAX_DEMANDS = 1000
MAX_EDITS = 200
MAX_PROJECTS = 200
MAX_TONNES = 1e9


def _tonnes(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    try:
        tonnes = float(value)
    except (TypeError, ValueError, OverflowError):
        return None
    return tonnes if math.isfinite(tonnes) else None


def _clean_demands(demands: Any) -> list[dict[str, Any]]:
    if not isinstance(demands, list) or not demands:
        raise ScenarioInvalid(field_errors={"demands": [_("give at least one demand: origin, destination, tonnes")]})
    if len(demands) > MAX_DEMANDS:
        raise ScenarioInvalid(field_errors={"demands": [_("at most %(n)s demands") % {"n": MAX_DEMANDS}]})
    known = set(Node.objects.values_list("code", flat=True))
    errors: dict[str, list[str]] = {}
    cleaned = []
    for i, d in enumerate(demands, start=1):
        where = f"demands[{i}]"
        if not isinstance(d, dict):
            errors.setdefault(where, []).append(_("each demand is an object: origin, destination, tonnes"))
            continue
        origin, destination = str(d.get("origin", "")), str(d.get("destination", ""))
        corridor = str(d.get("corridor") or "")
        for label, value in ((_("origin"), origin), (_("destination"), destination)):
            if value not in known:
                errors.setdefault(where, []).append(
                    _("%(which)s: unknown hub “%(code)s”") % {"which": label, "code": value}
                )
        if corridor and corridor not in network.CORRIDORS:
            errors.setdefault(where, []).append(
                _("unknown corridor “%(code)s”: one of %(codes)s")
                % {"code": corridor, "codes": ", ".join(network.CORRIDORS)}
            )
        tonnes = _tonnes(d.get("tonnes"))
        if tonnes is None or tonnes < 0:
            errors.setdefault(where, []).append(_("tonnes must be a number of zero or more"))
        elif tonnes > MAX_TONNES:
            errors.setdefault(where, []).append(
                _("tonnes must be at most %(max)s a year") % {"max": f"{MAX_TONNES:,.0f}"}
            )
        if origin == destination:
            errors.setdefault(where, []).append(_("origin and destination are the same"))
        cleaned.append(
            {
                "origin": origin,
                "destination": destination,
                "tonnes": tonnes or 0.0,
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
        raise ScenarioInvalid(field_errors={"edits": [_("a list of edits: edge, kind, value")]})
    if len(edits) > MAX_EDITS:
        raise ScenarioInvalid(field_errors={"edits": [_("at most %(n)s edits") % {"n": MAX_EDITS}]})
    planned = dict(
        Edge.objects.filter(code__in=[str(e.get("edge", "")) for e in edits if isinstance(e, dict)]).values_list(
            "code", "planned"
        )
    )
    errors: dict[str, list[str]] = {}
    cleaned = []
    seen: set[tuple[str, str]] = set()
    for i, e in enumerate(edits, start=1):
        where = f"edits[{i}]"
        if not isinstance(e, dict):
            errors.setdefault(where, []).append(_("each edit is an object: edge, kind, value"))
            continue
        edge, kind = str(e.get("edge", "")), str(e.get("kind", ""))
        value, problems = network.edit_problems(kind, e.get("value", 0), planned.get(edge))
        for messages in edit_messages(problems, edge=edge, kind=kind).values():
            errors.setdefault(where, []).extend(messages)
        if (edge, kind) in seen:
            errors.setdefault(where, []).append(
                _("the same edge and kind twice (%(edge)s, %(kind)s): give one edit") % {"edge": edge, "kind": kind}
            )
        seen.add((edge, kind))
        cleaned.append({"edge": edge, "kind": kind, "value": value})
    if errors:
        raise ScenarioInvalid(field_errors=errors)
    return cleaned


def _projects(actor: Actor, project_ids: Any) -> list[Project]:
    """The projects a scenario takes in: each one the author may see. One the author may not see is answered as one
    that does not exist, so the answer tells nothing about it."""
    if project_ids in (None, ""):
        return []
    if not isinstance(project_ids, list | tuple):
        raise ScenarioInvalid(field_errors={"project_ids": [_("a list of project ids")]})
    if len(project_ids) > MAX_PROJECTS:
        raise ScenarioInvalid(field_errors={"project_ids": [_("at most %(n)s projects") % {"n": MAX_PROJECTS}]})
    found: list[Project] = []
    missing: list[str] = []
    for pid in dict.fromkeys(project_ids):
        try:
            number = int(pid)
            if isinstance(pid, bool) or not (0 < number < 2**63):
                raise ValueError(pid)
            found.append(project_selectors.project_get(viewer=actor, project_id=number, related=False))
        except (NotFound, TypeError, ValueError):
            missing.append(str(pid))
    if missing:
        raise ScenarioInvalid(
            field_errors={"project_ids": [_("no such project: %(id)s") % {"id": pid} for pid in missing]}
        )
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
    if not KEY_RE.fullmatch(key if isinstance(key, str) else ""):
        errors["key"] = [_("lower-case letters, digits and hyphens, at most 60")]
    if isinstance(year, bool) or not isinstance(year, int) or not (1990 <= year <= 2100):
        errors["year"] = [_("a year between 1990 and 2100")]
    if not (name_en or "").strip():
        errors["name_en"] = [_("a name is needed")]
    if confidence not in network.CONFIDENCE:
        errors["confidence"] = [_("sourced or estimate")]
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
