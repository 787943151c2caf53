"""Terms for the platform's full-text index (core.search), shared by projects and documents: the same terms on
SQLite and PostgreSQL (pure, no Django).

Neither FTS5 nor pg_trgm gives the same answers on both databases for Russian inflections and
two-character Chinese terms (SQLite 3.40's trigram tokenizer drops terms under three characters;
pg_trgm needs a UTF-8 ctype). So we normalise the terms ourselves and hand the engines (FTS5, tsvector)
terms that need no parsing of theirs:
- Cyrillic words: casefolded, yo folded into ye, stemmed with the Russian Snowball stemmer ("стратегии" → "стратег");
- Latin words: casefolded, stemmed with the English Snowball stemmer;
- Chinese (Han) runs: each single character and each overlapping bigram, so a query of one or
  two characters is one lookup and a longer one is the intersection of its bigrams (then confirmed
  as a substring when highlighting);
- digits: kept as they are ("2035").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer

_WORD = re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf\uf900-\ufaff]+|[^\W\d_]+|\d+", re.UNICODE)
_HAN = re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf\uf900-\ufaff]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")

# Terms are stored in a column of this width; longer words are cut (they still match themselves).
MAX_TERM_LENGTH = 40

_ru = snowballstemmer.stemmer("russian")
_en = snowballstemmer.stemmer("english")


@dataclass(frozen=True)
class Token:
    term: str
    start: int
    end: int


@lru_cache(maxsize=65536)
def _stem_word(word: str) -> str:
    w = word.casefold().replace("\u0451", "\u0435")  # yo -> ye
    if _CYRILLIC.search(w):
        stem = _ru.stemWord(w)
        # Prefix so a Cyrillic stem can never equal a Latin one.
        return ("r:" + stem)[:MAX_TERM_LENGTH]
    if w.isdigit():
        return ("d:" + w)[:MAX_TERM_LENGTH]
    return ("e:" + _en.stemWord(w))[:MAX_TERM_LENGTH]


def _is_han(run: str) -> bool:
    return bool(_HAN.match(run))


def iter_tokens(text: str) -> Iterator[Token]:
    """Every index term in `text`, with the span it came from (for highlighting)."""
    for m in _WORD.finditer(text):
        run = m.group()
        if _is_han(run):
            base = m.start()
            for i, ch in enumerate(run):
                yield Token("z:" + ch, base + i, base + i + 1)
                if i + 1 < len(run):
                    yield Token("z:" + run[i : i + 2], base + i, base + i + 2)
        else:
            yield Token(_stem_word(run), m.start(), m.end())


def index_terms(text: str) -> set[str]:
    """The distinct terms to store for `text`."""
    return {t.term for t in iter_tokens(text)}


@dataclass(frozen=True)
class QueryPart:
    """One word of a query: every term in `terms` must be present (AND)."""

    raw: str
    terms: frozenset[str]
    han: bool

    def matches_terms(self, present: set[str] | frozenset[str]) -> bool:
        return self.terms <= present


def parse_query(query: str, *, max_parts: int = 8) -> list[QueryPart]:
    """Split a user's query into parts; all parts must match (AND). Extra words beyond `max_parts` are ignored."""
    parts: list[QueryPart] = []
    seen: set[frozenset[str]] = set()
    for m in _WORD.finditer(query[:500]):
        run = m.group()
        if _is_han(run):
            if len(run) == 1:
                terms = frozenset({"z:" + run})
            else:
                terms = frozenset("z:" + run[i : i + 2] for i in range(len(run) - 1))
            part = QueryPart(run, terms, True)
        else:
            part = QueryPart(run, frozenset({_stem_word(run)}), False)
        if part.terms not in seen:
            seen.add(part.terms)
            parts.append(part)
        if len(parts) >= max_parts:
            break
    return parts


def all_terms(parts: list[QueryPart]) -> set[str]:
    return {t for p in parts for t in p.terms}


def confirm(text: str, parts: list[QueryPart]) -> bool:
    """True if every part really occurs in `text` (a Chinese run as a contiguous substring)."""
    return all(_spans_for_part(text, p, _tokens_cached(text)) for p in parts)


def _tokens_cached(text: str) -> list[Token]:
    return list(iter_tokens(text))


def _spans_for_part(text: str, part: QueryPart, tokens: list[Token]) -> list[tuple[int, int]]:
    if part.han:
        spans = []
        start = text.find(part.raw)
        while start != -1:
            spans.append((start, start + len(part.raw)))
            start = text.find(part.raw, start + 1)
        return spans
    (term,) = part.terms
    return [(t.start, t.end) for t in tokens if t.term == term]


def match_spans(text: str, parts: list[QueryPart]) -> list[tuple[int, int]]:
    """Non-overlapping (start, end) spans of `text` that match any part, in order."""
    # Chinese parts are found by substring; only word parts need the text tokenised.
    tokens = _tokens_cached(text) if any(not p.han for p in parts) else []
    spans = sorted(s for p in parts for s in _spans_for_part(text, p, tokens))
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged


def highlight_segments(text: str, parts: list[QueryPart]) -> list[tuple[str, bool]]:
    """`text` cut into (piece, is_match) segments; the caller escapes and marks them up."""
    out: list[tuple[str, bool]] = []
    pos = 0
    for s, e in match_spans(text, parts):
        if s > pos:
            out.append((text[pos:s], False))
        out.append((text[s:e], True))
        pos = e
    if pos < len(text):
        out.append((text[pos:], False))
    return out


def snippet_segments(text: str, parts: list[QueryPart], *, width: int = 160) -> list[tuple[str, bool]]:
    """A window of about `width` characters around the first match, cut into segments."""
    spans = match_spans(text, parts)
    if not spans or len(text) <= width:
        return highlight_segments(text[:width] if not spans else text, parts)
    first = spans[0][0]
    start = max(0, first - width // 3)
    end = min(len(text), start + width)
    piece = text[start:end]
    segs = highlight_segments(piece, parts)
    if start > 0:
        segs.insert(0, ("…", False))
    if end < len(text):
        segs.append(("…", False))
    return segs
