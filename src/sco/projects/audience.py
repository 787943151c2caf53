"""Who sees which projects: the one rule (``Project.objects.visible_to`` asks it) and the audiences it sorts viewers
into.

Every viewer belongs to one audience: anonymous visitors and people who act for no state (public projects), the
Secretariat (every project but others' drafts), or the people who act for one same set of states (what those states
sponsor, take part in or are invited to, and what is shown to member states). Everyone in an audience sees the same
projects, except that a person also sees the projects they created: a person who created one their audience does not
see is their own audience (``sharing_key``). The audience is worked out from the same facts the rule reads (the
viewer's mandates, through ``members.permissions``), so a kept list keyed by it changes as soon as a mandate does.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import OuterRef, Q

from sco.core import fragments
from sco.core.selectors import ProbedExists
from sco.core.users import Viewer, active

# The fragment name (sco.core.fragments) of what rests on which projects there are and whom they are shown to:
# projects, participations, invitations and states replace its version (apps.py connects them).
LIST = "projects.list"
OWN_TIMEOUT = 600  # seconds; the version changes with every write the answer rests on


@dataclass(frozen=True)
class Audience:
    """The viewers who see the same projects (their own creations aside)."""

    secretariat: bool = False
    state_ids: tuple[int, ...] = ()  # sorted

    @property
    def key(self) -> str:
        if self.secretariat:
            return "secretariat"
        if self.state_ids:
            return "states:" + ",".join(str(pk) for pk in self.state_ids)
        return "public"


PUBLIC = Audience()


def audience_of(viewer: Viewer) -> Audience:
    """The viewer's audience today: the Secretariat before any state it may also act for, as the rule reads it."""
    from sco.members import permissions

    if not active(viewer):
        return PUBLIC
    if permissions.is_secretariat(viewer):
        return Audience(secretariat=True)
    return Audience(state_ids=tuple(sorted(permissions.state_ids_acted_for(viewer))))


def audience_q(audience: Audience) -> Q:
    """What everyone in ``audience`` sees. Drafts are seen only by the sponsoring state's delegates (and their
    author, below). A project shown to its participants is also seen by the states invited to take part, while the
    invitation awaits an answer.

    Every branch is answered from the viewer's side through indexes: the cheap column tests first, then (only for a
    project shown to its participants) one index probe into the viewer's states' participations and invitations. No
    branch reads a table the page does not return in full."""
    from sco.projects.models import Invitation, InvitationStatus, Participation, ProjectStatus, Visibility

    not_draft = ~Q(status=ProjectStatus.DRAFT)
    if audience.secretariat:
        return not_draft
    if not audience.state_ids:
        return not_draft & Q(visibility=Visibility.PUBLIC)
    state_ids = list(audience.state_ids)
    takes_part = ProbedExists(Participation.objects.filter(project=OuterRef("pk"), state_id__in=state_ids))
    invited = ProbedExists(
        Invitation.objects.filter(project=OuterRef("pk"), state_id__in=state_ids, status=InvitationStatus.PENDING)
    )
    return (
        (not_draft & Q(visibility__in=[Visibility.PUBLIC, Visibility.MEMBERS]))
        | Q(sponsor_state_id__in=state_ids)
        | (not_draft & Q(visibility=Visibility.PARTICIPANTS) & (takes_part | invited))
    )


def seen_by_everyone(project: Any) -> bool:
    """A public project past its draft: every audience's branch above shows it, so reading its row by id needs no
    question about the viewer (the project page asks this first, and the whole rule only when it says no)."""
    from sco.projects.models import ProjectStatus, Visibility

    return bool(project.status != ProjectStatus.DRAFT and project.visibility == Visibility.PUBLIC)


def visible_q(viewer: Viewer) -> Q:
    """What ``viewer`` may see: their audience's projects and, for an active person, the projects they created."""
    audience = audience_of(viewer)
    if not active(viewer):
        return audience_q(audience)
    return audience_q(audience) | Q(created_by=viewer)


def sharing_key(viewer: Viewer) -> str:
    """What a kept list for ``viewer`` is keyed by: their audience, and the person too when they created a project
    their audience does not see (then nobody else may be served their list). Whether they did is kept per person
    under the list's version, which every project write replaces."""
    audience = audience_of(viewer)
    if not active(viewer):
        return audience.key

    def own_unseen() -> bool:
        from sco.projects.models import Project

        seen = Project.objects.filter(audience_q(audience), created_by=viewer).values("pk")
        return Project.objects.filter(created_by=viewer).exclude(pk__in=seen).exists()

    mine: Any = fragments.cached(LIST, viewer, own_unseen, extra=f"own-unseen:{audience.key}", timeout=OWN_TIMEOUT)
    return f"{audience.key}:person:{fragments.viewer_stamp(viewer)}" if mine else audience.key
