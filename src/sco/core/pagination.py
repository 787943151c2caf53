"""Stable page-number pagination for the API: callers order by a unique key, so pages never overlap or skip."""

from __future__ import annotations

import operator
from dataclasses import dataclass
from functools import reduce
from typing import Annotated, Any, Generic, TypeVar, cast

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _
from ninja import Field, Schema
from ninja.pagination import PaginationBase

from sco.core.errors import InvalidInput

M = TypeVar("M", bound=models.Model)

MAX_PAGE = 1_000_000
# For a hand-written page parameter: `page: PageNumber = 1`.
PageNumber = Annotated[int, Field(ge=1, le=MAX_PAGE, description="Page number, from 1.")]


class AtLeast(int):
    """A count that stopped at its cap: arithmetic sees the cap, a reader sees "10,000+"."""

    def __str__(self) -> str:
        from django.utils.formats import number_format

        return f"{number_format(int(self), force_grouping=True)}+"


class ScoPagination(PaginationBase):
    class Input(Schema):
        # bounded so that the offset always fits the database's integers (a page past bigint was a server error)
        page: int = Field(1, ge=1, le=MAX_PAGE, description="Page number, from 1.")
        page_size: int = Field(settings.NINJA_PAGINATION_PER_PAGE, ge=1, le=settings.NINJA_PAGINATION_MAX_PER_PAGE_SIZE)

    class Output(Schema):
        items: list[Any]
        count: int
        count_capped: bool = False  # `count` stopped at a cap: there are at least that many
        page: int
        page_size: int
        pages: int

    items_attribute = "items"

    def paginate_queryset(self, queryset: QuerySet[Any], pagination: Any, request: Any = None, **params: Any) -> Any:
        if isinstance(queryset, QuerySet) and not queryset.ordered:
            raise ValueError("paginated querysets must be ordered by a unique key")
        offset = (pagination.page - 1) * pagination.page_size
        if isinstance(queryset, QuerySet):
            count = queryset.count()
        else:  # `total()` where given: len() would turn a capped count (an AtLeast) into a bare int
            total = getattr(queryset, "total", None)
            count = total() if callable(total) else len(queryset)
        return {
            "items": list(queryset[offset : offset + pagination.page_size]),
            "count": count,
            "count_capped": isinstance(count, AtLeast),
            "page": pagination.page,
            "page_size": pagination.page_size,
            "pages": max(1, -(-count // pagination.page_size)),
        }


# Keyset pagination ("the rows after this one"): a page deep in a list costs what the first page costs, where an
# offset makes the database read and throw away every row before it. A cursor is the last row's values of the
# ordering's fields, signed so that a visitor cannot hand the database something it did not give out.
CURSOR_SALT = "sco.core.pagination.cursor"


class BadCursor(InvalidInput):
    code = "bad_cursor"
    message_template = _(
        "This page link is not valid (it belongs to another list or order). Start from the first page."
    )


@dataclass(frozen=True)
class Cursor:
    """Where a page starts: after (or, `backwards`, before) the row whose ordering values are `values`; `page` is the
    number of the page it leads to, for "Page n of m"."""

    order: tuple[str, ...]
    values: tuple[Any, ...]
    page: int
    backwards: bool = False


def _field(model: type[models.Model], name: str) -> models.Field[Any, Any]:
    bare = name.lstrip("-")
    field = model._meta.pk if bare == "pk" else model._meta.get_field(bare)
    return cast("models.Field[Any, Any]", field)


def cursor_for(row: models.Model, order: tuple[str, ...], *, page: int, backwards: bool = False) -> str:
    """The opaque cursor of the page after `row` (before it, `backwards`) in `order`."""
    values = [_field(type(row), name).value_to_string(row) for name in order]
    return signing.dumps([list(order), values, page, backwards], salt=CURSOR_SALT, compress=True)


def cursor_read(text: str, *, model: type[models.Model], order: tuple[str, ...], field: str = "after") -> Cursor:
    """The cursor `text` for a list of `model` in `order`; anything else (garbage, tampered, from another order) is a
    field error on `field`."""
    try:
        raw_order, raw_values, page, backwards = signing.loads(text, salt=CURSOR_SALT)
        if tuple(raw_order) != order or len(raw_values) != len(order) or not isinstance(page, int) or page < 2:
            raise ValueError(text)
        values = tuple(_field(model, name).to_python(value) for name, value in zip(order, raw_values, strict=True))
    except (signing.BadSignature, ValueError, TypeError, ValidationError):
        raise BadCursor(field_errors={field: [str(BadCursor.message_template)]}) from None
    return Cursor(order=order, values=values, page=min(page, MAX_PAGE), backwards=bool(backwards))


def _reverse(name: str) -> str:
    return name[1:] if name.startswith("-") else f"-{name}"


def keyset(qs: QuerySet[M], order: tuple[str, ...], cursor: Cursor) -> QuerySet[M]:
    """`qs` from the cursor on, in `order` (reversed when the cursor goes backwards; the caller turns the rows
    round). The first field's bound is also given on its own, so that PostgreSQL starts its index scan there rather
    than filtering every row before it."""
    if cursor.backwards:
        order = tuple(_reverse(name) for name in order)
    after: list[Q] = []
    equal = Q()
    for name, value in zip(order, cursor.values, strict=True):
        bare = name.lstrip("-")
        after.append(equal & Q(**{f"{bare}__{'lt' if name.startswith('-') else 'gt'}": value}))
        equal &= Q(**{bare: value})
    first = order[0].lstrip("-")
    start = Q(**{f"{first}__{'lte' if order[0].startswith('-') else 'gte'}": cursor.values[0]})
    return qs.filter(start, reduce(operator.or_, after)).order_by(*order)


@dataclass
class KeysetPage(Generic[M]):
    """One page read by keyset: its rows, its number, and the cursors of its neighbours (None: no such page;
    `previous` None on page 2 means the first page, which needs no cursor)."""

    rows: list[M]
    number: int
    next: str | None
    previous: str | None


def keyset_page(qs: QuerySet[M], order: tuple[str, ...], size: int, cursor: Cursor) -> KeysetPage[M]:
    """The page of `size` rows the cursor leads to; one row more is read to know whether there is a page beyond."""
    rows = list(keyset(qs, order, cursor)[: size + 1])
    more = len(rows) > size
    rows = rows[:size]
    if cursor.backwards:
        rows.reverse()
        has_previous, has_next = more, True
    else:
        has_previous, has_next = True, more
    number = cursor.page
    return KeysetPage(
        rows=rows,
        number=number,
        next=cursor_for(rows[-1], order, page=number + 1) if has_next and rows else None,
        # page 2's previous page is the first, which needs no cursor
        previous=cursor_for(rows[0], order, page=number - 1, backwards=True)
        if has_previous and rows and number > 2
        else None,
    )
