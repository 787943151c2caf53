"""Reads of AMBER, AMBER+STRICT and RED versions go to the audit trail in two steps: the read path appends one row to
`SensitiveRead` (one INSERT, no lock, no transaction of its own), and `sensitive_reads_fold` writes each such row into
the audit chain (`core.audit`, one entry per request, with the time of the read), every minute from `tasks.py`.
The chain's head is locked once per fold instead of once per TAXII page."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import connection, transaction
from django.utils import timezone

from sco.core import audit
from sco.infosec import stixtime, tlp
from sco.infosec.access import Caller
from sco.infosec.models import SensitiveRead, StixObject

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
