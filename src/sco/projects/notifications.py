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
