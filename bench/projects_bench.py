"""Speed of the project list and project pages on a large synthetic data set.

    uv run python bench/projects_bench.py            # small set (minutes): 10,000 projects, 100,000 comments
    uv run python bench/projects_bench.py --full     # 100,000 projects, 1,000,000 comments, 10,000 decisions

Reads DATABASE_URL (use PostgreSQL for the published figures). The data is generated here and labelled
synthetic (titles start with "Synthetic project"); it never mixes with demo data in a real database, because the
script refuses to run against a database that already holds non-synthetic projects unless --force is given.

It serves the app with gunicorn, then 16 client threads request:
  * /projects/?size=50               the list page (HTML), 50 rows
  * /api/v1/projects/?page_size=50   the API list, 50 rows
  * /projects/<id>/                  a project page
  * /projects/_bench/bare?size=50    a bare endpoint: the same 50 rows from one hand-written SQL query, as JSON
and prints p50/p95 per endpoint and the ratio of each p95 to the bare endpoint's. It asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sco.settings")
os.environ["SCO_BENCH"] = "1"


def generate(projects: int, comments: int, decisions: int, *, force: bool) -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import transaction
    from django.utils import timezone
    from sco.core.models import User
    from sco.members.models import State

    from sco.projects.models import Comment, Participation, Project

    call_command("migrate", verbosity=0)
    if not State.objects.exists():
        call_command("demo", verbosity=0)
    real = Project.objects.exclude(title_en__startswith="Synthetic project").count()
    synthetic = Project.objects.filter(title_en__startswith="Synthetic project").count()
    if synthetic >= projects:
        print(f"synthetic data present: {synthetic} projects")
        return
    if real > 10 and not force:
        sys.exit("refusing: this database holds real projects; use a bench database or --force")
    rng = random.Random(20260101)
    states = list(State.objects.all())
    author = User.objects.order_by("pk").first()
    sectors = ["transport.rail", "transport.road", "energy", "energy.hydropower", "waterAndWaste", "communications"]
    statuses = ["submitted", "screening", "under_discussion", "appraisal", "decision", "approved", "implementation"]
    visibilities = ["public", "public", "public", "members", "participants"]
    now = timezone.now()
    batch = 5000
    started = time.perf_counter()
    for start in range(synthetic, projects, batch):
        with transaction.atomic():
            rows = [
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
                for i in range(start, min(start + batch, projects))
            ]
            made = Project.objects.bulk_create(rows)
            Participation.objects.bulk_create(
                [
                    Participation(project=p, state=s, role=role, joined_at=now)
                    for p in made
                    for s, role in zip(rng.sample(states, 3), ("host", "participant", "participant"), strict=True)
                ]
            )
    ids = list(Project.objects.filter(title_en__startswith="Synthetic project").values_list("pk", flat=True))
    have = Comment.objects.count()
    for start in range(have, comments, batch * 4):
        with transaction.atomic():
            Comment.objects.bulk_create(
                [
                    Comment(
                        project_id=rng.choice(ids),
                        author=author,
                        kind="comment",
                        language="en",
                        body=f"Synthetic comment {i}",
                    )
                    for i in range(start, min(start + batch * 4, comments))
                ]
            )
    _decisions(decisions, ids, rng)
    print(f"generated synthetic data in {time.perf_counter() - started:.0f} s")


def _decisions(count: int, ids: list[int], rng: random.Random) -> None:
    """Synthetic decision procedures, through the decisions part's own bench helper when it has one."""
    try:
        from sco.decisions import bench as decisions_bench  # type: ignore[attr-defined]
    except ImportError:
        print("decisions: no bench helper in the decisions part; no synthetic decisions generated")
        return
    decisions_bench.generate(count=count, project_ids=ids[:count], rng=rng)


def serve(port: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "DEBUG": "false", "SCO_BENCH": "1"}
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "sco.wsgi:application",
            "-b",
            f"127.0.0.1:{port}",
            "-w",
            "8",
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=ROOT,
    )
    import httpx

    for _ in range(100):
        try:
            httpx.get(f"http://127.0.0.1:{port}/projects/_bench/bare?size=1", timeout=2)
            return process
        except httpx.HTTPError:
            time.sleep(0.2)
    process.terminate()
    sys.exit("the server did not start")


def measure(url: str, *, clients: int, requests_per_client: int) -> list[float]:
    import httpx

    timings: list[float] = []
    lock = threading.Lock()

    def worker() -> None:
        with httpx.Client(timeout=30) as client:
            client.get(url)  # warm the connection and the worker
            mine = []
            for _ in range(requests_per_client):
                t0 = time.perf_counter()
                response = client.get(url)
                mine.append((time.perf_counter() - t0) * 1000)
                if response.status_code != 200:
                    raise SystemExit(f"{url} answered {response.status_code}")
            with lock:
                timings.extend(mine)

    threads = [threading.Thread(target=worker) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return timings


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=100)[94]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--full", action="store_true", help="100,000 projects, 1,000,000 comments, 10,000 decisions")
    parser.add_argument("--force", action="store_true")
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--requests", type=int, default=25, help="per client and endpoint")
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args()
    sizes = (100_000, 1_000_000, 10_000) if args.full else (10_000, 100_000, 1_000)
    generate(*sizes, force=args.force)
    from sco.projects.models import Project

    some = Project.objects.filter(title_en__startswith="Synthetic project", visibility="public").order_by("pk")
    project_id = some.values_list("pk", flat=True)[len(some) // 2] if some.exists() else 1
    from django.db import connection

    print(
        f"database: {connection.vendor}; synthetic set: {sizes[0]:,} projects, {sizes[1]:,} comments, "
        f"{sizes[2]:,} decisions; {args.clients} concurrent clients, {args.requests} requests each"
    )
    server = serve(args.port)
    base = f"http://127.0.0.1:{args.port}"
    try:
        endpoints = {
            "bare SQL (50 rows)": f"{base}/projects/_bench/bare?size=50",
            "list page (50 rows)": f"{base}/projects/?size=50",
            "API list (50 rows)": f"{base}/api/v1/projects/?page_size=50",
            "project page": f"{base}/projects/{project_id}/",
        }
        results = {
            name: measure(url, clients=args.clients, requests_per_client=args.requests)
            for name, url in endpoints.items()
        }
    finally:
        server.terminate()
        server.wait()
    bare = p95(results["bare SQL (50 rows)"])
    print(f"{'endpoint':<22} {'p50 ms':>8} {'p95 ms':>8} {'p95 / bare':>11}")
    for name, values in results.items():
        print(f"{name:<22} {statistics.median(values):8.1f} {p95(values):8.1f} {p95(values) / bare:11.2f}")
    print("target: p95 under 100 ms for the list page of 50 and the project page (PostgreSQL)")


if __name__ == "__main__":
    main()
