from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from sco.core import audit
from sco.core.errors import Conflict, InvalidInput, NotPermitted
from sco.core.models import User
from sco.members import permissions
from sco.members.models import ALL_BODY_ROLES, STATE_ROLES, Body, Institution, Mandate, Role, State


class MandateInvalid(InvalidInput):
    code = "mandate_invalid"


class MandateEnded(Conflict):
    code = "mandate_ended"


@transaction.atomic
def mandate_grant(
    *,
    actor: Any,
    user: User,
    role: str,
    state: State | None = None,
    bodies: list[Body] | None = None,
    institution: Institution | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> Mandate:
    """Gives a person authority to act. The Secretariat grants any mandate; a head of delegation adds delegates
    of their own state."""
    permissions.ensure_signed_in(actor)
    start = start or permissions.today()
    bodies = bodies or []
    if role in (Role.DELEGATE,) and state is not None and permissions.may_manage_delegation(actor, state):
        pass
    elif not permissions.is_secretariat(actor):
        if state is not None and role == Role.DELEGATE:
            raise permissions.MayNotActForState(state=state.name)
        raise NotPermitted()
    errors: dict[str, list[str]] = {}
    if role not in Role.values:
        errors["role"] = [_("Choose a role from the list.")]
    if role in STATE_ROLES:
        if state is None:
            errors["state"] = [_("A delegation acts for a member state: choose one.")]
        elif not permissions.is_member_on(state, start):
            errors["state"] = [_("%(state)s is not a member state on that date.") % {"state": state.name}]
        if role == Role.DELEGATE and not bodies:
            errors["bodies"] = [_("Choose at least one body the delegate acts in.")]
        if role in ALL_BODY_ROLES and bodies:
            errors["bodies"] = [_("This role acts in every body; leave the bodies empty.")]
    elif role in (Role.FINANCIER, Role.CERT_ANALYST):
        if institution is None:
            errors["institution"] = [_("Choose the institution this person acts for.")]
        elif (role == Role.CERT_ANALYST) != (institution.kind == "cert"):
            errors["institution"] = [_("A CERT analyst acts for a CERT; a financier for a financing institution.")]
    if end is not None and end <= start:
        errors["end"] = [_("The end must come after the start.")]
    if errors:
        raise MandateInvalid(field_errors=errors)
    mandate = Mandate.objects.create(
        user=user,
        role=role,
        state=state if role in STATE_ROLES or role == Role.CERT_ANALYST else None,
        institution=institution if role in (Role.FINANCIER, Role.CERT_ANALYST) else None,
        start=start,
        end=end,
    )
    if bodies:
        mandate.bodies.set(bodies)
    audit.record(
        actor=actor,
        action="mandate.granted",
        target=mandate,
        on_behalf_of=state or institution or "organisation",
        after={**audit.snapshot(mandate), "bodies": sorted(b.code for b in bodies)},
    )
    return mandate


@transaction.atomic
def mandate_end(*, actor: Any, mandate: Mandate, end: dt.date | None = None) -> Mandate:
    # of=("self",): PostgreSQL refuses FOR UPDATE on the nullable side of an outer join (the state).
    mandate = Mandate.objects.select_for_update(of=("self",)).select_related("state").get(pk=mandate.pk)
    allowed = permissions.is_secretariat(actor) or (
        mandate.role == Role.DELEGATE
        and mandate.state is not None
        and permissions.may_manage_delegation(actor, mandate.state)
    )
    if not allowed:
        raise NotPermitted()
    end = end or permissions.today()
    if mandate.end is not None and mandate.end <= end:
        raise MandateEnded(_("This mandate has already ended."))
    if end <= mandate.start:
        raise MandateInvalid(field_errors={"end": [_("The end must come after the start.")]})
    before = audit.snapshot(mandate)
    mandate.end = end
    mandate.save(update_fields=["end"])
    audit.record(
        actor=actor,
        action="mandate.ended",
        target=mandate,
        on_behalf_of=mandate.state or "organisation",
        before=before,
        after=audit.snapshot(mandate),
    )
    return mandate
