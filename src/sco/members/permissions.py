"""Who may act for whom: the one answer every write service asks for (DESIGN.md, "Who uses it").

Small named predicates, each answering for a date (today by default). A mandate acts for a state only while that
state is a member: an observer's or a former member's delegation records no positions.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any, TypeVar, cast

from django.core.cache import cache
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sco.core import attention
from sco.core.errors import NotAuthenticated, NotPermitted
from sco.core.models import User
from sco.core.users import active
from sco.members.models import ALL_BODY_ROLES, STATE_ROLES, Body, Chairmanship, Institution, Mandate, Role, State


class MayNotActForState(NotPermitted):
    code = "may_not_act_for_state"
    message_template = _("You may not act for %(state)s here.")


class SecretariatOnly(NotPermitted):
    code = "secretariat_only"
    message_template = _("Only the Secretariat may do this.")


class ChairOrSecretariatOnly(NotPermitted):
    code = "chair_or_secretariat_only"
    message_template = _("Only the chair or the Secretariat may do this.")


def today() -> dt.date:
    return timezone.localdate()


def ensure_signed_in(user: object) -> User:
    """Every write needs a person: an anonymous or deactivated one is refused (401). Answers the person, typed, for
    the columns that name them (author, decided by, filed by)."""
    if not active(user):
        raise NotAuthenticated()
    return user


def _mandates(user: Any, on: dt.date) -> Any:
    return Mandate.objects.current(on).filter(user=user)


# Within one request the same questions come again and again (may this user act for Kazakhstan? is this the
# Secretariat?): the answers' facts (the user's mandates on a date, the members on a date, the chairmanship) are
# read once per request and kept until it ends, or until a mandate, a membership or a chairmanship is written.
_memo: ContextVar[dict[Any, Any] | None] = ContextVar("sco_permissions_memo", default=None)
T = TypeVar("T")


@contextmanager
def remembered() -> Iterator[None]:
    """Keep the facts behind permission answers for the length of a block (a request; see members.middleware)."""
    token = _memo.set({})
    try:
        yield
    finally:
        _memo.reset(token)


# Across requests a person's mandates are kept in the cache (Redis in production, shared by every worker) under a
# version that every write of a mandate, a membership or a chairmanship replaces: a signed-in page then reads them
# with no query at all. The key also carries when the account was made, so a new account never meets an old one's.
_VERSION_KEY = "sco:permissions:version"
FACTS_TIMEOUT = 3600


def _version() -> str:
    return _remember(("version",), lambda: str(cache.get_or_set(_VERSION_KEY, time.time_ns, None)))


def facts_version() -> str:
    """Changes whenever a mandate, a membership or a chairmanship is written (for caches of what rests on them)."""
    return _version()


def _bump() -> None:
    cache.set(_VERSION_KEY, time.time_ns(), None)


def forget(*args: Any, **kwargs: Any) -> None:
    """A mandate, a membership or a chairmanship was written: read the facts afresh (a signal receiver), now and
    again once the write commits (a request reading in between must not keep what it read)."""
    memo = _memo.get()
    if memo is not None:
        memo.clear()
    _bump()
    transaction.on_commit(_bump)
    attention.changed()  # what waits for a person follows the states they act for


def _cached(name: str, user: Any, on: dt.date, compute: Callable[[], T]) -> T:
    """A per-person fact, from the cache when the facts have not changed since it was read."""
    joined = getattr(user, "date_joined", None)
    key = f"sco:permissions:{_version()}:{name}:{user.pk}:{joined.timestamp() if joined else ''}:{on.isoformat()}"
    return cast(T, cache.get_or_set(key, compute, FACTS_TIMEOUT))  # compute never answers None


def _remember(key: Any, compute: Callable[[], T]) -> T:
    memo = _memo.get()
    if memo is None:
        return compute()
    if key not in memo:
        memo[key] = compute()
    found: T = memo[key]
    return found


@dataclass(frozen=True)
class Held:
    """One mandate held on a date, as the permission predicates need it."""

    role: str
    state_id: int | None
    institution_id: int | None
    body_ids: frozenset[int]

    def acts_for_state(self, state_id: int, body: Body | None) -> bool:
        return (
            self.role in STATE_ROLE_VALUES
            and self.state_id == state_id
            and (body is None or self.role in ALL_BODY_ROLE_VALUES or body.pk in self.body_ids)
        )


STATE_ROLE_VALUES = frozenset(r.value for r in STATE_ROLES)
ALL_BODY_ROLE_VALUES = frozenset(r.value for r in ALL_BODY_ROLES)


def _held(user: Any, on: dt.date) -> list[Held]:
    """The user's mandates on a date: one query (a row per mandate and body), once per request."""

    def read() -> list[Held]:
        found: dict[int, tuple[str, int | None, int | None, set[int]]] = {}
        rows = _mandates(user, on).order_by().values_list("pk", "role", "state_id", "institution_id", "bodies")
        for pk, role, state_id, institution_id, body_id in rows:
            entry = found.setdefault(pk, (role, state_id, institution_id, set()))
            if body_id is not None:
                entry[3].add(body_id)
        return [Held(role, state, inst, frozenset(bodies)) for role, state, inst, bodies in found.values()]

    return _remember(("held", user.pk, on), lambda: _cached("held", user, on, read))


def _shared(name: str, on: dt.date, compute: Callable[[], T]) -> T:
    """A fact the same for everyone (the member states of a day), from the cache while the facts have not changed."""
    key = f"sco:permissions:{_version()}:{name}:{on.isoformat()}"
    return cast(T, cache.get_or_set(key, compute, FACTS_TIMEOUT))  # compute never answers None


def _member_ids(on: dt.date) -> frozenset[int]:
    def read() -> frozenset[int]:
        return frozenset(State.objects.members_on(on).values_list("pk", flat=True))

    return _remember(("members", on), lambda: _shared("member-ids", on, read))


def member_states(on: dt.date | None = None) -> list[State]:
    """The member states on a date, by English name (a list's filter), kept across requests like the facts."""
    on = on or today()

    def read() -> list[State]:
        return list(State.objects.members_on(on).order_by("name_en"))

    return _remember(("member-states", on), lambda: _shared("member-states", on, read))


def is_member_on(state: State, on: dt.date) -> bool:
    return state.pk in _member_ids(on)


def may_act_for(user: Any, state: State, *, body: Body | None = None, at: dt.date | None = None) -> bool:
    """May this user act for this state (in this body, when given) on this date?"""
    on = at or today()
    if not active(user) or not is_member_on(state, on):
        return False
    return any(held.acts_for_state(state.pk, body) for held in _held(user, on))


def _in_body(body: Body) -> Q:
    """Heads of delegation and national coordinators act in every body; delegates in the bodies listed."""
    return Q(role__in=[r.value for r in ALL_BODY_ROLES]) | Q(bodies=body)


def ensure_may_act_for(user: Any, state: State, *, body: Body | None = None, at: dt.date | None = None) -> None:
    ensure_signed_in(user)
    if not may_act_for(user, state, body=body, at=at):
        raise MayNotActForState(state=state.name)


def state_ids_acted_for(user: Any, *, body: Body | None = None, at: dt.date | None = None) -> set[int]:
    """The ids of the member states this user may act for (in this body): for filters, without loading states."""
    on = at or today()
    if not active(user):
        return set()
    members = _member_ids(on)
    return {
        h.state_id
        for h in _held(user, on)
        if h.state_id is not None and h.state_id in members and h.acts_for_state(h.state_id, body)
    }


def states_acted_for(user: Any, *, body: Body | None = None, at: dt.date | None = None) -> list[State]:
    """The member states this user may act for (in this body), for forms that offer a choice."""
    on = at or today()
    ids = state_ids_acted_for(user, body=body, at=on)
    if not ids:
        return []
    key = ("states", user.pk, on, body.pk if body is not None else None)

    def read() -> list[State]:
        return list(State.objects.filter(pk__in=sorted(ids)).order_by("name_en"))

    name = f"states-{body.pk if body is not None else ''}-{'-'.join(map(str, sorted(ids)))}"
    return list(_remember(key, lambda: _cached(name, user, on, read)))


def is_secretariat(user: Any, *, at: dt.date | None = None) -> bool:
    return active(user) and any(h.role == Role.SECRETARIAT for h in _held(user, at or today()))


def ensure_secretariat(user: Any, *, at: dt.date | None = None) -> None:
    ensure_signed_in(user)
    if not is_secretariat(user, at=at):
        raise SecretariatOnly()


def chairmanship_on(on: dt.date | None = None) -> Chairmanship | None:
    on = on or today()

    def read() -> tuple[Chairmanship | None]:  # a tuple, so that "no chairmanship" is kept too
        return (
            Chairmanship.objects.select_related("state")
            .filter(start__lte=on)
            .filter(Q(end__isnull=True) | Q(end__gt=on))
            .order_by("-start")
            .first(),
        )

    return _remember(("chair", on), lambda: _shared("chair", on, read))[0]


def is_chair(user: Any, *, at: dt.date | None = None) -> bool:
    """The chair acts through the chairing state's head of delegation or national coordinator."""
    on = at or today()
    chair = chairmanship_on(on)
    if chair is None or not active(user):
        return False
    return any(h.state_id == chair.state_id and h.role in ALL_BODY_ROLE_VALUES for h in _held(user, on))


def ensure_chair_or_secretariat(user: Any, *, at: dt.date | None = None) -> None:
    ensure_signed_in(user)
    if not (is_chair(user, at=at) or is_secretariat(user, at=at)):
        raise ChairOrSecretariatOnly()


def may_act_for_institution(user: Any, institution: Institution, *, at: dt.date | None = None) -> bool:
    return institution.pk in institution_ids_acted_for(user, at=at)


def institution_ids_acted_for(user: Any, *, at: dt.date | None = None) -> set[int]:
    """The institutions ``user`` acts for on a date (a financier's mandates), from the kept mandate facts."""
    if not active(user):
        return set()
    return {h.institution_id for h in _held(user, at or today()) if h.institution_id is not None}


def ensure_may_act_for_institution(user: Any, institution: Institution, *, at: dt.date | None = None) -> None:
    ensure_signed_in(user)
    if not may_act_for_institution(user, institution, at=at):
        raise NotPermitted()


def sees_member_only(user: Any, *, at: dt.date | None = None) -> bool:
    """The one answer to "may this person see what is shown to member states only?" (restricted documents and
    events, "member states only" projects): the Secretariat, and anyone who acts for a member state on the date."""
    # One read of the user's mandates (remembered for the request): a state role is granted only for a member state.
    return active(user) and any(
        h.role == Role.SECRETARIAT or h.role in STATE_ROLE_VALUES for h in _held(user, at or today())
    )


def is_member_delegate(user: Any, *, at: dt.date | None = None) -> bool:
    """Acts for some member state on the date (a delegation, not the Secretariat)."""
    return bool(states_acted_for(user, at=at))


def may_manage_delegation(user: Any, state: State, *, at: dt.date | None = None) -> bool:
    """The Secretariat keeps every delegation; a head of delegation keeps the delegates of their own state."""
    on = at or today()
    if is_secretariat(user, at=on):
        return True
    return (
        active(user)
        and is_member_on(state, on)
        and any(h.state_id == state.pk and h.role == Role.HEAD_OF_DELEGATION for h in _held(user, on))
    )


def may_grant_some_mandate(user: Any, *, at: dt.date | None = None) -> bool:
    """The Secretariat, or a head of delegation of a member state (for their own delegates): asked before anything
    about the person to be given a mandate is looked up, so that nobody else can learn which usernames exist."""
    on = at or today()
    if is_secretariat(user, at=on):
        return True
    return active(user) and any(
        h.role == Role.HEAD_OF_DELEGATION and h.state_id is not None and h.state_id in _member_ids(on)
        for h in _held(user, on)
    )
