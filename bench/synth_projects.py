"""Generate SYNTHETIC projects, comments and decision procedures for the projects benchmark.

    python bench/synth_projects.py PROJECTS COMMENTS DECISIONS

Every generated project is titled "Synthetic project N" and carries sources "synthetic"; comments say
"Synthetic comment"; decisions are titled "Synthetic decision N". Running it again tops up to the sizes asked.

On PostgreSQL the rows go in with COPY (psycopg's `cursor.copy`), in one transaction, and the full-text index is
filled by COPY too: 100,000 projects and 1,000,000 comments take a couple of minutes instead of a quarter of an hour.
On SQLite (the small set only) the ORM's bulk_create does it, then `search_reindex`.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from common import ROOT, django_setup

BATCH = 5000
SECTORS = ["transport.rail", "transport.road", "energy", "energy.hydropower", "waterAndWaste", "communications"]
STATUSES = ["submitted", "screening", "under_discussion", "appraisal", "decision", "approved", "implementation"]
VISIBILITIES = ["public", "public", "public", "members", "participants"]
LABEL = "Synthetic data for benchmarks."


@dataclass
class Context:
    rng: random.Random
    states: list[int]
    author: int
    opener: int
    body: int
    content_type: int
    now: dt.datetime


def _titles(i: int) -> tuple[str, str, str]:
    return f"Synthetic project {i}", f"Синтетический проект {i}", f"合成项目 {i}"


def _project_rows(ctx: Context, first_id: int, start: int, stop: int) -> Iterator[tuple[Any, ...]]:
    """Rows of projects_project in `_PROJECT_COLUMNS` order; spread over two years of updates."""
    for n, i in enumerate(range(start, stop)):
        en, ru, zh = _titles(i)
        updated = ctx.now - dt.timedelta(minutes=ctx.rng.randint(0, 2 * 365 * 24 * 60))
        yield (
            first_id + n, en, ru, zh, LABEL, "", "", ctx.rng.choice(SECTORS), "construction", "state_agency",
            "Synthetic agency", "", ctx.rng.randint(1, 10_000) * 1_000_000, False, "USD", ctx.rng.choice(STATUSES),
            ctx.rng.choice(VISIBILITIES), "{}", 0, 0, updated, updated, False, "synthetic", ctx.author,
            ctx.rng.choice(ctx.states),
        )  # fmt: skip


_PROJECT_COLUMNS = (
    "id, title_en, title_ru, title_zh, summary_en, summary_ru, summary_zh, sector, project_type, sponsor_kind, "
    "sponsor_name, location, total_cost, cost_is_estimate, currency, status, visibility, screening, version_count, "
    "revision, created_at, updated_at, is_illustrative, sources, created_by_id, sponsor_state_id"
)


def _copy_postgresql(ctx: Context, want: tuple[int, int, int]) -> None:
    from django.db import connection, transaction

    from sco.core import search

    want_projects, want_comments, want_decisions = want
    with transaction.atomic(), connection.cursor() as django_cursor:
        cursor = django_cursor.cursor  # psycopg's own cursor, for COPY
        cursor.execute("SET LOCAL synchronous_commit = off")

        def count(sql: str) -> int:
            cursor.execute(sql)
            return int(cursor.fetchone()[0])

        have = count("SELECT count(*) FROM projects_project WHERE title_en LIKE 'Synthetic project %'")
        started = time.perf_counter()
        if have < want_projects:
            first_id = count("SELECT coalesce(max(id), 0) + 1 FROM projects_project")
            with cursor.copy(f"COPY projects_project ({_PROJECT_COLUMNS}) FROM STDIN") as copy:
                for row in _project_rows(ctx, first_id, have, want_projects):
                    copy.write_row(row)
            new_ids = range(first_id, first_id + want_projects - have)
            cursor.execute(
                "SELECT setval(pg_get_serial_sequence('projects_project', 'id'), "
                "(SELECT max(id) FROM projects_project))"
            )
            with cursor.copy("COPY projects_participation (project_id, state_id, role, joined_at) FROM STDIN") as copy:
                for pk in new_ids:
                    for state, role in zip(
                        ctx.rng.sample(ctx.states, 3), ("host", "participant", "participant"), strict=True
                    ):
                        copy.write_row((pk, state, role, ctx.now))
            with cursor.copy("COPY core_searchentry (kind, object_id, title_terms, terms) FROM STDIN") as copy:
                texts = search.terms_text(LABEL, "Synthetic agency")
                for n, pk in enumerate(new_ids):
                    copy.write_row(("project", pk, search.terms_text(*_titles(have + n)), texts))
            print(
                f"  {want_projects - have:,} projects by COPY in {time.perf_counter() - started:.0f} s", file=sys.stderr
            )
        cursor.execute("SELECT id FROM projects_project WHERE title_en LIKE 'Synthetic project %' ORDER BY id")
        ids = [row[0] for row in cursor.fetchall()]

        have = count("SELECT count(*) FROM projects_comment WHERE body LIKE 'Synthetic comment %'")
        started = time.perf_counter()
        if have < want_comments:
            with cursor.copy(
                "COPY projects_comment (project_id, author_id, kind, language, body, created_at, hidden_reason) "
                "FROM STDIN"
            ) as copy:
                # COPY's text format written by hand, in blocks: a million rows through write_row cost minutes of
                # Python. Plain ASCII text and ISO timestamps: nothing to escape.
                base = ctx.now.timestamp()
                span = 2 * 365 * 24 * 3600
                for start in range(have, want_comments, 50_000):
                    copy.write(
                        "".join(
                            f"{ctx.rng.choice(ids)}\t{ctx.author}\tcomment\ten\tSynthetic comment {i}\t"
                            f"{dt.datetime.fromtimestamp(base - ctx.rng.randint(0, span), dt.UTC).isoformat()}\t\n"
                            for i in range(start, min(start + 50_000, want_comments))
                        )
                    )
            print(
                f"  {want_comments - have:,} comments by COPY in {time.perf_counter() - started:.0f} s", file=sys.stderr
            )

        have = count("SELECT count(*) FROM decisions_decision WHERE title_en LIKE 'Synthetic decision %'")
        started = time.perf_counter()
        if have < want_decisions:
            first_id = count("SELECT coalesce(max(id), 0) + 1 FROM decisions_decision")
            with cursor.copy(
                "COPY decisions_decision (id, title_en, title_ru, title_zh, subject_id, rule, opened_at, deadline, "
                "status, illustrative, source, body_id, opened_by_id, subject_type_id) FROM STDIN"
            ) as copy:
                for n, i in enumerate(range(have, want_decisions)):
                    # opened over the last 13 days, each for 14: all still open, deadlines spread (not one tie)
                    opened = ctx.now - dt.timedelta(minutes=ctx.rng.randint(1, 13 * 24 * 60))
                    copy.write_row((
                        first_id + n, f"Synthetic decision {i}", "", "", ids[i % len(ids)], "consensus", opened,
                        opened + dt.timedelta(days=14), "open", False, "synthetic", ctx.body, ctx.opener,
                        ctx.content_type,
                    ))  # fmt: skip
            cursor.execute(
                "SELECT setval(pg_get_serial_sequence('decisions_decision', 'id'), "
                "(SELECT max(id) FROM decisions_decision))"
            )
            with cursor.copy("COPY decisions_decision_eligible_states (decision_id, state_id) FROM STDIN") as copy:
                for pk in range(first_id, first_id + want_decisions - have):
                    for state in ctx.states:
                        copy.write_row((pk, state))
            cursor.execute(
                "UPDATE projects_project p SET decision_ref = d.id FROM decisions_decision d "
                "WHERE d.subject_type_id = %s AND d.subject_id = p.id AND d.id >= %s",
                [ctx.content_type, first_id],
            )
            print(
                f"  {want_decisions - have:,} decisions by COPY in {time.perf_counter() - started:.0f} s",
                file=sys.stderr,
            )
    # Fresh statistics: after bulk inserts the planner would otherwise guess row counts from an empty table.
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    print(f"  VACUUM ANALYZE in {time.perf_counter() - started:.0f} s", file=sys.stderr)


def _orm(ctx: Context, want: tuple[int, int, int]) -> None:
    """SQLite: the ORM in batches, then the full-text index in one pass."""
    from django.core.management import call_command
    from django.db import connection, transaction

    from sco.decisions.models import Decision
    from sco.projects.models import Comment, Participation, Project

    want_projects, want_comments, want_decisions = want
    synthetic = Project.objects.filter(title_en__startswith="Synthetic project")
    have = synthetic.count()
    for start in range(have, want_projects, BATCH):
        with transaction.atomic():
            rows = _project_rows(ctx, 0, start, min(start + BATCH, want_projects))
            made = Project.objects.bulk_create(
                [Project(**dict(zip(_PROJECT_COLUMNS.split(", ")[1:], row[1:], strict=True))) for row in rows]
            )
            Participation.objects.bulk_create(
                [
                    Participation(project=p, state_id=s, role=role, joined_at=ctx.now)
                    for p in made
                    for s, role in zip(
                        ctx.rng.sample(ctx.states, 3), ("host", "participant", "participant"), strict=True
                    )
                ]
            )
    ids = list(synthetic.values_list("pk", flat=True))
    have = Comment.objects.filter(body__startswith="Synthetic comment").count()
    for start in range(have, want_comments, BATCH * 4):
        Comment.objects.bulk_create(
            [
                Comment(
                    project_id=ctx.rng.choice(ids),
                    author_id=ctx.author,
                    kind="comment",
                    language="en",
                    body=f"Synthetic comment {i}",
                )
                for i in range(start, min(start + BATCH * 4, want_comments))
            ]
        )
    have = Decision.objects.filter(title_en__startswith="Synthetic decision").count()
    opened = ctx.now - dt.timedelta(days=1)
    for start in range(have, want_decisions, BATCH):
        with transaction.atomic():
            made = Decision.objects.bulk_create(
                [
                    Decision(
                        title_en=f"Synthetic decision {i}", subject_type_id=ctx.content_type,
                        subject_id=ids[i % len(ids)], body_id=ctx.body, rule="consensus", opened_at=opened,
                        deadline=opened + dt.timedelta(days=14), opened_by_id=ctx.opener, source="synthetic",
                    )
                    for i in range(start, min(start + BATCH, want_decisions))
                ]
            )  # fmt: skip
            through = Decision.eligible_states.through
            through.objects.bulk_create([through(decision_id=d.pk, state_id=s) for d in made for s in ctx.states])
            for d in made:
                Project.objects.filter(pk=d.subject_id).update(decision_ref=d.pk)
    call_command("search_reindex", stdout=sys.stderr)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def main() -> None:
    django_setup(os.environ["DATABASE_URL"])
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection
    from django.utils import timezone

    from sco.core.models import User
    from sco.members.models import Body, State
    from sco.projects.models import Project

    want = (int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]))
    ctx = Context(
        rng=random.Random(20260101),
        states=list(State.objects.members_on(timezone.localdate()).values_list("pk", flat=True)),
        author=User.objects.get(username="hod-kz").pk,
        opener=User.objects.get(username="secretariat").pk,
        body=Body.objects.get(code="swg-investment").pk,
        content_type=ContentType.objects.get_for_model(Project).pk,
        now=timezone.now(),
    )
    started = time.perf_counter()
    if connection.vendor == "postgresql":
        _copy_postgresql(ctx, want)
    else:
        _orm(ctx, want)
    n = Project.objects.filter(title_en__startswith="Synthetic project").count()
    print(
        f"synthetic data ready under {ROOT}: {n:,} projects ({time.perf_counter() - started:.0f} s in all)",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
