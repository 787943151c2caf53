"""The rule that turns states' positions into the outcome of a decision procedure. Pure: no Django import.

The Charter
-----------
SCO Charter art. 16, as summarised in our research notes (the exact UNTC wording is still to be verified):
SCO bodies decide "by agreement without vote"; a decision is adopted if no member State has raised objections
during its consideration (consensus); suspension and expulsion are decided by "consensus minus one vote of the
member State concerned"; a member may state its views on particular aspects of a decision, which are placed on
record and do not prevent the decision as a whole.

Our reading, for a written procedure that runs between an opening and a close
------------------------------------------------------------------------------
A procedure is *open* from its opening until it closes. It closes at its deadline, or earlier when the chair or the
secretariat closes it (``closed_at``); whichever comes first is the *close*. A position recorded at or after the
close is late and counts for nothing. Until the close every state may change its position, so an open procedure
has no outcome yet: an objection recorded while open can still be withdrawn.

Each eligible state holds at most one position: ``support``, ``no_objection``, ``objection`` (with reasons) or
``statement`` (a statement of views: placed on record, never blocks). The states that *count* are the eligible states
(the body's members on the opening date that may see the subject; README.md), less the state concerned under
consensus minus one. Positions of states that do not count are kept on record but never change the outcome.

At the close:

``consensus`` (art. 16)
    *blocked* if any counting state objects; otherwise *adopted* if every counting state has recorded a position
    (support, no objection or a statement of views); otherwise *lapsed*.
    Why silence is not consent here: art. 16 speaks of objections raised "during consideration". At a meeting every
    delegation sits at the table, so a member that says nothing has considered the text and not objected. In a
    written procedure a state that recorded nothing may simply not have considered the text at all; treating its
    silence as consent would let a text pass that a member never looked at. So a written consensus needs every
    counting state to have spoken; if one has not, no consensus was established and the procedure *lapses*: nothing
    is adopted and nobody blocked it, and the subject may be put to a new procedure.

``silence`` (silence procedure)
    The body agreed beforehand that silence is consent. At the deadline the text is *blocked* if a counting state has
    objected and *adopted* otherwise, whoever has spoken. If the chair closes a silence procedure *before* its
    deadline, the silence period has not run out, so silence cannot count yet: the procedure is then decided as a
    consensus (blocked on an objection, adopted only if every counting state has spoken, lapsed otherwise).

``consensus_minus_one`` (suspension-type matters)
    As consensus, with the state concerned left out of the count: its objection does not block and its silence does
    not make the procedure lapse. The state concerned must be one of the eligible states.

If no state counts at all (an empty body, or a body whose only member is the state concerned), nobody can agree,
so the procedure *lapses* at the close.

*Blocked* always wins over *lapsed*: one objection is enough to decide that the text is not adopted.
"""

from __future__ import annotations

import enum
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from fractions import Fraction
from typing import Generic, TypeVar

S = TypeVar("S", bound=Hashable)


class Rule(enum.StrEnum):
    CONSENSUS = "consensus"
    SILENCE = "silence"
    CONSENSUS_MINUS_ONE = "consensus_minus_one"


class PositionKind(enum.StrEnum):
    SUPPORT = "support"
    NO_OBJECTION = "no_objection"
    OBJECTION = "objection"
    STATEMENT = "statement"


class Status(enum.StrEnum):
    OPEN = "open"
    ADOPTED = "adopted"
    BLOCKED = "blocked"
    LAPSED = "lapsed"


@dataclass(frozen=True)
class PositionEvent(Generic[S]):
    """One recording of a state's position. ``seq`` orders recordings made at the same instant (e.g. a row id)."""

    at: datetime
    seq: int
    state: S
    kind: PositionKind


@dataclass(frozen=True)
class Outcome(Generic[S]):
    """Where a procedure stands.

    ``objecting`` and ``silent`` describe the counting states: while open they say how it would stand now, at the
    close they explain the outcome (who blocked; who had not spoken when a consensus lapsed).
    """

    status: Status
    closes_at: datetime
    objecting: frozenset[S]
    silent: frozenset[S]

    @property
    def is_final(self) -> bool:
        return self.status is not Status.OPEN


def closing_time(*, deadline: datetime, closed_at: datetime | None = None) -> datetime:
    """The instant the procedure closes: its deadline, or the earlier moment someone closed it."""
    if closed_at is not None and closed_at < deadline:
        return closed_at
    return deadline


def is_open(*, now: datetime, deadline: datetime, closed_at: datetime | None = None) -> bool:
    return now < closing_time(deadline=deadline, closed_at=closed_at)


def counting_states(*, rule: Rule, eligible: Iterable[S], concerned: S | None = None) -> frozenset[S]:
    """The eligible states whose positions decide, after checking that ``concerned`` fits the rule."""
    states = frozenset(eligible)
    if rule is Rule.CONSENSUS_MINUS_ONE:
        if concerned is None or concerned not in states:
            raise ValueError("consensus minus one needs the state concerned, and it must be eligible")
        return states - {concerned}
    if concerned is not None:
        raise ValueError(f"only consensus minus one has a state concerned, not {rule.value}")
    return states


def current_positions(events: Iterable[PositionEvent[S]], *, before: datetime | None = None) -> dict[S, PositionKind]:
    """Each state's last position recorded before ``before`` (all of them if ``before`` is None).

    The last is the greatest ``(at, seq)``, so the result does not depend on the order the events are given in.
    """
    latest: dict[S, PositionEvent[S]] = {}
    for event in events:
        if before is not None and event.at >= before:
            continue
        held = latest.get(event.state)
        if held is None or (event.at, event.seq) > (held.at, held.seq):
            latest[event.state] = event
    return {state: event.kind for state, event in latest.items()}


def consensus_outcome(
    *,
    rule: Rule,
    eligible: Iterable[S],
    positions: Mapping[S, PositionKind],
    now: datetime,
    deadline: datetime,
    closed_at: datetime | None = None,
    concerned: S | None = None,
) -> Outcome[S]:
    """The outcome at ``now`` of a procedure under ``rule``; see the module docstring for the reading of each rule.

    ``positions`` are the positions held at the close (or now, if still open); late ones must already be left out,
    e.g. with ``current_positions(events, before=closing_time(...))``. Positions of states that do not count are
    ignored. Raises ``ValueError`` if ``concerned`` does not fit ``rule``.
    """
    counting = counting_states(rule=rule, eligible=eligible, concerned=concerned)
    closes_at = closing_time(deadline=deadline, closed_at=closed_at)
    objecting = frozenset(s for s in counting if positions.get(s) is PositionKind.OBJECTION)
    silent = frozenset(s for s in counting if s not in positions)

    if now < closes_at:
        status = Status.OPEN
    elif objecting:
        status = Status.BLOCKED
    elif not counting:
        status = Status.LAPSED
    elif rule is Rule.SILENCE and closes_at >= deadline:
        status = Status.ADOPTED
    elif silent:
        status = Status.LAPSED
    else:
        status = Status.ADOPTED
    return Outcome(status=status, closes_at=closes_at, objecting=objecting, silent=silent)


def outcome_from_events(
    *,
    rule: Rule,
    eligible: Iterable[S],
    events: Iterable[PositionEvent[S]],
    now: datetime,
    deadline: datetime,
    closed_at: datetime | None = None,
    concerned: S | None = None,
) -> Outcome[S]:
    """``consensus_outcome`` over the history of recordings: late recordings and superseded positions drop out."""
    closes_at = closing_time(deadline=deadline, closed_at=closed_at)
    return consensus_outcome(
        rule=rule,
        eligible=eligible,
        positions=current_positions(events, before=closes_at),
        now=now,
        deadline=deadline,
        closed_at=closed_at,
        concerned=concerned,
    )


def extension_allowed(*, now: datetime, deadline: datetime, closed_at: datetime | None, new_deadline: datetime) -> bool:
    """A procedure can be extended only while open, and only to a later deadline."""
    return is_open(now=now, deadline=deadline, closed_at=closed_at) and new_deadline > deadline


# --- Weighted votes of a board (a bank's or a fund's) ---------------------------------------------------------------
#
# Not an SCO body rule: the boards of development banks and funds vote by capital shares. Three rules, as in the
# research notes' survey (AIIB Articles: "Super Majority" = two thirds of Governors holding three quarters of the voting
# power; EDB: unanimity of the Council for the redistribution of capital):
#
# ``weighted_majority``
#     adopted when the capital shares voting yes reach the share quota of all members' shares (by default more than
#     half). Members who abstain or do not vote count in the whole, not in the yes.
# ``double_majority``
#     as weighted majority, and the members voting yes also reach the member quota of all members (states).
# ``unanimity`` (reserved matters)
#     adopted only when every member votes yes; one no or one abstention defeats it.
#
# A ballot, once cast, is final. So the outcome can be known before the close: *adopted* as soon as the yes votes
# already meet the rule (more yes votes cannot undo it), *rejected* as soon as even every outstanding member voting
# yes could not meet it. At the close, whatever is not adopted is rejected.


class BoardRule(enum.StrEnum):
    WEIGHTED_MAJORITY = "weighted_majority"
    DOUBLE_MAJORITY = "double_majority"
    UNANIMITY = "unanimity"


class Ballot(enum.StrEnum):
    YES = "yes"
    NO = "no"
    ABSTAIN = "abstain"


class VoteStatus(enum.StrEnum):
    OPEN = "open"
    ADOPTED = "adopted"
    REJECTED = "rejected"


@dataclass(frozen=True)
class Quota:
    """A part of a whole: at least ``fraction`` of it, or more than ``fraction`` when ``strict``."""

    fraction: Fraction
    strict: bool = False

    def met(self, part: Fraction, whole: Fraction) -> bool:
        if whole <= 0:
            return False
        share = part / whole
        return share > self.fraction if self.strict else share >= self.fraction


SIMPLE_MAJORITY = Quota(Fraction(1, 2), strict=True)


@dataclass(frozen=True)
class WeightedOutcome(Generic[S]):
    status: VoteStatus
    yes_weight: Fraction
    total_weight: Fraction
    yes_members: frozenset[S]
    members: frozenset[S]
    outstanding: frozenset[S]

    @property
    def yes_share(self) -> Fraction:
        return self.yes_weight / self.total_weight if self.total_weight else Fraction(0)


def _rule_met(
    rule: BoardRule,
    *,
    yes_weight: Fraction,
    total_weight: Fraction,
    yes_count: int,
    member_count: int,
    share_quota: Quota,
    member_quota: Quota,
) -> bool:
    if rule is BoardRule.UNANIMITY:
        return member_count > 0 and yes_count == member_count
    shares_ok = share_quota.met(yes_weight, total_weight)
    if rule is BoardRule.WEIGHTED_MAJORITY:
        return shares_ok
    return shares_ok and member_quota.met(Fraction(yes_count), Fraction(member_count))


def weighted_outcome(
    *,
    rule: BoardRule,
    weights: Mapping[S, Fraction | Decimal | int],
    ballots: Mapping[S, Ballot],
    closed: bool,
    share_quota: Quota = SIMPLE_MAJORITY,
    member_quota: Quota = SIMPLE_MAJORITY,
) -> WeightedOutcome[S]:
    """The outcome of a board vote. ``weights`` are the members' capital shares (any unit: only ratios matter);
    ballots of non-members are ignored. Raises ``ValueError`` on a negative weight."""
    exact = {member: Fraction(w) for member, w in weights.items()}
    if any(w < 0 for w in exact.values()):
        raise ValueError("a capital share cannot be negative")
    members = frozenset(exact)
    total = sum(exact.values(), Fraction(0))
    cast = {m: b for m, b in ballots.items() if m in members}
    yes = frozenset(m for m, b in cast.items() if b is Ballot.YES)
    outstanding = members - frozenset(cast)
    yes_weight = sum((exact[m] for m in yes), Fraction(0))

    def met(yes_members: frozenset[S], weight: Fraction) -> bool:
        return _rule_met(
            rule,
            yes_weight=weight,
            total_weight=total,
            yes_count=len(yes_members),
            member_count=len(members),
            share_quota=share_quota,
            member_quota=member_quota,
        )

    if met(yes, yes_weight):
        status = VoteStatus.ADOPTED
    elif closed or not met(yes | outstanding, yes_weight + sum((exact[m] for m in outstanding), Fraction(0))):
        status = VoteStatus.REJECTED
    else:
        status = VoteStatus.OPEN
    return WeightedOutcome(
        status=status,
        yes_weight=yes_weight,
        total_weight=total,
        yes_members=yes,
        members=members,
        outstanding=outstanding,
    )
