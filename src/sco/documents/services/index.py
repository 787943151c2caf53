"""Keeps each document's terms in the platform's full-text index (core.search) as its titles and texts change."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from django.db.models import F

from sco.core import search
from sco.documents.models import Document, TextVersion

# The record kind in core's index, and the fields whose terms weigh as a title's.
SEARCH_KIND = "document"
SEARCH_TITLES = ("title_en", "title_ru", "title_zh", "reference_number")


def current_texts(document_ids: Iterable[int]) -> dict[int, list[str]]:
    """The current version of each language text of the documents, by document."""
    found: dict[int, list[str]] = {}
    rows = TextVersion.objects.filter(text__document__in=list(document_ids), text__current_version=F("pk"))
    for document_id, content in rows.order_by("text__document_id", "text__language").values_list(
        "text__document_id", "content"
    ):
        found.setdefault(document_id, []).append(content)
    return found


def _reindex(document: Document) -> None:
    """Stores the document's terms: its titles and reference number, and the current version of each text."""
    search.index(
        SEARCH_KIND,
        document.pk,
        titles=[getattr(document, name) for name in SEARCH_TITLES],
        texts=current_texts([document.pk]).get(document.pk, []),
    )


def every_document() -> tuple[str, Iterator[search.Row]]:
    """For `sco search_reindex`: every document's terms (after a bulk load that bypassed the services)."""

    def rows() -> Iterator[search.Row]:
        ids = list(Document.objects.order_by("pk").values_list("pk", flat=True))
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            texts = current_texts(chunk)
            for row in Document.objects.filter(pk__in=chunk).order_by("pk").values_list("pk", *SEARCH_TITLES):
                yield row[0], row[1:], texts.get(row[0], [])

    return SEARCH_KIND, rows()


def forget(document_id: int) -> None:
    search.forget(SEARCH_KIND, document_id)
