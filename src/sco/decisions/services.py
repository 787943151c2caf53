"""Every write on decision procedures: open, record a position, extend, close, and close the ones that are due.

Each runs in one transaction, asks the permission question first, and writes one audit entry per record changed.
Positions and closes lock the procedure's row, so two people recording at once, or a close racing a recording,
take turns (on PostgreSQL; SQLite writes one at a time anyway).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sco.core import audit
from sco.core.models import User
from sco.decisions import notifications, selectors, subjects
from sco.decisions.consensus import PositionKind, Rule, Status, extension_allowed
from sco.decisions.errors import (
    DecisionAlreadyOpen,
    DecisionClosed,
    DecisionInvalid,
    PositionInvalid,
    StateNotEligible,
    SubjectNotDecidable,
)
from sco.decisions.models import Decision, Position, PositionChange
from sco.members.models import Body, State
from sco.members.permissions import ensure_chair_or_secretariat, ensure_may_act_for

TITLE_MAX = 300
TEXT_MAX = 5000
TEXT_REQUIRED = {PositionKind.OBJECTION, PositionKind.STATEMENT}


def _snapshot(decision: Decision) -> dict[str, Any]:
    return audit.snapshot(decision, ["status", "deadline", "closed_at", "decided_at"])


def _already_open(decision: Decision) -> DecisionAlreadyOpen:
    return DecisionAlreadyOpen(
        title=decision.title,
        id=decision.pk,
        field_errors={"open_decision": [str(decision.pk)]},
    )


def _close_the_one_before(*, actor: User, subject_type: ContentType, subject_id: int, now: dt.datetime) -> None:
    """Refuse while a procedure on the subject is open; one whose close has come but whose outcome the job has not
    stored yet gets its outcome stored now, so the new one starts from a decided record."""
    held = (
        Decision.objects.select_for_update()
        .filter(subject_type=subject_type, subject_id=subject_id, status=Status.OPEN)
        .first()
    )
    if held is None:
        return
    if held.is_open(now=now):
        raise _already_open(held)
    _store_outcome(actor=actor, decision=held, now=now, action="decision.closed_at_deadline")


@transaction.atomic
def decision_open(
    *,
    actor: User,
    subject: models.Model,
    body: Body,
    rule: Rule | str,
    deadline: dt.datetime,
    title_en: str,
    title_ru: str = "",
    title_zh: str = "",
    concerned_state: State | None = None,
    illustrative: bool = False,
    source: str = "",
    now: dt.datetime | None = None,
) -> Decision:
    """Open a procedure on `subject` in `body`. Its eligible states are the body's members on the opening date that
    may see the subject (selectors.eligible_states_for). Refused while another procedure on the subject is open."""
    ensure_chair_or_secretariat(actor)
    now = now or timezone.now()
    errors: dict[str, list[str]] = {}
    kind = subjects.kind_of(subject)
    if kind is None or subject.pk is None:
        raise SubjectNotDecidable()
    try:
        rule = Rule(rule)
    except ValueError:
        errors["rule"] = [_("Choose consensus, silence procedure or consensus minus one.")]
    titles = {"title_en": title_en.strip(), "title_ru": title_ru.strip(), "title_zh": title_zh.strip()}
    if not titles["title_en"]:
        errors["title_en"] = [_("Give the procedure an English title.")]
    for name, value in titles.items():
        if len(value) > TITLE_MAX:
            errors.setdefault(name, []).append(_("A title has at most 300 characters."))
    if timezone.is_naive(deadline):
        errors["deadline"] = [_("Give the deadline with its time zone.")]
    elif deadline <= now:
        errors["deadline"] = [_("The deadline must be in the future.")]
    eligible = selectors.eligible_states_for(subject=subject, body=body, on=timezone.localdate(now))
    if not eligible:
        errors["body"] = [
            _("The body has no member states on this date.")
            if subjects.audience(subject) is None
            else _("No member state of the body may see this record, so none can decide on it.")
        ]
    if rule == Rule.CONSENSUS_MINUS_ONE:
        if concerned_state is None or concerned_state.pk not in {s.pk for s in eligible}:
            errors["concerned_state"] = [_("Consensus minus one needs the state concerned, a member of the body.")]
    elif concerned_state is not None:
        errors["concerned_state"] = [_("Only consensus minus one has a state concerned.")]
    if errors:
        raise DecisionInvalid(field_errors=errors)

    subject_type = ContentType.objects.get_for_model(subject)
    _close_the_one_before(actor=actor, subject_type=subject_type, subject_id=subject.pk, now=now)
    try:
        with transaction.atomic():  # a savepoint: a concurrent opening that won leaves this transaction usable
            decision = Decision.objects.create(
                **titles,
                subject_type=subject_type,
                subject_id=subject.pk,
                body=body,
                rule=Rule(rule).value,
                concerned_state=concerned_state,
                opened_at=now,
                deadline=deadline,
                opened_by=actor,
                illustrative=illustrative,
                source=source.strip(),
            )
    except IntegrityError:
        winner = Decision.objects.filter(subject_type=subject_type, subject_id=subject.pk, status=Status.OPEN).first()
        if winner is None:
            raise
        raise _already_open(winner) from None
    decision.eligible_states.set(eligible)
    subjects.changed(decision)
    audit.record(
        actor=actor,
        action="decision.opened",
        target=decision,
        after={
            **_snapshot(decision),
            "rule": decision.rule,
            "body": body.code,
            "subject": f"{kind.key}:{subject.pk}",
            "eligible": sorted(s.code for s in eligible),
            "concerned_state": concerned_state.code if concerned_state else None,
            "illustrative": illustrative,
        },
    )
    transaction.on_commit(lambda: notifications.positions_needed(decision_id=decision.pk))
    return decision


def _validated_position(kind: PositionKind | str, text: str) -> tuple[PositionKind, str]:
    errors: dict[str, list[str]] = {}
    try:
        kind = PositionKind(kind)
    except ValueError:
        errors["kind"] = [_("Choose support, no objection, objection or a statement of views.")]
    text = (text or "").strip()
    if kind in TEXT_REQUIRED and not text:
        errors["text"] = [
            _("An objection needs its reasons.") if kind == PositionKind.OBJECTION else _("Write the statement.")
        ]
    if len(text) > TEXT_MAX:
        errors.setdefault("text", []).append(_("At most 5000 characters."))
    if errors:
        raise PositionInvalid(field_errors=errors)
    return PositionKind(kind), text


@transaction.atomic
def position_record(
    *,
    actor: User,
    decision: Decision,
    state: State,
    kind: PositionKind | str,
    text: str = "",
    now: dt.datetime | None = None,
) -> Position:
    """Record (or change) `state`'s position. Only someone who may act for that state in the body may do it."""
    ensure_may_act_for(actor, state, body=decision.body)
    decision = Decision.objects.select_for_update().get(pk=decision.pk)
    now = now or timezone.now()
    if not decision.is_open(now=now):
        raise DecisionClosed()
    if not Decision.eligible_states.through.objects.filter(decision_id=decision.pk, state_id=state.pk).exists():
        raise StateNotEligible(state=state.name)
    kind, text = _validated_position(kind, text)

    held = Position.objects.filter(decision=decision, state=state).first()
    before = audit.snapshot(held, ["kind", "text", "recorded_by_id", "recorded_at"]) if held else None
    values = {"kind": kind.value, "text": text, "recorded_by": actor, "recorded_at": now}
    if held is None:
        position = Position.objects.create(decision=decision, state=state, **values)
    else:
        for name, value in values.items():
            setattr(held, name, value)
        held.save(update_fields=[*values])
        position = held
    PositionChange.objects.create(decision=decision, state=state, **values)
    notifications.position_given(decision=decision, state=state)
    # Before the audit entry: the subject's row is locked before the audit chain's head, as its own services do.
    subjects.changed(decision)
    audit.record(
        actor=actor,
        on_behalf_of=state,
        action="position.recorded",
        target=position,
        before=before,
        after={**audit.snapshot(position, ["kind", "text", "recorded_by_id", "recorded_at"]), "decision": decision.pk},
    )
    return position


@transaction.atomic
def decision_extend(
    *, actor: User, decision: Decision, deadline: dt.datetime, now: dt.datetime | None = None
) -> Decision:
    ensure_chair_or_secretariat(actor)
    decision = Decision.objects.select_for_update().get(pk=decision.pk)
    now = now or timezone.now()
    if not decision.is_open(now=now):
        raise DecisionClosed()
    if timezone.is_naive(deadline):
        raise DecisionInvalid(field_errors={"deadline": [_("Give the deadline with its time zone.")]})
    if not extension_allowed(now=now, deadline=decision.deadline, closed_at=decision.closed_at, new_deadline=deadline):
        raise DecisionInvalid(field_errors={"deadline": [_("An extension must move the deadline later.")]})
    before = _snapshot(decision)
    decision.deadline = deadline
    decision.save(update_fields=["deadline"])
    subjects.changed(decision)
    audit.record(actor=actor, action="decision.extended", target=decision, before=before, after=_snapshot(decision))
    return decision


def _store_outcome(*, actor: User | None, decision: Decision, now: dt.datetime, action: str) -> Decision:
    """Write the outcome the rule gives into a locked, still-open row whose close has come."""
    before = _snapshot(decision)
    outcome = decision.outcome(now=now)
    assert outcome.status is not Status.OPEN, "only a procedure whose close has come can have its outcome stored"
    decision.status = outcome.status.value
    decision.decided_at = now
    decision.save(update_fields=["status", "decided_at", "closed_at"])
    subjects.changed(decision)
    codes = dict(decision.eligible_states.values_list("pk", "code"))
    audit.record(
        actor=actor,
        action=action,
        target=decision,
        before=before,
        after={
            **_snapshot(decision),
            "objecting": sorted(codes[pk] for pk in outcome.objecting),
            "silent": sorted(codes[pk] for pk in outcome.silent),
        },
    )
    kind = subjects.kind_of_decision(decision)
    if kind is not None and kind.on_decided is not None:
        kind.on_decided(decision)
    notifications.requests_settled(decision=decision)
    transaction.on_commit(lambda: notifications.outcome_reached(decision_id=decision.pk))
    return decision


@transaction.atomic
def decision_close(*, actor: User, decision: Decision, now: dt.datetime | None = None) -> Decision:
    """The chair or the Secretariat closes a procedure now; one whose deadline has passed gets its outcome stored."""
    ensure_chair_or_secretariat(actor)
    decision = Decision.objects.select_for_update().get(pk=decision.pk)
    now = now or timezone.now()
    if decision.status != Status.OPEN:
        raise DecisionClosed()
    if now < decision.deadline:
        decision.closed_at = now
    return _store_outcome(actor=actor, decision=decision, now=now, action="decision.closed")


def decisions_close_due(*, now: dt.datetime | None = None, limit: int = 500) -> list[Decision]:
    """Store the outcome of every procedure whose deadline has passed (the scheduled job; `sco decisions close-due`).

    One transaction per procedure, so one failure does not hold back the others; a row another runner is closing
    is skipped, not waited for.
    """
    now = now or timezone.now()
    due = list(
        Decision.objects.filter(status=Status.OPEN, deadline__lte=now)
        .order_by("deadline", "pk")
        .values_list("pk", flat=True)[:limit]
    )
    closed: list[Decision] = []
    for pk in due:
        with transaction.atomic():
            decision = Decision.objects.select_for_update(skip_locked=True).filter(pk=pk, status=Status.OPEN).first()
            if decision is None or decision.deadline > now:
                continue
            closed.append(_store_outcome(actor=None, decision=decision, now=now, action="decision.closed_at_deadline"))
    return closed


def decisions_remind(*, now: dt.datetime | None = None, within: dt.timedelta = dt.timedelta(days=1)) -> int:
    """Remind the states that have recorded nothing, once, when a procedure closes within `within` (a day)."""
    now = now or timezone.now()
    due = Decision.objects.filter(status=Status.OPEN, deadline__gt=now, deadline__lte=now + within)
    sent = 0
    for pk in due.values_list("pk", flat=True):
        with transaction.atomic():
            sent += notifications.deadline_near(decision_id=pk)
    return sent
