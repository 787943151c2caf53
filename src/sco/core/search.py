"""The platform's full-text search: one index for every part, on a real engine.

A part keeps its records' terms up to date with `index(kind, object_id, *texts)` (and `forget` on delete), and
narrows a queryset with `matching(queryset, kind, query)`. The terms come from `core.search_terms` (Snowball stems
for Latin and Cyrillic words, single characters and bigrams for Chinese), so the two engines see the same terms:

- SQLite: an FTS5 table over `core_searchentry.terms` (the migration 0002 makes it and its triggers);
- PostgreSQL: a stored tsvector column built from the terms as they are (`array_to_tsvector`), with a GIN index.

A query matches a record when every word of it does (AND). A Latin or Cyrillic word matches by prefix of its stem
("energ" finds "energy", "стратеги" finds "стратегия"); a Chinese run matches when all its bigrams are present.
Results are ranked by the engine when the caller asks for it (bm25 on SQLite, ts_rank on PostgreSQL): a match in a
title weighs more than one in the other texts on both; the finer order within that may differ between the engines.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar, cast

from django.db import connection, models
from django.db.models.expressions import RawSQL

from sco.core import search_terms
from sco.core.models import SearchEntry

M = TypeVar("M", bound=models.Model)

# A query of more words than this is cut: each word is one more term for the engine to intersect.
MAX_QUERY_WORDS = 8


def terms_text(*texts: str | None) -> str:
    """The distinct index terms of `texts`, sorted and joined by spaces (what is stored)."""
    terms: set[str] = set()
    for text in texts:
        if text:
            terms |= search_terms.index_terms(text)
    return " ".join(sorted(terms))


def index(kind: str, object_id: int, *, titles: Iterable[str | None] = (), texts: Iterable[str | None] = ()) -> None:
    """Store (or replace) a record's terms: its titles (a match there ranks higher) and its other texts."""
    SearchEntry.objects.update_or_create(
        kind=kind,
        object_id=object_id,
        defaults={"title_terms": terms_text(*titles), "terms": terms_text(*texts)},
    )


Row = tuple[int, Iterable[str | None], Iterable[str | None]]


def index_many(kind: str, rows: Iterable[Row], *, batch: int = 2000) -> int:
    """Store the terms of many records at once, each row (object_id, titles, texts): a reindex or a bulk import
    replaces what was there for them."""
    count = 0
    chunk: list[SearchEntry] = []

    def flush() -> None:
        SearchEntry.objects.filter(kind=kind, object_id__in=[e.object_id for e in chunk]).delete()
        SearchEntry.objects.bulk_create(chunk)
        chunk.clear()

    for object_id, titles, texts in rows:
        chunk.append(
            SearchEntry(kind=kind, object_id=object_id, title_terms=terms_text(*titles), terms=terms_text(*texts))
        )
        count += 1
        if len(chunk) >= batch:
            flush()
    if chunk:
        flush()
    return count


def forget(kind: str, object_id: int) -> None:
    SearchEntry.objects.filter(kind=kind, object_id=object_id).delete()


def _parts(query: str) -> list[tuple[list[str], bool]]:
    """Each word of the query as (terms that must all be present, match by prefix)."""
    found = []
    for part in search_terms.parse_query(query, max_parts=MAX_QUERY_WORDS):
        found.append((sorted(part.terms), not part.han))
    return found


def _fts5_query(parts: list[tuple[list[str], bool]]) -> str:
    words = []
    for terms, prefix in parts:
        for term in terms:
            quoted = '"' + term.replace('"', '""') + '"'
            words.append(quoted + ("*" if prefix else ""))
    return " AND ".join(words)


def _tsquery(parts: list[tuple[list[str], bool]]) -> str:
    words = []
    for terms, prefix in parts:
        for term in terms:
            quoted = "'" + term.replace("\\", "\\\\").replace("'", "''") + "'"
            words.append(quoted + (":*" if prefix else ""))
    return " & ".join(words)


def entries(kind: str, query: str) -> models.QuerySet[SearchEntry] | None:
    """The index entries of `kind` that match `query`, or None when the query has no searchable word."""
    parts = _parts(query)
    if not parts:
        return None
    qs = SearchEntry.objects.filter(kind=kind)
    if connection.vendor == "postgresql":
        # A self-contained subquery: the outer query may alias core_searchentry, this one names it itself.
        return qs.filter(pk__in=RawSQL("SELECT id FROM core_searchentry WHERE tsv @@ %s::tsquery", [_tsquery(parts)]))
    if connection.vendor == "sqlite":
        return qs.filter(
            pk__in=RawSQL(
                "SELECT rowid FROM core_searchentry_fts WHERE core_searchentry_fts MATCH %s", [_fts5_query(parts)]
            )
        )
    raise NotImplementedError(f"full-text search runs on SQLite and PostgreSQL, not {connection.vendor}")


def matching(queryset: models.QuerySet[M], kind: str, query: str, *, field: str = "pk") -> models.QuerySet[M]:
    """`queryset` narrowed to the records whose terms match `query` (all of it, when the query has no word)."""
    found = entries(kind, query)
    if found is None:
        return queryset
    return queryset.filter(**{f"{field}__in": found.values("object_id")})


def ranked(queryset: models.QuerySet[M], kind: str, query: str) -> models.QuerySet[M]:
    """`matching`, ordered best first by the engine's rank (ties by primary key)."""
    parts = _parts(query)
    if not parts:
        return queryset
    outer = f'"{queryset.model._meta.db_table}"."{queryset.model._meta.pk.column}"'
    if connection.vendor == "postgresql":
        sql = "SELECT ts_rank(e.tsv, %s::tsquery) FROM core_searchentry e WHERE e.kind = %s AND e.object_id = " + outer
        params = [_tsquery(parts), kind]
        order = "-search_rank"
    else:
        sql = (
            "SELECT bm25(core_searchentry_fts, 10.0, 1.0) FROM core_searchentry_fts JOIN core_searchentry e "
            "ON e.id = core_searchentry_fts.rowid WHERE core_searchentry_fts MATCH %s AND e.kind = %s "
            "AND e.object_id = " + outer
        )
        params = [_fts5_query(parts), kind]
        order = "search_rank"  # bm25: lower is better
    # Only our own table and column names are put into the SQL; the query's words travel as parameters.
    rank = RawSQL(sql, params, output_field=models.FloatField())
    return cast("models.QuerySet[M]", matching(queryset, kind, query).annotate(search_rank=rank).order_by(order, "pk"))
