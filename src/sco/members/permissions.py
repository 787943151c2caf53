"""Who may act for whom: the one answer every write service asks for (DESIGN.md, "Who uses it").

Small named predicates, each answering for a date (today by default). A mandate acts for a state only while that
state is a member: an observer's or a former member's delegation records no positions.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sco.core.errors import NotAuthenticated, NotPermitted
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


def _active(user: Any) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False) and user.is_active)


def _mandates(user: Any, on: dt.date) -> Any:
    return Mandate.objects.current(on).filter(user=user)


def is_member_on(state: State, on: dt.date) -> bool:
    return State.objects.members_on(on).filter(pk=state.pk).exists()


def may_act_for(user: Any, state: State, *, body: Body | None = None, at: dt.date | None = None) -> bool:
    """May this user act for this state (in this body, when given) on this date?"""
    on = at or today()
    if not _active(user) or not is_member_on(state, on):
        return False
    mandates = _mandates(user, on).filter(state=state, role__in=[r.value for r in STATE_ROLES])
    if body is None:
        return mandates.exists()
    return mandates.filter(_in_body(body)).exists()


def _in_body(body: Body) -> Q:
    """Heads of delegation and national coordinators act in every body; delegates in the bodies listed."""
    return Q(role__in=[r.value for r in ALL_BODY_ROLES]) | Q(bodies=body)


def ensure_may_act_for(user: Any, state: State, *, body: Body | None = None, at: dt.date | None = None) -> None:
    if not _active(user):
        raise NotAuthenticated()
    if not may_act_for(user, state, body=body, at=at):
        raise MayNotActForState(state=state.name)


def states_acted_for(user: Any, *, body: Body | None = None, at: dt.date | None = None) -> list[State]:
    """The member states this user may act for (in this body), for forms that offer a choice."""
    on = at or today()
    if not _active(user):
        return []
    mandates = _mandates(user, on).filter(role__in=[r.value for r in STATE_ROLES])
    if body is not None:
        mandates = mandates.filter(_in_body(body))
    members = State.objects.members_on(on)
    return list(members.filter(pk__in=mandates.values("state_id")).order_by("name_en"))


def is_secretariat(user: Any, *, at: dt.date | None = None) -> bool:
    return _active(user) and _mandates(user, at or today()).filter(role=Role.SECRETARIAT).exists()


def ensure_secretariat(user: Any, *, at: dt.date | None = None) -> None:
    if not _active(user):
        raise NotAuthenticated()
    if not is_secretariat(user, at=at):
        raise SecretariatOnly()


def chairmanship_on(on: dt.date | None = None) -> Chairmanship | None:
    on = on or today()
    return (
        Chairmanship.objects.select_related("state")
        .filter(start__lte=on)
        .filter(Q(end__isnull=True) | Q(end__gt=on))
        .order_by("-start")
        .first()
    )


def is_chair(user: Any, *, at: dt.date | None = None) -> bool:
    """The chair acts through the chairing state's head of delegation or national coordinator."""
    on = at or today()
    chair = chairmanship_on(on)
    if chair is None or not _active(user):
        return False
    return _mandates(user, on).filter(state=chair.state_id, role__in=[r.value for r in ALL_BODY_ROLES]).exists()


def ensure_chair_or_secretariat(user: Any, *, at: dt.date | None = None) -> None:
    if not _active(user):
        raise NotAuthenticated()
    if not (is_chair(user, at=at) or is_secretariat(user, at=at)):
        raise ChairOrSecretariatOnly()


def may_act_for_institution(user: Any, institution: Institution, *, at: dt.date | None = None) -> bool:
    return _active(user) and _mandates(user, at or today()).filter(institution=institution).exists()


def ensure_may_act_for_institution(user: Any, institution: Institution, *, at: dt.date | None = None) -> None:
    if not _active(user):
        raise NotAuthenticated()
    if not may_act_for_institution(user, institution, at=at):
        raise NotPermitted()


def is_member_delegate(user: Any, *, at: dt.date | None = None) -> bool:
    """Acts for some member state today: may see what is shown to member states only."""
    return bool(states_acted_for(user, at=at))


def may_manage_delegation(user: Any, state: State, *, at: dt.date | None = None) -> bool:
    """The Secretariat keeps every delegation; a head of delegation keeps the delegates of their own state."""
    on = at or today()
    if is_secretariat(user, at=on):
        return True
    return (
        _active(user)
        and is_member_on(state, on)
        and _mandates(user, on).filter(state=state, role=Role.HEAD_OF_DELEGATION).exists()
    )
