"""Who hears what about a decision procedure: a state's position is needed, the deadline is near, the outcome.

Run after the opening or closing transaction commits (see services), or by the reminder job; each notice is sent at
most once per person (dedupe keys), so jobs can run again and again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from sco.core.models import User
from sco.core.notifications import notify, settle
from sco.decisions.models import Decision
from sco.members.models import ALL_BODY_ROLES, STATE_ROLES, Mandate, State
from sco.members.permissions import state_ids_acted_for

# The notices that ask for a position: they stop waiting for a person once nothing is asked of them any more.
ASKING = ("decision.position_needed", "decision.deadline_near")


def people_acting_for(*, decision: Decision, state_ids: Iterable[int], on: dt.date | None = None) -> list[User]:
    """Everyone who may record a position for one of these states in the procedure's body today."""
    ids = list(state_ids)
    if not ids:
        return []
    mandates = (
        Mandate.objects.current(on or timezone.localdate())
        .filter(state_id__in=ids, role__in=[r.value for r in STATE_ROLES])
        .filter(Q(role__in=[r.value for r in ALL_BODY_ROLES]) | Q(bodies=decision.body_id))
    )
    return list(User.objects.filter(pk__in=mandates.values("user_id"), is_active=True).order_by("pk"))


def _url(decision: Decision) -> str:
    return reverse("decisions:detail", args=[decision.pk])


def _deadline(decision: Decision) -> str:
    return timezone.localtime(decision.deadline, dt.UTC).strftime("%Y-%m-%d %H:%M UTC")


def positions_needed(*, decision_id: int) -> int:
    decision = Decision.objects.select_related("body").get(pk=decision_id)
    states = decision.eligible_states.values_list("pk", flat=True)
    people = people_acting_for(decision=decision, state_ids=states)
    notes = notify(
        recipients=people,
        about=decision,
        kind="decision.position_needed",
        render=lambda: (
            _("Your state's position is needed on “%(title)s” by %(deadline)s.")
            % {"title": decision.title, "deadline": _deadline(decision)}
        ),
        url=_url(decision),
        dedupe_key=f"decision:{decision.pk}:opened",
    )
    return len(notes)


def deadline_near(*, decision_id: int) -> int:
    decision = (
        Decision.objects.select_related("body").prefetch_related("eligible_states", "positions").get(pk=decision_id)
    )
    silent = decision.outcome(now=timezone.now()).silent
    people = people_acting_for(decision=decision, state_ids=silent)
    notes = notify(
        recipients=people,
        about=decision,
        kind="decision.deadline_near",
        render=lambda: (
            _("“%(title)s” closes at %(deadline)s and your state has not recorded a position.")
            % {"title": decision.title, "deadline": _deadline(decision)}
        ),
        url=_url(decision),
        dedupe_key=f"decision:{decision.pk}:reminder:{decision.deadline:%Y%m%d%H%M}",
    )
    return len(notes)


def outcome_reached(*, decision_id: int) -> int:
    decision = Decision.objects.select_related("body", "opened_by").get(pk=decision_id)
    people = people_acting_for(decision=decision, state_ids=decision.eligible_states.values_list("pk", flat=True))
    notes = notify(
        recipients=[*people, decision.opened_by],
        about=decision,
        kind="decision.outcome",
        render=lambda: (
            _("“%(title)s”: %(outcome)s.") % {"title": decision.title, "outcome": decision.get_status_display()}
        ),
        url=_url(decision),
        dedupe_key=f"decision:{decision.pk}:outcome",
    )
    return len(notes)


def _asking_prefix(decision: Decision) -> str:
    return f"decision:{decision.pk}:"


def requests_settled(*, decision: Decision) -> int:
    """The outcome is stored: nobody is asked for a position any more (inside the closing transaction)."""
    return settle(kinds=ASKING, dedupe_key_prefix=_asking_prefix(decision))


def position_given(*, decision: Decision, state: State) -> int:
    """`state` has recorded its position: the people acting for it who are asked for no other state's position in
    this procedure are no longer asked (inside the recording transaction)."""
    eligible = set(decision.eligible_states.values_list("pk", flat=True))
    spoken = set(decision.positions.values_list("state_id", flat=True))
    done = [
        person
        for person in people_acting_for(decision=decision, state_ids=[state.pk])
        if (state_ids_acted_for(person, body=decision.body) & eligible) <= spoken
    ]
    return settle(kinds=ASKING, dedupe_key_prefix=_asking_prefix(decision), recipients=done) if done else 0
