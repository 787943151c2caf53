from hypothesis import given
from hypothesis import strategies as st

from sco.documents.paragraphs import (
    Change,
    Paragraph,
    diff_fields,
    diff_paragraphs,
    number_paragraphs,
    split_paragraphs,
    word_diff,
)


def test_paragraphs_are_split_on_blank_lines_and_lines_are_joined():
    assert split_paragraphs("One\nline.\n\n  Two.  \n\n\n") == ["One line.", "Two."]


def test_text_without_blank_lines_is_split_on_each_line():
    assert split_paragraphs("A\nB\r\nC") == ["A", "B", "C"]


def test_first_version_is_numbered_from_one():
    assert [p.number for p in number_paragraphs(["a", "b", "c"])] == [1, 2, 3]


def test_an_inserted_paragraph_takes_a_new_number_and_the_others_keep_theirs():
    v1 = number_paragraphs(["Preamble.", "Article on energy.", "Final clause."])
    v2 = number_paragraphs(["Preamble.", "A new article on transport.", "Article on energy.", "Final clause."], v1)
    assert [p.number for p in v2] == [1, 4, 2, 3]


def test_an_edited_paragraph_keeps_its_number():
    v1 = number_paragraphs(["The parties shall cooperate in energy.", "Final clause."])
    v2 = number_paragraphs(["The parties shall cooperate closely in energy.", "Final clause."], v1)
    assert [p.number for p in v2] == [1, 2]


def test_a_rewritten_paragraph_is_new_and_the_old_number_is_not_reused():
    v1 = number_paragraphs(["Alpha beta gamma.", "Final clause."])
    v2 = number_paragraphs(["Совершенно другой текст.", "Final clause."], v1)
    assert [p.number for p in v2] == [3, 2]


def test_diff_reports_changed_inserted_and_deleted_paragraphs():
    v1 = number_paragraphs(["Preamble.", "Energy article.", "Old clause."])
    v2 = number_paragraphs(["Preamble.", "Energy article, amended.", "New clause entirely about transport."], v1)
    kinds = [(d.kind, d.number) for d in diff_paragraphs(v1, v2)]
    assert kinds == [(Change.EQUAL, 1), (Change.CHANGED, 2), (Change.DELETED, 3), (Change.INSERTED, 4)]


def test_word_diff_shows_the_inserted_word():
    pieces = word_diff("cooperate in energy", "cooperate closely in energy")
    assert [p.text.strip() for p in pieces if p.kind is Change.INSERTED] == ["closely"]


def test_word_diff_works_character_by_character_in_chinese():
    pieces = word_diff("加强能源合作", "加强交通合作")
    assert [p.text for p in pieces if p.kind is Change.INSERTED] == ["交通"]


def test_field_diff_lists_only_changed_fields():
    diffs = diff_fields({"title": "A", "status": "draft"}, {"title": "A", "status": "adopted"})
    assert [(d.field, d.old, d.new) for d in diffs] == [("status", "draft", "adopted")]


paragraph_lists = st.lists(st.text(alphabet="abc xyz", min_size=1, max_size=12).map(str.strip).filter(bool), max_size=8)


@given(paragraph_lists, paragraph_lists)
def test_numbers_are_unique_in_every_version(a, b):
    v1 = number_paragraphs(a)
    v2 = number_paragraphs(b, v1)
    assert len({p.number for p in v2}) == len(v2)


@given(paragraph_lists)
def test_an_unchanged_text_keeps_all_its_numbers(a):
    v1 = number_paragraphs(a)
    assert number_paragraphs(a, v1) == v1


@given(paragraph_lists, paragraph_lists)
def test_applying_the_diff_gives_back_the_new_version(a, b):
    v1 = number_paragraphs(a)
    v2 = number_paragraphs(b, v1)
    diff = diff_paragraphs(v1, v2)
    assert [Paragraph(d.number, d.new) for d in diff if d.kind is not Change.DELETED] == v2
    assert sorted(d.number for d in diff if d.kind in (Change.EQUAL, Change.CHANGED, Change.DELETED)) == sorted(
        p.number for p in v1
    )
