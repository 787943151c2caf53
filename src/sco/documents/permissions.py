"""Who may see and change documents: small named predicates over the members part's answers."""

from __future__ import annotations

from django.db.models import Q

from sco.core.users import Viewer
from sco.members import permissions as members


def sees_restricted(viewer: Viewer) -> bool:
    """Restricted documents (drafts under negotiation) are for the Secretariat and member states' delegations."""
    return members.sees_member_only(viewer)


def audience(viewer: Viewer) -> str:
    """Which documents this viewer may see, as a key for what is kept across requests (core.fragments): the only
    question `visibility_q` asks is whether they see restricted ones, so two viewers with the same answer see the
    same documents, and a page kept for one may be given to the other."""
    return "restricted" if sees_restricted(viewer) else "public"


def visibility_q(viewer: Viewer, prefix: str = "") -> Q:
    if sees_restricted(viewer):
        return Q()
    return Q(**{f"{prefix}restricted": False})


is_secretariat = members.is_secretariat
ensure_secretariat = members.ensure_secretariat
ensure_may_act_for = members.ensure_may_act_for
may_act_for = members.may_act_for
states_acted_for = members.states_acted_for
ensure_chair_or_secretariat = members.ensure_chair_or_secretariat


def is_chair_or_secretariat(user: Viewer) -> bool:
    return bool(members.is_secretariat(user) or members.is_chair(user))
