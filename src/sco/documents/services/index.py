"""Keeps a document's terms in the search index as its titles and texts change."""

from __future__ import annotations

import datetime as dt

from django.db.models import F

from sco.core import search_terms as search_text
from sco.documents.models import (
    Document,
    SearchTerm,
    TextVersion,
)

# --- the search index ----------------------------------------------------------------------------------------


def _reindex(document: Document) -> None:
    """Rebuilds the document's search terms from its titles and the current version of each text."""
    parts = [document.title_en, document.title_ru, document.title_zh, document.reference_number]
    parts += list(
        TextVersion.objects.filter(text__document=document, text__current_version=F("pk")).values_list(
            "content", flat=True
        )
    )
    terms: set[str] = set()
    for part in parts:
        if part:
            terms |= search_text.index_terms(part)
    SearchTerm.objects.filter(document=document).delete()
    sort_key = document.adopted_on or dt.date.min
    SearchTerm.objects.bulk_create(
        [
            SearchTerm(term=t, document=document, restricted=document.restricted, sort_key=sort_key)
            for t in sorted(terms)
        ],
        batch_size=2000,
    )
