"""This part's errors, each with a stable code."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from sco.core.errors import Conflict, IllegalTransition, InvalidInput, NotFound, NotPermitted


class ProjectNotFound(NotFound):
    code = "project_not_found"
    message_template = _("There is no such project, or you may not see it.")


class ProjectInvalid(InvalidInput):
    code = "project_invalid"


class ProjectNotEditable(Conflict):
    code = "project_not_editable"
    message_template = _("The project can be edited only while it is a draft or returned for revision.")


class TransitionRefused(IllegalTransition):
    code = "illegal_transition"
    message_template = _("“%(step)s” is not allowed now: %(reason)s")


class NotSponsor(NotPermitted):
    code = "not_sponsor"
    message_template = _("Only a delegate of the sponsoring state may do this.")


class AttachmentRefused(InvalidInput):
    code = "attachment_refused"


class CommentInvalid(InvalidInput):
    code = "comment_invalid"


class CommentNotFound(NotFound):
    code = "comment_not_found"


class DiscussionClosed(Conflict):
    code = "discussion_closed"
    message_template = _("Comments are closed on this project.")


class AppraisalInvalid(InvalidInput):
    code = "appraisal_invalid"


class AlreadyParticipating(Conflict):
    code = "already_participating"
    message_template = _("This state already takes part in the project.")


class InvitationNotFound(NotFound):
    code = "invitation_not_found"
    message_template = _("There is no such invitation, or you may not see it.")


class InvitationRefused(Conflict):
    code = "invitation_refused"
    message_template = _("%(state)s cannot be invited: %(reason)s")


class InvitationAnswered(Conflict):
    code = "invitation_answered"
    message_template = _("This invitation has already been answered.")
