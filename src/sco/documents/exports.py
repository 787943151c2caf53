"""Exports: Akoma Ntoso XML per language version, PDF per language version, and the registry as CSV."""

from __future__ import annotations

import io
from collections.abc import Iterable
from functools import lru_cache
from html import escape
from pathlib import Path

from django.utils.translation import gettext as _

from sco.core import csvsafe
from sco.documents.akoma_ntoso import AknDocument, AknParagraph, build_akn
from sco.documents.models import Document, DocumentText, TextVersion
from sco.documents.selectors import paragraphs_of

# Cyrillic needs a TrueType font (reportlab's built-in Type 1 fonts are Latin-1 only): Debian's
# fonts-dejavu-core. Chinese uses reportlab's built-in CID font STSong-Light (no file needed).
CYRILLIC_FONTS = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
)
CHINESE_FONT = "STSong-Light"


class PdfFontMissing(RuntimeError):
    pass


def akn_for(document: Document, text: DocumentText | None, version: TextVersion | None, language: str) -> bytes:
    """One language expression; without a held text, the record alone (version 0, dated by the record)."""
    paragraphs = [AknParagraph(p.number, p.text) for p in paragraphs_of(version=version)] if version else []
    title = getattr(document, f"title_{language}") or document.title_en
    version_date = version.created_at.date() if version else (document.adopted_on or document.created_at.date())
    return build_akn(
        AknDocument(
            kind=document.kind,
            number=document.reference_number or f"doc-{document.pk}",
            language=language,
            title=title,
            adopted_on=document.adopted_on,
            version_date=version_date,
            version=version.number if version else 0,
            author=document.body.name_en,
            author_id=document.body.code,
            authentic=bool(text and text.authentic and version),
            place=document.place_en,
            paragraphs=paragraphs,
            text_held=bool(paragraphs),
            source_url=(document.source_list or [""])[0],
            signatories=[p.state.code for p in document.participations.select_related("state") if p.signed_on],
        )
    )


@lru_cache(maxsize=1)
def _register_fonts() -> str:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(UnicodeCIDFont(CHINESE_FONT))
    for path in CYRILLIC_FONTS:
        if Path(path).exists():
            pdfmetrics.registerFont(TTFont("ScoSans", path))
            return "ScoSans"
    raise PdfFontMissing("install fonts-dejavu-core for Cyrillic PDF output")


def pdf_for(document: Document, text: DocumentText | None, version: TextVersion | None, language: str) -> bytes:
    """A PDF of one language version (or of the document's record when no text is held)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph as PdfPara
    from reportlab.platypus import SimpleDocTemplate, Spacer

    sans = _register_fonts()
    zh = language == "zh"
    font = CHINESE_FONT if zh else sans
    # Metadata lines mix languages (a Chinese page shows the English body name, a state's name...), so they
    # use the font of the interface language too.
    body_style = ParagraphStyle("body", fontName=font, fontSize=10.5, leading=15, wordWrap="CJK" if zh else None)
    title_style = ParagraphStyle("title", parent=body_style, fontSize=15, leading=20, spaceAfter=8)
    meta_style = ParagraphStyle("meta", parent=body_style, fontSize=9, leading=12, textColor="#444444")
    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm, title=document.title_en)
    title = getattr(document, f"title_{language}") or document.title_en
    flow = [PdfPara(escape(title), title_style)]
    meta = [
        f"{_('Kind')}: {document.get_kind_display()}",
        f"{_('Adopting body')}: {document.body.name}",
        f"{_('Status')}: {document.get_status_display()}",
    ]
    if document.adopted_on:
        meta.append(f"{_('Adopted on')}: {document.adopted_on.isoformat()} {document.place}")
    if document.entry_into_force_on:
        meta.append(f"{_('Entry into force')}: {document.entry_into_force_on.isoformat()}")
    if version is not None and text is not None:
        authentic = _("authentic text") if text.authentic else _("working translation")
        meta.append(f"{_('Version')} {version.number} ({authentic})")
    for line in meta:
        flow.append(PdfPara(escape(line), meta_style))
    flow.append(Spacer(1, 6 * mm))
    if version is None:
        flow.append(PdfPara(escape(_("The registry does not hold the text of this document.")), body_style))
        for source in document.source_list:
            flow.append(PdfPara(escape(source), meta_style))
    else:
        for p in paragraphs_of(version=version):
            flow.append(PdfPara(f"<b>{p.number}.</b> {escape(p.text)}", body_style))
            flow.append(Spacer(1, 2 * mm))
    doc.build(flow)
    return buf.getvalue()


CSV_COLUMNS = [
    "id", "kind", "reference_number", "title_en", "title_ru", "title_zh", "body", "adopted_on", "place",
    "valid_from_year", "valid_to_year", "areas", "status", "entry_into_force_on", "sources",
]  # fmt: skip


def registry_csv(documents: Iterable[Document]) -> str:
    out = io.StringIO()
    writer = csvsafe.writer(out)
    writer.writerow(CSV_COLUMNS)
    for d in documents:
        writer.writerow(
            [
                "" if v is None else v
                for v in (
                    d.pk, d.kind, d.reference_number, d.title_en, d.title_ru, d.title_zh, d.body.code,
                    d.adopted_on.isoformat() if d.adopted_on else "", d.place_en, d.valid_from_year,
                    d.valid_to_year, ";".join(sorted(a.area for a in d.areas.all())), d.status,
                    d.entry_into_force_on.isoformat() if d.entry_into_force_on else "", " ".join(d.source_list),
                )
            ]
        )  # fmt: skip
    return out.getvalue()
