"""Print SQL queries per request of the financing pages, for bench_financing.py."""

from __future__ import annotations

import os

from common import django_setup, queries_per_request


def main() -> None:
    django_setup(os.environ["DATABASE_URL"])
    from sco.financing.models import LedgerEntry
    from sco.projects.models import Project

    print(f"pipeline={queries_per_request('/financing/')}")
    print(f"portfolio={queries_per_request('/financing/institutions/aiib/')}")
    print(f"api_pipeline={queries_per_request('/api/v1/financing/pipeline')}")
    print(f"n_projects={Project.objects.filter(title_en__startswith='Synthetic financed project').count()}")
    print(f"n_entries={LedgerEntry.objects.count()}")


if __name__ == "__main__":
    main()
