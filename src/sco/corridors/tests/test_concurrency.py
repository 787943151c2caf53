"""Two delegations editing the same border crossing at the same moment lose nothing. Needs PostgreSQL: SQLite has
no row locks to race on."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection

from sco.core import audit
from sco.core.models import AuditEntry
from sco.corridors import demo, selectors, services
from sco.corridors.models import Edge, NetworkRevision
from sco.decisions.tests.test_concurrency import at_once

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks and concurrent writers need PostgreSQL"),
]


def test_kazakh_and_chinese_edits_of_the_dostyk_crossing_both_survive(head_of_delegation: Any) -> None:
    selectors.forget_cache()
    demo.load_network()
    kz, cn = head_of_delegation("KZ"), head_of_delegation("CN")
    revision = NetworkRevision.objects.get(pk=1).number
    code = "CN_ALASHANKOU>KZ_DOSTYK"
    results = at_once(
        lambda: services.edge_update(actor=kz, code=code, changes={"time_h_mean": 55.0}),
        lambda: services.edge_update(actor=cn, code=code, changes={"cost_usd_per_teu": 300.0}),
    )
    assert not [r for r in results if isinstance(r, Exception)], results
    edge = Edge.objects.get(code=code)
    assert (edge.time_h_mean, edge.cost_usd_per_teu) == (55.0, 300.0)
    assert NetworkRevision.objects.get(pk=1).number == revision + 2
    assert AuditEntry.objects.filter(action="corridors.edge.changed").count() == 2
    assert audit.verify() == []
    selectors.forget_cache()
