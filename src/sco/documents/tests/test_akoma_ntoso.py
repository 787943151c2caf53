import xml.etree.ElementTree as ET
from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from sco.documents.akoma_ntoso import NS, AknDocument, AknParagraph, build_akn, expression_iri, work_iri

A = f"{{{NS}}}"


def _doc(**kw) -> AknDocument:
    base = dict(
        kind="declaration",
        number="astana-2024",
        language="ru",
        title="Астанинская декларация Совета глав государств-членов ШОС",
        adopted_on=date(2024, 7, 4),
        version_date=date(2024, 7, 4),
        version=1,
        author="Council of Heads of State",
        author_id="cohs",
        authentic=True,
        place="Astana",
        paragraphs=[AknParagraph(1, "Первый абзац."), AknParagraph(3, "Третий абзац.")],
    )
    base.update(kw)
    return AknDocument(**base)


def _parse(data: bytes) -> ET.Element:
    return ET.fromstring(data)  # noqa: S314 - parsing our own output in a test


def test_a_declaration_is_a_statement_with_its_kind_as_name():
    root = _parse(build_akn(_doc()))
    statement = root.find(f"{A}statement")
    assert statement is not None and statement.get("name") == "declaration"
    assert root.find(f".//{A}mainBody") is not None


def test_an_agreement_is_an_act_with_a_body():
    root = _parse(build_akn(_doc(kind="agreement")))
    assert root.find(f"{A}act") is not None and root.find(f".//{A}body") is not None


def test_frbr_identifiers_carry_language_and_version():
    d = _doc(language="zh", version_date=date(2024, 7, 5))
    root = _parse(build_akn(d))
    assert work_iri(d) == "/akn/sco/statement/declaration/cohs/2024-07-04/astana-2024"
    assert expression_iri(d).endswith("/zho@2024-07-05")
    assert root.find(f".//{A}FRBRlanguage").get("language") == "zho"
    assert root.find(f".//{A}FRBRExpression/{A}FRBRauthoritative").get("value") == "true"


def test_paragraphs_keep_their_stable_numbers_as_ids():
    root = _parse(build_akn(_doc()))
    ids = [p.get("eId") for p in root.iter(f"{A}paragraph")]
    assert ids == ["para_1", "para_3"]


def test_a_document_whose_text_is_not_held_says_so():
    root = _parse(build_akn(_doc(paragraphs=[], text_held=False)))
    assert "[text not held]" in ET.tostring(root, encoding="unicode")


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=80))
def test_any_text_round_trips_through_the_xml(text):
    root = _parse(build_akn(_doc(title=text or "x", paragraphs=[AknParagraph(1, text)])))
    assert (root.find(f".//{A}paragraph/{A}content/{A}p").text or "") == text
