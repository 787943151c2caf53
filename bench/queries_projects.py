"""Print SQL queries per request for the projects pages, for bench_projects.py; also the pages to measure and a
signed-in session for the delegate's view."""

from __future__ import annotations

import os

from common import django_setup, queries_per_request


def main() -> None:
    django_setup(os.environ["DATABASE_URL"])
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from sco.core.models import User
    from sco.decisions.models import Decision
    from sco.projects.models import Comment, Project

    synthetic = Project.objects.filter(visibility="public", title_en__startswith="Synthetic project").order_by("pk")
    project_id = synthetic.values_list("pk", flat=True)[synthetic.count() // 2]
    # A page with more on it: a synthetic project with an open decision procedure (its table of ten states).
    with_decision = synthetic.filter(decision_ref__isnull=False, status="decision").order_by("pk")
    decision_project_id = with_decision.values_list("pk", flat=True)[with_decision.count() // 2]
    delegate = User.objects.get(username="hod-in")
    print(f"page={queries_per_request('/projects/?size=50')}")
    print(f"api={queries_per_request('/api/v1/projects/?page_size=50')}")
    for name, pk in (("detail", project_id), ("detail_decision", decision_project_id)):
        print(f"{name}_first={queries_per_request(f'/projects/{pk}/')}")  # renders and caches the shared parts
        print(f"{name}={queries_per_request(f'/projects/{pk}/')}")
        print(f"{name}_delegate={queries_per_request(f'/projects/{pk}/', user=delegate)}")
    print(f"project_id={project_id}")
    print(f"decision_project_id={decision_project_id}")
    session = SessionStore()
    session[SESSION_KEY] = str(delegate.pk)
    session[BACKEND_SESSION_KEY] = "sco.core.kept_users.KeptModelBackend"
    session[HASH_SESSION_KEY] = delegate.get_session_auth_hash()
    session.create()
    print(f"session={session.session_key}")
    print(f"n_projects={Project.objects.count()}")
    print(f"n_comments={Comment.objects.count()}")
    print(f"n_decisions={Decision.objects.count()}")


if __name__ == "__main__":
    main()
