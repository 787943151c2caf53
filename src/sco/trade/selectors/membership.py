"""Who is a member, by date or by choice, and the one lookup of a member state by the trade data's code (ISO alpha-3).

Membership comes from `sco.members` (its selectors and permissions); the trade data names states by ISO alpha-3,
which `members` does not look up, so that lookup lives here, once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _

from sco.core.errors import InvalidInput
from sco.members import permissions
from sco.members import selectors as members
from sco.members.models import State
from sco.trade.errors import BadMemberSet, UnknownCountry

MODES = ("year", "today", "fixed")


@dataclass(frozen=True)
class MemberSet:
    mode: str
    codes: tuple[str, ...]  # ISO alpha-3
    label: str


def _ever_member(state: State) -> bool:
    return any(s.status == "member" for s in state.statuses.all())


def _states_by_iso3() -> dict[str, State]:
    """Every state with its status history prefetched (two queries)."""
    return {s.iso3: s for s in members.state_list() if s.iso3}


def member_state(*, code: str | None, field: str | None = None) -> State:
    """The one lookup of a member state (now or ever) by ISO alpha-3 or by the platform's two-letter code.

    A code in a URL (`field` None) that names no member is a 404; a code in a query parameter or a form names its
    `field`, and an unknown code there is a field error (422), never a silent default.
    """
    wanted = (code or "").strip().upper()
    if len(wanted) == 2:
        state: State | None = members.state_get(code=wanted, field=field)
    else:
        state = _states_by_iso3().get(wanted) if wanted.isalpha() and len(wanted) == 3 else None
    if state is None or not _ever_member(state):
        if field is None:
            raise UnknownCountry(code=code or "")
        raise InvalidInput(field_errors={field: [_("No member state with the code %(code)s.") % {"code": code or ""}]})
    return state


def states_by_iso3() -> dict[str, State]:
    """Every state by ISO alpha-3, for names on the pages."""
    return _states_by_iso3()


def member_codes_ever() -> list[str]:
    """Every state that is or was a member (ISO alpha-3)."""
    return sorted(iso3 for iso3, s in _states_by_iso3().items() if _ever_member(s))


def members_by_year(years: Sequence[int]) -> dict[int, set[str]]:
    """ISO alpha-3 codes of the members on 31 December of each year (two queries whatever the number of years)."""
    states = list(members.state_list())
    out: dict[int, set[str]] = {}
    for y in years:
        on = dt.date(y, 12, 31)
        out[y] = {s.iso3 for s in states if (held := members.status_on(s, on)) and held.status == "member"}
    return out


def member_set(*, mode: str, year: int, fixed: Sequence[str] = ()) -> MemberSet:
    """The states an aggregate 'among SCO members' covers, and the words that say which.

    A fixed set names states by ISO alpha-3; an unknown code is a field error on `members`.
    """
    if mode == "fixed":
        known = _states_by_iso3()
        wanted = {c.strip().upper() for c in fixed if c and c.strip()}
        unknown = sorted(c for c in wanted if c not in known)
        if unknown:
            raise InvalidInput(field_errors={"members": [_("Unknown state: %(code)s") % {"code": ", ".join(unknown)}]})
        codes = tuple(sorted(wanted))
        if len(codes) < 2:
            raise BadMemberSet()
        return MemberSet("fixed", codes, _("a fixed set you chose: %(codes)s") % {"codes": ", ".join(codes)})
    if mode == "today":
        on = permissions.today()
        codes = tuple(sorted(s.iso3 for s in members.members_on(on)))
        return MemberSet(
            "today", codes, _("today's members (%(n)s, on %(date)s)") % {"n": len(codes), "date": on.isoformat()}
        )
    on = dt.date(year, 12, 31)
    codes = tuple(sorted(s.iso3 for s in members.members_on(on)))
    return MemberSet(
        "year", codes, _("members in that year (%(n)s, on 31 December %(year)s)") % {"n": len(codes), "year": year}
    )
