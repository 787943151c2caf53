from datetime import datetime, timedelta
from itertools import combinations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sco.events.overlap import Timed, clashing_keys, overlapping_pairs, spans_overlap

T0 = datetime(2024, 7, 3, 9)


def at(key, start_h, end_h):
    return Timed(key, T0 + timedelta(hours=start_h), T0 + timedelta(hours=end_h))


def test_meetings_that_touch_do_not_clash():
    assert overlapping_pairs([at("a", 0, 3), at("b", 3, 5)]) == []


def test_a_meeting_inside_another_clashes():
    assert overlapping_pairs([at("a", 0, 8), at("b", 2, 3), at("c", 9, 10)]) == [("a", "b")]
    assert clashing_keys([at("a", 0, 8), at("b", 2, 3), at("c", 9, 10)]) == {"a", "b"}


# A shared machine under load is slow to draw examples: neither time nor draw speed is what this test checks.
@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.integers(0, 50), st.integers(1, 10)), max_size=25))
def test_the_sweep_finds_exactly_the_pairs_a_brute_force_finds(raw):
    items = [at(i, s, s + d) for i, (s, d) in enumerate(raw)]
    found = {frozenset(p) for p in overlapping_pairs(items)}
    brute = {
        frozenset((a.key, b.key)) for a, b in combinations(items, 2) if spans_overlap(a.start, a.end, b.start, b.end)
    }
    assert found == brute
    assert len(overlapping_pairs(items)) == len(brute)
