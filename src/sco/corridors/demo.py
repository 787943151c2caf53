"""Demo data: the shipped corridor network (data/nodes.csv, data/edges.csv: every figure with its source or
marked as an estimate), the demand scenarios (data/scenarios.json), and the Dostyk - Moyynty project's edits."""

from __future__ import annotations

import json
from typing import TextIO

from django.db import transaction

from sco.core import audit
from sco.core.models import User
from sco.corridors import dataio, selectors, services
from sco.corridors.models import Edge, ProjectEdit, Scenario

# The projects demo's natural key for this project is its English title on an illustrative record
# (projects/demo_facts.py, DOSTYK_MOYYNTY); it is looked up here, never created.
DOSTYK_MOYYNTY_TITLE = "Second track on the Dostyk - Moyynty railway section"
DOSTYK_MOYYNTY_EDGE = "KZ_DOSTYK>KZ_MOYYNTY"
DOSTYK_MOYYNTY_EDITS = (
    # 12 -> 60 train pairs a day (el.kz, inform.kz): capacity x5.
    ("capacity_factor", 5.0, "Capacity from 12 to 60 pairs of trains a day (el.kz; inform.kz a3992304)."),
    # 836 km at 800 -> 1,500 km a day: 25.1 h -> 13.4 h (inform.kz a3992304).
    ("time_minus_h", 11.7, "Service speed from 800 to 1,500 km a day over 836 km: 25.1 h to 13.4 h (inform.kz)."),
)


def load_network() -> dict[str, int]:
    nodes, edges, problems = dataio.shipped()
    stored_nodes, stored_edges = selectors.network_rows(include_planned=True)
    if (
        not problems
        and sorted(stored_nodes, key=str) == sorted(nodes, key=str)
        and sorted(stored_edges, key=str) == sorted(edges, key=str)
    ):
        return {"nodes": len(nodes), "edges": len(edges), "revision": selectors.revision()}
    return services.network_import(actor=None, nodes=nodes, edges=edges, problems=problems)


@transaction.atomic
def load_scenarios() -> int:
    author = User.objects.filter(username="secretariat").first()
    data = json.loads((dataio.DATA_DIR / "scenarios.json").read_text(encoding="utf-8"))
    made = 0
    for item in data:
        _, created = Scenario.objects.update_or_create(
            key=item["key"],
            defaults={
                "year": item["year"],
                "name_en": item["name_en"],
                "name_ru": item.get("name_ru", ""),
                "name_zh": item.get("name_zh", ""),
                "demands": item["demands"],
                "source": item["source"],
                "confidence": item["confidence"],
                "allow_unserved": True,
                "shared": True,
                "author": author,
            },
        )
        made += int(created)
    if made:
        services.touch_linked_projects()
    return made


@transaction.atomic
def link_dostyk_moyynty() -> int:
    from sco.projects.models import Project

    project = Project.objects.filter(title_en=DOSTYK_MOYYNTY_TITLE, is_illustrative=True).first()
    edge = Edge.objects.filter(code=DOSTYK_MOYYNTY_EDGE).first()
    if project is None or edge is None:
        return 0
    made = 0
    for kind, value, note in DOSTYK_MOYYNTY_EDITS:
        edit, created = ProjectEdit.objects.update_or_create(
            project=project, edge=edge, kind=kind, defaults={"value": value, "note": note}
        )
        if created:
            audit.record(
                actor=None, action="corridors.project_edit.saved", target=edit, after={"kind": kind, "value": value}
            )
            made += 1
    if made:
        services.touch_linked_projects()
    return made


def load(*, stdout: TextIO) -> None:
    counts = load_network()
    scenarios = load_scenarios()
    linked = link_dostyk_moyynty()
    stdout.write(
        f"corridors: {counts['nodes']} nodes, {counts['edges']} edges (revision {counts['revision']}), "
        f"{scenarios} new scenarios, {linked} project edits\n"
    )
