"""Generate SYNTHETIC projects, comments and decision procedures for the projects benchmark.

    python bench/synth_projects.py PROJECTS COMMENTS DECISIONS

Every generated project is titled "Synthetic project N" and carries sources "synthetic"; comments say
"Synthetic comment"; decisions are titled "Synthetic decision N". Running it again tops up to the sizes asked.
"""

from __future__ import annotations

import datetime as dt
import random
import sys

from common import ROOT, django_setup

BATCH = 5000


def main() -> None:
    import os

    django_setup(os.environ["DATABASE_URL"])
    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction
    from django.utils import timezone
    from tqdm import tqdm

    from sco.core.models import User
    from sco.decisions.models import Decision
    from sco.members.models import Body, State
    from sco.projects.models import Comment, Participation, Project

    want_projects, want_comments, want_decisions = (int(v) for v in sys.argv[1:4])
    rng = random.Random(20260101)
    states = list(State.objects.members_on(timezone.localdate()))
    author = User.objects.get(username="hod-kz")
    opener = User.objects.get(username="secretariat")
    sectors = ["transport.rail", "transport.road", "energy", "energy.hydropower", "waterAndWaste", "communications"]
    statuses = ["submitted", "screening", "under_discussion", "appraisal", "decision", "approved", "implementation"]
    visibilities = ["public", "public", "public", "members", "participants"]
    now = timezone.now()
    synthetic = Project.objects.filter(title_en__startswith="Synthetic project")
    have = synthetic.count()
    with tqdm(total=want_projects, initial=have, desc="synthetic projects", file=sys.stderr) as bar:
        for start in range(have, want_projects, BATCH):
            with transaction.atomic():
                made = Project.objects.bulk_create(
                    [
                        Project(
                            title_en=f"Synthetic project {i}",
                            title_ru=f"Синтетический проект {i}",
                            title_zh=f"合成项目 {i}",
                            summary_en="Synthetic data for benchmarks.",
                            sector=rng.choice(sectors),
                            project_type="construction",
                            sponsor_kind="state_agency",
                            sponsor_name="Synthetic agency",
                            sponsor_state=rng.choice(states),
                            total_cost=rng.randint(1, 10_000) * 1_000_000,
                            currency="USD",
                            status=rng.choice(statuses),
                            visibility=rng.choice(visibilities),
                            created_by=author,
                            sources="synthetic",
                        )
                        for i in range(start, min(start + BATCH, want_projects))
                    ]
                )
                Participation.objects.bulk_create(
                    [
                        Participation(project=p, state=s, role=role, joined_at=now)
                        for p in made
                        for s, role in zip(rng.sample(states, 3), ("host", "participant", "participant"), strict=True)
                    ]
                )
            bar.update(len(made))
    ids = list(synthetic.values_list("pk", flat=True))
    have = Comment.objects.filter(body__startswith="Synthetic comment").count()
    with tqdm(total=want_comments, initial=have, desc="synthetic comments", file=sys.stderr) as bar:
        for start in range(have, want_comments, BATCH * 4):
            with transaction.atomic():
                made = Comment.objects.bulk_create(
                    [
                        Comment(
                            project_id=rng.choice(ids),
                            author=author,
                            kind="comment",
                            language="en",
                            body=f"Synthetic comment {i}",
                        )
                        for i in range(start, min(start + BATCH * 4, want_comments))
                    ]
                )
            bar.update(len(made))
    content_type = ContentType.objects.get_for_model(Project)
    body = Body.objects.get(code="swg-investment")
    have = Decision.objects.filter(title_en__startswith="Synthetic decision").count()
    opened = now - dt.timedelta(days=1)
    with tqdm(total=want_decisions, initial=have, desc="synthetic decisions", file=sys.stderr) as bar:
        for start in range(have, want_decisions, BATCH):
            with transaction.atomic():
                made = Decision.objects.bulk_create(
                    [
                        Decision(
                            title_en=f"Synthetic decision {i}",
                            subject_type=content_type,
                            subject_id=ids[i % len(ids)],
                            body=body,
                            rule="consensus",
                            opened_at=opened,
                            deadline=opened + dt.timedelta(days=14),
                            opened_by=opener,
                        )
                        for i in range(start, min(start + BATCH, want_decisions))
                    ]
                )
                through = Decision.eligible_states.through
                through.objects.bulk_create([through(decision_id=d.pk, state_id=s.pk) for d in made for s in states])
                for d in made:
                    Project.objects.filter(pk=d.subject_id).update(decision_ref=d.pk)
            bar.update(len(made))
    # Bulk inserts bypass the services: the full-text index is filled in one pass afterwards.
    from django.core.management import call_command
    from django.db import connection

    call_command("search_reindex", stdout=sys.stderr)
    # Fresh statistics: after bulk inserts the planner would otherwise guess row counts from an empty table.
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    print(f"synthetic data ready under {ROOT}: {synthetic.count():,} projects", file=sys.stderr)


if __name__ == "__main__":
    main()
