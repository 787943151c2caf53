"""Every write on projects: one transaction, the permission question first, one audit entry.

Split by subject; import from here (``from sco.projects import services``)."""

from sco.projects.errors import AppraisalInvalid
from sco.projects.rules import SECTORS, TYPES, ProjectData
from sco.projects.services.appraisal import appraisal_save, follow_set, parse_rows, table_for
from sco.projects.services.attachments import attachment_add
from sco.projects.services.common import (
    ATTACHED_ITEMS,
    ATTACHMENT_MAX_BYTES,
    DOCUMENT_TYPES,
    JUDGED_ITEMS,
    LANGUAGES,
    SCREENING_CHECKLIST,
    VERSION_FIELDS,
    screening_state,
    snapshot,
)
from sco.projects.services.discussion import comment_hide, comment_post
from sco.projects.services.labels import scenario_label, screening_label
from sco.projects.services.participation import invitation_answer, invitation_send, participation_join
from sco.projects.services.projects import (
    check_label,
    project_create,
    project_transition,
    project_update,
    required_fields_missing,
    screening_update,
    transition_label,
)

__all__ = [
    "ATTACHED_ITEMS",
    "ATTACHMENT_MAX_BYTES",
    "DOCUMENT_TYPES",
    "JUDGED_ITEMS",
    "LANGUAGES",
    "SCREENING_CHECKLIST",
    "SECTORS",
    "TYPES",
    "VERSION_FIELDS",
    "AppraisalInvalid",
    "ProjectData",
    "appraisal_save",
    "attachment_add",
    "check_label",
    "comment_hide",
    "comment_post",
    "follow_set",
    "invitation_answer",
    "invitation_send",
    "parse_rows",
    "participation_join",
    "project_create",
    "project_transition",
    "project_update",
    "required_fields_missing",
    "scenario_label",
    "screening_label",
    "screening_state",
    "screening_update",
    "snapshot",
    "table_for",
    "transition_label",
]
