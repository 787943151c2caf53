"""Akoma Ntoso 3.0 (OASIS LegalDocML) XML for one language version of a document (pure, stdlib only).

One file per language expression, as the standard's FRBR model has it: the Work is the document,
each language text is an Expression, the XML file is a Manifestation. Agreements are `<act>`;
declarations, decisions, strategies and plans are `<statement>`; `@name` carries our kind.
The jurisdiction segment of the IRI is "sco" (an international organisation has no ISO 3166 code;
AKN4UN uses "un" the same way).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET  # building only; nothing untrusted is parsed here
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
JURISDICTION = "sco"
LANG3 = {"en": "eng", "ru": "rus", "zh": "zho"}
ACT_KINDS = frozenset({"agreement", "convention", "treaty", "protocol", "memorandum", "charter"})


@dataclass(frozen=True)
class AknParagraph:
    number: int
    text: str


@dataclass(frozen=True)
class AknDocument:
    kind: str  # our kind: declaration, agreement, strategy...
    number: str  # reference number, or the registry id if none
    language: str  # en | ru | zh
    title: str
    adopted_on: date | None
    version_date: date
    version: int
    author: str  # adopting body, e.g. "Council of Heads of State"
    author_id: str  # e.g. "cohs"
    authentic: bool
    place: str = ""
    paragraphs: Sequence[AknParagraph] = ()
    text_held: bool = True
    source_url: str = ""
    signatories: Sequence[str] = field(default_factory=tuple)


def doc_type(kind: str) -> str:
    return "act" if kind in ACT_KINDS else "statement"


def _slug(value: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", value.casefold()).strip("-") or "x"


def work_iri(d: AknDocument) -> str:
    when = (d.adopted_on or d.version_date).isoformat()
    return f"/akn/{JURISDICTION}/{doc_type(d.kind)}/{_slug(d.kind)}/{_slug(d.author_id)}/{when}/{_slug(d.number)}"


def expression_iri(d: AknDocument) -> str:
    return f"{work_iri(d)}/{LANG3[d.language]}@{d.version_date.isoformat()}"


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    el = ET.SubElement(parent, f"{{{NS}}}{tag}", {k.rstrip("_"): v for k, v in attrs.items()})
    if text is not None:
        el.text = text
    return el


def build_akn(d: AknDocument) -> bytes:
    """The XML bytes (UTF-8, with declaration) for one language version."""
    ET.register_namespace("", NS)
    root = ET.Element(f"{{{NS}}}akomaNtoso")
    kind_el = _sub(root, doc_type(d.kind), name=d.kind)
    if doc_type(d.kind) == "statement":
        kind_el.set("contains", "singleVersion")
    meta = _sub(kind_el, "meta")
    ident = _sub(meta, "identification", source="#registry")
    work, expr = work_iri(d), expression_iri(d)
    adopted = (d.adopted_on or d.version_date).isoformat()
    w = _sub(ident, "FRBRWork")
    _sub(w, "FRBRthis", value=f"{work}/!main")
    _sub(w, "FRBRuri", value=work)
    _sub(w, "FRBRdate", date=adopted, name="adoption" if d.adopted_on else "draft")
    _sub(w, "FRBRauthor", href=f"#{_slug(d.author_id)}")
    _sub(w, "FRBRcountry", value=JURISDICTION)
    _sub(w, "FRBRnumber", value=d.number)
    _sub(w, "FRBRname", value=d.kind)
    e = _sub(ident, "FRBRExpression")
    _sub(e, "FRBRthis", value=f"{expr}/!main")
    _sub(e, "FRBRuri", value=expr)
    _sub(e, "FRBRdate", date=d.version_date.isoformat(), name="version")
    _sub(e, "FRBRauthor", href=f"#{_slug(d.author_id)}")
    _sub(e, "FRBRauthoritative", value="true" if d.authentic else "false")
    _sub(e, "FRBRlanguage", language=LANG3[d.language])
    _sub(e, "FRBRversionNumber", value=str(d.version))
    m = _sub(ident, "FRBRManifestation")
    _sub(m, "FRBRthis", value=f"{expr}/!main.xml")
    _sub(m, "FRBRuri", value=f"{expr}.akn")
    _sub(m, "FRBRdate", date=d.version_date.isoformat(), name="generation")
    _sub(m, "FRBRauthor", href="#registry")
    if d.adopted_on:
        lifecycle = _sub(meta, "lifecycle", source="#registry")
        _sub(lifecycle, "eventRef", eId="evt_adoption", date=adopted, source="#registry", type_="generation")
    refs = _sub(meta, "references", source="#registry")
    _sub(refs, "TLCOrganization", eId="registry", href="/ontology/organization/sco/registry", showAs="SCO registry")
    _sub(
        refs,
        "TLCOrganization",
        eId=_slug(d.author_id),
        href=f"/ontology/organization/sco/{_slug(d.author_id)}",
        showAs=d.author,
    )
    for code in d.signatories:
        _sub(
            refs,
            "TLCOrganization",
            eId=f"state_{_slug(code)}",
            href=f"/ontology/organization/state/{_slug(code)}",
            showAs=code,
        )
    if d.source_url or d.place:
        prop = _sub(meta, "proprietary", source="#registry")
        if d.place:
            prop.set("place", d.place)
        if d.source_url:
            prop.set("sourceUrl", d.source_url)
    preface = _sub(kind_el, "preface")
    p = _sub(preface, "p")
    _sub(p, "docTitle", d.title)
    if d.adopted_on:
        p2 = _sub(preface, "p")
        _sub(p2, "docDate", d.adopted_on.isoformat(), date=d.adopted_on.isoformat())
        if d.place:
            p2[-1].tail = " "
            _sub(p2, "location", d.place, refersTo=f"#{_slug(d.place)}")
    body = _sub(kind_el, "body" if doc_type(d.kind) == "act" else "mainBody")
    if not d.text_held or not d.paragraphs:
        _sub(body, "p", "[text not held]")
    for para in d.paragraphs:
        container = _sub(body, "paragraph", eId=f"para_{para.number}")
        _sub(container, "num", str(para.number))
        content = _sub(container, "content")
        _sub(content, "p", para.text)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)
