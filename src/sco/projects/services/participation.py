"""Taking part in a project is the taking part state's own act: the sponsor invites, a delegate of the invited state
accepts or declines (SCO Charter art. 16: a member that does not take part may join later); a state's delegate may
also join a project it can see on the state's own initiative. Each act is audited on behalf of the state acting."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sco.core import audit, fragments
from sco.core.models import User
from sco.members import permissions as members_permissions
from sco.members.models import State
from sco.members.permissions import ensure_signed_in
from sco.projects import audience, lifecycle, notifications
from sco.projects.errors import (
    AlreadyParticipating,
    InvitationAnswered,
    InvitationRefused,
    NotSponsor,
    TransitionRefused,
)
from sco.projects.lifecycle import Role
from sco.projects.models import Invitation, InvitationStatus, Participation, ParticipationRole, Project
from sco.projects.permissions import roles_on


@transaction.atomic
def invitation_send(*, actor: User, project: Project, state: State) -> Invitation:
    """A delegate of the sponsoring state invites `state` to take part. Nothing changes for `state` until one of
    its own delegates accepts."""
    ensure_signed_in(actor)
    project = Project.objects.select_for_update().get(pk=project.pk)
    if Role.SPONSOR not in roles_on(actor, project):
        raise NotSponsor()
    reason = ""
    if project.status == lifecycle.Status.DRAFT:
        reason = _("submit the project first (a draft is seen by its sponsor alone)")
    elif project.status in lifecycle.TERMINAL:
        reason = _("the project is closed")
    elif not members_permissions.is_member_on(state, members_permissions.today()):
        reason = _("it is not a member state")
    elif state.pk == project.sponsor_state_id or Participation.objects.filter(project=project, state=state).exists():
        reason = _("it already takes part")
    elif Invitation.objects.filter(project=project, state=state, status=InvitationStatus.PENDING).exists():
        reason = _("it has been invited already and has not answered yet")
    if reason:
        raise InvitationRefused(state=state.name, reason=reason)
    try:
        with transaction.atomic():
            invitation = Invitation.objects.create(
                project=project, state=state, invited_by=actor, invited_at=timezone.now()
            )
    except IntegrityError:  # a second invitation raced this one
        raise InvitationRefused(
            state=state.name, reason=_("it has been invited already and has not answered yet")
        ) from None
    audit.record(
        actor=actor,
        on_behalf_of=project.sponsor_state,
        action="project.state_invited",
        target=project,
        after={"state": state.code, "invitation": invitation.pk},
    )
    transaction.on_commit(lambda: notifications.invited(invitation_id=invitation.pk))
    return invitation


@transaction.atomic
def invitation_answer(*, actor: User, invitation: Invitation, accept: bool) -> Invitation:
    """A delegate of the invited state accepts (the state then takes part, from now) or declines."""
    ensure_signed_in(actor)
    members_permissions.ensure_may_act_for(actor, invitation.state)
    invitation = Invitation.objects.select_for_update().select_related("project", "state").get(pk=invitation.pk)
    if invitation.status != InvitationStatus.PENDING:
        raise InvitationAnswered()
    project = invitation.project
    if accept and project.status in lifecycle.TERMINAL:
        raise TransitionRefused(step=_("Accept"), reason=_("the project is closed"))
    now = timezone.now()
    invitation.status = InvitationStatus.ACCEPTED if accept else InvitationStatus.DECLINED
    invitation.answered_by = actor
    invitation.answered_at = now
    invitation.save(update_fields=["status", "answered_by", "answered_at"])
    if accept and not Participation.objects.filter(project=project, state=invitation.state).exists():
        Participation.objects.create(
            project=project, state=invitation.state, role=ParticipationRole.PARTICIPANT, joined_at=now
        )
    audit.record(
        actor=actor,
        on_behalf_of=invitation.state,
        action="project.invitation_accepted" if accept else "project.invitation_declined",
        target=project,
        after={"state": invitation.state.code, "invitation": invitation.pk},
    )
    transaction.on_commit(lambda: notifications.invitation_answered(invitation_id=invitation.pk))
    return invitation


@transaction.atomic
def participation_join(*, actor: User, project: Project, state: State) -> Participation:
    """A state joins, on its own initiative, a project its delegate can see (art. 16: it may join later)."""
    ensure_signed_in(actor)
    members_permissions.ensure_may_act_for(actor, state)
    if project.status in lifecycle.TERMINAL:
        raise TransitionRefused(step=_("Join"), reason=_("the project is closed"))
    if Participation.objects.filter(project=project, state=state).exists():
        raise AlreadyParticipating()
    now = timezone.now()
    participation = Participation.objects.create(
        project=project, state=state, role=ParticipationRole.PARTICIPANT, joined_at=now
    )
    # An invitation it had not answered is answered by joining.
    Invitation.objects.filter(project=project, state=state, status=InvitationStatus.PENDING).update(
        status=InvitationStatus.ACCEPTED, answered_by=actor, answered_at=now
    )
    fragments.changed(audience.LIST)  # a bulk update sends no signal: the kept lists follow it here
    audit.record(
        actor=actor, on_behalf_of=state, action="project.state_joined", target=project, after={"state": state.code}
    )
    return participation
