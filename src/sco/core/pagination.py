"""Stable page-number pagination for the API: callers order by a unique key, so pages never overlap or skip."""

from __future__ import annotations

from typing import Annotated, Any

from django.conf import settings
from django.db.models import QuerySet
from ninja import Field, Schema
from ninja.pagination import PaginationBase

MAX_PAGE = 1_000_000
# For a hand-written page parameter: `page: PageNumber = 1`.
PageNumber = Annotated[int, Field(ge=1, le=MAX_PAGE, description="Page number, from 1.")]


class ScoPagination(PaginationBase):
    class Input(Schema):
        # bounded so that the offset always fits the database's integers (a page past bigint was a server error)
        page: int = Field(1, ge=1, le=MAX_PAGE, description="Page number, from 1.")
        page_size: int = Field(settings.NINJA_PAGINATION_PER_PAGE, ge=1, le=settings.NINJA_PAGINATION_MAX_PER_PAGE_SIZE)

    class Output(Schema):
        items: list[Any]
        count: int
        page: int
        page_size: int
        pages: int

    items_attribute = "items"

    def paginate_queryset(self, queryset: QuerySet[Any], pagination: Any, request: Any = None, **params: Any) -> Any:
        if isinstance(queryset, QuerySet) and not queryset.ordered:
            raise ValueError("paginated querysets must be ordered by a unique key")
        offset = (pagination.page - 1) * pagination.page_size
        count = queryset.count() if isinstance(queryset, QuerySet) else len(queryset)
        return {
            "items": list(queryset[offset : offset + pagination.page_size]),
            "count": count,
            "page": pagination.page,
            "page_size": pagination.page_size,
            "pages": max(1, -(-count // pagination.page_size)),
        }
