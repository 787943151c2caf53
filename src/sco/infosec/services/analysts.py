"""What the analysts' pages write: an incident report with its indicators, and a sighting. Both go through
`objects_add`, as a TAXII client's envelope would."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from sco.core.errors import InvalidInput
from sco.core.users import Actor
from sco.infosec import stixtime, tlp, validation
from sco.infosec.access import Caller, caller_for_user, writable
from sco.infosec.errors import NotACert
from sco.infosec.indicators import parse_line
from sco.infosec.models import Cert, Collection, StixObject, person_identity_id
from sco.infosec.selectors import object_get
from sco.infosec.services.objects import objects_add
from sco.members import permissions


def _caller_for(actor: Actor) -> Caller:
    permissions.ensure_signed_in(actor)
    caller = caller_for_user(actor)
    if caller.cert is None:
        raise NotACert()
    return caller


def _stix_now() -> str:
    now = timezone.now()
    return stixtime.stix(now.replace(microsecond=now.microsecond // 1000 * 1000))


def _audience_ids(caller: Caller, level: tlp.Tlp, audience: Iterable[Cert]) -> list[str]:
    if level <= tlp.Tlp.GREEN:
        return []
    if level == tlp.Tlp.RED:  # from the page: the analyst alone (TAXII clients may name people)
        return [person_identity_id(caller.user.get_username())] if caller.user is not None else []
    return [c.identity_id for c in audience]


def report_submit(
    *,
    actor: Actor,
    collection: Collection,
    name: str,
    description: str,
    level: tlp.Tlp,
    audience: Iterable[Cert],
    lines: list[str],
) -> dict[str, Any]:
    """An incident report from the page: an incident (with the OASIS Incident Core extension), one indicator per
    line, a related-to relationship from each indicator to the incident, and the report that holds them, all under
    one TLP marking and audience. Goes through objects_add, as a TAXII client's envelope would."""
    caller = _caller_for(actor)
    writable(caller, str(collection.pk))
    errors = []
    observables = []
    for number, line in enumerate([x for x in lines if x.strip()], start=1):
        try:
            observables.append(parse_line(line))
        except ValueError as exc:
            errors.append(_("Line %(n)s (%(line)s): %(reason)s") % {"n": number, "line": line[:80], "reason": exc})
    if not observables:
        errors.append(_("Give at least one indicator."))
    if level >= tlp.Tlp.AMBER and level != tlp.Tlp.RED and not list(audience):
        errors.append(_("Name the CERTs an AMBER report is for."))
    if errors:
        raise InvalidInput(field_errors={"indicators": errors})
    assert caller.cert is not None
    now = _stix_now()
    common = {
        "spec_version": "2.1",
        "created": now,
        "modified": now,
        "created_by_ref": caller.cert.identity_id,
        "object_marking_refs": [level.marking_id],
    }
    if level >= tlp.Tlp.AMBER:
        common["x_sco_audience_refs"] = _audience_ids(caller, level, audience)
    incident = {
        "type": "incident",
        "id": f"incident--{uuid.uuid4()}",
        **common,
        "name": name,
        "description": description,
        "extensions": {validation.INCIDENT_CORE_EXTENSION: {"extension_type": "property-extension"}},
    }
    indicator_objs = [
        {
            "type": "indicator",
            "id": f"indicator--{uuid.uuid4()}",
            **common,
            "name": f"{o.kind}: {o.value}",
            "indicator_types": ["malicious-activity"],
            "pattern": o.pattern,
            "pattern_type": "stix",
            "valid_from": now,
        }
        for o in observables
    ]
    relationships = [
        {
            "type": "relationship",
            "id": f"relationship--{uuid.uuid4()}",
            **common,
            "relationship_type": "related-to",
            "source_ref": ind["id"],
            "target_ref": incident["id"],
        }
        for ind in indicator_objs
    ]
    report = {
        "type": "report",
        "id": f"report--{uuid.uuid4()}",
        **common,
        "name": name,
        "description": description,
        "report_types": ["indicator"],
        "published": now,
        "object_refs": [incident["id"], *(i["id"] for i in indicator_objs), *(r["id"] for r in relationships)],
    }
    objects_add(caller=caller, collection=collection, objects=[incident, *indicator_objs, *relationships, report])
    return report


def sighting_record(*, actor: Actor, row: StixObject, count: int, note: str, share_green: bool) -> dict[str, Any]:
    """'We saw it too': a sighting by the actor's CERT of a visible object, addressed (AMBER) to the object's
    producer, or to the whole community (GREEN) when the analyst says so and the object itself is GREEN or CLEAR."""
    caller = _caller_for(actor)
    row = object_get(caller=caller, stix_id=row.stix_id)  # the actor must see what it sights
    assert caller.cert is not None
    level = tlp.Tlp.GREEN if share_green and row.tlp <= tlp.Tlp.GREEN else tlp.Tlp.AMBER
    producers = [c for c in [row.creator] if c is not None]
    now = _stix_now()
    sighting: dict[str, Any] = {
        "type": "sighting",
        "spec_version": "2.1",
        "id": f"sighting--{uuid.uuid4()}",
        "created": now,
        "modified": now,
        "created_by_ref": caller.cert.identity_id,
        "sighting_of_ref": row.stix_id,
        "where_sighted_refs": [caller.cert.identity_id],
        "count": max(0, min(count, 999_999_999)),
        "last_seen": now,
        "object_marking_refs": [level.marking_id],
    }
    if note:
        sighting["description"] = note[:2000]
    if level == tlp.Tlp.AMBER:
        sighting["x_sco_audience_refs"] = [c.identity_id for c in producers]
    objects_add(caller=caller, collection=row.collection, objects=[sighting])
    return sighting
