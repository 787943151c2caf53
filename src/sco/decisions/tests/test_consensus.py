"""The pure rule of decision procedures: examples first, then properties (hypothesis)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sco.decisions.consensus import (
    Outcome,
    PositionEvent,
    PositionKind,
    Rule,
    Status,
    closing_time,
    consensus_outcome,
    current_positions,
    extension_allowed,
    is_open,
    outcome_from_events,
)

OPENED = datetime(2025, 9, 1, 9, 0, tzinfo=UTC)
DEADLINE = OPENED + timedelta(days=14)
AFTER = DEADLINE + timedelta(seconds=1)
BEFORE = DEADLINE - timedelta(days=1)
MEMBERS = frozenset({"BY", "CN", "IN", "IR", "KZ", "KG", "PK", "RU", "TJ", "UZ"})

SUPPORT = PositionKind.SUPPORT
NO_OBJECTION = PositionKind.NO_OBJECTION
OBJECTION = PositionKind.OBJECTION
STATEMENT = PositionKind.STATEMENT
NOT_BLOCKING = (SUPPORT, NO_OBJECTION, STATEMENT)


def outcome(
    rule: Rule,
    positions: dict[str, PositionKind],
    *,
    now: datetime = AFTER,
    closed_at: datetime | None = None,
    concerned: str | None = None,
    eligible: frozenset[str] = MEMBERS,
) -> Outcome[str]:
    return consensus_outcome(
        rule=rule,
        eligible=eligible,
        positions=positions,
        now=now,
        deadline=DEADLINE,
        closed_at=closed_at,
        concerned=concerned,
    )


def everyone(kind: PositionKind) -> dict[str, PositionKind]:
    return dict.fromkeys(MEMBERS, kind)


# Examples


def test_consensus_with_every_state_in_support_is_adopted_at_the_deadline() -> None:
    result = outcome(Rule.CONSENSUS, everyone(SUPPORT))
    assert result.status is Status.ADOPTED
    assert result.objecting == frozenset()
    assert result.silent == frozenset()
    assert result.closes_at == DEADLINE


def test_a_procedure_is_open_before_its_deadline_even_with_an_objection_on_record() -> None:
    result = outcome(Rule.CONSENSUS, {**everyone(SUPPORT), "IN": OBJECTION}, now=BEFORE)
    assert result.status is Status.OPEN
    assert result.objecting == {"IN"}
    assert not result.is_final


def test_one_objection_blocks_a_consensus_and_names_the_objecting_state() -> None:
    result = outcome(Rule.CONSENSUS, {**everyone(SUPPORT), "IN": OBJECTION})
    assert result.status is Status.BLOCKED
    assert result.objecting == {"IN"}


def test_a_consensus_lapses_when_a_state_has_recorded_nothing_by_the_close() -> None:
    positions = everyone(SUPPORT)
    del positions["PK"]
    result = outcome(Rule.CONSENSUS, positions)
    assert result.status is Status.LAPSED
    assert result.silent == {"PK"}


def test_an_objection_blocks_even_when_other_states_were_silent() -> None:
    result = outcome(Rule.CONSENSUS, {"IN": OBJECTION})
    assert result.status is Status.BLOCKED


def test_statements_of_views_and_no_objections_make_a_consensus() -> None:
    positions = {s: (STATEMENT if i % 2 else NO_OBJECTION) for i, s in enumerate(sorted(MEMBERS))}
    assert outcome(Rule.CONSENSUS, positions).status is Status.ADOPTED


def test_silence_procedure_adopts_at_the_deadline_when_nobody_spoke() -> None:
    assert outcome(Rule.SILENCE, {}).status is Status.ADOPTED


def test_silence_procedure_is_blocked_by_an_objection_recorded_before_the_deadline() -> None:
    result = outcome(Rule.SILENCE, {"RU": OBJECTION})
    assert result.status is Status.BLOCKED
    assert result.objecting == {"RU"}


def test_silence_procedure_closed_early_by_the_chair_does_not_take_silence_as_consent() -> None:
    result = outcome(Rule.SILENCE, {"CN": SUPPORT}, closed_at=BEFORE, now=BEFORE)
    assert result.status is Status.LAPSED
    assert result.closes_at == BEFORE


def test_silence_procedure_closed_early_with_every_state_agreeing_is_adopted() -> None:
    assert outcome(Rule.SILENCE, everyone(NO_OBJECTION), closed_at=BEFORE, now=BEFORE).status is Status.ADOPTED


def test_consensus_closed_early_by_the_chair_is_decided_at_that_moment() -> None:
    result = outcome(Rule.CONSENSUS, everyone(SUPPORT), closed_at=BEFORE, now=BEFORE)
    assert result.status is Status.ADOPTED
    assert result.closes_at == BEFORE


def test_closing_after_the_deadline_changes_nothing_the_deadline_already_closed_it() -> None:
    assert closing_time(deadline=DEADLINE, closed_at=AFTER) == DEADLINE
    assert outcome(Rule.SILENCE, {}, closed_at=AFTER).status is Status.ADOPTED


def test_the_procedure_is_closed_at_the_exact_deadline_instant() -> None:
    assert not is_open(now=DEADLINE, deadline=DEADLINE)
    assert is_open(now=DEADLINE - timedelta(microseconds=1), deadline=DEADLINE)
    assert outcome(Rule.CONSENSUS, everyone(SUPPORT), now=DEADLINE).status is Status.ADOPTED


def test_consensus_minus_one_ignores_the_objection_of_the_state_concerned() -> None:
    result = outcome(Rule.CONSENSUS_MINUS_ONE, {**everyone(SUPPORT), "BY": OBJECTION}, concerned="BY")
    assert result.status is Status.ADOPTED
    assert result.objecting == frozenset()


def test_consensus_minus_one_does_not_wait_for_the_state_concerned() -> None:
    positions = everyone(SUPPORT)
    del positions["BY"]
    assert outcome(Rule.CONSENSUS_MINUS_ONE, positions, concerned="BY").status is Status.ADOPTED


def test_consensus_minus_one_is_blocked_by_any_other_state() -> None:
    positions = {**everyone(SUPPORT), "BY": OBJECTION, "KG": OBJECTION}
    result = outcome(Rule.CONSENSUS_MINUS_ONE, positions, concerned="BY")
    assert result.status is Status.BLOCKED
    assert result.objecting == {"KG"}


def test_consensus_minus_one_without_a_state_concerned_is_refused() -> None:
    with pytest.raises(ValueError, match="state concerned"):
        outcome(Rule.CONSENSUS_MINUS_ONE, {})


def test_consensus_minus_one_with_a_state_concerned_that_is_not_eligible_is_refused() -> None:
    with pytest.raises(ValueError, match="state concerned"):
        outcome(Rule.CONSENSUS_MINUS_ONE, {}, concerned="TR")


def test_a_state_concerned_under_plain_consensus_is_refused() -> None:
    with pytest.raises(ValueError, match="only consensus minus one"):
        outcome(Rule.CONSENSUS, {}, concerned="BY")


def test_a_procedure_with_nobody_to_agree_lapses() -> None:
    assert outcome(Rule.SILENCE, {}, eligible=frozenset()).status is Status.LAPSED
    assert outcome(Rule.CONSENSUS_MINUS_ONE, {}, eligible=frozenset({"BY"}), concerned="BY").status is Status.LAPSED


def test_positions_of_states_that_are_not_eligible_are_ignored() -> None:
    assert outcome(Rule.CONSENSUS, {**everyone(SUPPORT), "TR": OBJECTION}).status is Status.ADOPTED


def test_the_last_recorded_position_of_a_state_is_the_one_that_counts() -> None:
    events = [
        PositionEvent(at=OPENED + timedelta(days=1), seq=1, state="IN", kind=OBJECTION),
        PositionEvent(at=OPENED + timedelta(days=2), seq=2, state="IN", kind=STATEMENT),
    ]
    assert current_positions(events) == {"IN": STATEMENT}


def test_recordings_at_the_same_instant_are_ordered_by_sequence() -> None:
    events = [
        PositionEvent(at=BEFORE, seq=7, state="IN", kind=SUPPORT),
        PositionEvent(at=BEFORE, seq=3, state="IN", kind=OBJECTION),
    ]
    assert current_positions(events) == {"IN": SUPPORT}


def test_a_position_recorded_at_or_after_the_close_does_not_count() -> None:
    events = [PositionEvent(at=OPENED, seq=i, state=s, kind=SUPPORT) for i, s in enumerate(sorted(MEMBERS))]
    events.append(PositionEvent(at=DEADLINE, seq=99, state="IN", kind=OBJECTION))
    result = outcome_from_events(rule=Rule.CONSENSUS, eligible=MEMBERS, events=events, now=AFTER, deadline=DEADLINE)
    assert result.status is Status.ADOPTED


def test_an_extension_must_come_while_open_and_move_the_deadline_later() -> None:
    later = DEADLINE + timedelta(days=7)
    assert extension_allowed(now=BEFORE, deadline=DEADLINE, closed_at=None, new_deadline=later)
    assert not extension_allowed(now=BEFORE, deadline=DEADLINE, closed_at=None, new_deadline=BEFORE)
    assert not extension_allowed(now=AFTER, deadline=DEADLINE, closed_at=None, new_deadline=later)
    assert not extension_allowed(now=BEFORE, deadline=DEADLINE, closed_at=BEFORE, new_deadline=later)


# Properties

states = st.sampled_from(sorted(MEMBERS))
kinds = st.sampled_from(list(PositionKind))
rules = st.sampled_from(list(Rule))
eligible_sets = st.frozensets(states, min_size=1)
position_maps = st.dictionaries(states, kinds)
moments = st.integers(min_value=-20 * 24, max_value=20 * 24).map(lambda h: DEADLINE + timedelta(hours=h))
closings = st.none() | moments


@st.composite
def procedures(draw: st.DrawFn) -> dict[str, object]:
    """A procedure's arguments: rule, eligible states (with the state concerned when the rule needs one), times."""
    rule = draw(rules)
    eligible = draw(eligible_sets)
    concerned = draw(st.sampled_from(sorted(eligible))) if rule is Rule.CONSENSUS_MINUS_ONE else None
    return {
        "rule": rule,
        "eligible": eligible,
        "concerned": concerned,
        "now": draw(moments),
        "deadline": DEADLINE,
        "closed_at": draw(closings),
    }


@st.composite
def event_lists(draw: st.DrawFn) -> list[PositionEvent[str]]:
    n = draw(st.integers(min_value=0, max_value=30))
    return [
        PositionEvent(at=draw(moments), seq=seq, state=draw(states), kind=draw(kinds))
        for seq in draw(st.permutations(range(n)))
    ]


def counting(proc: dict[str, object]) -> frozenset[str]:
    eligible: frozenset[str] = proc["eligible"]  # type: ignore[assignment]
    return eligible - {proc["concerned"]}


@given(procedures(), event_lists(), st.randoms())
def test_the_outcome_never_depends_on_the_order_positions_arrive_in(proc, events, rnd) -> None:
    shuffled = list(events)
    rnd.shuffle(shuffled)
    assert outcome_from_events(events=events, **proc) == outcome_from_events(events=shuffled, **proc)


@given(procedures(), position_maps)
def test_the_outcome_never_depends_on_the_order_of_the_positions_mapping(proc, positions) -> None:
    reordered = dict(reversed(list(positions.items())))
    assert consensus_outcome(positions=positions, **proc) == consensus_outcome(positions=reordered, **proc)


@given(procedures(), position_maps, st.data())
def test_one_objection_at_the_close_always_blocks(proc, positions, data) -> None:
    voters = sorted(counting(proc))
    if not voters:
        return
    objector = data.draw(st.sampled_from(voters))
    proc["now"] = max(proc["now"], closing_time(deadline=DEADLINE, closed_at=proc["closed_at"]))
    result = consensus_outcome(positions={**positions, objector: OBJECTION}, **proc)
    assert result.status is Status.BLOCKED
    assert objector in result.objecting


@given(eligible_sets, position_maps, moments, closings, st.data())
def test_the_state_concerned_never_blocks_consensus_minus_one(eligible, positions, now, closed_at, data) -> None:
    concerned = data.draw(st.sampled_from(sorted(eligible)))
    common = {"rule": Rule.CONSENSUS_MINUS_ONE, "eligible": eligible, "concerned": concerned, "now": now}
    common |= {"deadline": DEADLINE, "closed_at": closed_at}
    others = {s: k for s, k in positions.items() if s != concerned}
    objecting = consensus_outcome(positions={**others, concerned: OBJECTION}, **common)
    assert concerned not in objecting.objecting
    for kind in [*NOT_BLOCKING, None]:
        alternative = others if kind is None else {**others, concerned: kind}
        assert consensus_outcome(positions=alternative, **common) == objecting


@given(procedures(), position_maps)
def test_before_the_close_a_procedure_is_always_open_and_after_it_never(proc, positions) -> None:
    result = consensus_outcome(positions=positions, **proc)
    assert (result.status is Status.OPEN) == (proc["now"] < result.closes_at)


@given(procedures(), position_maps, moments)
def test_once_closed_the_outcome_no_longer_depends_on_when_it_is_read(proc, positions, later) -> None:
    closes_at = closing_time(deadline=DEADLINE, closed_at=proc["closed_at"])
    first = consensus_outcome(positions=positions, **{**proc, "now": max(proc["now"], closes_at)})
    second = consensus_outcome(positions=positions, **{**proc, "now": max(later, closes_at)})
    assert first == second


@given(procedures(), position_maps, states, st.sampled_from(NOT_BLOCKING))
def test_adding_a_support_never_turns_adopted_into_anything_else(proc, positions, state, kind) -> None:
    if positions.get(state) is OBJECTION:
        return
    before = consensus_outcome(positions=positions, **proc)
    after = consensus_outcome(positions={**positions, state: kind}, **proc)
    if before.status is Status.ADOPTED:
        assert after.status is Status.ADOPTED


@given(procedures(), position_maps, states)
def test_withdrawing_an_objection_never_turns_adopted_or_lapsed_into_blocked(proc, positions, state) -> None:
    with_objection = consensus_outcome(positions={**positions, state: OBJECTION}, **proc)
    for kind in NOT_BLOCKING:
        without = consensus_outcome(positions={**positions, state: kind}, **proc)
        assert without.status is not Status.BLOCKED or with_objection.status is Status.BLOCKED


@given(procedures(), position_maps)
def test_a_statement_of_views_never_blocks_it_weighs_as_no_objection(proc, positions) -> None:
    as_statements = {s: (STATEMENT if k is not OBJECTION else k) for s, k in positions.items()}
    as_no_objection = {s: (NO_OBJECTION if k is not OBJECTION else k) for s, k in positions.items()}
    a = consensus_outcome(positions=as_statements, **proc)
    b = consensus_outcome(positions=as_no_objection, **proc)
    assert a == b


@given(procedures(), st.lists(st.sampled_from(NOT_BLOCKING)))
def test_without_any_objection_nothing_is_ever_blocked(proc, kinds_) -> None:
    positions = dict(zip(sorted(proc["eligible"]), kinds_, strict=False))
    assert consensus_outcome(positions=positions, **proc).status is not Status.BLOCKED


@given(procedures(), position_maps)
def test_blocked_names_only_counting_states_that_objected(proc, positions) -> None:
    result = consensus_outcome(positions=positions, **proc)
    assert result.objecting == {s for s in counting(proc) if positions.get(s) is OBJECTION}
    if result.status is Status.BLOCKED:
        assert result.objecting


@given(eligible_sets, position_maps, moments, closings)
def test_silence_adopts_whenever_consensus_adopts_and_blocks_exactly_when_it_blocks(
    eligible, positions, now, closed_at
) -> None:
    common = {"eligible": eligible, "positions": positions, "now": now, "deadline": DEADLINE, "closed_at": closed_at}
    consensus = consensus_outcome(rule=Rule.CONSENSUS, **common)
    silence = consensus_outcome(rule=Rule.SILENCE, **common)
    if consensus.status is Status.ADOPTED:
        assert silence.status is Status.ADOPTED
    assert (consensus.status is Status.BLOCKED) == (silence.status is Status.BLOCKED)


@given(eligible_sets, position_maps)
def test_at_its_deadline_a_silence_procedure_is_only_ever_adopted_or_blocked(eligible, positions) -> None:
    result = consensus_outcome(rule=Rule.SILENCE, eligible=eligible, positions=positions, now=AFTER, deadline=DEADLINE)
    assert result.status in {Status.ADOPTED, Status.BLOCKED}


@given(procedures(), position_maps)
def test_a_consensus_lapses_exactly_when_no_one_objected_and_someone_counting_stayed_silent(proc, positions) -> None:
    if proc["rule"] is Rule.SILENCE:
        return
    result = consensus_outcome(positions=positions, **proc)
    if result.status is Status.OPEN:
        return
    voters = counting(proc)
    silent = any(s not in positions for s in voters)
    objected = any(positions.get(s) is OBJECTION for s in voters)
    assert (result.status is Status.LAPSED) == ((not objected and silent) or not voters)


@settings(max_examples=200)
@given(procedures(), event_lists())
def test_recordings_at_or_after_the_close_never_change_the_outcome(proc, events) -> None:
    closes_at = closing_time(deadline=DEADLINE, closed_at=proc["closed_at"])
    in_time = [e for e in events if e.at < closes_at]
    assert outcome_from_events(events=events, **proc) == outcome_from_events(events=in_time, **proc)


@given(procedures(), position_maps, st.dictionaries(st.sampled_from(["TR", "AZ", "AM"]), kinds))
def test_positions_of_states_outside_the_count_never_change_the_outcome(proc, positions, strangers) -> None:
    assert consensus_outcome(positions={**positions, **strangers}, **proc) == consensus_outcome(
        positions=positions, **proc
    )
