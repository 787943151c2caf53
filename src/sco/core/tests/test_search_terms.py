import itertools

from hypothesis import given
from hypothesis import strategies as st

from sco.core.search_terms import (
    confirm,
    highlight_segments,
    index_terms,
    match_spans,
    parse_query,
    snippet_segments,
)


def _found(text: str, query: str) -> bool:
    parts = parse_query(query)
    return all(p.matches_terms(index_terms(text)) for p in parts) and confirm(text, parts)


def test_russian_inflected_forms_find_each_other():
    text = "Стратегия развития Шанхайской организации сотрудничества до 2035 года"
    for query in ["стратегии", "стратегию", "Стратегией", "развитие", "организациями", "сотрудничеству"]:
        assert _found(text, query), query


def test_yo_and_ye_are_the_same_letter():
    assert _found("Объединённые усилия", "объединенных")


def test_english_words_are_stemmed():
    assert _found("Strategy of cooperation in energy", "strategies")
    assert _found("countering terrorism", "counter")


def test_chinese_two_character_term_is_found_inside_a_longer_run():
    text = "上海合作组织成员国元首理事会阿斯塔纳宣言"
    assert _found(text, "合作")
    assert _found(text, "宣言")
    assert _found(text, "阿斯塔纳")
    assert _found(text, "国")


def test_chinese_term_whose_bigrams_are_present_but_not_adjacent_is_not_found():
    text = "合作组织和作组合"  # has 合作 and 作组 and 组合 but not 合作组合
    parts = parse_query("合作组合")
    assert all(p.matches_terms(index_terms(text)) for p in parts)
    assert not confirm(text, parts)


def test_a_word_absent_from_the_text_is_not_found():
    assert not _found("Астанинская декларация", "энергетика")
    assert not _found("上海合作组织", "宣言")


def test_two_word_queries_need_both_words():
    text = "Программа сотрудничества против терроризма"
    assert _found(text, "против терроризм")
    assert not _found(text, "против наркотики")


def test_highlight_marks_the_inflected_russian_word_and_the_chinese_substring():
    segs = highlight_segments("Одобрить стратегии развития", parse_query("стратегия"))
    assert ("стратегии", True) in segs
    segs = highlight_segments("上海合作组织", parse_query("合作"))
    assert segs == [("上海", False), ("合作", True), ("组织", False)]


def test_snippet_is_a_window_around_the_first_match():
    text = "слово " * 100 + "декларация " + "слово " * 100
    segs = snippet_segments(text, parse_query("декларации"), width=60)
    assert segs[0] == ("…", False)
    assert any(m for _, m in segs)


def test_query_parts_are_deduplicated_and_bounded():
    assert len(parse_query("стратегия стратегии")) == 1
    assert len(parse_query(" ".join(f"w{i}x" for i in range(50)))) == 8


@given(st.text(alphabet="上海合作组织成员国元首宣言阿斯塔纳", min_size=1, max_size=30), st.data())
def test_any_substring_of_a_chinese_text_is_found(text, data):
    i = data.draw(st.integers(0, len(text) - 1))
    j = data.draw(st.integers(i + 1, len(text)))
    assert _found(text, text[i:j])


@given(st.text(max_size=200), st.text(max_size=40))
def test_highlight_segments_put_the_text_back_together(text, query):
    segs = highlight_segments(text, parse_query(query))
    assert "".join(s for s, _ in segs) == text
    spans = match_spans(text, parse_query(query))
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))
