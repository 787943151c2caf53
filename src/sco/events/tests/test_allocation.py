from datetime import UTC, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sco.events.allocation import (
    HOLDS_PLACE,
    Audience,
    CapacityFull,
    NotEligible,
    RegistrationClosed,
    Status,
    TransitionRefused,
    check_eligible,
    check_transition,
    check_window,
    status_on_register,
    to_promote,
)


def test_the_first_registration_waits_for_approval_and_the_second_waits_for_a_place():
    assert status_on_register(capacity=1, held=0, needs_approval=True) is Status.PENDING
    assert status_on_register(capacity=1, held=1, needs_approval=True) is Status.WAITLISTED


def test_without_approval_a_free_place_is_approved_at_once_and_no_limit_never_waits():
    assert status_on_register(capacity=2, held=1, needs_approval=False) is Status.APPROVED
    assert status_on_register(capacity=None, held=10_000, needs_approval=False) is Status.APPROVED


def test_a_full_form_without_a_waiting_list_refuses():
    with pytest.raises(CapacityFull):
        status_on_register(capacity=1, held=1, needs_approval=True, waitlist=False)


def test_freed_places_go_to_the_earliest_on_the_waiting_list():
    assert to_promote(capacity=3, held=1, waiting=["w1", "w2", "w3"]) == ["w1", "w2"]
    assert to_promote(capacity=3, held=3, waiting=["w1"]) == []
    assert to_promote(capacity=None, held=3, waiting=["w1"]) == ["w1"]


def test_a_waiting_registration_is_approved_only_when_a_place_is_free():
    check_transition(Status.WAITLISTED, Status.APPROVED, capacity=2, held=1)
    with pytest.raises(CapacityFull):
        check_transition(Status.WAITLISTED, Status.APPROVED, capacity=1, held=1)


def test_a_declined_registration_cannot_be_approved_later():
    with pytest.raises(TransitionRefused):
        check_transition(Status.DECLINED, Status.APPROVED, capacity=None, held=0)


def test_registration_after_the_deadline_is_refused():
    deadline = datetime(2024, 6, 1, tzinfo=UTC)
    check_window(now=datetime(2024, 5, 31, tzinfo=UTC), opens_at=None, closes_at=deadline)
    with pytest.raises(RegistrationClosed):
        check_window(now=deadline, opens_at=None, closes_at=deadline)


def test_only_delegations_or_the_invited_may_register_where_the_form_says_so():
    check_eligible(Audience.PUBLIC, is_authenticated=True, has_delegation=False, is_invited=False)
    with pytest.raises(NotEligible):
        check_eligible(Audience.DELEGATIONS, is_authenticated=True, has_delegation=False, is_invited=False)
    with pytest.raises(NotEligible):
        check_eligible(Audience.INVITED, is_authenticated=True, has_delegation=True, is_invited=False)
    with pytest.raises(NotEligible):
        check_eligible(Audience.PUBLIC, is_authenticated=False, has_delegation=False, is_invited=False)


# A shared machine under load is slow to draw examples: neither time nor draw speed is what this test checks.
@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.integers(1, 5),
    st.lists(st.sampled_from(["register", "withdraw", "approve", "decline"]), max_size=40),
)
def test_places_held_never_exceed_capacity_and_the_list_is_served_in_order(capacity, actions):
    statuses: list[Status] = []
    promoted_order: list[int] = []
    for n, action in enumerate(actions):
        held = sum(s in HOLDS_PLACE for s in statuses)
        if action == "register":
            statuses.append(status_on_register(capacity=capacity, held=held, needs_approval=True))
        else:
            live = [i for i, s in enumerate(statuses) if s in HOLDS_PLACE]
            if not live:
                continue
            i = live[n % len(live)]
            if action == "approve" and statuses[i] is Status.PENDING:
                statuses[i] = Status.APPROVED
            elif action in {"withdraw", "decline"}:
                statuses[i] = Status.WITHDRAWN if action == "withdraw" else Status.DECLINED
                held = sum(s in HOLDS_PLACE for s in statuses)
                waiting = [j for j, s in enumerate(statuses) if s is Status.WAITLISTED]
                for j in to_promote(capacity=capacity, held=held, waiting=waiting):
                    statuses[j] = Status.PENDING
                    promoted_order.append(j)
        assert sum(s in HOLDS_PLACE for s in statuses) <= capacity
    assert promoted_order == sorted(promoted_order)
