"""Texts as numbered paragraphs, stable across versions, and the differences between versions (pure).

A paragraph keeps its number from one version to the next when it is unchanged or only edited
(similar enough); a new paragraph takes the next unused number, so a delegation's comment on
paragraph 7 still points at the same paragraph after other paragraphs are inserted before it.
Numbers are labels, not positions: a version lists its paragraphs in reading order.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

# Two paragraphs whose text is at least this similar (difflib ratio) count as one paragraph edited.
SIMILAR_ENOUGH = 0.6

_BLANK_LINES = re.compile(r"\n\s*\n")


@dataclass(frozen=True)
class Paragraph:
    number: int
    text: str


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs are separated by blank lines; lines inside one are joined by a space.

    Text extracted from PDFs often has no blank lines; when the whole text has none, each
    non-empty line is a paragraph.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    chunks = text.split("\n") if not _BLANK_LINES.search(text.strip()) else _BLANK_LINES.split(text)
    out = []
    for chunk in chunks:
        joined = " ".join(line.strip() for line in chunk.split("\n") if line.strip())
        joined = re.sub(r"[ \t]+", " ", joined)
        if joined:
            out.append(joined)
    return out


def number_paragraphs(texts: Sequence[str], previous: Sequence[Paragraph] = ()) -> list[Paragraph]:
    """Number `texts`, reusing the numbers of `previous` for unchanged or edited paragraphs."""
    if not previous:
        return [Paragraph(i + 1, t) for i, t in enumerate(texts)]
    old_texts = [p.text for p in previous]
    numbers: list[int | None] = [None] * len(texts)
    matcher = difflib.SequenceMatcher(a=old_texts, b=list(texts), autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            for k in range(i2 - i1):
                numbers[j1 + k] = previous[i1 + k].number
        elif tag == "replace":
            # Pair edited paragraphs greedily in order, best match first within the block.
            used: set[int] = set()
            for j in range(j1, j2):
                best, best_ratio = None, SIMILAR_ENOUGH
                for i in range(i1, i2):
                    if i in used:
                        continue
                    ratio = difflib.SequenceMatcher(a=old_texts[i], b=texts[j], autojunk=False).ratio()
                    if ratio >= best_ratio:
                        best, best_ratio = i, ratio
                if best is not None:
                    # keep the order of numbers monotonic within the block
                    used.update(range(i1, best + 1))
                    numbers[j] = previous[best].number
    next_number = max(p.number for p in previous) + 1
    out = []
    for text, number in zip(texts, numbers, strict=True):
        if number is None:
            number = next_number
            next_number += 1
        out.append(Paragraph(number, text))
    return out


class Change(StrEnum):
    EQUAL = "equal"
    CHANGED = "changed"
    INSERTED = "inserted"
    DELETED = "deleted"


@dataclass(frozen=True)
class WordPiece:
    text: str
    kind: Change  # EQUAL, INSERTED or DELETED


@dataclass(frozen=True)
class ParagraphDiff:
    kind: Change
    number: int
    old: str
    new: str
    pieces: tuple[WordPiece, ...] = ()


_WORDS = re.compile(r"\s+|[\u4e00-\u9fff]|[^\s\u4e00-\u9fff]+")


def word_diff(old: str, new: str) -> tuple[WordPiece, ...]:
    """Words (and single Chinese characters) inserted and deleted between two texts."""
    a, b = _WORDS.findall(old), _WORDS.findall(new)
    pieces: list[WordPiece] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if tag == "equal":
            pieces.append(WordPiece("".join(a[i1:i2]), Change.EQUAL))
        else:
            if i2 > i1:
                pieces.append(WordPiece("".join(a[i1:i2]), Change.DELETED))
            if j2 > j1:
                pieces.append(WordPiece("".join(b[j1:j2]), Change.INSERTED))
    return tuple(pieces)


def diff_paragraphs(old: Sequence[Paragraph], new: Sequence[Paragraph]) -> list[ParagraphDiff]:
    """Paragraph-by-paragraph difference, matched by number, in the new version's reading order.

    Deleted paragraphs appear where they stood in the old version.
    """
    old_by_number = {p.number: p for p in old}
    new_numbers = {p.number for p in new}
    out: list[ParagraphDiff] = []
    old_iter = list(old)
    oi = 0
    for p in new:
        # deletions that stood before this point in the old order come first
        while oi < len(old_iter) and old_iter[oi].number not in new_numbers:
            q = old_iter[oi]
            out.append(ParagraphDiff(Change.DELETED, q.number, q.text, "", word_diff(q.text, "")))
            oi += 1
        if p.number in old_by_number:
            while oi < len(old_iter) and old_iter[oi].number != p.number:
                q = old_iter[oi]
                if q.number not in new_numbers:
                    out.append(ParagraphDiff(Change.DELETED, q.number, q.text, "", word_diff(q.text, "")))
                oi += 1
            oi += 1
            before = old_by_number[p.number].text
            if before == p.text:
                out.append(ParagraphDiff(Change.EQUAL, p.number, before, p.text))
            else:
                out.append(ParagraphDiff(Change.CHANGED, p.number, before, p.text, word_diff(before, p.text)))
        else:
            out.append(ParagraphDiff(Change.INSERTED, p.number, "", p.text, word_diff("", p.text)))
    for q in old_iter[oi:]:
        if q.number not in new_numbers:
            out.append(ParagraphDiff(Change.DELETED, q.number, q.text, "", word_diff(q.text, "")))
    return out


@dataclass(frozen=True)
class FieldDiff:
    field: str
    old: object
    new: object


def diff_fields(old: Mapping[str, object], new: Mapping[str, object]) -> list[FieldDiff]:
    """Fields whose values differ between two records, in the order of `new` then `old`-only keys."""
    keys = list(new) + [k for k in old if k not in new]
    return [FieldDiff(k, old.get(k), new.get(k)) for k in keys if old.get(k) != new.get(k)]
