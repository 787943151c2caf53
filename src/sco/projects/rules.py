"""The rules a project's fields obey, with no database: pure functions, property-tested (tests/test_rules.py).

`check_fields(data)` parses what a sponsor typed and collects every error by field; the service adds the lookups
(states, goals) and writes nothing until both pass.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from sco.core.i18n import lang_suffix
from sco.projects import oc4ids_codelists
from sco.projects.models import SponsorKind, Visibility

SECTORS = {code for code, _label in oc4ids_codelists.PROJECT_SECTOR}
TYPES = {code for code, _label in oc4ids_codelists.PROJECT_TYPE}
Errors = dict[str, list[str]]


@dataclass
class ProjectData:
    """What a sponsor fills in. Strings as typed; the service parses and checks them."""

    title_en: str = ""
    title_ru: str = ""
    title_zh: str = ""
    summary_en: str = ""
    summary_ru: str = ""
    summary_zh: str = ""
    sector: str = ""
    project_type: str = ""
    sponsor_kind: str = SponsorKind.STATE_AGENCY
    sponsor_name: str = ""
    sponsor_state: str = ""  # ISO alpha-2
    host_states: list[str] = field(default_factory=list)
    participating_states: list[str] = field(default_factory=list)
    location: str = ""
    longitude: str | Decimal | None = None
    latitude: str | Decimal | None = None
    total_cost: str | Decimal | None = None
    currency: str = ""
    requested_financing: str | Decimal | None = None
    start_date: date | str | None = None
    end_date: date | str | None = None
    goals: list[str] = field(default_factory=list)
    visibility: str = Visibility.PUBLIC


def parse_decimal(value: Any, name: str, errors: Errors, *, minimum: Decimal | None = None) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        number = Decimal(str(value).replace(" ", "").replace(",", "."))
    except InvalidOperation:
        errors.setdefault(name, []).append(_("Enter a number."))
        return None
    if not number.is_finite():
        errors.setdefault(name, []).append(_("Enter a number."))
        return None
    if minimum is not None and number < minimum:
        errors.setdefault(name, []).append(_("The number may not be negative."))
        return None
    return number


def parse_date(value: Any, name: str, errors: Errors) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        errors.setdefault(name, []).append(_("Enter a date as YYYY-MM-DD."))
        return None


def check_fields(data: ProjectData) -> tuple[dict[str, Any], Errors]:
    """The parsed values and every error by field name (empty when the fields hold)."""
    errors: dict[str, list[str]] = {}
    values: dict[str, Any] = {}
    for name in ("title_en", "title_ru", "title_zh"):
        text = (getattr(data, name) or "").strip()
        if len(text) > 300:
            errors.setdefault(name, []).append(_("At most 300 characters."))
        values[name] = text
    if not any(values[name] for name in ("title_en", "title_ru", "title_zh")):
        # A project is proposed in any of the three languages; the error sits on the field of the page's language.
        errors.setdefault(f"title_{lang_suffix()}", []).append(_("Give the project a title in at least one language."))
    for name in ("summary_en", "summary_ru", "summary_zh"):
        values[name] = (getattr(data, name) or "").strip()
    if data.sector not in SECTORS:
        errors.setdefault("sector", []).append(_("Choose a sector from the list."))
    values["sector"] = data.sector
    if data.project_type not in TYPES:
        errors.setdefault("project_type", []).append(_("Choose a project type from the list."))
    values["project_type"] = data.project_type
    if data.sponsor_kind not in SponsorKind.values:
        errors.setdefault("sponsor_kind", []).append(_("Choose who sponsors the project."))
    values["sponsor_kind"] = data.sponsor_kind
    values["sponsor_name"] = (data.sponsor_name or "").strip()[:300]
    if not values["sponsor_name"]:
        errors.setdefault("sponsor_name", []).append(_("Name the sponsoring agency or company."))
    if data.visibility not in Visibility.values:
        errors.setdefault("visibility", []).append(_("Choose who may see the project."))
    values["visibility"] = data.visibility
    values["location"] = (data.location or "").strip()[:300]
    values["longitude"] = parse_decimal(data.longitude, "longitude", errors)
    values["latitude"] = parse_decimal(data.latitude, "latitude", errors)
    if values["longitude"] is not None and not Decimal(-180) <= values["longitude"] <= Decimal(180):
        errors.setdefault("longitude", []).append(_("Longitude lies between -180 and 180."))
    if values["latitude"] is not None and not Decimal(-90) <= values["latitude"] <= Decimal(90):
        errors.setdefault("latitude", []).append(_("Latitude lies between -90 and 90."))
    values["total_cost"] = parse_decimal(data.total_cost, "total_cost", errors, minimum=Decimal(0))
    values["requested_financing"] = parse_decimal(
        data.requested_financing, "requested_financing", errors, minimum=Decimal(0)
    )
    currency = (data.currency or "").strip().upper()
    if currency and currency not in oc4ids_codelists.CURRENCY:
        errors.setdefault("currency", []).append(_("Use an ISO 4217 currency code, such as USD or CNY."))
    if (values["total_cost"] is not None or values["requested_financing"] is not None) and not currency:
        errors.setdefault("currency", []).append(_("Say which currency the amounts are in."))
    values["currency"] = currency
    if (
        values["total_cost"] is not None
        and values["requested_financing"] is not None
        and values["requested_financing"] > values["total_cost"]
    ):
        errors.setdefault("requested_financing", []).append(_("The financing requested exceeds the total cost."))
    values["start_date"] = parse_date(data.start_date, "start_date", errors)
    values["end_date"] = parse_date(data.end_date, "end_date", errors)
    if values["start_date"] and values["end_date"] and values["end_date"] < values["start_date"]:
        errors.setdefault("end_date", []).append(_("The end comes before the start."))
    return values, errors
