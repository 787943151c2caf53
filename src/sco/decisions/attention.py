"""What waits for a person in decision procedures: the positions their states have not recorded yet."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from sco.core.hooks import AttentionItem
from sco.core.users import signed_in
from sco.decisions.selectors import decisions_awaiting


def positions_awaited(user: Any) -> list[AttentionItem]:
    if not signed_in(user):
        return []
    return [
        AttentionItem(
            text=_("Position of %(states)s needed: %(title)s")
            % {"states": ", ".join(s.name for s in states), "title": decision.title},
            url=reverse("decisions:detail", args=[decision.pk]),
            due=decision.deadline.strftime("%Y-%m-%d %H:%M UTC"),
        )
        for decision, states in decisions_awaiting(viewer=user)
    ]
