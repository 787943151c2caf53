"""The HTML pages: thin views over the same services and selectors as the API, answering refusals through the door
kit (core.doors). Split by page: the registry's own pages, a document's page and its forms, a text's pages."""

from sco.documents.views.document import (
    circulate,
    close_procedure,
    commitment_create,
    detail,
    participation,
    put_to_adoption,
    relate,
    reservation,
    upload,
)
from sco.documents.views.registry import create, dashboard, index, report
from sco.documents.views.texts import apply, decide, diff, propose, text

__all__ = [
    "apply",
    "circulate",
    "close_procedure",
    "commitment_create",
    "create",
    "dashboard",
    "decide",
    "detail",
    "diff",
    "index",
    "participation",
    "propose",
    "put_to_adoption",
    "relate",
    "report",
    "reservation",
    "text",
    "upload",
]
