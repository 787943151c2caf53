"""HTML pages for investment projects: thin over services and selectors. HTMX posts answer with a fragment;
a refused form answers 422 with the fragment and its errors (base.html tells htmx to swap 422)."""

from sco.projects.views.actions import (
    answer_invitation,
    appraisal,
    comments,
    follow,
    hide_comment,
    invite,
    join,
    screening,
    step,
    upload,
)
from sco.projects.views.editing import create, edit
from sco.projects.views.listing import csv_export, index, oc4ids_json, open_data
from sco.projects.views.page import attachment, detail, versions

__all__ = [
    "answer_invitation",
    "appraisal",
    "attachment",
    "comments",
    "create",
    "csv_export",
    "detail",
    "edit",
    "follow",
    "hide_comment",
    "index",
    "invite",
    "join",
    "oc4ids_json",
    "open_data",
    "screening",
    "step",
    "upload",
    "versions",
]
