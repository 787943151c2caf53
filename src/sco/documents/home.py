"""What the documents part puts on the home page."""

from __future__ import annotations

from django.http import HttpRequest
from django.template.loader import render_to_string

from sco.core import hooks
from sco.documents import selectors


@hooks.register("home_panel")
def latest_documents(request: HttpRequest) -> str | None:
    documents = selectors.document_list(viewer=request.user).filter(adopted_on__isnull=False)[:4]
    return render_to_string("documents/partials/_home_panel.html", {"documents": documents}, request=request)
