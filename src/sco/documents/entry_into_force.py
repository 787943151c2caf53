"""When a document enters into force, computed from its own rule (pure, no Django).

The rules follow the clauses SCO agreements use: in force on signature; on the date of the last
notification that the parties' internal procedures are complete (the depositary receives them);
or N days after the depositary receives the Nth such notification. Declarations and decisions
have no consent-to-be-bound step: they take effect on adoption.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum


class RuleKind(StrEnum):
    ON_ADOPTION = "on_adoption"
    ON_SIGNATURE = "on_signature"
    ON_LAST_NOTIFICATION = "on_last_notification"
    DAYS_AFTER_NTH_NOTIFICATION = "days_after_nth_notification"


class RuleError(ValueError):
    """The rule itself is malformed (e.g. a count of zero)."""


@dataclass(frozen=True)
class EntryIntoForceRule:
    kind: RuleKind
    # DAYS_AFTER_NTH_NOTIFICATION: in force `days` days after the `count`-th notification.
    # For ON_LAST_NOTIFICATION `days` may also be set ("on the 30th day after the last notification").
    count: int | None = None
    days: int = 0

    def __post_init__(self) -> None:
        if self.days < 0:
            raise RuleError("days must not be negative")
        if self.kind is RuleKind.DAYS_AFTER_NTH_NOTIFICATION:
            if self.count is None or self.count < 1:
                raise RuleError("the Nth-notification rule needs a count of at least 1")
        elif self.count is not None:
            raise RuleError("only the Nth-notification rule takes a count")

    @property
    def needs_ratification(self) -> bool:
        return self.kind in (RuleKind.ON_LAST_NOTIFICATION, RuleKind.DAYS_AFTER_NTH_NOTIFICATION)

    @property
    def needs_signature(self) -> bool:
        return self.kind is not RuleKind.ON_ADOPTION


@dataclass(frozen=True)
class StateSteps:
    """What one state has done, as dates (None: not yet)."""

    signed_on: date | None = None
    notified_on: date | None = None


def entry_into_force_date(
    rule: EntryIntoForceRule,
    *,
    parties: Iterable[str],
    steps: Mapping[str, StateSteps],
    adopted_on: date | None = None,
) -> date | None:
    """The date the document enters into force, or None if its condition is not yet met.

    `parties` are the states whose acts count (the negotiating states for "last notification" and
    "on signature"); steps of states outside `parties` are ignored. A notification only counts
    if the state has also signed (a notification without signature is an accession, handled
    by the caller as signature plus notification on the same day).
    """
    party_set = frozenset(parties)
    if rule.kind is RuleKind.ON_ADOPTION:
        return adopted_on
    if not party_set:
        return None
    delay = timedelta(days=rule.days)
    if rule.kind is RuleKind.ON_SIGNATURE:
        dates = [steps[s].signed_on if s in steps else None for s in party_set]
        if any(d is None for d in dates):
            return None
        return max(d for d in dates if d is not None) + delay
    notified = sorted(
        st.notified_on
        for s, st in steps.items()
        if s in party_set and st.notified_on is not None and st.signed_on is not None
    )
    if rule.kind is RuleKind.ON_LAST_NOTIFICATION:
        if len(notified) < len(party_set):
            return None
        return notified[-1] + delay
    assert rule.count is not None
    if len(notified) < rule.count:
        return None
    return notified[rule.count - 1] + delay


def entry_into_force_for_state(
    rule: EntryIntoForceRule,
    *,
    state: str,
    in_force_on: date | None,
    steps: StateSteps,
) -> date | None:
    """When the document is in force for one state.

    For a state that notifies after the general entry into force, the same delay runs from its own
    notification (the usual clause "for a state that notifies later, on the Nth day after ...").
    """
    if in_force_on is None:
        return None
    if not rule.needs_ratification:
        if rule.kind is RuleKind.ON_SIGNATURE and steps.signed_on is None:
            return None
        return in_force_on
    if steps.notified_on is None or steps.signed_on is None:
        return None
    return max(in_force_on, steps.notified_on + timedelta(days=rule.days))
