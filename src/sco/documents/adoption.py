"""Adoption of a document through the decisions part (filled in when that part's API is merged)."""

from __future__ import annotations

from typing import Any

from sco.documents.models import Document


def page_context(*, viewer: Any, document: Document) -> dict[str, Any]:
    return {}
