"""HTML a subject part can drop into its own pages: the decision procedures on one of its records."""

from __future__ import annotations

from django.db import models
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString

from sco.decisions import selectors


def subject_panel(request: HttpRequest, subject: models.Model) -> SafeString:
    """The procedures on `subject` the reader may see, newest first, each with its outcome as it stands now."""
    now = timezone.now()
    decisions = selectors.decision_list(viewer=request.user, subject=subject, now=now)[:20]
    rows = [(d, d.outcome(now=now)) for d in decisions]
    return SafeString(render_to_string("decisions/partials/_subject_panel.html", {"rows": rows}, request=request))
