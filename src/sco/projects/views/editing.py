"""Submitting and editing a project."""

from __future__ import annotations

from dataclasses import fields
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from sco.core import doors
from sco.members import permissions as members_permissions
from sco.members.models import State
from sco.projects import services
from sco.projects.models import Project, Visibility
from sco.projects.views.common import HtmxHttpRequest, _actor, _project, _sector_choices


def _form_data(request: HtmxHttpRequest) -> services.ProjectData:
    """The form's fields as the service takes them: strings as typed, and the lists of codes."""
    post = request.POST
    values: dict[str, Any] = {
        f.name: post.getlist(f.name) if f.default_factory is list else post.get(f.name, "")
        for f in fields(services.ProjectData)
    }
    return services.ProjectData(**values)


def _form_context(
    request: HttpRequest, data: services.ProjectData, errors: dict[str, list[str]], project: Project | None
) -> dict[str, Any]:
    from sco.projects.models import TYPE_CHOICES, Goal, SponsorKind

    acts_for = members_permissions.states_acted_for(request.user)
    # Only states that already take part, or that this delegate acts for: the others are invited (services).
    joined = set(project.participations.values_list("state__code", flat=True)) if project is not None else set()
    mine = {s.code for s in acts_for}
    return {
        "data": data,
        "errors": errors,
        "project": project,
        "participant_options": [
            s
            for s in State.objects.members_on(timezone.localdate()).order_by("name_en")
            if s.code in joined or s.code in mine
        ],
        "sectors": _sector_choices(),
        "types": TYPE_CHOICES,
        "sponsor_kinds": SponsorKind.choices,
        "visibilities": Visibility.choices,
        "states": State.objects.members_on(timezone.localdate()).order_by("name_en"),
        "sponsor_states": acts_for,
        "goals": Goal.objects.all(),
    }


def _go(request: HtmxHttpRequest, project: Project) -> HttpResponse:
    """After a saved form: a redirect, or for htmx a full navigation to the project page."""
    if request.htmx:
        response = HttpResponse(status=204)
        response["HX-Redirect"] = f"/projects/{project.pk}/"
        return response
    return redirect("projects:detail", project_id=project.pk)


@login_required
def create(request: HtmxHttpRequest) -> HttpResponse:
    if request.method == "POST":
        data = _form_data(request)
        done = doors.attempt(None, lambda _data: services.project_create(actor=_actor(request), data=data))
        if not done.ok or done.result is None:
            status = 422 if done.field_errors else done.status
            return render(request, "projects/form.html", _form_context(request, data, done.errors, None), status=status)
        messages.success(request, _("The draft is saved."))
        return _go(request, done.result)
    acts_for = members_permissions.states_acted_for(request.user)
    data = services.ProjectData(sponsor_state=acts_for[0].code if acts_for else "")
    return render(request, "projects/form.html", _form_context(request, data, {}, None))


@login_required
def edit(request: HtmxHttpRequest, project_id: int) -> HttpResponse:
    project = _project(request, project_id)
    if request.method == "POST":
        data = _form_data(request)
        done = doors.attempt(
            None, lambda _data: services.project_update(actor=_actor(request), project=project, data=data)
        )
        if not done.ok:
            status = 422 if done.field_errors else done.status
            context = _form_context(request, data, done.errors, project)
            return render(request, "projects/form.html", context, status=status)
        messages.success(request, _("The changes are saved."))
        return _go(request, project)
    snapshot = services.snapshot(project)
    data = services.ProjectData(
        **{k: ("" if v is None else v) for k, v in snapshot.items() if k in services.ProjectData.__dataclass_fields__}  # type: ignore[arg-type]
    )
    return render(request, "projects/form.html", _form_context(request, data, {}, project))
