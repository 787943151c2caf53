"""The discussion: comments, questions to the sponsor and their answers, moderation."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sco.core import audit
from sco.core.errors import NotPermitted
from sco.core.models import User
from sco.members import permissions as members_permissions
from sco.members.models import State
from sco.members.permissions import ensure_signed_in
from sco.projects import notifications
from sco.projects.errors import (
    CommentInvalid,
    DiscussionClosed,
    NotSponsor,
)
from sco.projects.lifecycle import Role, Status
from sco.projects.models import (
    Comment,
    CommentKind,
    Project,
)
from sco.projects.permissions import roles_on
from sco.projects.services.common import LANGUAGES


def _commenter_state(actor: User, project: Project, on_behalf_of: State | None) -> State | None:
    if on_behalf_of is not None:
        members_permissions.ensure_may_act_for(actor, on_behalf_of)
        return on_behalf_of
    if members_permissions.is_secretariat(actor):
        return None
    states = members_permissions.states_acted_for(actor)
    if not states:
        raise NotPermitted()
    return states[0]


DISCUSSION_OPEN = {
    Status.SUBMITTED,
    Status.SCREENING,
    Status.UNDER_DISCUSSION,
    Status.APPRAISAL,
    Status.DECISION,
    Status.RETURNED,
    Status.APPROVED,
    Status.FINANCING,
    Status.IMPLEMENTATION,
}


@transaction.atomic
def comment_post(
    *,
    actor: User,
    project: Project,
    body: str,
    language: str,
    kind: str = CommentKind.COMMENT,
    parent: Comment | None = None,
    on_behalf_of: State | None = None,
    mentions: Iterable[State] = (),
) -> Comment:
    """A comment, a question to the sponsor, or the sponsor's answer to a question (which closes it)."""
    ensure_signed_in(actor)
    state = _commenter_state(actor, project, on_behalf_of)
    if project.status not in DISCUSSION_OPEN:
        raise DiscussionClosed()
    errors: dict[str, list[str]] = {}
    body = (body or "").strip()
    if not body:
        errors["body"] = [_("Write something first.")]
    elif len(body) > 10000:
        errors["body"] = [_("At most 10,000 characters.")]
    if language not in LANGUAGES:
        errors["language"] = [_("Choose English, Russian or Chinese.")]
    if kind not in CommentKind.values:
        errors["kind"] = [_("Unknown kind of comment.")]
    if parent is not None and parent.project_id != project.pk:
        errors["parent"] = [_("The reply must be to a comment on this project.")]
    if kind == CommentKind.ANSWER:
        if parent is None or parent.kind != CommentKind.QUESTION:
            errors["parent"] = [_("An answer replies to a question.")]
        elif Role.SPONSOR not in roles_on(actor, project):
            raise NotSponsor()
    if errors:
        raise CommentInvalid(field_errors=errors)
    comment = Comment.objects.create(
        project=project, parent=parent, author=actor, on_behalf_of=state, kind=kind, body=body, language=language
    )
    mentioned = list(mentions)
    if mentioned:
        comment.mentions.set(mentioned)
    if kind == CommentKind.ANSWER and parent is not None and parent.answered_at is None:
        parent.answered_at = timezone.now()
        parent.save(update_fields=["answered_at"])
    audit.record(
        actor=actor,
        on_behalf_of=state or "",
        action=f"project.{kind}_posted",
        target=project,
        after={"comment": comment.pk, "parent": parent.pk if parent else None, "mentions": [s.code for s in mentioned]},
    )
    transaction.on_commit(lambda: notifications.comment_posted(comment_id=comment.pk))
    return comment


@transaction.atomic
def comment_hide(*, actor: User, comment: Comment, reason: str) -> Comment:
    """Moderation hides a comment with a reason; the text stays in the database and the audit trail."""
    ensure_signed_in(actor)
    members_permissions.ensure_secretariat(actor)
    reason = (reason or "").strip()
    if not reason:
        raise CommentInvalid(field_errors={"reason": [_("Say why the comment is hidden.")]})
    comment = Comment.objects.select_for_update().get(pk=comment.pk)
    comment.hidden_at = timezone.now()
    comment.hidden_by = actor
    comment.hidden_reason = reason[:500]
    comment.save(update_fields=["hidden_at", "hidden_by", "hidden_reason"])
    audit.record(
        actor=actor,
        action="project.comment_hidden",
        target=comment.project,
        before={"comment": comment.pk, "body": comment.body},
        after={"reason": comment.hidden_reason},
    )
    return comment
