"""Print SQL queries per request for the projects pages (anonymous visitor), for bench_projects.py."""

from __future__ import annotations

import os

from common import django_setup, queries_per_request


def main() -> None:
    django_setup(os.environ["DATABASE_URL"])
    from sco.decisions.models import Decision
    from sco.projects.models import Comment, Project

    project = Project.objects.filter(visibility="public", title_en__startswith="Synthetic project").order_by("pk")
    project_id = project.values_list("pk", flat=True)[project.count() // 2]
    print(f"page={queries_per_request('/projects/?size=50')}")
    print(f"api={queries_per_request('/api/v1/projects/?page_size=50')}")
    print(f"detail={queries_per_request(f'/projects/{project_id}/')}")
    print(f"project_id={project_id}")
    print(f"n_projects={Project.objects.count()}")
    print(f"n_comments={Comment.objects.count()}")
    print(f"n_decisions={Decision.objects.count()}")


if __name__ == "__main__":
    main()
