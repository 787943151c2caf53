"""SYNTHETIC people and mandates for benchmarks: `synthetic-<n>`, spread over the member states. Not real people.

Usage: python bench/synth_members.py N   (idempotent: tops up to N)
"""

from __future__ import annotations

import datetime as dt
import os
import sys

from common import django_setup
from tqdm import tqdm

django_setup(os.environ["DATABASE_URL"])

from django.contrib.auth.hashers import make_password  # noqa: E402
from django.db import transaction  # noqa: E402

from sco.core.models import User  # noqa: E402
from sco.members.models import Body, Mandate, State  # noqa: E402


def main(total: int) -> None:
    have = User.objects.filter(username__startswith="synthetic-").count()
    if have >= total:
        print(f"synthetic people: {have:,} already there")
        return
    states = list(State.objects.members_on(dt.date.today()))
    bodies = list(Body.objects.all())
    password = make_password(None)  # unusable: synthetic people never sign in
    batch = 1000
    with tqdm(total=total - have, desc="synthetic people (labelled synthetic)", unit="person") as bar:
        for start in range(have, total, batch):
            end = min(total, start + batch)
            with transaction.atomic():
                users = User.objects.bulk_create(
                    User(username=f"synthetic-{n}", password=password, display_name=f"Synthetic person {n}")
                    for n in range(start, end)
                )
                mandates = Mandate.objects.bulk_create(
                    Mandate(user=u, role="delegate", state=states[i % len(states)], start=dt.date(2024, 7, 4))
                    for i, u in enumerate(users, start)
                )
                Mandate.bodies.through.objects.bulk_create(
                    Mandate.bodies.through(mandate_id=m.pk, body_id=bodies[i % len(bodies)].pk)
                    for i, m in enumerate(mandates)
                )
            bar.update(end - start)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5000)
