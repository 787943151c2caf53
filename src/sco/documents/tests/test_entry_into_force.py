from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sco.documents.entry_into_force import (
    EntryIntoForceRule,
    RuleError,
    RuleKind,
    StateSteps,
    entry_into_force_date,
    entry_into_force_for_state,
)

STATES = ["KZ", "CN", "RU", "KG", "TJ", "UZ", "IN", "PK", "IR", "BY"]


def test_a_declaration_is_in_force_on_adoption():
    rule = EntryIntoForceRule(RuleKind.ON_ADOPTION)
    assert entry_into_force_date(rule, parties=STATES, steps={}, adopted_on=date(2024, 7, 4)) == date(2024, 7, 4)


def test_on_signature_waits_for_every_party():
    rule = EntryIntoForceRule(RuleKind.ON_SIGNATURE)
    steps = {"KZ": StateSteps(signed_on=date(2024, 7, 4)), "CN": StateSteps()}
    assert entry_into_force_date(rule, parties=["KZ", "CN"], steps=steps) is None
    steps["CN"] = StateSteps(signed_on=date(2024, 7, 5))
    assert entry_into_force_date(rule, parties=["KZ", "CN"], steps=steps) == date(2024, 7, 5)


def test_last_notification_rule_takes_the_latest_notification_plus_delay():
    rule = EntryIntoForceRule(RuleKind.ON_LAST_NOTIFICATION, days=30)
    steps = {
        "KZ": StateSteps(date(2024, 7, 4), date(2024, 9, 1)),
        "CN": StateSteps(date(2024, 7, 4), date(2024, 11, 20)),
    }
    assert entry_into_force_date(rule, parties=["KZ", "CN"], steps=steps) == date(2024, 12, 20)


def test_last_notification_rule_is_pending_while_a_party_has_not_notified():
    rule = EntryIntoForceRule(RuleKind.ON_LAST_NOTIFICATION)
    steps = {"KZ": StateSteps(date(2024, 7, 4), date(2024, 9, 1)), "CN": StateSteps(date(2024, 7, 4))}
    assert entry_into_force_date(rule, parties=["KZ", "CN"], steps=steps) is None


def test_nth_notification_rule_counts_notifications_in_date_order_not_arrival_order():
    rule = EntryIntoForceRule(RuleKind.DAYS_AFTER_NTH_NOTIFICATION, count=2, days=30)
    signed = date(2024, 7, 4)
    steps = {
        "RU": StateSteps(signed, date(2025, 3, 1)),
        "KZ": StateSteps(signed, date(2024, 10, 1)),
        "CN": StateSteps(signed, date(2024, 12, 1)),
    }
    assert entry_into_force_date(rule, parties=STATES, steps=steps) == date(2024, 12, 31)


def test_a_notification_without_signature_does_not_count():
    rule = EntryIntoForceRule(RuleKind.DAYS_AFTER_NTH_NOTIFICATION, count=1)
    steps = {"KZ": StateSteps(None, date(2024, 10, 1))}
    assert entry_into_force_date(rule, parties=STATES, steps=steps) is None


def test_states_outside_the_parties_are_ignored():
    rule = EntryIntoForceRule(RuleKind.DAYS_AFTER_NTH_NOTIFICATION, count=1)
    steps = {"XX": StateSteps(date(2024, 7, 4), date(2024, 8, 1))}
    assert entry_into_force_date(rule, parties=["KZ"], steps=steps) is None


@pytest.mark.parametrize(
    "kwargs",
    [
        {"kind": RuleKind.DAYS_AFTER_NTH_NOTIFICATION},
        {"kind": RuleKind.DAYS_AFTER_NTH_NOTIFICATION, "count": 0},
        {"kind": RuleKind.ON_SIGNATURE, "count": 2},
        {"kind": RuleKind.ON_LAST_NOTIFICATION, "days": -1},
    ],
)
def test_malformed_rules_are_refused(kwargs):
    with pytest.raises(RuleError):
        EntryIntoForceRule(**kwargs)


def test_a_late_ratifier_is_bound_from_its_own_notification_plus_delay():
    rule = EntryIntoForceRule(RuleKind.DAYS_AFTER_NTH_NOTIFICATION, count=1, days=30)
    late = StateSteps(date(2024, 7, 4), date(2025, 6, 1))
    assert entry_into_force_for_state(rule, state="IN", in_force_on=date(2024, 11, 1), steps=late) == date(2025, 7, 1)
    assert entry_into_force_for_state(rule, state="IN", in_force_on=None, steps=late) is None


dates = st.dates(min_value=date(2001, 6, 15), max_value=date(2040, 1, 1))
steps_strategy = st.dictionaries(
    st.sampled_from(STATES),
    st.builds(StateSteps, st.one_of(st.none(), dates), st.one_of(st.none(), dates)),
)
rules = st.one_of(
    st.builds(EntryIntoForceRule, st.just(RuleKind.ON_SIGNATURE), st.none(), st.integers(0, 90)),
    st.builds(EntryIntoForceRule, st.just(RuleKind.ON_LAST_NOTIFICATION), st.none(), st.integers(0, 90)),
    st.builds(
        EntryIntoForceRule, st.just(RuleKind.DAYS_AFTER_NTH_NOTIFICATION), st.integers(1, 10), st.integers(0, 90)
    ),
)


@given(rule=rules, steps=steps_strategy, parties=st.sets(st.sampled_from(STATES), min_size=1), seed=st.randoms())
def test_the_date_does_not_depend_on_the_order_acts_were_recorded(rule, steps, parties, seed):
    items = list(steps.items())
    seed.shuffle(items)
    assert entry_into_force_date(rule, parties=parties, steps=dict(items)) == entry_into_force_date(
        rule, parties=parties, steps=steps
    )


@given(rule=rules, steps=steps_strategy, parties=st.sets(st.sampled_from(STATES), min_size=1))
def test_the_date_is_never_before_the_act_that_triggers_it(rule, steps, parties):
    result = entry_into_force_date(rule, parties=parties, steps=steps)
    if result is None:
        return
    relevant = [s for k, s in steps.items() if k in parties]
    earliest_trigger = result - timedelta(days=rule.days)
    if rule.kind is RuleKind.ON_SIGNATURE:
        assert all(s.signed_on is not None and s.signed_on <= earliest_trigger for s in relevant)
    else:
        assert any(s.notified_on == earliest_trigger for s in relevant)


@given(rule=rules, steps=steps_strategy, parties=st.sets(st.sampled_from(STATES), min_size=1), extra=dates)
def test_a_further_notification_never_delays_entry_into_force(rule, steps, parties, extra):
    before = entry_into_force_date(rule, parties=parties, steps=steps)
    candidates = [s for s in parties if s not in steps or steps[s].notified_on is None]
    if before is None or not candidates:
        return
    after_steps = dict(steps)
    old = steps.get(candidates[0], StateSteps())
    after_steps[candidates[0]] = StateSteps(old.signed_on or extra, extra)
    after = entry_into_force_date(rule, parties=parties, steps=after_steps)
    if rule.kind is RuleKind.DAYS_AFTER_NTH_NOTIFICATION:
        assert after is not None and after <= before
