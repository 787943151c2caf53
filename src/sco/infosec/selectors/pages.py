"""The analysts' pages: what was shared with my CERT, an object and its neighbours, the weekly dashboard."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, QuerySet
from django.db.models.functions import TruncWeek

from sco.infosec.access import Caller, grants_of
from sco.infosec.errors import NoSuchObject
from sco.infosec.models import Collection, StixObject
from sco.infosec.selectors.taxii import MAX_PAGE, Filters, filtered

# --- the analysts' pages -------------------------------------------------------------------------------------


def readable_collection_ids(caller: Caller) -> list[Any]:
    return list(grants_of(caller).filter(can_read=True).values_list("collection_id", flat=True))


def latest_visible(caller: Caller) -> QuerySet[StixObject]:
    return StixObject.objects.filter(collection_id__in=readable_collection_ids(caller), is_latest=True).visible_to(
        caller.viewer
    )


def shared_with_me(*, caller: Caller, types: tuple[str, ...] = (), limit: int = 100) -> list[StixObject]:
    """What other CERTs shared that this CERT may see (its own objects aside), newest first."""
    qs = latest_visible(caller)
    if caller.cert is not None:
        qs = qs.exclude(creator=caller.cert)
    if types:
        qs = qs.filter(type__in=types)
    return list(qs.select_related("creator__institution", "collection").order_by("-date_added", "-id")[:limit])


def object_get(*, caller: Caller, stix_id: str) -> StixObject:
    row = latest_visible(caller).filter(stix_id=stix_id).select_related("collection", "creator__institution").first()
    if row is None:
        raise NoSuchObject()
    return row


def payload(row: StixObject) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(row.payload)
    return data


@dataclass
class Neighbourhood:
    refs_out: list[StixObject]
    refs_in: list[StixObject]
    sightings: list[StixObject]


def neighbourhood(*, caller: Caller, row: StixObject) -> Neighbourhood:
    """The objects this one refers to, and the visible relationships and sightings that refer to it."""
    data = payload(row)
    out_ids: set[str] = set()
    for key, value in data.items():
        if key.endswith("_refs") and isinstance(value, list) and key != "object_marking_refs":
            out_ids.update(v for v in value if isinstance(v, str))
        elif key.endswith("_ref") and isinstance(value, str) and key != "created_by_ref":
            out_ids.add(value)
    out_ids.discard(row.stix_id)
    visible = latest_visible(caller).select_related("creator__institution")
    refs_out = list(visible.filter(stix_id__in=out_ids).order_by("type", "stix_id")[:200])
    # A relationship or sighting names its ends in its payload; the id is unique enough to search the text.
    pointing = list(
        visible.filter(
            type__in=["relationship", "sighting", "report", "note", "opinion"], payload__contains=row.stix_id
        )
        .exclude(stix_id=row.stix_id)
        .order_by("-date_added")[:200]
    )
    return Neighbourhood(
        refs_out=refs_out,
        refs_in=[r for r in pointing if r.type != "sighting"],
        sightings=[r for r in pointing if r.type == "sighting"],
    )


def dashboard(*, caller: Caller, weeks: int = 26) -> list[dict[str, Any]]:
    """Objects added per week and type, counted over what the viewer may see only."""
    since = dt.datetime.now(dt.UTC) - dt.timedelta(weeks=weeks)
    rows = (
        StixObject.objects.filter(collection_id__in=readable_collection_ids(caller), date_added__gte=since)
        .visible_to(caller.viewer)
        .annotate(week=TruncWeek("date_added"))
        .values("week", "type")
        .annotate(n=Count("id"))
        .order_by("week", "type")
    )
    return [{"week": r["week"].date().isoformat(), "type": r["type"], "n": r["n"]} for r in rows]


def signatures(*, caller: Caller, collection: Collection, stix_id: str) -> list[tuple[dt.datetime, str]]:
    qs = filtered(caller, collection, Filters(ids=(stix_id,), versions=("all",)))
    rows = list(qs.order_by("version").values_list("version", "signature")[:MAX_PAGE])
    if not rows:
        raise NoSuchObject()
    return rows
