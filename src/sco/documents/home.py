"""What the documents part puts on the home page."""

from __future__ import annotations

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse

from sco.core import fragments, hooks
from sco.documents import permissions, selectors
from sco.documents.models import Document

PANEL = "documents.home"


@hooks.register("home_panel")
def latest_documents(request: HttpRequest) -> str | None:
    """The latest adopted documents the viewer may see, kept across requests for everyone who sees the same
    documents (permissions.audience) until a document is written."""

    def render() -> str:
        documents = selectors.document_list(viewer=request.user).filter(adopted_on__isnull=False)[:4]
        return render_to_string("documents/partials/_home_panel.html", {"documents": documents}, request=request)

    return fragments.cached(PANEL, None, render, extra=permissions.audience(request.user), timeout=300)


@hooks.register("events_outcome_target")
def document_adopted_at_event(*, kind: str, target_id: str) -> str | None:
    """An event's outcome naming a document links to the document's page (which answers 404 to those who may not
    see it, like every other door)."""
    if kind != "document" or not str(target_id).isdigit():
        return None
    if not Document.objects.filter(pk=int(target_id)).exists():
        return None  # the event keeps the URL it stored
    return reverse("documents:detail", args=[int(target_id)])
