"""What an uploaded file really is, judged by its bytes (pure: no Django).

A name or a browser's content type is a claim; these checks look at the content. A PDF must start with the PDF
header and end with its end-of-file marker; a DOCX or XLSX must be a ZIP holding the parts that make it one (any ZIP
renamed .docx is not); plain text must not be markup or a script in disguise (an HTML page or a shell script named
.pdf or .txt would be served back to someone one day)."""

from __future__ import annotations

import io
import zipfile

OFFICE_PARTS = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml"}
_MARKUP_STARTS = (b"<!doctype", b"<html", b"<head", b"<body", b"<script", b"<svg", b"<?xml", b"<iframe", b"#!")
_MARKUP_INSIDE = (b"<script", b"<iframe", b"<object", b"<embed", b"javascript:", b"<html", b"<body")


def extension(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def is_pdf(data: bytes) -> bool:
    # the trailer's %%EOF may be followed by a newline or a few bytes of padding
    return data.startswith(b"%PDF-") and b"%%EOF" in data[-2048:]


def office_kind(data: bytes) -> str | None:
    """'docx' or 'xlsx' when the bytes are a ZIP with that format's content types and main part, else None."""
    if not data.startswith(b"PK\x03\x04"):
        return None
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError):
        return None
    if "[Content_Types].xml" not in names:
        return None
    for kind, part in OFFICE_PARTS.items():
        if part in names:
            return kind
    return None


def is_markup_or_script(data: bytes) -> bool:
    """True for HTML, SVG, XML or a script: what a browser or a shell would run rather than read."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(_MARKUP_STARTS):
        return True
    return any(marker in head for marker in _MARKUP_INSIDE)
