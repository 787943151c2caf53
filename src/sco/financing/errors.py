"""This part's errors, each with a stable code."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from sco.core.errors import Conflict, InvalidInput, NotFound, NotPermitted


class PlanNotFound(NotFound):
    code = "financing_not_found"
    message_template = _("There is no such financing record, or you may not see it.")


class FinancingInvalid(InvalidInput):
    code = "financing_invalid"


class EntryRefused(InvalidInput):
    code = "ledger_entry_refused"
    message_template = _("The ledger entry breaks a rule: %(reason)s")


class NotThisInstitution(NotPermitted):
    code = "not_this_institution"
    message_template = _("You may act only for the institution you hold a mandate for.")


class NotPlanProposer(NotPermitted):
    code = "not_plan_proposer"
    message_template = _("Only a delegate of the sponsoring state or the Secretariat may change the financing plan.")


class ProjectNotFinancing(Conflict):
    code = "project_not_in_financing"
    message_template = _(
        "Financing can be recorded only for an approved project (approved, financing or implementation)."
    )


class NeedsBoardApproval(Conflict):
    code = "needs_board_approval"
    message_template = _("This tranche needs its board's approval before a commitment is recorded.")


class VoteClosed(Conflict):
    code = "board_vote_closed"
    message_template = _("The board vote is closed.")


class AlreadyVoted(Conflict):
    code = "board_already_voted"
    message_template = _("This member has already voted; a ballot is final.")


class ImportRejected(InvalidInput):
    code = "import_rejected"
    message_template = _("The file was rejected whole: row %(row)s: %(reason)s")
