"""For bench_pages.py: the pages to measure (a synthetic project, one with an open decision), a signed-in session of
a delegate (hod-in), the table sizes, and SQL queries per request of each page once its caches are warm. Prints one
"key<TAB>value" line each."""

from __future__ import annotations

import os

from common import django_setup


def main() -> None:
    django_setup(os.environ["DATABASE_URL"])
    from bench_pages import pages
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from sco.core.models import User
    from sco.decisions.models import Decision
    from sco.projects.models import Comment, Project

    synthetic = Project.objects.filter(visibility="public", title_en__startswith="Synthetic project").order_by("pk")
    project = synthetic.values_list("pk", flat=True)[synthetic.count() // 2]
    decided = synthetic.filter(decision_ref__isnull=False).order_by("pk")
    decided_id = decided.values_list("pk", flat=True)[decided.count() // 2]
    delegate = User.objects.get(username="hod-in")
    print(f"project\t{project}")
    print(f"decided\t{decided_id}")
    for title, path in pages(str(project), str(decided_id)):
        for who in ("anon", "in"):
            client = Client()
            if who == "in":
                client.force_login(delegate)
            client.get(path)  # fills the caches
            with CaptureQueriesContext(connection) as ctx:
                response = client.get(path)
            assert response.status_code < 400, (title, path, response.status_code)
            print(f"{path}|{who}\t{len(ctx.captured_queries)}")
    session = SessionStore()
    session[SESSION_KEY] = str(delegate.pk)
    session[BACKEND_SESSION_KEY] = "sco.core.kept_users.KeptModelBackend"
    session[HASH_SESSION_KEY] = delegate.get_session_auth_hash()
    session.create()
    print(f"session\t{session.session_key}")
    print(
        f"counts\tin the database: {Project.objects.count():,} projects, {Comment.objects.count():,} comments, "
        f"{Decision.objects.count():,} decision procedures (demo data plus SYNTHETIC rows)"
    )


if __name__ == "__main__":
    main()
