"""The corridor section of a project page (through the project_panel hook) and the links it writes."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.http import require_POST

from sco.core import fragments
from sco.core.i18n import localized
from sco.core.users import Viewer, signed_in
from sco.corridors import project_effects, selectors, services
from sco.corridors.forms import EDIT_LABELS, ProjectEditForm
from sco.corridors.models import Edge
from sco.corridors.network import CORRIDORS
from sco.corridors.views.network import corridor_label
from sco.projects import selectors as project_selectors


@login_required
@require_POST
def project_edit_add(request: HttpRequest, project_id: int) -> HttpResponse:
    project = project_selectors.project_get(viewer=request.user, project_id=project_id, related=False)
    form = ProjectEditForm(request.POST, edges=list(Edge.objects.values_list("code", flat=True)))
    target = reverse("projects:detail", args=[project.pk]) + "#corridors"
    if not form.is_valid():
        messages.error(request, "; ".join(f"{k}: {' '.join(str(m) for m in v)}" for k, v in form.errors.items()))
        return HttpResponseRedirect(target)
    services.project_edit_add(
        actor=request.user,
        project=project,
        edge_code=form.cleaned_data["edge"],
        kind=form.cleaned_data["kind"],
        value=form.cleaned_data["value"],
        note=form.cleaned_data["note"],
    )
    return HttpResponseRedirect(target)


@login_required
@require_POST
def project_edit_remove(request: HttpRequest, project_id: int, edit_id: int) -> HttpResponse:
    project = project_selectors.project_get(viewer=request.user, project_id=project_id, related=False)
    services.project_edit_remove(actor=request.user, project=project, edit_id=edit_id)
    return HttpResponseRedirect(reverse("projects:detail", args=[project.pk]) + "#corridors")


# The corridor section of project pages, kept (core.fragments) for every reader alike and for every person who may
# link the project alike, under the project's revision (raised by every edit, network change and shared scenario:
# services.touch_linked_projects); corridors.apps renews it whenever a node, an edge or a link is written.
PANEL = "corridors.panel"


def project_panel(request: HttpRequest, project: Any) -> str | None:
    """The corridor section of a project page: its edits and what they change, before and after; with the form for a
    person who may link the project. Its forms are kept with a random mark where the CSRF token goes, replaced by
    this request's own token: a kept section never holds a token."""
    may_edit = _may_link(request.user, project)
    stamp = project.updated_at.timestamp() if project.updated_at else 0

    def build() -> dict[str, str]:
        mark = fragments.csrf_mark() if may_edit else ""
        return {"html": _render_panel(request, project, may_edit, mark) or "", "mark": mark}

    extra = f"{project.pk}:{project.revision}:{stamp}:{'link' if may_edit else 'read'}"
    kept = fragments.cached(PANEL, None, build, extra=extra, timeout=600)
    html = fragments.with_csrf(kept["html"], kept["mark"], request)
    return html or None


def _may_link(user: Viewer, project: Any) -> bool:
    """Secretariat, or a delegate of the sponsoring state: from the request's remembered facts (no query more)."""
    from sco.members import permissions as members_permissions

    if not signed_in(user):
        return False
    return members_permissions.is_secretariat(
        user
    ) or project.sponsor_state_id in members_permissions.state_ids_acted_for(user)


def _render_panel(request: HttpRequest, project: Any, may_edit: bool, mark: str) -> str | None:
    edits = project_effects.project_edits(project)
    if not edits and not may_edit:
        return None
    if not Edge.objects.exists():
        return None
    data = project_effects.project_comparison(project=project, viewer=None) if edits else None
    form = ProjectEditForm(edges=list(Edge.objects.values_list("code", flat=True))) if may_edit else None
    names = {n.id: localized(n, "name") for n in selectors.nodes_by_id().values()}
    return render_to_string(
        "corridors/partials/_project_panel.html",
        {
            "project": project,
            "edits": edits,
            "edit_labels": EDIT_LABELS,
            "data": data,
            "form": form,
            "names": names,
            "corridor_labels": {c: corridor_label(c) for c in CORRIDORS},
            **({"csrf_token": mark} if mark else {}),  # {% csrf_token %} prints the mark
        },
        request=request,
    )
