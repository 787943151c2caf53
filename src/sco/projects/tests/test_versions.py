from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from sco.projects.versions import diff


def test_only_changed_fields_are_listed_in_the_given_order() -> None:
    before = {"title_en": "A", "sector": "energy", "total_cost": "10"}
    after = {"title_en": "B", "sector": "energy", "total_cost": "12", "currency": "USD"}
    changes = diff(before, after, order=("total_cost", "title_en"))
    assert [c.field for c in changes] == ["total_cost", "title_en", "currency"]
    assert changes[2].kind == "added"
    assert changes[0].kind == "changed"


def test_reordering_a_list_of_states_is_not_a_change() -> None:
    assert diff({"host_states": ["KZ", "CN"]}, {"host_states": ["CN", "KZ"]}) == []


values = st.dictionaries(st.sampled_from(["a", "b", "c", "d"]), st.one_of(st.text(max_size=3), st.integers()))


@settings(deadline=None)
@given(a=values)
def test_a_version_does_not_differ_from_itself(a: dict[str, object]) -> None:
    assert diff(a, a) == []


@settings(deadline=None)
@given(a=values, b=values)
def test_the_changed_fields_are_the_same_both_ways(a: dict[str, object], b: dict[str, object]) -> None:
    assert {c.field for c in diff(a, b)} == {c.field for c in diff(b, a)}
