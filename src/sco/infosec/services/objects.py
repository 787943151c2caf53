"""Object versions: an envelope added all or nothing, a deletion by the creator, and the audit of sensitive reads."""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sco.core import audit
from sco.infosec import signing, stixtime, tlp, validation
from sco.infosec.access import Caller
from sco.infosec.errors import BadEnvelope, NoGrant, NoSuchObject, NotACert
from sco.infosec.models import AddStatus, Audience, Collection, StixObject

AUDIENCE_PROPERTY = "x_sco_audience_refs"
MAX_OBJECTS = 1000


@dataclass
class Prepared:
    obj: dict[str, Any]
    payload: str
    level: tlp.Tlp
    version: dt.datetime | None
    audience: list[str]


def failure(obj: Any, message: str) -> dict[str, str]:
    if isinstance(obj, dict):
        version = obj.get("modified") or obj.get("created") or ""
        return {"id": str(obj.get("id", ""))[:100], "version": str(version)[:40], "message": message}
    return {"id": "", "version": "", "message": message}


def _prepare(obj: Any, caller: Caller, collection: Collection) -> tuple[Prepared | None, str]:
    reasons = validation.problems(obj)
    if reasons:
        return None, "; ".join(reasons)
    level = tlp.Tlp.CLEAR if tlp.is_tlp_definition(obj) else tlp.level_of(tlp.marking_refs(obj))
    if level > collection.max_tlp:
        return None, f"{level.label} is not accepted in this collection (at most {tlp.Tlp(collection.max_tlp).label})"
    by = obj.get("created_by_ref")
    if by and caller.cert is not None and by != caller.cert.identity_id:
        return None, "created_by_ref must be your own CERT's identity: only the creator publishes an object"
    stamp = obj.get("modified") or obj.get("created")
    version = stixtime.parse(stamp) if stamp else None
    # The audience is routing, not content: it goes to the Audience table and is not served, so a recipient does not
    # learn who else received the object (MISP's "confidential sharing groups" demand). The rest is kept as it came.
    served = {k: v for k, v in obj.items() if k != AUDIENCE_PROPERTY}
    payload = json.dumps(served, ensure_ascii=False, separators=(",", ":"))
    return Prepared(served, payload, level, version, list(dict.fromkeys(obj.get(AUDIENCE_PROPERTY, [])))), ""


def _same(a: str, b: str) -> bool:
    return bool(json.loads(a) == json.loads(b))


@transaction.atomic
def objects_add(
    *, caller: Caller, collection: Collection, objects: list[Any], keep_creator_ref: bool = False
) -> AddStatus:
    """Adds an envelope's objects to a collection, all or nothing.

    Refused (nothing stored, every reason listed): an object that fails the STIX 2.1 schema or the stix2 library, a
    marking other than TLP, a TLP above the collection's limit, an object claiming another creator, a new version of
    someone else's object or of a revoked one, and a different content under an existing (id, modified). Posting an
    exact duplicate succeeds and stores nothing (TAXII 2.1 section 5.4).

    `keep_creator_ref` is for federation: the pulled objects keep their producer's created_by_ref."""
    if caller.cert is None and not keep_creator_ref:
        raise NotACert()
    prepared: list[Prepared] = []
    failures: list[dict[str, str]] = []
    for obj in objects:
        item, reason = _prepare(
            obj, Caller(user=caller.user, cert=None if keep_creator_ref else caller.cert), collection
        )
        if item is None:
            failures.append(failure(obj, reason))
        else:
            prepared.append(item)
    if failures:
        raise BadEnvelope(count=len(failures), details=failures)

    # Lock the collection so date_added follows commit order: a reader paging by (date_added, id) never sees a row
    # appear behind the point it has already passed (this is what keeps federation free of loss).
    Collection.objects.select_for_update().filter(pk=collection.pk).first()
    now = timezone.now()
    ids = {p.obj["id"] for p in prepared}
    existing: dict[str, list[StixObject]] = defaultdict(list)
    for row in StixObject.objects.filter(stix_id__in=ids).only(
        "collection_id", "stix_id", "version", "creator_id", "revoked", "payload", "is_latest"
    ):
        existing[row.stix_id].append(row)

    new_rows: list[NewRow] = []
    successes: list[dict[str, str]] = []
    seen: set[tuple[str, dt.datetime]] = set()
    creator_id = None if keep_creator_ref or caller.cert is None else caller.cert.pk
    for item in prepared:
        stix_id = item.obj["id"]
        rows = existing[stix_id]
        here = [r for r in rows if r.collection_id == collection.pk]
        if item.version is None:  # an SCO without created/modified: identical content is the same object
            same = next((r for r in here if _same(r.payload, item.payload)), None)
            if same is not None:
                successes.append({"id": stix_id, "version": stixtime.stix(same.version)})
                continue
            item.version = now
        version = item.version
        duplicate = next((r for r in here if r.version == version), None)
        if duplicate is not None or (stix_id, version) in seen:
            if duplicate is not None and not _same(duplicate.payload, item.payload):
                failures.append(failure(item.obj, "another content is already stored under this id and modified"))
            else:
                successes.append({"id": stix_id, "version": stixtime.stix(version)})
            continue
        creators = {r.creator_id for r in rows if r.creator_id is not None}
        if item.obj["type"] not in validation.SCO_TYPES and not tlp.is_tlp_definition(item.obj):
            if creators and not keep_creator_ref and creators != {caller.cert.pk if caller.cert else None}:
                failures.append(failure(item.obj, "only the creator may publish a new version of this object"))
                continue
            if any(r.revoked for r in rows):
                failures.append(failure(item.obj, "this object was revoked: a revoked object stays revoked"))
                continue
        seen.add((stix_id, version))
        new_rows.append(NewRow(item, version, creator_id))
        successes.append({"id": stix_id, "version": stixtime.stix(version)})
    if failures:
        raise BadEnvelope(count=len(failures), details=failures)
    # Signed only once the whole envelope is known to be accepted: a refused envelope costs no signature.
    for new in new_rows:
        new.signature = signing.sign(new.item.obj)

    _store(collection, new_rows, existing, now)
    status = AddStatus.objects.create(
        collection=collection, cert=caller.cert, request_timestamp=now, successes=successes, failures=[]
    )
    audit.record(
        actor=caller.user,
        action="infosec.objects_added",
        target=status,
        on_behalf_of=caller.cert.institution if caller.cert else "federation",
        after={
            "collection": collection.alias,
            "stored": [[r.item.obj["id"], stixtime.stix(r.version)] for r in new_rows][:500],
            "duplicates": len(successes) - len(new_rows),
            "key": caller.key.prefix if caller.key else "",
        },
    )
    return status


@dataclass
class NewRow:
    """A version about to be stored (its StixObject columns), without the cost of a model instance per object."""

    item: Prepared
    version: dt.datetime
    creator_id: int | None
    signature: str = ""
    is_latest: bool = False
    pk: int | None = None


_COPY_OBJECTS = (
    "COPY infosec_stixobject (id, collection_id, stix_id, type, spec_version, version, date_added, is_latest, tlp,"
    " creator_id, created_by_ref, revoked, payload, signature) FROM STDIN"
)


def _store(
    collection: Collection, new_rows: list[NewRow], existing: dict[str, list[StixObject]], now: dt.datetime
) -> None:
    """Stores the accepted versions and moves `is_latest` to each object's newest one: on PostgreSQL the ids come
    from the sequence in one query and the rows and their audience go in by COPY (an ORM bulk INSERT binds every
    value on the client, which cost more than the rest of the POST together); elsewhere by bulk_create."""
    latest: dict[str, dt.datetime] = {}
    for stix_id, rows in existing.items():
        for r in rows:
            if r.collection_id == collection.pk and r.is_latest:
                latest[stix_id] = r.version
    promoted: dict[str, NewRow] = {}
    for row in new_rows:
        current = promoted.get(row.item.obj["id"])
        best = current.version if current else latest.get(row.item.obj["id"])
        if best is None or row.version > best:
            promoted[row.item.obj["id"]] = row
    for row in promoted.values():
        row.is_latest = True
    demote = [sid for sid in promoted if sid in latest]
    if demote:
        StixObject.objects.filter(collection=collection, stix_id__in=demote, is_latest=True).update(is_latest=False)
    if not new_rows:
        return
    audience = [
        (row, principal) for row in new_rows if row.item.level >= tlp.Tlp.AMBER for principal in row.item.audience
    ]
    if connection.vendor == "postgresql":
        _copy(collection, new_rows, audience, now)
        return
    objs = [
        StixObject(
            collection=collection,
            stix_id=row.item.obj["id"],
            type=row.item.obj["type"],
            spec_version=row.item.obj.get("spec_version", "2.1"),
            version=row.version,
            date_added=now,
            is_latest=row.is_latest,
            tlp=int(row.item.level),
            creator_id=row.creator_id,
            created_by_ref=row.item.obj.get("created_by_ref", ""),
            revoked=bool(row.item.obj.get("revoked")),
            payload=row.item.payload,
            signature=row.signature,
        )
        for row in new_rows
    ]
    StixObject.objects.bulk_create(objs)
    pks: dict[int, int] = {}
    for row, obj in zip(new_rows, objs, strict=True):
        if obj.pk is None:  # bulk_create sets pk on PostgreSQL and SQLite >= 3.35
            raise RuntimeError("bulk_create did not return primary keys")
        row.pk = pks[id(row)] = obj.pk
    Audience.objects.bulk_create([Audience(obj_id=pks[id(row)], principal=principal) for row, principal in audience])


def _copy(collection: Collection, new_rows: list[NewRow], audience: list[tuple[NewRow, str]], now: dt.datetime) -> None:
    with connection.cursor() as cur, connection.wrap_database_errors:  # psycopg's errors as Django's, as elsewhere
        cur.execute(
            "SELECT nextval(pg_get_serial_sequence('infosec_stixobject', 'id')) FROM generate_series(1, %s)",
            [len(new_rows)],
        )
        for row, (pk,) in zip(new_rows, sorted(cur.fetchall()), strict=True):
            row.pk = pk
        raw = cur.cursor  # psycopg's own cursor: COPY is not part of Django's cursor API
        with raw.copy(_COPY_OBJECTS) as copy:
            for row in new_rows:
                obj = row.item.obj
                copy.write_row(
                    (
                        row.pk,
                        collection.pk,
                        obj["id"],
                        obj["type"],
                        obj.get("spec_version", "2.1"),
                        row.version,
                        now,
                        row.is_latest,
                        int(row.item.level),
                        row.creator_id,
                        obj.get("created_by_ref", ""),
                        bool(obj.get("revoked")),
                        row.item.payload,
                        row.signature,
                    )
                )
        if audience:
            with raw.copy("COPY infosec_audience (obj_id, principal) FROM STDIN") as copy:
                for row, principal in audience:
                    copy.write_row((row.pk, principal))


@transaction.atomic
def object_delete(*, caller: Caller, collection: Collection, stix_id: str, versions: list[dt.datetime] | None) -> int:
    """Deletes an object's versions from a collection (all of them, or those listed). Only the CERT that created the
    object may delete it; to anyone else the object does not exist or may not be touched."""
    if caller.cert is None:
        raise NotACert()
    rows = StixObject.objects.filter(collection=collection, stix_id=stix_id).visible_to(caller.viewer)
    if versions:
        rows = rows.filter(version__in=versions)
    found = list(rows.values_list("pk", "creator_id", "version"))
    if not found:
        raise NoSuchObject()
    if any(creator != caller.cert.pk for _pk, creator, _v in found):
        raise NoGrant(_("Only the CERT that created this object may delete it."))
    StixObject.objects.filter(pk__in=[pk for pk, _c, _v in found]).delete()
    rest = StixObject.objects.filter(collection=collection, stix_id=stix_id).order_by("-version").first()
    if rest is not None and not rest.is_latest:
        StixObject.objects.filter(pk=rest.pk).update(is_latest=True)
    audit.record(
        actor=caller.user,
        action="infosec.object_deleted",
        target=collection,
        on_behalf_of=caller.cert.institution,
        after={"id": stix_id, "versions": [stixtime.stix(v) for _pk, _c, v in found]},
    )
    return len(found)
