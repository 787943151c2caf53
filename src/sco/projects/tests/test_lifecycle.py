from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from sco.projects.lifecycle import (
    OPEN,
    TERMINAL,
    TRANSITIONS,
    Check,
    Refusal,
    Role,
    Status,
    evaluate,
    next_steps,
    reachable,
    transitions_from,
)

ALL_TRUE = dict.fromkeys(Check, True)


def test_every_state_is_reachable_from_draft() -> None:
    assert reachable(Status.DRAFT) == frozenset(Status)


def test_terminal_states_have_no_way_out() -> None:
    for status in TERMINAL:
        assert transitions_from(status) == ()


def test_every_open_state_can_be_withdrawn_by_the_sponsor_and_cancelled_by_the_secretariat() -> None:
    for status in OPEN:
        assert evaluate("withdraw", status=status, roles={Role.SPONSOR}, facts={}).allowed
        assert evaluate("cancel", status=status, roles={Role.SECRETARIAT}, facts={Check.REASON_GIVEN: True}).allowed


def test_the_happy_path_from_draft_to_completion_is_legal_for_the_right_roles() -> None:
    path = [
        ("submit", Role.SPONSOR),
        ("start_screening", Role.SECRETARIAT),
        ("open_discussion", Role.SECRETARIAT),
        ("start_appraisal", Role.SECRETARIAT),
        ("refer_to_decision", Role.CHAIR),
        ("approve", Role.SECRETARIAT),
        ("start_financing", Role.SECRETARIAT),
        ("start_implementation", Role.SPONSOR),
        ("complete", Role.SPONSOR),
    ]
    status = Status.DRAFT
    for name, role in path:
        verdict = evaluate(name, status=status, roles={role}, facts=ALL_TRUE)
        assert verdict.allowed, name
        assert verdict.transition is not None
        status = verdict.transition.target
    assert status is Status.COMPLETED


def test_a_transition_from_the_wrong_state_is_refused() -> None:
    verdict = evaluate("approve", status=Status.DRAFT, roles={Role.SECRETARIAT}, facts=ALL_TRUE)
    assert not verdict.allowed and verdict.refusal is Refusal.WRONG_STATE


def test_a_sponsor_cannot_screen_their_own_project() -> None:
    verdict = evaluate("open_discussion", status=Status.SCREENING, roles={Role.SPONSOR}, facts=ALL_TRUE)
    assert verdict.refusal is Refusal.NOT_ALLOWED


def test_a_missing_fact_counts_as_a_failed_precondition() -> None:
    verdict = evaluate("submit", status=Status.DRAFT, roles={Role.SPONSOR}, facts={})
    assert verdict.refusal is Refusal.PRECONDITION
    assert verdict.failed_checks == (Check.REQUIRED_FIELDS_COMPLETE,)


def test_approval_needs_an_adopted_decision() -> None:
    facts = {**ALL_TRUE, Check.DECISION_ADOPTED: False}
    verdict = evaluate("approve", status=Status.DECISION, roles={Role.CHAIR}, facts=facts)
    assert verdict.failed_checks == (Check.DECISION_ADOPTED,)


def test_an_unknown_transition_is_refused() -> None:
    assert evaluate("teleport", status=Status.DRAFT, roles=set(Role), facts=ALL_TRUE).refusal is Refusal.UNKNOWN


def test_next_steps_only_lists_what_the_roles_may_take() -> None:
    names = {t.name for t in next_steps(status=Status.DRAFT, roles={Role.SPONSOR})}
    assert names == {"submit", "withdraw"}
    assert {t.name for t in next_steps(status=Status.DRAFT, roles={Role.SECRETARIAT})} == {"cancel"}


def test_transition_names_are_unique() -> None:
    assert len({t.name for t in TRANSITIONS}) == len(TRANSITIONS)


@given(
    status=st.sampled_from(list(Status)),
    roles=st.sets(st.sampled_from(list(Role))),
    name=st.sampled_from([t.name for t in TRANSITIONS]),
    facts=st.dictionaries(st.sampled_from(list(Check)), st.booleans()),
)
def test_an_allowed_transition_always_starts_from_its_source_and_needs_a_listed_role(
    status: Status, roles: set[Role], name: str, facts: dict[Check, bool]
) -> None:
    verdict = evaluate(name, status=status, roles=roles, facts=facts)
    if verdict.allowed:
        assert verdict.transition is not None
        assert status in verdict.transition.sources
        assert verdict.transition.roles & roles
        assert all(facts.get(c) for c in verdict.transition.checks)
