"""The decisions part's errors, each with a stable code and a translated message."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from sco.core.errors import Conflict, InvalidInput, NotFound


class DecisionNotFound(NotFound):
    code = "decision_not_found"
    message_template = _("No such decision procedure, or you may not see it.")


class DecisionClosed(Conflict):
    code = "decision_closed"
    title = _("The procedure is closed")
    message_template = _("This decision procedure is closed: positions can no longer be recorded or changed.")


class DecisionAlreadyOpen(Conflict):
    code = "decision_already_open"
    title = _("A procedure is already open on this record")
    message_template = _(
        "“%(title)s” (procedure %(id)s) is still open on this record: one procedure at a time, so it must close "
        "before another is opened."
    )


class StateNotEligible(Conflict):
    code = "state_not_eligible"
    title = _("Not a participant")
    message_template = _("%(state)s does not take part in this decision procedure.")


class PositionInvalid(InvalidInput):
    code = "position_invalid"


class DecisionInvalid(InvalidInput):
    code = "decision_invalid"


class SubjectNotDecidable(InvalidInput):
    code = "subject_not_decidable"
    message_template = _("This kind of record cannot be put to a decision.")
