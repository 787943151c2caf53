"""Every read of decision procedures. A viewer sees a procedure exactly when they may see its subject.

The outcome is computed on read by the pure rule (consensus.py), so a procedure whose deadline has passed reads as
decided before the closing job has stored it, and reads the same afterwards.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from sco.core.selectors import ProbedExists
from sco.core.users import Viewer
from sco.decisions import subjects
from sco.decisions.consensus import Outcome, Status
from sco.decisions.errors import DecisionNotFound
from sco.decisions.models import Decision, Position, PositionChange
from sco.members.models import Body, State
from sco.members.permissions import is_secretariat, state_ids_acted_for, states_acted_for

# The API list's count stops here ("1,000+"): every procedure counted is a probe of its subject's visibility, so the
# count's cost is bounded by this, not by the table (issue #16).
COUNT_CAP = 1_000


def _visible_q(viewer: Viewer) -> Q | None:
    """None: everything (the Secretariat). Otherwise the procedures whose subject the viewer may see, asked of each
    procedure's own subject through its primary key (an index probe per row looked at), never by listing every
    subject the viewer may see: a page of 50 costs the same with 1,000 projects as with 100,000."""
    if is_secretariat(viewer):
        return None
    allowed = Q(pk__in=[])
    for kind in subjects.kinds():
        content_type = ContentType.objects.get_for_model(kind.model)
        subject = kind.visible(viewer, kind.model._default_manager.filter(pk=OuterRef("subject_id")))
        allowed |= Q(Q(subject_type=content_type), ProbedExists(subject))
    return allowed


def visible(viewer: Any, qs: QuerySet[Decision]) -> QuerySet[Decision]:
    """Narrow `qs` to the procedures the viewer may see (registered in sco.core.visibility for notices)."""
    allowed = _visible_q(viewer)
    return qs if allowed is None else qs.filter(allowed)


def eligible_states_for(*, subject: models.Model, body: Body, on: dt.date) -> list[State]:
    """The states that decide on `subject` in `body`: the body's members on that date that may see the subject.

    A record every member state may see is decided by all of them; one the subject part shows only to some (a
    project shown to its participating states) is decided by those (SCO Charter art. 16: members that do not take
    part in a project do not stop those that do). No state counts in a procedure on what it may not see.
    """
    from sco.members import selectors as members_selectors

    eligible = list(members_selectors.eligible_states(body=body, on=on))
    audience = subjects.audience(subject)
    if audience is None:
        return eligible
    return [s for s in eligible if s.pk in audience]


def _with_rows(qs: QuerySet[Decision]) -> QuerySet[Decision]:
    return qs.select_related("body", "concerned_state", "subject_type").prefetch_related(
        Prefetch("eligible_states", queryset=State.objects.order_by("name_en")),
        Prefetch("positions", queryset=Position.objects.select_related("state", "recorded_by")),
        "subject",  # one query per subject kind, not one per procedure
    )


def outcome_rows(qs: QuerySet[Decision]) -> QuerySet[Decision]:
    """The procedures with only what a row of a list and its outcome read (the API's list): the eligible states'
    codes, the positions' states and kinds, the subjects; not every column of every state, position and author."""
    return qs.prefetch_related(None).prefetch_related(
        Prefetch("eligible_states", queryset=State.objects.only("id", "code", "name_en").order_by("name_en")),
        Prefetch("positions", queryset=Position.objects.only("id", "decision_id", "state_id", "kind")),
        "subject",
    )


def decision_list(
    *,
    viewer: Any,
    status: str | None = None,
    body: Body | None = None,
    subject: models.Model | None = None,
    now: dt.datetime | None = None,
) -> QuerySet[Decision]:
    """The procedures the viewer may see, newest first. `status` filters on the outcome as it stands at `now`."""
    qs = Decision.objects.all()
    visible = _visible_q(viewer)
    if visible is not None:
        qs = qs.filter(visible)
    if body is not None:
        qs = qs.filter(body=body)
    if subject is not None:
        qs = qs.filter(subject_type=ContentType.objects.get_for_model(subject), subject_id=subject.pk)
    if status is not None:
        now = now or timezone.now()
        open_now = Q(status=Status.OPEN, deadline__gt=now) & (Q(closed_at__isnull=True) | Q(closed_at__gt=now))
        if status == Status.OPEN:
            qs = qs.filter(open_now)
        else:
            # A due procedure not stored yet has no status in its row; its outcome is the rule's, on read.
            due_ids = [
                d.pk
                for d in _with_rows(qs.filter(status=Status.OPEN).exclude(open_now))
                if d.outcome(now=now).status == status
            ]
            qs = qs.filter(Q(status=status) | Q(pk__in=due_ids))
    return _with_rows(qs).order_by("-opened_at", "-pk")


def _may_see(viewer: Any, decision: Decision) -> bool:
    """Whether the viewer may see this one procedure: its subject alone is checked, so the cost does not grow with the
    number of subjects (a filter by `_visible_q` would ask the database for every visible subject)."""
    if is_secretariat(viewer):
        return True
    for kind in subjects.kinds():
        if ContentType.objects.get_for_model(kind.model).pk == decision.subject_type_id:
            subject = kind.model._default_manager.filter(pk=decision.subject_id)
            return bool(kind.visible(viewer, subject).exists())
    return False


def decision_get(*, viewer: Any, decision_id: int) -> Decision:
    decision = _with_rows(Decision.objects.filter(pk=decision_id)).first()
    if decision is None or not _may_see(viewer, decision):
        raise DecisionNotFound()
    return decision


def decision_for_write(*, viewer: Any, decision_id: int) -> Decision:
    """The procedure, if the viewer may see it, with only what a write service needs (no positions loaded)."""
    decision = Decision.objects.filter(pk=decision_id).select_related("body").first()
    if decision is None or not _may_see(viewer, decision):
        raise DecisionNotFound()
    return decision


def decision_outcome(*, decision: Decision, now: dt.datetime | None = None) -> Outcome[int]:
    """The outcome as it stands at `now`: the stored one once stored, the rule's otherwise (the same, at the close)."""
    return decision.outcome(now=now or timezone.now())


@dataclass(frozen=True)
class PositionRow:
    """One line of a procedure's table of positions."""

    state: State
    position: Position | None
    counts: bool
    may_record: bool


def position_rows(*, viewer: Any, decision: Decision) -> list[PositionRow]:
    """Every eligible state with its position (or none yet), and whether the viewer may record it. One query."""
    held = {p.state_id: p for p in decision.positions.all()}
    mine = state_ids_acted_for(viewer, body=decision.body) if decision.status == Status.OPEN else set()
    return [
        PositionRow(
            state=state,
            position=held.get(state.pk),
            counts=state.pk != decision.concerned_state_id,
            may_record=state.pk in mine,
        )
        for state in decision.eligible_states.all()
    ]


def position_form_states(*, viewer: Any, decision: Decision, now: dt.datetime | None = None) -> list[State]:
    """The eligible states whose position the viewer may record now (for the form); two small queries at most."""
    if not decision.is_open(now=now or timezone.now()):
        return []
    mine = states_acted_for(viewer, body=decision.body)
    if not mine:
        return []
    eligible = set(
        decision.eligible_states.through.objects.filter(decision=decision).values_list("state_id", flat=True)
    )
    return [s for s in mine if s.pk in eligible]


def position_history(*, viewer: Any, decision: Decision) -> QuerySet[PositionChange]:
    """Every recording of a position in the procedure, oldest first; empty if the viewer may not see it."""
    visible = Decision.objects.filter(pk=decision.pk)
    allowed = _visible_q(viewer)
    if allowed is not None:
        visible = visible.filter(allowed)
    return (
        PositionChange.objects.filter(decision__in=visible.values("pk"))
        .select_related("state", "recorded_by")
        .order_by("recorded_at", "pk")
    )


def awaiting_queryset(*, viewer: Viewer, now: dt.datetime) -> QuerySet[Decision]:
    """Open procedures in which one of the viewer's states is eligible (or concerned) and silent, soonest deadline
    first. Each is asked through the (decision, state) indexes and the soonest come off the (status, deadline)
    index, however many procedures there are."""
    mine_ids = sorted(state_ids_acted_for(viewer))
    if not mine_ids:
        return Decision.objects.none()
    eligible = Decision.eligible_states.through.objects
    silent_mine = ProbedExists(
        eligible.filter(decision=OuterRef("pk"), state_id__in=mine_ids).exclude(
            Exists(Position.objects.filter(decision=OuterRef("decision_id"), state=OuterRef("state_id")))
        )
    )
    concerned_silent = Q(concerned_state_id__in=mine_ids) & ~Exists(
        Position.objects.filter(decision=OuterRef("pk"), state=OuterRef("concerned_state_id"))
    )
    return (
        decision_list(viewer=viewer, status=Status.OPEN, now=now)
        .filter(silent_mine | concerned_silent)
        .order_by("deadline", "pk")
    )


def decisions_awaiting(*, viewer: Viewer, now: dt.datetime | None = None) -> list[tuple[Decision, list[State]]]:
    """Open procedures in which a state the viewer acts for has recorded nothing yet, soonest deadline first."""
    now = now or timezone.now()
    waiting: list[tuple[Decision, list[State]]] = []
    acting_in: dict[int, set[int]] = {}
    for decision in awaiting_queryset(viewer=viewer, now=now)[:50]:
        if decision.body_id not in acting_in:
            acting_in[decision.body_id] = state_ids_acted_for(viewer, body=decision.body)
        silent = decision.outcome(now=now).silent | (
            {decision.concerned_state_id} - {p.state_id for p in decision.positions.all()}
            if decision.concerned_state_id
            else set()
        )
        states = [s for s in decision.eligible_states.all() if s.pk in silent and s.pk in acting_in[decision.body_id]]
        if states:
            waiting.append((decision, states))
    return waiting
