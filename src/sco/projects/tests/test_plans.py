"""Query plans of the main pages' reads on PostgreSQL: a page that shows 50 rows never scans the whole of projects,
comments or decisions (issue #16). A few thousand generated rows and ANALYZE are enough for the planner to choose as
it would at 100,000; the figures themselves are measured by bench/, never here. Skipped on SQLite."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.db import connection
from django.db.models import QuerySet
from django.utils import timezone

pytestmark = pytest.mark.django_db

BIG = {"projects_project", "projects_comment", "decisions_decision"}
# Nodes that pass rows on one by one: a sequential scan under them stops as soon as the Limit above has its rows.
STREAMING = {"Limit", "Result", "Subquery Scan", "Nested Loop", "Memoize"}
N_PROJECTS = 3000


@pytest.fixture(autouse=True)
def _postgresql_only() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("query plans are PostgreSQL's")


@pytest.fixture
def generated(organisation: None, make_user: Callable[..., Any], head_of_delegation: Callable[[str], Any]) -> Any:
    """SYNTHETIC projects (a fifth shown to participants only), three participations each, comments and open
    decision procedures; then ANALYZE, so the planner knows the tables' sizes."""
    from django.contrib.contenttypes.models import ContentType

    from sco.decisions.models import Decision
    from sco.members.models import Body, State
    from sco.projects.models import Comment, Participation, Project

    author = head_of_delegation("KZ")
    opener = make_user("plans-opener")
    states = list(State.objects.members_on(timezone.localdate()))
    now = timezone.now()
    visibilities = ["public", "public", "public", "members", "participants"]
    projects = Project.objects.bulk_create(
        Project(
            title_en=f"Synthetic project {i}",
            sector="energy",
            project_type="construction",
            sponsor_kind="state_agency",
            sponsor_name="Synthetic agency",
            sponsor_state=states[i % len(states)],
            status="submitted",
            visibility=visibilities[i % len(visibilities)],
            created_by=author,
            sources="synthetic",
        )
        for i in range(N_PROJECTS)
    )
    Participation.objects.bulk_create(
        Participation(project=p, state=states[(i + k) % len(states)], role="participant", joined_at=now)
        for i, p in enumerate(projects)
        for k in range(3)
    )
    Comment.objects.bulk_create(
        Comment(project=projects[i % N_PROJECTS], author=author, language="en", body=f"Synthetic comment {i}")
        for i in range(2 * N_PROJECTS)
    )
    body = Body.objects.get(code="swg-investment")
    content_type = ContentType.objects.get_for_model(Project)
    decisions = Decision.objects.bulk_create(
        Decision(
            title_en=f"Synthetic decision {i}",
            subject_type=content_type,
            subject_id=projects[i].pk,
            body=body,
            rule="consensus",
            opened_at=now - dt.timedelta(days=1),
            deadline=now + dt.timedelta(days=1 + i % 30),
            opened_by=opener,
        )
        for i in range(N_PROJECTS // 2)
    )
    through = Decision.eligible_states.through
    through.objects.bulk_create(through(decision=d, state=s) for d in decisions for s in states)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return projects


def _nodes(node: dict[str, Any], parents: tuple[str, ...] = ()) -> Iterator[tuple[dict[str, Any], tuple[str, ...]]]:
    yield node, parents
    for child in node.get("Plans", []):
        yield from _nodes(child, (*parents, node["Node Type"]))


def full_scans(qs: QuerySet[Any] | str, params: Any = ()) -> list[str]:
    """The big tables the query reads from end to end: a Seq Scan not fed straight into a Limit."""
    sql, params = (qs, params) if isinstance(qs, str) else qs.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (FORMAT JSON) " + sql, params)
        raw = cursor.fetchone()[0]
    plan = (json.loads(raw) if isinstance(raw, str) else raw)[0]["Plan"]
    found = []
    for node, parents in _nodes(plan):
        if node["Node Type"] == "Seq Scan" and node.get("Relation Name") in BIG:
            above = list(reversed(parents))
            limited = "Limit" in above and all(p in STREAMING for p in above[: above.index("Limit")])
            if not limited:
                found.append(f"{node['Relation Name']} under {' < '.join(above) or 'the top'}")
    return found


def plan_nodes(qs: QuerySet[Any]) -> list[str]:
    """The node types of the query's plan, top first."""
    sql, params = qs.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (FORMAT JSON) " + sql, params)
        raw = cursor.fetchone()[0]
    plan = (json.loads(raw) if isinstance(raw, str) else raw)[0]["Plan"]
    return [node["Node Type"] for node, _parents in _nodes(plan)]


def capped_count_sql(qs: QuerySet[Any]) -> tuple[str, Any]:
    sql, params = qs.order_by().values("pk")[:10_001].query.sql_with_params()
    return f"SELECT count(*) FROM ({sql}) capped", params  # noqa: S608  the ORM's own SQL


@pytest.mark.parametrize("who", ["anonymous", "delegate", "secretariat"])
def test_the_project_list_reads_50_rows_by_index(
    generated: Any, who: str, head_of_delegation: Callable[[str], Any], secretariat: Any
) -> None:
    from sco.members import permissions
    from sco.projects import selectors

    viewer = {"anonymous": None, "delegate": head_of_delegation("IN"), "secretariat": secretariat}[who]
    with permissions.remembered():
        qs = selectors.project_list(viewer=viewer)
        assert full_scans(qs[:50]) == []
        assert full_scans(*capped_count_sql(qs)) == []
        assert full_scans(qs.filter(status="submitted")[:50]) == []


def test_a_project_page_and_its_discussion_read_by_key(
    generated: Any, head_of_delegation: Callable[[str], Any]
) -> None:
    from sco.projects.models import Comment, Project

    viewer = head_of_delegation("IN")
    project = generated[N_PROJECTS // 2]
    assert full_scans(Project.objects.visible_to(viewer).filter(pk=project.pk)) == []
    assert full_scans(Comment.objects.filter(project=project).order_by("created_at", "pk")) == []


@pytest.mark.parametrize("who", ["anonymous", "delegate"])
def test_the_decisions_list_asks_each_subject_by_key(
    generated: Any, who: str, head_of_delegation: Callable[[str], Any]
) -> None:
    from sco.decisions import selectors
    from sco.members import permissions

    viewer = None if who == "anonymous" else head_of_delegation("IN")
    with permissions.remembered():
        qs = selectors.decision_list(viewer=viewer)
        assert full_scans(qs[:50]) == []
        assert full_scans(qs.order_by().values("pk")[:10_001]) == []


def test_the_attention_panel_reads_the_soonest_procedures_by_index(
    generated: Any, head_of_delegation: Callable[[str], Any]
) -> None:
    from sco.decisions import selectors
    from sco.members import permissions

    viewer = head_of_delegation("IN")
    with permissions.remembered():
        assert full_scans(selectors.awaiting_queryset(viewer=viewer, now=timezone.now())[:50]) == []
        assert len(selectors.decisions_awaiting(viewer=viewer)) == 50


@pytest.mark.parametrize("who", ["anonymous", "delegate", "secretariat"])
def test_a_deep_page_of_the_project_list_reads_on_from_its_cursor_by_index(
    generated: Any, who: str, head_of_delegation: Callable[[str], Any], secretariat: Any
) -> None:
    """Page 11 by keyset: an index scan that starts at the cursor, no sort of the table, no scan of it. (An
    Incremental Sort over the presorted `updated_at` may order ties by id: it sorts a group of equal times, not the
    table.)"""
    from sco.core.pagination import cursor_for, cursor_read, keyset
    from sco.members import permissions
    from sco.projects import selectors
    from sco.projects.models import Project

    viewer = {"anonymous": None, "delegate": head_of_delegation("IN"), "secretariat": secretariat}[who]
    with permissions.remembered():
        qs = selectors.project_list(viewer=viewer)
        order = selectors.keyset_order(selectors.ProjectFilters())
        assert order is not None
        row = list(qs[: 50 * 10])[-1]
        cursor = cursor_read(cursor_for(row, order, page=11), model=Project, order=order)
        page = keyset(qs, order, cursor)[:51]
        nodes = plan_nodes(page)
        assert full_scans(page) == []
        assert "Sort" not in nodes, nodes
        assert {"Index Scan", "Index Scan Backward"} & set(nodes), nodes
        assert len(page) == 51
