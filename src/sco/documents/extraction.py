"""Text out of an uploaded PDF, DOCX or plain-text file, with limits (pure, no Django).

A file is judged by its bytes, not by its name or the browser's content type. Everything that can
go wrong becomes an ExtractionError with a stable code; the caller stores nothing in that case.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from enum import StrEnum

from sco.core import filecheck

MAX_BYTES = 10 * 1024 * 1024  # an upload larger than this is refused before parsing
MAX_PAGES = 500  # the longest SCO texts (charters, programmes with annexes) are well under this
MAX_CHARS = 2_000_000  # extracted text cap: ~1,000 pages of dense text
MAX_ZIP_ENTRIES = 2_000
MAX_ZIP_UNCOMPRESSED = 60 * 1024 * 1024
MAX_ZIP_RATIO = 100  # a DOCX's XML compresses ~5-20x; 100x and more is a zip bomb


class FileKind(StrEnum):
    PDF = "pdf"
    DOCX = "docx"
    TEXT = "text"


class ExtractionErrorCode(StrEnum):
    EMPTY = "empty_file"
    TOO_LARGE = "file_too_large"
    UNSUPPORTED = "unsupported_file_type"
    BROKEN = "broken_file"
    ENCRYPTED = "encrypted_file"
    TOO_MANY_PAGES = "too_many_pages"
    ZIP_BOMB = "suspicious_archive"
    NO_TEXT = "no_text_found"
    TEXT_TOO_LONG = "text_too_long"


class ExtractionError(Exception):
    def __init__(self, code: ExtractionErrorCode, detail: str = "") -> None:
        super().__init__(f"{code}: {detail}" if detail else str(code))
        self.code = code
        self.detail = detail


@dataclass(frozen=True)
class Extracted:
    kind: FileKind
    text: str
    pages: int | None = None


def sniff(data: bytes) -> FileKind:
    if data.startswith(b"%PDF-"):
        return FileKind.PDF
    if data.startswith(b"PK\x03\x04"):
        return FileKind.DOCX
    if b"\x00" in data[:8192]:
        raise ExtractionError(ExtractionErrorCode.UNSUPPORTED, "binary data that is neither PDF nor DOCX")
    return FileKind.TEXT


def extract_text(data: bytes, *, name: str = "", max_bytes: int = MAX_BYTES, max_pages: int = MAX_PAGES) -> Extracted:
    if not data:
        raise ExtractionError(ExtractionErrorCode.EMPTY)
    if len(data) > max_bytes:
        raise ExtractionError(ExtractionErrorCode.TOO_LARGE, f"{len(data)} bytes > {max_bytes}")
    kind = sniff(data)
    _check_claim(data, kind, name)
    if kind is FileKind.PDF:
        result = _pdf(data, max_pages=max_pages)
    elif kind is FileKind.DOCX:
        result = _docx(data)
    else:
        result = Extracted(FileKind.TEXT, _plain(data))
    text = result.text.replace("\x00", "").strip()
    if not text:
        raise ExtractionError(ExtractionErrorCode.NO_TEXT)
    if len(text) > MAX_CHARS:
        raise ExtractionError(ExtractionErrorCode.TEXT_TOO_LONG)
    return Extracted(result.kind, text, result.pages)


def _check_claim(data: bytes, kind: FileKind, name: str) -> None:
    """The bytes must be what the name says, and text must not be markup or a script in disguise."""
    claimed = filecheck.extension(name)
    if claimed == "pdf" and (kind is not FileKind.PDF or not filecheck.is_pdf(data)):
        raise ExtractionError(ExtractionErrorCode.UNSUPPORTED, "named .pdf but not a PDF")
    if claimed == "docx" and (kind is not FileKind.DOCX or filecheck.office_kind(data) != "docx"):
        raise ExtractionError(ExtractionErrorCode.UNSUPPORTED, "named .docx but not a DOCX")
    if kind is FileKind.TEXT and filecheck.is_markup_or_script(data):
        raise ExtractionError(ExtractionErrorCode.UNSUPPORTED, "markup or a script, not plain text")


def _plain(data: bytes) -> str:
    for encoding in ("utf-8-sig", "utf-16"):
        if encoding == "utf-16" and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
            continue
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            pass
    raise ExtractionError(ExtractionErrorCode.UNSUPPORTED, "plain text must be UTF-8")


def _pdf(data: bytes, *, max_pages: int) -> Extracted:
    import logging

    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    # pypdf logs every recoverable oddity as a warning; a broken file is reported as an error instead
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise ExtractionError(ExtractionErrorCode.ENCRYPTED)
        count = len(reader.pages)
        if count > max_pages:
            raise ExtractionError(ExtractionErrorCode.TOO_MANY_PAGES, f"{count} pages > {max_pages}")
        chunks: list[str] = []
        total = 0
        for page in reader.pages:
            chunk = page.extract_text() or ""
            total += len(chunk)
            if total > MAX_CHARS:
                raise ExtractionError(ExtractionErrorCode.TEXT_TOO_LONG)
            chunks.append(chunk)
    except ExtractionError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError, OSError) as e:
        raise ExtractionError(ExtractionErrorCode.BROKEN, type(e).__name__) from e
    except Exception as e:  # pypdf raises many types on hostile input; all mean "broken"
        raise ExtractionError(ExtractionErrorCode.BROKEN, type(e).__name__) from e
    return Extracted(FileKind.PDF, "\n\n".join(c.strip() for c in chunks if c.strip()), count)


def _check_zip(data: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
            if len(infos) > MAX_ZIP_ENTRIES:
                raise ExtractionError(ExtractionErrorCode.ZIP_BOMB, f"{len(infos)} entries")
            total = sum(i.file_size for i in infos)
            if total > MAX_ZIP_UNCOMPRESSED:
                raise ExtractionError(ExtractionErrorCode.ZIP_BOMB, f"{total} bytes uncompressed")
            for info in infos:
                if info.flag_bits & 0x1:
                    raise ExtractionError(ExtractionErrorCode.ENCRYPTED)
                if (
                    info.compress_size
                    and info.file_size / info.compress_size > MAX_ZIP_RATIO
                    and info.file_size > 1_000_000
                ):
                    raise ExtractionError(ExtractionErrorCode.ZIP_BOMB, f"{info.filename} ratio")
            if "word/document.xml" not in zf.namelist():
                raise ExtractionError(ExtractionErrorCode.UNSUPPORTED, "a ZIP archive that is not a DOCX")
            # The sizes in the directory can lie; read the main part with a hard cap.
            with zf.open("word/document.xml") as fh:
                if len(fh.read(MAX_ZIP_UNCOMPRESSED + 1)) > MAX_ZIP_UNCOMPRESSED:
                    raise ExtractionError(ExtractionErrorCode.ZIP_BOMB, "document.xml too large")
    except ExtractionError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, RuntimeError, NotImplementedError) as e:
        raise ExtractionError(ExtractionErrorCode.BROKEN, type(e).__name__) from e


def _docx(data: bytes) -> Extracted:
    _check_zip(data)
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
        paragraphs = [p.text for p in document.paragraphs]
        for table in document.tables:
            for row in table.rows:
                paragraphs.append(" | ".join(cell.text for cell in row.cells))
    except ExtractionError:
        raise
    except Exception as e:  # python-docx/lxml raise many types on malformed parts
        raise ExtractionError(ExtractionErrorCode.BROKEN, type(e).__name__) from e
    return Extracted(FileKind.DOCX, "\n\n".join(p.strip() for p in paragraphs if p.strip()))
