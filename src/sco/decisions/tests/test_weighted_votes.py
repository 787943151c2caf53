"""Property tests for the board rules added to decisions.consensus (weighted majority, double majority,
unanimity). The consensus rules and their tests are unchanged."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from sco.decisions.consensus import Ballot, BoardRule, Quota, VoteStatus, weighted_outcome

MEMBERS = st.dictionaries(st.sampled_from("ABCDEFGH"), st.integers(min_value=0, max_value=1000), min_size=1, max_size=8)
BALLOTS = st.sampled_from(list(Ballot))
RULES = st.sampled_from(list(BoardRule))


@st.composite
def boards(draw: st.DrawFn) -> tuple[dict[str, int], dict[str, Ballot]]:
    weights = draw(MEMBERS)
    voting = draw(st.lists(st.sampled_from(sorted(weights)), unique=True))
    return weights, {m: draw(BALLOTS) for m in voting}


def test_edb_style_weighted_majority_passes_with_the_two_largest_shares() -> None:
    weights = {"RU": Fraction("44.7878"), "KZ": Fraction("37.2865"), "BY": Fraction("5.2121")}
    outcome = weighted_outcome(
        rule=BoardRule.WEIGHTED_MAJORITY, weights=weights, ballots={"RU": Ballot.YES, "KZ": Ballot.YES}, closed=False
    )
    assert outcome.status is VoteStatus.ADOPTED


def test_double_majority_needs_the_states_as_well_as_the_shares() -> None:
    weights = {"A": 90, "B": 5, "C": 5}
    ballots = {"A": Ballot.YES, "B": Ballot.NO, "C": Ballot.NO}
    assert weighted_outcome(rule=BoardRule.WEIGHTED_MAJORITY, weights=weights, ballots=ballots, closed=True).status \
        is VoteStatus.ADOPTED  # fmt: skip
    assert weighted_outcome(rule=BoardRule.DOUBLE_MAJORITY, weights=weights, ballots=ballots, closed=True).status \
        is VoteStatus.REJECTED  # fmt: skip


def test_unanimity_is_defeated_by_one_abstention_before_the_close() -> None:
    outcome = weighted_outcome(
        rule=BoardRule.UNANIMITY, weights={"A": 1, "B": 1, "C": 1}, ballots={"A": Ballot.ABSTAIN}, closed=False
    )
    assert outcome.status is VoteStatus.REJECTED


def test_a_quota_of_at_least_two_thirds_is_met_exactly_at_two_thirds() -> None:
    outcome = weighted_outcome(
        rule=BoardRule.WEIGHTED_MAJORITY,
        weights={"A": 2, "B": 1},
        ballots={"A": Ballot.YES},
        closed=True,
        share_quota=Quota(Fraction(2, 3)),
    )
    assert outcome.status is VoteStatus.ADOPTED


@settings(max_examples=80, deadline=None)
@given(board=boards(), rule=RULES)
def test_an_early_verdict_is_the_verdict_at_the_close_whatever_the_others_vote(
    board: tuple[dict[str, int], dict[str, Ballot]], rule: BoardRule
) -> None:
    weights, ballots = board
    early = weighted_outcome(rule=rule, weights=weights, ballots=ballots, closed=False)
    if early.status is VoteStatus.OPEN:
        return
    for completion in (Ballot.YES, Ballot.NO, Ballot.ABSTAIN):
        full = {**{m: completion for m in weights}, **ballots}
        assert weighted_outcome(rule=rule, weights=weights, ballots=full, closed=True).status is early.status


@settings(max_examples=80, deadline=None)
@given(board=boards(), rule=RULES, factor=st.integers(min_value=1, max_value=50))
def test_only_the_ratio_of_shares_matters(
    board: tuple[dict[str, int], dict[str, Ballot]], rule: BoardRule, factor: int
) -> None:
    weights, ballots = board
    scaled = {m: w * factor for m, w in weights.items()}
    a = weighted_outcome(rule=rule, weights=weights, ballots=ballots, closed=True)
    b = weighted_outcome(rule=rule, weights=scaled, ballots=ballots, closed=True)
    assert a.status is b.status


@settings(max_examples=80, deadline=None)
@given(board=boards(), rule=RULES, member=st.sampled_from("ABCDEFGH"))
def test_turning_a_vote_into_yes_never_defeats_an_adopted_decision(
    board: tuple[dict[str, int], dict[str, Ballot]], rule: BoardRule, member: str
) -> None:
    weights, ballots = board
    before = weighted_outcome(rule=rule, weights=weights, ballots=ballots, closed=True)
    after = weighted_outcome(rule=rule, weights=weights, ballots={**ballots, member: Ballot.YES}, closed=True)
    if before.status is VoteStatus.ADOPTED:
        assert after.status is VoteStatus.ADOPTED


@settings(max_examples=80, deadline=None)
@given(board=boards())
def test_the_rules_nest_unanimity_then_double_then_weighted_majority(
    board: tuple[dict[str, int], dict[str, Ballot]],
) -> None:
    weights, ballots = board

    def adopted(rule: BoardRule) -> bool:
        return weighted_outcome(rule=rule, weights=weights, ballots=ballots, closed=True).status is VoteStatus.ADOPTED

    if adopted(BoardRule.UNANIMITY) and sum(weights.values()) > 0:
        assert adopted(BoardRule.DOUBLE_MAJORITY)
    if adopted(BoardRule.DOUBLE_MAJORITY):
        assert adopted(BoardRule.WEIGHTED_MAJORITY)


@settings(max_examples=100, deadline=None)
@given(board=boards(), rule=RULES)
def test_ballots_of_non_members_change_nothing(
    board: tuple[dict[str, int], dict[str, Ballot]], rule: BoardRule
) -> None:
    weights, ballots = board
    extra = {**ballots, "Z": Ballot.YES}
    a = weighted_outcome(rule=rule, weights=weights, ballots=ballots, closed=True)
    b = weighted_outcome(rule=rule, weights=weights, ballots=extra, closed=True)
    assert a == b
