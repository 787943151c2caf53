"""Whom to tell when something happens on a project. Runs after commit; uses core's notify, which renders each
message in the recipient's language and mails it (console backend by default)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from sco.core.models import User
from sco.core.notifications import notify
from sco.projects.models import Comment, Follow, Project


def _followers(project: Project, *, exclude: int | None = None) -> list[User]:
    users = User.objects.filter(pk__in=Follow.objects.filter(project=project).values("user_id"), is_active=True)
    if exclude is not None:
        users = users.exclude(pk=exclude)
    return list(users)


def status_changed(*, project_id: int, actor_id: int | None) -> None:
    project = Project.objects.filter(pk=project_id).first()
    if project is None:
        return
    url = reverse("projects:detail", args=[project.pk])
    notify(
        recipients=_followers(project, exclude=actor_id),
        about=project,
        kind="project.status",
        render=lambda: (
            _("“%(title)s” is now: %(status)s") % {"title": project.title, "status": project.get_status_display()}
        ),
        url=url,
    )


def comment_posted(*, comment_id: int) -> None:
    comment = Comment.objects.select_related("project").filter(pk=comment_id).first()
    if comment is None:
        return
    project = comment.project
    url = reverse("projects:detail", args=[project.pk]) + f"#comment-{comment.pk}"
    notify(
        recipients=_followers(project, exclude=comment.author_id),
        about=project,
        kind="project.comment",
        render=lambda: _("New comment on “%(title)s”") % {"title": project.title},
        url=url,
    )
    states = list(comment.mentions.all())
    if states:
        from sco.members.models import Mandate
        from sco.members.permissions import today

        delegates = User.objects.filter(
            pk__in=Mandate.objects.current(today()).filter(state__in=states).values("user_id"), is_active=True
        ).exclude(pk=comment.author_id)
        notify(
            recipients=list(delegates),
            about=project,
            kind="project.mention",
            render=lambda: (
                _("Your delegation was mentioned in the discussion of “%(title)s”") % {"title": project.title}
            ),
            url=url,
        )


def _delegates_of(state_id: int) -> list[User]:
    from sco.members.models import STATE_ROLES, Mandate
    from sco.members.permissions import today

    mandates = Mandate.objects.current(today()).filter(state_id=state_id, role__in=[r.value for r in STATE_ROLES])
    return list(User.objects.filter(pk__in=mandates.values("user_id"), is_active=True))


def invited(*, invitation_id: int) -> None:
    """The invited state's delegates hear of the invitation (they may see the project while it is pending)."""
    from sco.projects.models import Invitation

    invitation = Invitation.objects.select_related("project", "project__sponsor_state", "state").get(pk=invitation_id)
    project = invitation.project
    notify(
        recipients=_delegates_of(invitation.state_id),
        about=project,
        kind="project.invitation",
        render=lambda: (
            _("%(sponsor)s invites %(state)s to take part in “%(title)s”")
            % {"sponsor": project.sponsor_state.name, "state": invitation.state.name, "title": project.title}
        ),
        url=reverse("projects:detail", args=[project.pk]) + "#participation",
        dedupe_key=f"project-invitation:{invitation.pk}",
    )


def invitation_answered(*, invitation_id: int) -> None:
    """Whoever sent the invitation hears the answer."""
    from sco.projects.models import Invitation, InvitationStatus

    invitation = Invitation.objects.select_related("project", "state", "invited_by").get(pk=invitation_id)
    project = invitation.project
    accepted = invitation.status == InvitationStatus.ACCEPTED
    notify(
        recipients=[invitation.invited_by],
        about=project,
        kind="project.invitation_answered",
        render=lambda: (
            (
                _("%(state)s accepted the invitation and takes part in “%(title)s”")
                if accepted
                else _("%(state)s declined the invitation to take part in “%(title)s”")
            )
            % {"state": invitation.state.name, "title": project.title}
        ),
        url=reverse("projects:detail", args=[project.pk]) + "#participation",
    )
