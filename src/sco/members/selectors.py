from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _

from sco.core.errors import InvalidInput, NotFound
from sco.core.users import signed_in
from sco.members import permissions
from sco.members.models import Body, Chairmanship, Institution, Mandate, State, StateStatus, Summit


@dataclass(frozen=True)
class StateRow:
    state: State
    status: StateStatus | None


def state_list(*, status: str | None = None, on: dt.date | None = None) -> QuerySet[State]:
    """States with their whole status history prefetched: two queries whatever the length."""
    on = on or permissions.today()
    qs = State.objects.prefetch_related(Prefetch("statuses", queryset=StateStatus.objects.order_by("start")))
    if status:
        qs = qs.with_status_on(status, on)
    return qs.order_by("name_en", "pk")


def status_on(state: State, on: dt.date) -> StateStatus | None:
    """Uses the prefetched history: no query."""
    held = [s for s in state.statuses.all() if s.holds_on(on)]
    return held[-1] if held else None


def state_rows(*, status: str | None = None, on: dt.date | None = None) -> list[StateRow]:
    on = on or permissions.today()
    return [StateRow(state, status_on(state, on)) for state in state_list(status=status, on=on)]


def state_get(*, code: str | None, field: str | None = None) -> State:
    """The one lookup of a state by its code (two letters, any case).

    A code in a URL (`field` None) that names no state is a 404. A code in a form, a query parameter or a JSON
    body names its `field`, and an unknown code there is a field error (422): it never quietly becomes None.
    """
    wanted = (code or "").strip().upper()
    found = state_list() if field is None else State.objects.all()  # a page shows the status history
    state = found.filter(code=wanted).first() if wanted else None
    if state is None:
        if field is None:
            raise NotFound()
        raise InvalidInput(field_errors={field: [_("Unknown state: %(code)s") % {"code": code or ""}]})
    return state


def state_get_or_none(*, code: str | None, field: str) -> State | None:
    """An optional state field: empty is None, an unknown code is a field error."""
    if not (code or "").strip():
        return None
    return state_get(code=code, field=field)


def states_get(*, codes: Iterable[str], field: str) -> list[State]:
    """Several states by code in one query, in the order asked; any unknown code is a field error naming it."""
    wanted = [c.strip().upper() for c in codes if c and c.strip()]
    found = {s.code: s for s in State.objects.filter(code__in=wanted)}
    unknown = [c for c in wanted if c not in found]
    if unknown:
        raise InvalidInput(field_errors={field: [_("Unknown state: %(code)s") % {"code": ", ".join(unknown)}]})
    return [found[c] for c in dict.fromkeys(wanted)]


def members_on(on: dt.date) -> list[State]:
    return list(State.objects.members_on(on).order_by("name_en"))


def eligible_states(*, body: Body, on: dt.date) -> list[State]:
    """Every member state on that date takes part in every body (Charter art. 4)."""
    return members_on(on)


def body_list() -> QuerySet[Body]:
    return Body.objects.order_by("order", "name_en", "pk")


def body_get(*, code: str | None, field: str | None = None) -> Body:
    """The one lookup of a body by its code: a 404 for a URL, a field error (422) naming `field` for input."""
    body = Body.objects.filter(code=code).first() if code else None
    if body is None:
        if field is None:
            raise NotFound()
        raise InvalidInput(field_errors={field: [_("Unknown body: %(code)s") % {"code": code or ""}]})
    return body


def chairmanship_list() -> QuerySet[Chairmanship]:
    return Chairmanship.objects.select_related("state").prefetch_related("summits").order_by("start", "pk")


def chairmanship_current(on: dt.date | None = None) -> Chairmanship | None:
    return permissions.chairmanship_on(on)


def summit_list() -> QuerySet[Summit]:
    return Summit.objects.select_related("host", "chairmanship__state").order_by("number")


def institution_list() -> QuerySet[Institution]:
    return Institution.objects.select_related("state").order_by("name_en", "pk")


def mandate_list(*, viewer: Any, state: State | None = None, on: dt.date | None = None) -> QuerySet[Mandate]:
    """Who acts for whom is shown to signed-in people of the platform only, never to the public."""
    if not signed_in(viewer):
        return Mandate.objects.none()
    qs = Mandate.objects.select_related("user", "state", "institution").prefetch_related("bodies")
    if on is not None:
        qs = qs.current(on)
    if state is not None:
        qs = qs.filter(state=state)
    return qs.order_by("state__name_en", "role", "user__username", "pk")
