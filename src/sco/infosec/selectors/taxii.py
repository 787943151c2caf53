"""The TAXII reads: pages, versions, status, collections. Every read of the exchange starts from
`StixObject.objects.visible_to(viewer)`: TLP is enforced in the query, so objects, manifests, versions, counts, pages
and the dashboard cannot disagree about who sees what."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import connection
from django.db.models import Min, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from sco.core import sql
from sco.infosec import cursor
from sco.infosec.access import Caller, grants_of, key_guard
from sco.infosec.errors import NoSuchObject
from sco.infosec.models import AddStatus, Collection, StixObject, StixObjectQuerySet, visibility_sql

MAX_PAGE = 1000
DEFAULT_PAGE = 100


@dataclass(frozen=True)
class Filters:
    added_after: dt.datetime | None = None
    ids: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    versions: tuple[str | dt.datetime, ...] = ("last",)
    spec_versions: tuple[str, ...] = ()


@dataclass
class Page:
    """Rows of (pk, date_added, payload, stix id, version, tlp, spec_version) in (date_added, pk) order. The two
    times are the database's text, turned into datetimes only where they are used (`when`): the objects endpoint
    needs two of them a page, and parsing 200 timestamps cost more than the rest of the page's Python."""

    rows: list[tuple[int, str, str, str, str, int, str]] = field(default_factory=list)
    more: bool = False
    next: str | None = None

    @property
    def first_added(self) -> dt.datetime | None:
        return when(self.rows[0][1]) if self.rows else None

    @property
    def last_added(self) -> dt.datetime | None:
        return when(self.rows[-1][1]) if self.rows else None


def when(text: str) -> dt.datetime:
    """A time column read as text (CAST AS TEXT: PostgreSQL's ISO form, or SQLite's stored form), as aware UTC."""
    try:
        value = dt.datetime.fromisoformat(text)  # C speed; both forms are ISO 8601
    except ValueError:
        return _aware(text)
    return value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)


def _versions_q(qs: StixObjectQuerySet, versions: tuple[str | dt.datetime, ...]) -> StixObjectQuerySet:
    if "all" in versions:
        return qs
    q = Q()
    if "last" in versions:
        q |= Q(is_latest=True)
    if "first" in versions:
        first = (
            StixObject.objects.filter(collection_id=OuterRef("collection_id"), stix_id=OuterRef("stix_id"))
            .order_by()
            .values("stix_id")
            .annotate(v=Min("version"))
            .values("v")
        )
        q |= Q(version=Subquery(first))
    stamps = [v for v in versions if isinstance(v, dt.datetime)]
    if stamps:
        q |= Q(version__in=stamps)
    return qs.filter(q)


def filtered(caller: Caller, collection: Collection, filters: Filters) -> QuerySet[StixObject]:
    qs: StixObjectQuerySet = StixObject.objects.filter(collection=collection)
    qs = _versions_q(qs, filters.versions)
    if filters.ids:
        qs = qs.filter(stix_id__in=filters.ids)
    if filters.types:
        qs = qs.filter(type__in=filters.types)
    if filters.spec_versions:
        qs = qs.filter(spec_version__in=filters.spec_versions)
    if filters.added_after is not None:
        qs = qs.filter(date_added__gt=filters.added_after)
    return qs.visible_to(caller.viewer)


@dataclass(frozen=True)
class PageQuery:
    """A page's conditions on `infosec_stixobject o` with their parameters, its size and the scope of its cursor."""

    where: str
    params: list[Any]
    scope: str
    limit: int

    @property
    def sql(self) -> str:
        """The page's rows (`PAGE_COLUMNS`), limit + 1 of them: the extra one says there is more."""
        return (
            f"SELECT {PAGE_COLUMNS} FROM infosec_stixobject o WHERE {self.where} ORDER BY o.date_added, o.id LIMIT %s"  # noqa: S608
        )


PAGE_COLUMNS = (
    "o.id, CAST(o.date_added AS TEXT) AS date_added, o.payload, o.stix_id, CAST(o.version AS TEXT) AS version, o.tlp,"
    " o.spec_version"
)


def page_query(
    *, caller: Caller, collection: Collection, filters: Filters, limit: int, next_token: str | None
) -> PageQuery:
    """The one query of a page: a keyset on the index, so page 1,000 costs what page 1 costs, and rows that share a
    date_added are neither lost nor repeated. TLP in the same WHERE (`models.visibility_sql`, the rule of
    `visible_to`), and for a key the check that it may still read here (`access.key_guard`). Raises
    cursor.BadCursor for a tampered `next`. Hand-written SQL: this is every TAXII read."""
    scope = f"{collection.pk}:{caller.scope}"
    collection_param = Collection._meta.pk.get_db_prep_value(collection.pk, connection)
    where = ["o.collection_id = %s"]
    params: list[Any] = [collection_param]
    versions_sql, versions_params = _versions_sql(filters.versions)
    if versions_sql:
        where.append(versions_sql)
        params += versions_params
    for column, values in (("stix_id", filters.ids), ("type", filters.types), ("spec_version", filters.spec_versions)):
        if values:
            where.append(f"o.{column} IN ({', '.join(['%s'] * len(values))})")
            params += list(values)
    if filters.added_after is not None:
        where.append("o.date_added > %s")
        params.append(_db_time(filters.added_after))
    if next_token:
        pos = cursor.decode(next_token, scope=scope)
        where.append("o.date_added >= %s AND (o.date_added > %s OR o.id > %s)")
        params += [_db_time(pos.date_added), _db_time(pos.date_added), pos.pk]
    tlp_sql, tlp_params = visibility_sql(caller.viewer, "o")
    where.append(tlp_sql)
    params += tlp_params
    guard_sql, guard_params = key_guard(caller, collection_param, timezone.now())
    if guard_sql:
        where.append(guard_sql)
        params += guard_params
    # only fixed fragments and %s placeholders are joined here; every value goes as a parameter
    return PageQuery(where=" AND ".join(where), params=params, scope=scope, limit=limit)


def prepared_cursor() -> Any:
    """``core.sql.prepared_cursor`` (the page query planned once per connection, not per request: planning it costs
    PostgreSQL as much CPU as running it); with SCO_INFOSEC_PREPARED = False (a pooler that cannot keep prepared
    statements), Django's own cursor."""
    return sql.prepared_cursor(enabled=getattr(settings, "SCO_INFOSEC_PREPARED", True))


def page_of(query: PageQuery, rows: list[Any]) -> Page:
    """The page from the query's rows (limit + 1 of them at most: the extra one says there is more)."""
    result = Page(rows=rows[: query.limit], more=len(rows) > query.limit)
    if result.more:
        last = result.rows[-1]
        result.next = cursor.encode(cursor.Position(when(last[1]), last[0]), scope=query.scope)
    return result


def page(*, caller: Caller, collection: Collection, filters: Filters, limit: int, next_token: str | None) -> Page:
    """One page (see `page_query`); `services.page_read` is the same page with its sensitive reads logged."""
    query = page_query(caller=caller, collection=collection, filters=filters, limit=limit, next_token=next_token)
    with prepared_cursor() as cur:
        cur.execute(query.sql, [*query.params, limit + 1])
        rows = cur.fetchall()
    return page_of(query, rows)


def _db_time(value: dt.datetime) -> Any:
    return connection.ops.adapt_datetimefield_value(value)


def _aware(value: Any) -> dt.datetime:
    if isinstance(value, str):
        parsed = parse_datetime(value)
        assert parsed is not None
        value = parsed
    return value if timezone.is_aware(value) else timezone.make_aware(value, dt.UTC)


def _versions_sql(versions: tuple[str | dt.datetime, ...]) -> tuple[str, list[Any]]:
    if "all" in versions:
        return "", []
    parts: list[str] = []
    params: list[Any] = []
    if "last" in versions:
        parts.append("o.is_latest")
    if "first" in versions:
        parts.append(
            "o.version = (SELECT MIN(f.version) FROM infosec_stixobject f"
            " WHERE f.collection_id = o.collection_id AND f.stix_id = o.stix_id)"
        )
    stamps = [v for v in versions if isinstance(v, dt.datetime)]
    if stamps:
        parts.append(f"o.version IN ({', '.join(['%s'] * len(stamps))})")
        params += [_db_time(v) for v in stamps]
    return "(" + " OR ".join(parts) + ")", params


def versions(
    *, caller: Caller, collection: Collection, stix_id: str, filters: Filters
) -> list[tuple[dt.datetime, int]]:
    qs = filtered(
        caller,
        collection,
        Filters(
            ids=(stix_id,), versions=("all",), spec_versions=filters.spec_versions, added_after=filters.added_after
        ),
    )
    rows = list(qs.order_by("version").values_list("version", "tlp")[:MAX_PAGE])
    if not rows:
        raise NoSuchObject()
    return rows


def status_get(*, caller: Caller, status_id: str) -> AddStatus:
    import uuid

    try:
        key = uuid.UUID(status_id)
    except ValueError as exc:
        raise NoSuchObject() from exc
    status = AddStatus.objects.filter(pk=key, cert=caller.cert).first() if caller.cert else None
    if status is None:
        raise NoSuchObject()
    return status


def collections_for(caller: Caller) -> list[tuple[Collection, bool, bool]]:
    """Collections the caller has a grant on, with (can_read, can_write); the rest do not exist for it."""
    out = []
    for grant in grants_of(caller).select_related("collection").order_by("collection__alias"):
        may_write = grant.can_write and (caller.key is None or caller.key.may_write)
        out.append((grant.collection, grant.can_read, may_write))
    return out
