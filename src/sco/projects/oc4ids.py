"""Map the platform's projects to an OC4IDS 0.9 project package.

Pure module (no Django): the selector turns model rows into the plain records below, and this module
turns records into the JSON structure of the OC4IDS project-package schema. Only public projects ever
reach it; visibility is decided before.

Mapping decisions (OC4IDS field <- platform field):

* ``id`` <- ``{prefix}{public_id}``. OC4IDS wants a registered prefix (``oc4ids-`` + six characters);
  the Organisation has none registered, so the default prefix is a placeholder and is a setting.
* ``title``/``description`` <- English text (the package ``language`` is ``en``): OC4IDS 0.9 has no
  multilingual title, so the package carries the English text and the platform page the others.
* ``status`` <- lifecycle status via ``STATUS_TO_OC4IDS`` (the pipeline states before implementation
  are ``identification``/``preparation``; rejected, withdrawn and cancelled are ``cancelled``).
* ``type`` <- project type (already an OC4IDS projectType code); ``sector`` <- sector code and, for
  ``a.b`` codes, the parent ``a`` too, as the schema asks.
* ``budget.amount`` <- total cost; ``budget.description`` states the requested financing.
* ``period`` <- the planned timeline.
* ``parties`` <- the sponsor (role ``publicAuthority`` when it is a state agency, else
  ``interestedParty``) and one party per host or participating state (role ``interestedParty``),
  each with ``address.countryName``; ``publicAuthority`` references the sponsor when it is a state agency.
* ``locations`` <- description, optional GeoJSON point ([longitude, latitude]) and country.
* ``documents`` <- attachments: OC4IDS documentType, title, download URL, media type.
* ``policyAlignment`` <- the strategic goals served (``description`` lists them; ``policies`` uses the
  open codelist value ``sectorPlan`` for SCO sectoral strategies).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sco.core import csvsafe
from sco.projects.lifecycle import Status

OC4IDS_VERSION = "0.9"
DEFAULT_PREFIX = "oc4ids-scoplt-"  # placeholder: no OC4IDS prefix is registered for the Organisation

STATUS_TO_OC4IDS: dict[Status, str] = {
    Status.DRAFT: "identification",
    Status.SUBMITTED: "identification",
    Status.SCREENING: "identification",
    Status.UNDER_DISCUSSION: "preparation",
    Status.APPRAISAL: "preparation",
    Status.DECISION: "preparation",
    Status.RETURNED: "preparation",
    Status.APPROVED: "preparation",
    Status.FINANCING: "preparation",
    Status.IMPLEMENTATION: "implementation",
    Status.COMPLETED: "completion",
    Status.REJECTED: "cancelled",
    Status.WITHDRAWN: "cancelled",
    Status.CANCELLED: "cancelled",
}


@dataclass(frozen=True)
class PartyRecord:
    id: str
    name: str
    country_name: str = ""
    roles: tuple[str, ...] = ("interestedParty",)


@dataclass(frozen=True)
class LocationRecord:
    description: str
    country_name: str = ""
    longitude: float | None = None
    latitude: float | None = None


@dataclass(frozen=True)
class DocumentRecord:
    id: str
    document_type: str
    title: str
    url: str
    media_type: str


@dataclass(frozen=True)
class ProjectRecord:
    public_id: str
    updated: datetime
    title: str
    description: str
    status: Status
    project_type: str
    sector: str
    total_cost: Decimal | None = None
    currency: str = ""
    requested_financing: Decimal | None = None
    start_date: date | None = None
    end_date: date | None = None
    sponsor: PartyRecord | None = None
    sponsor_is_state_agency: bool = True
    states: tuple[PartyRecord, ...] = ()
    locations: tuple[LocationRecord, ...] = ()
    documents: tuple[DocumentRecord, ...] = ()
    goals: tuple[str, ...] = ()
    url: str = ""
    extra: dict[str, object] = field(default_factory=dict)


def _iso(value: datetime) -> str:
    return value.isoformat().replace("+00:00", "Z")


def _amount(value: Decimal) -> float | int:
    # JSON has no decimal type; integers stay integers so amounts are not printed with a spurious ".0".
    return int(value) if value == value.to_integral_value() else float(value)


def sectors_for(code: str) -> list[str]:
    """The sector code with its parent first, as OC4IDS asks for sub-sector codes."""
    if "." in code:
        return [code.split(".", 1)[0], code]
    return [code]


def project_to_oc4ids(record: ProjectRecord, *, prefix: str = DEFAULT_PREFIX) -> dict[str, object]:
    project: dict[str, object] = {
        "id": f"{prefix}{record.public_id}",
        "updated": _iso(record.updated),
        "language": "en",
        "title": record.title,
        "status": STATUS_TO_OC4IDS[record.status],
        "type": record.project_type,
        "sector": sectors_for(record.sector),
        "identifiers": [{"id": record.public_id, "scheme": "SCO cooperation platform"}],
    }
    if record.description:
        project["description"] = record.description
    budget: dict[str, object] = {}
    if record.total_cost is not None and record.currency:
        budget["amount"] = {"amount": _amount(record.total_cost), "currency": record.currency}
    if record.requested_financing is not None and record.currency:
        budget["description"] = (
            f"Financing requested through the platform: {record.requested_financing} {record.currency}"
        )
    if budget:
        project["budget"] = budget
    period: dict[str, str] = {}
    if record.start_date:
        period["startDate"] = f"{record.start_date.isoformat()}T00:00:00Z"
    if record.end_date:
        period["endDate"] = f"{record.end_date.isoformat()}T00:00:00Z"
    if period:
        project["period"] = period
    parties: list[dict[str, object]] = []
    if record.sponsor is not None:
        roles = ["publicAuthority"] if record.sponsor_is_state_agency else ["interestedParty"]
        parties.append(_party(record.sponsor, roles))
        if record.sponsor_is_state_agency:
            project["publicAuthority"] = {"id": record.sponsor.id, "name": record.sponsor.name}
    seen = {p["id"] for p in parties}
    for state in record.states:
        if state.id not in seen:
            parties.append(_party(state, list(state.roles)))
            seen.add(state.id)
    if parties:
        project["parties"] = parties
    locations = [_location(i, loc) for i, loc in enumerate(record.locations, start=1)]
    if locations:
        project["locations"] = locations
    documents = [
        {
            "id": d.id,
            "documentType": d.document_type,
            "title": d.title,
            "url": d.url,
            "format": d.media_type,
        }
        for d in record.documents
    ]
    if record.url:
        documents.append(
            {"id": "platform-page", "documentType": "projectScope", "title": record.title, "url": record.url}
        )
    if documents:
        project["documents"] = documents
    if record.goals:
        project["policyAlignment"] = {"policies": ["sectorPlan"], "description": "; ".join(record.goals)}
    return project


def _party(party: PartyRecord, roles: Sequence[str]) -> dict[str, object]:
    out: dict[str, object] = {"id": party.id, "name": party.name, "roles": list(roles)}
    if party.country_name:
        out["address"] = {"countryName": party.country_name}
    return out


def _location(index: int, location: LocationRecord) -> dict[str, object]:
    out: dict[str, object] = {"id": str(index), "description": location.description}
    if location.longitude is not None and location.latitude is not None:
        out["geometry"] = {"type": "Point", "coordinates": [location.longitude, location.latitude]}
    if location.country_name:
        out["address"] = {"countryName": location.country_name}
    return out


def package(
    records: Iterable[ProjectRecord],
    *,
    uri: str,
    publisher: str,
    published: datetime,
    prefix: str = DEFAULT_PREFIX,
) -> dict[str, Any]:
    """An OC4IDS project package. The schema asks for at least one project; an empty package is still
    returned (with an empty list) so a publisher with nothing public yet gets a well-formed answer."""
    return {
        "uri": uri,
        "publisher": {"name": publisher},
        "publishedDate": _iso(published),
        "version": OC4IDS_VERSION,
        "projects": [project_to_oc4ids(r, prefix=prefix) for r in records],
    }


CSV_COLUMNS: tuple[str, ...] = (
    "id",
    "title",
    "status",
    "type",
    "sector",
    "budget/amount/amount",
    "budget/amount/currency",
    "period/startDate",
    "period/endDate",
    "publicAuthority/name",
    "parties/countries",
    "updated",
)


def csv_row(project: dict[str, Any]) -> list[str]:
    """One flat row per project, with Flatten Tool-style column names, from an OC4IDS project dict."""
    budget = project.get("budget") or {}
    amount = budget.get("amount") if isinstance(budget, dict) else None
    period = project.get("period") or {}
    authority = project.get("publicAuthority") or {}
    parties = project.get("parties") or []
    countries = sorted(
        {
            str(p["address"]["countryName"])
            for p in parties
            if isinstance(p, dict) and isinstance(p.get("address"), dict)
        }
    )
    return [
        str(project.get("id", "")),
        str(project.get("title", "")),
        str(project.get("status", "")),
        str(project.get("type", "")),
        ";".join(project.get("sector", [])),
        str(amount["amount"]) if isinstance(amount, dict) else "",
        str(amount["currency"]) if isinstance(amount, dict) else "",
        str(period.get("startDate", "")) if isinstance(period, dict) else "",
        str(period.get("endDate", "")) if isinstance(period, dict) else "",
        str(authority.get("name", "")) if isinstance(authority, dict) else "",
        ";".join(countries),
        str(project.get("updated", "")),
    ]


def write_csv(package: dict[str, Any], out: Any) -> None:
    """The package's projects as CSV (header, then ``csv_row`` per project) into a text file-like ``out``."""
    writer = csvsafe.writer(out)
    writer.writerow(CSV_COLUMNS)
    for project in package["projects"]:
        writer.writerow(csv_row(project))
