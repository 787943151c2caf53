"""Prints `name=queries` for the members requests the benchmark measures (counted in-process)."""

from __future__ import annotations

import os

from common import django_setup, queries_per_request

django_setup(os.environ["DATABASE_URL"])

from sco.core.models import User  # noqa: E402
from sco.members.models import Mandate  # noqa: E402

hod = User.objects.get(username="hod-kz")
print(f"api={queries_per_request('/api/v1/members/states')}")
print(f"bodies={queries_per_request('/api/v1/members/bodies')}")
print(f"page={queries_per_request('/members/')}")
print(f"state={queries_per_request('/members/states/KZ/')}")
print(f"chairs={queries_per_request('/members/chairmanships/')}")
print(f"state_signed_in={queries_per_request('/members/states/KZ/', user=hod)}")
print(f"mandates_kz={Mandate.objects.filter(state__code='KZ').count()}")
