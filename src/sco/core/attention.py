"""The attention panel of a signed-in person's home page ("what waits for you"), kept across requests.

The parts' providers (hooks "attention") ask for open procedures, pending invitations and unanswered questions:
several queries on every home page. Their answer for one person is a fragment (`core.fragments`) whose version
every write of what they read replaces: the parts connect their models (`connect`), and members' mandate writes
call `changed`. A deadline passing shows within ``TIMEOUT`` seconds.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sco.core import fragments
from sco.core.hooks import AttentionItem

NAME = "attention"
TIMEOUT = 60


def changed(*args: Any, **kwargs: Any) -> None:
    fragments.changed(NAME)


def items(user: Any, compute: Callable[[], list[AttentionItem]]) -> list[AttentionItem]:
    return fragments.cached(NAME, user, compute, timeout=TIMEOUT)


def connect(*models: Any) -> None:
    fragments.connect(NAME, *models)
