"""The home page's "waiting for you" panel is kept across requests and follows every write it rests on."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from sco.conftest import DEMO_PASSWORD
from sco.decisions import services
from sco.members.models import State

pytestmark = pytest.mark.django_db


def _home(user: Any) -> str:
    client = Client()
    assert client.login(username=user.username, password=DEMO_PASSWORD)
    return client.get("/").content.decode()


def test_the_panel_is_read_once_and_a_recorded_position_takes_it_off(
    open_decision: Any, head_of_delegation: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sco.decisions import attention

    hod = head_of_delegation("KZ")
    decision = open_decision()
    asked: list[int] = []
    real = attention.positions_awaited
    monkeypatch.setattr(attention, "positions_awaited", lambda user: asked.append(1) or real(user))
    from sco.core import hooks

    monkeypatch.setattr(
        hooks,
        "get",
        lambda name, _get=hooks.get: [attention.positions_awaited if f is real else f for f in _get(name)],
    )
    assert f"/decisions/{decision.pk}/" in _home(hod)
    assert f"/decisions/{decision.pk}/" in _home(hod)
    assert len(asked) == 1, "the second page reads the panel from the cache"
    services.position_record(actor=hod, decision=decision, state=State.objects.get(code="KZ"), kind="support")
    assert f"/decisions/{decision.pk}/" not in _home(hod)
    assert len(asked) == 2


def test_a_new_procedure_shows_at_once_on_a_cached_panel(open_decision: Any, head_of_delegation: Any) -> None:
    hod = head_of_delegation("KZ")
    first = open_decision()
    assert f"/decisions/{first.pk}/" in _home(hod)
    second = open_decision()
    assert f"/decisions/{second.pk}/" in _home(hod)
