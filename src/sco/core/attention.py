"""The attention panel of a signed-in person's home page ("what waits for you"), kept across requests.

The parts' providers (hooks "attention") ask for open procedures, pending invitations and unanswered questions:
several queries on every home page. Their answer for one person is a fragment (`core.fragments`) whose version
every write of what they read replaces: the parts connect their models (`connect`), and members' mandate writes
call `changed`. A deadline passing shows within ``TIMEOUT`` seconds.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.template.loader import render_to_string

from sco.core import fragments
from sco.core.hooks import AttentionItem

NAME = "attention"
TIMEOUT = 60


def changed(*args: Any, **kwargs: Any) -> None:
    fragments.changed(NAME)


def rendered(user: Any, compute: Callable[[], list[AttentionItem]]) -> str:
    """The items as the home page lists them (one <li> each), rendered once per version, person and language: a
    delegate with fifty open items would otherwise have them rendered on every visit."""

    def render() -> str:
        return render_to_string("core/_attention_items.html", {"attention": compute()}).strip()

    return fragments.cached(NAME, user, render, extra="html", timeout=TIMEOUT)


def connect(*models: Any) -> None:
    fragments.connect(NAME, *models)
