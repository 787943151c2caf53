"""The full-text index answers the same on SQLite (FTS5) and PostgreSQL (tsvector + GIN): stems by prefix, Russian
inflections, Chinese one- and two-character terms, AND across words, ranking; never a 500 on odd input."""

from __future__ import annotations

import pytest

from sco.core import search
from sco.core.models import SearchEntry

pytestmark = pytest.mark.django_db

RECORDS = {
    1: ["Almaty–Tashkent railway electrification", "Электрификация железной дороги Алматы–Ташкент", "铁路电气化"],
    2: ["Solar power plant in Navoi", "Солнечная электростанция в Навои", "纳沃伊太阳能电站"],
    3: ["Strategy of energy cooperation", "Стратегия энергетического сотрудничества", "能源合作战略"],
}


@pytest.fixture
def indexed():
    for pk, texts in RECORDS.items():
        search.index("thing", pk, titles=texts[:1], texts=texts[1:])
    search.index("other", 1, titles=["railway"])  # another kind never leaks into this one


def ids(query: str) -> set[int]:
    found = search.entries("thing", query)
    return set() if found is None else set(found.values_list("object_id", flat=True))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("railway", {1}),
        ("RAILWAYS", {1}),  # stem and case
        ("energ", {3}),  # a word's beginning
        ("стратегии", {3}),  # another inflection of the Russian word
        ("железная дорога", {1}),  # every word must match
        ("solar railway", set()),
        ("能源", {3}),  # a two-character Chinese term
        ("电", {1, 2}),  # one character
        ("纳沃伊太阳能", {2}),  # a longer run: all its bigrams
        ("Navoi 2", set()),
        ("", None),
        ("'\"*:() & | !", None),  # only punctuation: no word to search
        ("\x00 railway", {1}),
    ],
)
def test_queries(indexed, query, expected):
    found = search.entries("thing", query)
    if expected is None:
        assert found is None
    else:
        assert found is not None and set(found.values_list("object_id", flat=True)) == expected


def test_reindexing_replaces_the_terms(indexed):
    search.index("thing", 2, texts=["Wind farm"])
    assert ids("solar") == set() and ids("wind") == {2}
    search.forget("thing", 2)
    assert ids("wind") == set()
    assert search.index_many("thing", [(2, ["Solar again"], []), (4, [], ["Solar too"])]) == 2
    assert ids("solar") == {2, 4}
    assert SearchEntry.objects.filter(kind="thing").count() == 4
