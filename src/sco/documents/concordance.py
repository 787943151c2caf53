"""Whether a document's authentic texts are in step: an amendment applied to one language version names the
other language versions it changes, and each of them owes it until a version of that text carries it over.
Pure logic, no Django import."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class AppliedAmendment:
    id: int
    language: str  # the language version it was made to
    languages: frozenset[str]  # the language versions it changes, its own included
    paragraph_number: int


def owed(
    amendments: Iterable[AppliedAmendment], *, carried: Mapping[str, set[int]], authentic: Iterable[str]
) -> dict[str, list[AppliedAmendment]]:
    """For each authentic language version, the applied amendments it should carry and does not yet carry."""
    result: dict[str, list[AppliedAmendment]] = {}
    authentic = set(authentic)
    for a in amendments:
        for language in sorted(a.languages & authentic - {a.language}):
            if a.id not in carried.get(language, set()):
                result.setdefault(language, []).append(a)
    return result
