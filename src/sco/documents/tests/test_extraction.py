import io
import zipfile

import docx
import pytest
from pypdf import PdfWriter
from reportlab.pdfgen import canvas

from sco.documents.extraction import (
    ExtractionError,
    ExtractionErrorCode,
    FileKind,
    extract_text,
)


def _pdf(pages: list[str]) -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    for text in pages:
        c.drawString(72, 720, text)
        c.showPage()
    c.save()
    return buf.getvalue()


def _docx(paragraphs: list[str]) -> bytes:
    d = docx.Document()
    for p in paragraphs:
        d.add_paragraph(p)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def _code(data: bytes, **kw) -> ExtractionErrorCode:
    with pytest.raises(ExtractionError) as info:
        extract_text(data, **kw)
    return info.value.code


def test_plain_utf8_text_is_read_as_is():
    out = extract_text("Астанинская декларация\n\n阿斯塔纳宣言".encode())
    assert out.kind is FileKind.TEXT
    assert "阿斯塔纳宣言" in out.text


def test_text_that_is_not_utf8_is_refused():
    assert _code("Декларация".encode("cp1251")) is ExtractionErrorCode.UNSUPPORTED


def test_pdf_text_is_extracted_page_by_page():
    out = extract_text(_pdf(["Astana Declaration", "Article 2"]))
    assert out.kind is FileKind.PDF and out.pages == 2
    assert "Astana Declaration" in out.text and "Article 2" in out.text


def test_docx_paragraphs_are_extracted():
    out = extract_text(_docx(["Стратегия развития ШОС", "上海合作组织"]))
    assert out.kind is FileKind.DOCX
    assert out.text == "Стратегия развития ШОС\n\n上海合作组织"


def test_an_empty_file_is_refused():
    assert _code(b"") is ExtractionErrorCode.EMPTY


def test_a_file_over_the_size_limit_is_refused_before_parsing():
    assert _code(b"a" * 101, max_bytes=100) is ExtractionErrorCode.TOO_LARGE


def test_a_truncated_pdf_is_reported_broken():
    data = _pdf(["hello"])
    assert _code(data[: len(data) // 3]) in (ExtractionErrorCode.BROKEN, ExtractionErrorCode.NO_TEXT)


def test_garbage_after_a_pdf_header_is_reported_broken():
    assert _code(b"%PDF-1.7\n" + b"\xff" * 500) in (ExtractionErrorCode.BROKEN, ExtractionErrorCode.NO_TEXT)


def test_an_encrypted_pdf_is_refused():
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.encrypt("secret")
    buf = io.BytesIO()
    writer.write(buf)
    assert _code(buf.getvalue()) is ExtractionErrorCode.ENCRYPTED


def test_a_pdf_with_too_many_pages_is_refused():
    writer = PdfWriter()
    for _ in range(6):
        writer.add_blank_page(width=100, height=100)
    buf = io.BytesIO()
    writer.write(buf)
    assert _code(buf.getvalue(), max_pages=5) is ExtractionErrorCode.TOO_MANY_PAGES


def test_a_zip_bomb_in_docx_clothing_is_refused():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<x/>")
        zf.writestr("word/document.xml", b"<" + b"a" * 80_000_000)
    assert _code(buf.getvalue(), max_bytes=50_000_000) is ExtractionErrorCode.ZIP_BOMB


def test_a_zip_that_is_not_a_docx_is_refused():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("hello.txt", "hi")
    assert _code(buf.getvalue()) is ExtractionErrorCode.UNSUPPORTED


def test_a_docx_with_malformed_xml_is_reported_broken():
    buf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(_docx(["x"]))) as src, zipfile.ZipFile(buf, "w") as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "word/document.xml":
                data = data[:200]
            dst.writestr(info, data)
    assert _code(buf.getvalue()) is ExtractionErrorCode.BROKEN


def test_a_docx_with_an_entity_expansion_does_not_expand_it():
    billion_laughs = (
        b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
        b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>'
        b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r>'
        b"<w:t>&d;&d;&d;&d;&d;&d;</w:t></w:r></w:p></w:body></w:document>"
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(_docx(["x"]))) as src, zipfile.ZipFile(buf, "w") as dst:
        for info in src.infolist():
            data = billion_laughs if info.filename == "word/document.xml" else src.read(info.filename)
            dst.writestr(info, data)
    try:
        out = extract_text(buf.getvalue())
    except ExtractionError as e:
        assert e.code in (ExtractionErrorCode.BROKEN, ExtractionErrorCode.NO_TEXT)
    else:
        assert len(out.text) < 10_000


def test_binary_data_is_refused():
    assert _code(b"\x89PNG\r\n\x1a\n\x00\x00") is ExtractionErrorCode.UNSUPPORTED
