"""Reads of AMBER, AMBER+STRICT and RED versions go to the audit trail in two steps: the read path appends one row to
`SensitiveRead` (one INSERT, no lock, no transaction of its own; on PostgreSQL inside the page's own query, see
`page_read`), and `sensitive_reads_fold` writes each such row into
the audit chain (`core.audit`, one entry per request, with the time of the read), every minute from `tasks.py`.
The chain's head is locked once per fold instead of once per TAXII page."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import connection, transaction
from django.utils import timezone

from sco.core import audit
from sco.infosec import selectors, stixtime, tlp
from sco.infosec.access import Caller
from sco.infosec.models import Collection, SensitiveRead, StixObject

FOLD_BATCH = 500


def sensitive_reads_log(caller: Caller, rows: Iterable[tuple[int, int]], *, place: str) -> bool:
    """Appends one row for the AMBER, AMBER+STRICT and RED versions (StixObject pk, tlp) a caller was just given;
    nothing when there were none. Hand-written: it runs on every TAXII page."""
    sensitive = ",".join(f"{pk}:{level}" for pk, level in rows if level >= tlp.Tlp.AMBER)
    if not sensitive:
        return False
    at = connection.ops.adapt_datetimefield_value(timezone.now())
    with connection.cursor() as cur:
        cur.execute(
            "INSERT INTO infosec_sensitiveread (at, user_id, cert_id, key_prefix, place, versions)"
            " VALUES (%s, %s, %s, %s, %s, %s)",
            [
                at,
                caller.user.pk if caller.user is not None else None,
                caller.cert.pk if caller.cert is not None else None,
                caller.key.prefix if caller.key is not None else "",
                place[:100],
                sensitive,
            ],
        )
    return True


# The page and its log in one statement (PostgreSQL runs a data-modifying WITH to its end even when its rows are not
# read): the served rows (the first `limit` of the page), their AMBER, AMBER+STRICT and RED ones as 'id:tlp' in page
# order, one INSERT when there is any, none otherwise. Only fixed fragments are interpolated.
_LOGGED_PAGE = """
WITH page AS (
    SELECT {columns}, o.date_added AS at_added FROM infosec_stixobject o WHERE {where}
    ORDER BY o.date_added, o.id LIMIT %s
), logged AS (
    INSERT INTO infosec_sensitiveread (at, user_id, cert_id, key_prefix, place, versions)
    SELECT %s::timestamptz, %s::bigint, %s::bigint, %s::text, %s::text,
           string_agg(s.id::text || ':' || s.tlp::text, ',' ORDER BY s.at_added, s.id)
    FROM (SELECT id, tlp, at_added FROM page ORDER BY at_added, id LIMIT %s) s
    WHERE s.tlp >= {amber}
    HAVING count(*) > 0
    RETURNING 1
)
SELECT {names} FROM page ORDER BY at_added, id
"""
_PAGE_NAMES = "id, date_added, payload, stix_id, version, tlp, spec_version"


def page_read(
    *,
    caller: Caller,
    collection: Collection,
    filters: selectors.Filters,
    limit: int,
    next_token: str | None,
    place: str,
) -> selectors.Page:
    """A page of objects (`selectors.page_query`) as served to a caller, its AMBER, AMBER+STRICT and RED versions
    logged for the audit trail: on PostgreSQL in the page's own statement, elsewhere by `sensitive_reads_log`."""
    query = selectors.page_query(
        caller=caller, collection=collection, filters=filters, limit=limit, next_token=next_token
    )
    if connection.vendor != "postgresql":
        with connection.cursor() as cur:
            cur.execute(query.sql, [*query.params, limit + 1])
            found = selectors.page_of(query, cur.fetchall())
        sensitive_reads_log(caller, ((r[0], r[5]) for r in found.rows), place=place)
        return found
    sql = _LOGGED_PAGE.format(
        columns=selectors.PAGE_COLUMNS, where=query.where, names=_PAGE_NAMES, amber=int(tlp.Tlp.AMBER)
    )
    params = [
        *query.params,
        limit + 1,
        connection.ops.adapt_datetimefield_value(timezone.now()),
        caller.user.pk if caller.user is not None else None,
        caller.cert.pk if caller.cert is not None else None,
        caller.key.prefix if caller.key is not None else "",
        place[:100],
        limit,
    ]
    with selectors.prepared_cursor() as cur:
        cur.execute(sql, params)
        return selectors.page_of(query, cur.fetchall())


def _versions(text: str) -> list[tuple[int, int]]:
    out = []
    for part in text.split(","):
        pk, _sep, level = part.partition(":")
        out.append((int(pk), int(level)))
    return out


@transaction.atomic
def sensitive_reads_fold(*, limit: int = FOLD_BATCH) -> int:
    """Writes up to `limit` logged reads into the audit chain, oldest first: one `infosec.sensitive_read` entry per
    read, acting as the reader for its CERT, naming each version (id, modified, TLP). Safe to run twice at once
    (the rows are taken with SKIP LOCKED). Returns how many it wrote."""
    reads = list(
        SensitiveRead.objects.filter(audit_seq__isnull=True)
        .select_for_update(skip_locked=True, of=("self",))
        .select_related("user", "cert__institution")
        .order_by("id")[:limit]
    )
    if not reads:
        return 0
    parsed = {read.pk: _versions(read.versions) for read in reads}
    pks = {pk for versions in parsed.values() for pk, _level in versions}
    found: dict[int, tuple[str, dt.datetime]] = {
        pk: (stix_id, version)
        for pk, stix_id, version in StixObject.objects.filter(pk__in=pks).values_list("pk", "stix_id", "version")
    }
    for read in reads:
        objects = []
        for pk, level in parsed[read.pk]:
            stix_id, version = found.get(pk, ("(deleted since)", None))
            objects.append([stix_id, stixtime.stix(version) if version else "", tlp.Tlp(level).label])
        entry = audit.record(
            actor=read.user,
            action="infosec.sensitive_read",
            on_behalf_of=read.cert.institution if read.cert else "",
            after={"where": read.place, "at": stixtime.stix(read.at), "objects": objects, "key": read.key_prefix},
        )
        read.audit_seq = entry.seq
    SensitiveRead.objects.bulk_update(reads, ["audit_seq"])
    return len(reads)
