"""The lifecycle of an investment project as an explicit state machine.

Pure module (no Django). It answers three questions and nothing else:
which transitions exist, which roles may take each, and which named preconditions must hold. The
service layer works out the actor's roles for a project and evaluates the named checks against the
database, then asks this module; the database never decides what is legal.

Roles are names, not users: ``sponsor`` (a delegate of the sponsoring state, or the sponsor's own
account), ``secretariat`` (SCO Secretariat staff), ``chair`` (a delegate of the chairing state).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from enum import StrEnum


class Status(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    SCREENING = "screening"
    UNDER_DISCUSSION = "under_discussion"
    APPRAISAL = "appraisal"
    DECISION = "decision"
    APPROVED = "approved"
    REJECTED = "rejected"
    RETURNED = "returned"  # returned to the sponsor for revision
    FINANCING = "financing"
    IMPLEMENTATION = "implementation"
    COMPLETED = "completed"
    WITHDRAWN = "withdrawn"
    CANCELLED = "cancelled"


TERMINAL: frozenset[Status] = frozenset({Status.REJECTED, Status.COMPLETED, Status.WITHDRAWN, Status.CANCELLED})
OPEN: frozenset[Status] = frozenset(set(Status) - TERMINAL)
# While the sponsor may still change the text, a new version is cut on every (re)submission.
EDITABLE: frozenset[Status] = frozenset({Status.DRAFT, Status.RETURNED})
# On the way to a decision: the page says beforehand which states will decide.
BEFORE_DECISION: frozenset[Status] = frozenset(
    {Status.DRAFT, Status.SUBMITTED, Status.SCREENING, Status.UNDER_DISCUSSION, Status.APPRAISAL, Status.RETURNED}
)


class Role(StrEnum):
    SPONSOR = "sponsor"
    SECRETARIAT = "secretariat"
    CHAIR = "chair"


class Check(StrEnum):
    """Named preconditions. The service evaluates each one; this module only says which apply."""

    REQUIRED_FIELDS_COMPLETE = "required_fields_complete"
    SCREENING_CHECKLIST_COMPLETE = "screening_checklist_complete"
    NO_OPEN_QUESTIONS = "no_open_questions"
    APPRAISAL_RECORDED = "appraisal_recorded"
    DECISION_OPENED = "decision_opened"
    DECISION_ADOPTED = "decision_adopted"
    DECISION_NOT_ADOPTED = "decision_not_adopted"
    REASON_GIVEN = "reason_given"
    # Commitments cover the cost. Evaluated by whichever part holds the money (financing, through the
    # "project_facts" hook), so projects never imports financing.
    FINANCIAL_CLOSE = "financial_close"


@dataclass(frozen=True)
class Transition:
    name: str
    sources: frozenset[Status]
    target: Status
    roles: frozenset[Role]
    checks: tuple[Check, ...] = ()


def _t(name: str, sources: Collection[Status], target: Status, roles: Collection[Role], *checks: Check) -> Transition:
    return Transition(name=name, sources=frozenset(sources), target=target, roles=frozenset(roles), checks=checks)


S = Status
TRANSITIONS: tuple[Transition, ...] = (
    _t("submit", {S.DRAFT}, S.SUBMITTED, {Role.SPONSOR}, Check.REQUIRED_FIELDS_COMPLETE),
    _t("resubmit", {S.RETURNED}, S.SUBMITTED, {Role.SPONSOR}, Check.REQUIRED_FIELDS_COMPLETE),
    _t("start_screening", {S.SUBMITTED}, S.SCREENING, {Role.SECRETARIAT}),
    _t("open_discussion", {S.SCREENING}, S.UNDER_DISCUSSION, {Role.SECRETARIAT}, Check.SCREENING_CHECKLIST_COMPLETE),
    _t("start_appraisal", {S.UNDER_DISCUSSION}, S.APPRAISAL, {Role.SECRETARIAT}, Check.NO_OPEN_QUESTIONS),
    _t(
        "refer_to_decision",
        {S.APPRAISAL},
        S.DECISION,
        {Role.SECRETARIAT, Role.CHAIR},
        Check.APPRAISAL_RECORDED,
        Check.DECISION_OPENED,
    ),
    _t("approve", {S.DECISION}, S.APPROVED, {Role.SECRETARIAT, Role.CHAIR}, Check.DECISION_ADOPTED),
    _t(
        "reject",
        {S.DECISION},
        S.REJECTED,
        {Role.SECRETARIAT, Role.CHAIR},
        Check.DECISION_NOT_ADOPTED,
        Check.REASON_GIVEN,
    ),
    _t(
        "return_for_revision",
        {S.SCREENING, S.UNDER_DISCUSSION, S.APPRAISAL, S.DECISION},
        S.RETURNED,
        {Role.SECRETARIAT, Role.CHAIR},
        Check.REASON_GIVEN,
    ),
    _t("start_financing", {S.APPROVED}, S.FINANCING, {Role.SECRETARIAT, Role.SPONSOR}),
    _t(
        "start_implementation",
        {S.FINANCING},
        S.IMPLEMENTATION,
        {Role.SECRETARIAT, Role.SPONSOR},
        Check.FINANCIAL_CLOSE,
    ),
    _t("complete", {S.IMPLEMENTATION}, S.COMPLETED, {Role.SECRETARIAT, Role.SPONSOR}),
    _t("withdraw", OPEN, S.WITHDRAWN, {Role.SPONSOR}),
    _t("cancel", OPEN, S.CANCELLED, {Role.SECRETARIAT}, Check.REASON_GIVEN),
)
BY_NAME: Mapping[str, Transition] = {t.name: t for t in TRANSITIONS}


class Refusal(StrEnum):
    UNKNOWN = "unknown_transition"
    WRONG_STATE = "wrong_state"
    NOT_ALLOWED = "role_not_allowed"
    PRECONDITION = "precondition_failed"


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    transition: Transition | None
    refusal: Refusal | None = None
    failed_checks: tuple[Check, ...] = ()


def evaluate(name: str, *, status: Status, roles: Collection[Role], facts: Mapping[Check, bool]) -> Verdict:
    """May someone holding ``roles`` take transition ``name`` from ``status``, given the checks' results?

    A check missing from ``facts`` counts as failed: we never assume a precondition holds.
    """
    transition = BY_NAME.get(name)
    if transition is None:
        return Verdict(allowed=False, transition=None, refusal=Refusal.UNKNOWN)
    if status not in transition.sources:
        return Verdict(allowed=False, transition=transition, refusal=Refusal.WRONG_STATE)
    if not transition.roles & set(roles):
        return Verdict(allowed=False, transition=transition, refusal=Refusal.NOT_ALLOWED)
    failed = tuple(check for check in transition.checks if not facts.get(check, False))
    if failed:
        return Verdict(allowed=False, transition=transition, refusal=Refusal.PRECONDITION, failed_checks=failed)
    return Verdict(allowed=True, transition=transition)


def transitions_from(status: Status) -> tuple[Transition, ...]:
    return tuple(t for t in TRANSITIONS if status in t.sources)


def next_steps(*, status: Status, roles: Collection[Role]) -> tuple[Transition, ...]:
    """Transitions out of ``status`` that someone with ``roles`` could take (preconditions not yet checked)."""
    held = set(roles)
    return tuple(t for t in transitions_from(status) if t.roles & held)


def reachable(start: Status = Status.DRAFT) -> frozenset[Status]:
    seen = {start}
    frontier = [start]
    while frontier:
        current = frontier.pop()
        for t in transitions_from(current):
            if t.target not in seen:
                seen.add(t.target)
                frontier.append(t.target)
    return frozenset(seen)
