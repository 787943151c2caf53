"""Search in the registry of documents: the viewer's documents whose titles or current texts hold every word of a
query, on the platform's full-text engine (core.search: SQLite FTS5 or a PostgreSQL tsvector with a GIN index), best
match first, with highlighted snippets found in the page's documents (core.search_terms)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Exists, F, OuterRef, Q, QuerySet

from sco.core import search as core_search
from sco.core import search_terms as search_text
from sco.core.i18n import lang_suffix
from sco.core.users import Viewer
from sco.documents.models import Document, Paragraph, TextVersion
from sco.documents.permissions import visibility_q
from sco.documents.selectors import DocumentFilters
from sco.documents.services.index import SEARCH_KIND


@dataclass
class SearchHit:
    document: Document
    title: list[tuple[str, bool]]
    snippet: list[tuple[str, bool]] = field(default_factory=list)
    paragraph_number: int | None = None
    language: str = ""


# Counting every match of a very common word costs as much as reading them all; past this many the page says
# "more than 1,000" and asks for a narrower search (pages are capped to match).
COUNT_CAP = 1000


@dataclass
class SearchPage:
    query: str
    hits: list[SearchHit]
    count: int
    page: int
    page_size: int
    more: bool = False  # more matches than COUNT_CAP; `count` is the cap

    @property
    def pages(self) -> int:
        return max(1, -(-self.count // self.page_size))


def _matching(viewer: Viewer, query: str, parts: list[search_text.QueryPart], filters: DocumentFilters | None
              ) -> QuerySet[Document]:  # fmt: skip
    """The documents the viewer may see (and the filters keep) whose terms in core's index match the query.

    Visibility comes first: the index is asked only about documents the viewer may see, so a restricted draft is
    never found, counted or shown to someone who may not see it."""
    qs = Document.objects.filter(visibility_q(viewer))
    if filters:
        qs = filters.apply(qs)
    for part in parts:
        if part.han and len(part.raw) >= 3:
            # The index holds Chinese bigrams; a longer run must also be contiguous somewhere (a plain substring
            # test, the same on both databases since Han characters have no case).
            in_text = TextVersion.objects.filter(
                text__document=OuterRef("pk"), text__current_version=F("pk"), content__contains=part.raw
            )
            qs = qs.filter(Q(title_zh__contains=part.raw) | Q(title_en__contains=part.raw) | Exists(in_text))
    return core_search.matching(qs, SEARCH_KIND, query)


def _prefilter(text: str, folded_parts: list[str]) -> bool:
    """A cheap test that lets most non-matching paragraphs skip tokenising (never the final word)."""
    folded = text.casefold()
    return all(p in folded for p in folded_parts)


def document_search(
    *, viewer: Viewer, query: str, filters: DocumentFilters | None = None, page: int = 1, page_size: int = 20
) -> SearchPage:
    """Documents whose titles or current texts contain every word of the query, best match first.

    Fixed cost: the viewer's scope (one query, remembered), count, page of ranked ids, documents, areas, paragraphs."""
    parts = search_text.parse_query(query or "")
    if not parts:
        return SearchPage(query=query, hits=[], count=0, page=1, page_size=page_size)
    qs = _matching(viewer, query, parts, filters)
    count = qs.order_by()[: COUNT_CAP + 1].count()
    more = count > COUNT_CAP
    count = min(count, COUNT_CAP)
    page = max(1, min(page, max(1, -(-count // page_size))))
    offset = (page - 1) * page_size
    # best match first (the engine's rank: a match in a title weighs more), ties by id
    ids = list(core_search.ranked(qs, SEARCH_KIND, query).values_list("pk", flat=True)[offset : offset + page_size])
    by_id = {d.pk: d for d in Document.objects.filter(pk__in=ids).select_related("body").prefetch_related("areas")}
    documents = [by_id[i] for i in ids if i in by_id]
    lang = lang_suffix()
    paragraphs: dict[int, list[tuple[str, int, str]]] = defaultdict(list)
    if documents:
        rows = (
            Paragraph.objects.filter(version__text__document__in=ids, version__text__current_version=F("version_id"))
            .order_by("version_id", "position")
            .values_list("version__text__document_id", "version__text__language", "number", "text")
        )
        for doc_id, language, number, text in rows:
            paragraphs[doc_id].append((language, number, text))
    # stems are usually a prefix of the word as written; Chinese parts are substrings
    folded = [p.raw.casefold() if p.han else next(iter(p.terms))[2:] for p in parts]
    hits = []
    for d in documents:
        # the title in the viewer's language, unless the query matches only another language's title
        titles = [d.title] + [t for t in (d.title_en, d.title_ru, d.title_zh) if t and t != d.title]
        shown = next((t for t in titles if search_text.match_spans(t, parts)), d.title)
        hit = SearchHit(document=d, title=search_text.highlight_segments(shown, parts))
        # the viewer's language first, then the others; likely paragraphs before the rest
        candidates = sorted(paragraphs.get(d.pk, []), key=lambda p: (p[0] != lang, p[0]))
        likely = [c for c in candidates if _prefilter(c[2], folded)]
        for language, number, text in likely + [c for c in candidates if c not in likely]:
            if search_text.match_spans(text, parts):
                hit.snippet = search_text.snippet_segments(text, parts)
                hit.paragraph_number, hit.language = number, language
                break
        hits.append(hit)
    return SearchPage(query=query, hits=hits, count=count, page=page, page_size=page_size, more=more)
