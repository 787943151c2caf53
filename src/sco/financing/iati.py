"""IATI 2.03 activity XML of the public projects' financing: one activity per project with a financing plan,
its funders as participating organisations and its public ledger entries as transactions.

Element order follows the 2.03 schema (``iati-activities-schema.xsd``): identifier, reporting-org, title,
description, participating-org, activity-status, activity-date, recipient-country, transactions. Codes: IATI
TransactionType, FinanceType and FlowType (see ``codes``). A correction is a negative value of the same type (the
reversal entry); a cancellation is a negative Outgoing Commitment.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from xml.etree import ElementTree as ET  # building only; nothing untrusted is parsed here

from django.utils import timezone
from django.utils.translation import gettext as _

from sco.core.errors import InvalidInput, NotFound
from sco.financing import selectors
from sco.financing.codes import IATI_TRANSACTION_TYPE, INSTRUMENT_CODES, EntryKind, FlowType, Instrument
from sco.financing.models import FinancingPlan

# A placeholder until the platform registers an organisation identifier with IATI: "XX" is not a registration
# agency, so no reader can mistake it for a registered identifier.
REPORTING_ORG_REF = "XX-SCO-PLATFORM"
REPORTING_ORG_TYPE = "40"  # Multilateral
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

ACTIVITY_STATUS = {"approved": "1", "financing": "1", "implementation": "2", "completed": "3"}


def _narrative(parent: ET.Element, tag: str, texts: dict[str, str], **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attrs)
    for lang, text in texts.items():
        if text:
            n = ET.SubElement(element, "narrative")
            if lang != "en":
                n.set(XML_LANG, lang)
            n.text = text
    return element


def _amount(value: Decimal) -> str:
    return f"{value:.2f}"


# Activities per file: IATI's guidance keeps a published file small enough to fetch and validate whole; each page
# is a complete ``iati-activities`` document of its own, valid against the schema.
PAGE_SIZE = 100


@dataclass(frozen=True)
class ActivityPage:
    body: bytes
    page: int
    pages: int


def page_number(value: str | None) -> int:
    """The page asked for in a query string: 1 when absent, a field error when not a positive whole number."""
    if value is None or value == "":
        return 1
    if not value.isdigit() or int(value) < 1:
        raise InvalidInput(field_errors={"page": [_("A page is a whole number from 1.")]})
    return int(value)


def activities_page(
    *, base_url: str, page: int = 1, size: int | None = None, now: datetime | None = None
) -> ActivityPage:
    """One page of the activities (``size`` projects, in project order): a page past the last is not found."""
    size = size or PAGE_SIZE
    plans = selectors.public_plans()
    total = plans.count()
    pages = max(1, -(-total // size))
    if page > pages:
        raise NotFound()
    chunk = list(plans[(page - 1) * size : page * size])
    return ActivityPage(_document(chunk, now=now), page, pages)


def activities_xml(*, base_url: str, now: datetime | None = None) -> bytes:
    """Every public activity in one document (tests and small exports; the doors serve pages)."""
    return _document(list(selectors.public_plans()), now=now)


def _document(plans: list[FinancingPlan], *, now: datetime | None) -> bytes:
    generated = (now or timezone.now()).replace(microsecond=0)
    root = ET.Element("iati-activities", {"version": "2.03", "generated-datetime": generated.isoformat()})
    for plan in plans:
        f = selectors.public_financing(plan)
        project = f.project
        activity = ET.SubElement(
            root,
            "iati-activity",
            {
                "last-updated-datetime": project.updated_at.replace(microsecond=0).isoformat(),
                XML_LANG: "en",
                "default-currency": f.currency,
            },
        )
        ET.SubElement(activity, "iati-identifier").text = f"{REPORTING_ORG_REF}-{project.public_id}"
        _narrative(
            activity,
            "reporting-org",
            {"en": "SCO Cooperation Platform"},
            ref=REPORTING_ORG_REF,
            type=REPORTING_ORG_TYPE,
        )
        _narrative(activity, "title", {"en": project.title_en, "ru": project.title_ru, "zh": project.title_zh})
        summary = project.summary_en or project.title_en
        if plan.is_illustrative:
            summary = f"{summary} [Illustrative financing figures: {plan.sources}]"
        _narrative(activity, "description", {"en": summary})
        seen: set[int] = set()
        for v in f.tranches:
            institution = v.tranche.institution
            if institution.pk in seen:
                continue
            seen.add(institution.pk)
            profile = getattr(institution, "financier", None)
            attrs = {"role": "1", "type": profile.iati_org_type if profile else "40"}
            if profile is not None and profile.iati_org_ref:
                attrs["ref"] = profile.iati_org_ref
            _narrative(
                activity,
                "participating-org",
                {"en": institution.name_en, "ru": institution.name_ru, "zh": institution.name_zh},
                **attrs,
            )
        _narrative(activity, "participating-org", {"en": project.sponsor_name}, role="4")
        ET.SubElement(activity, "activity-status", code=ACTIVITY_STATUS.get(project.status, "1"))
        if project.start_date:
            ET.SubElement(activity, "activity-date", {"iso-date": project.start_date.isoformat(), "type": "1"})
        else:
            ET.SubElement(activity, "activity-date", {"iso-date": plan.created_at.date().isoformat(), "type": "1"})
        for p in project.participations.filter(role="host").select_related("state").order_by("state__code"):
            ET.SubElement(activity, "recipient-country", code=p.state.code)
        for e in f.entries:
            tranche = e.tranche
            kind = EntryKind(e.kind)
            value = -e.amount if kind is EntryKind.CANCELLATION else e.amount
            tx = ET.SubElement(activity, "transaction", ref=f"{project.public_id}-{e.seq}")
            ET.SubElement(tx, "transaction-type", code=IATI_TRANSACTION_TYPE[kind])
            ET.SubElement(tx, "transaction-date", {"iso-date": e.value_date.isoformat()})
            ET.SubElement(tx, "value", {"currency": e.currency, "value-date": e.value_date.isoformat()}).text = _amount(
                value
            )
            if e.reverses_id:
                _narrative(tx, "description", {"en": f"Reversal of entry {e.reverses.seq if e.reverses else ''}"})
            profile = getattr(tranche.institution, "financier", None)
            provider = {"ref": profile.iati_org_ref} if profile is not None and profile.iati_org_ref else {}
            _narrative(tx, "provider-org", {"en": tranche.institution.name_en}, **provider)
            _narrative(tx, "receiver-org", {"en": project.sponsor_name})
            flow = profile.default_flow if profile else FlowType.OOF.value
            ET.SubElement(tx, "flow-type", code=flow)
            ET.SubElement(tx, "finance-type", code=INSTRUMENT_CODES[Instrument(tranche.instrument)].iati_finance_type)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)
