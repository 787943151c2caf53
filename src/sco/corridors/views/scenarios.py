"""Scenarios: the list a viewer may see, a new one (demand, edits of the network, projects taken in), and one run:
its flows, bottlenecks and shadow prices beside the network as it is."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sco.core import doors
from sco.core.i18n import localized
from sco.core.users import person
from sco.corridors import permissions, selectors, services
from sco.corridors.errors import MayNotCreateScenario
from sco.corridors.forms import EDIT_LABELS, ScenarioForm
from sco.corridors.models import Scenario


def scenario_list(request: HttpRequest) -> HttpResponse:
    scenarios = list(selectors.scenario_list(viewer=request.user))
    me = person(request.user)
    return render(
        request,
        "corridors/scenarios.html",
        {
            "scenarios": scenarios,
            "may_create": permissions.may_create_scenario(request.user),
            "mine": {s.pk for s in scenarios if me is not None and s.author_id == me.pk},
        },
    )


@login_required
def scenario_create(request: HttpRequest) -> HttpResponse:
    if not permissions.may_create_scenario(request.user):
        raise MayNotCreateScenario()
    form = ScenarioForm(request.POST or None, projects=selectors.linkable_projects(viewer=request.user))

    def action(data: dict[str, Any]) -> Scenario:
        return services.scenario_create(
            actor=request.user,
            key=data["key"],
            year=data["year"],
            name_en=data["name_en"],
            name_ru=data["name_ru"],
            name_zh=data["name_zh"],
            demands=data["demands"],
            edits=data["edits"],
            project_ids=[p.pk for p in data["projects"]],
            source=data["source"],
            confidence=data["confidence"],
            allow_unserved=data["allow_unserved"],
            shared=data["shared"],
        )

    return doors.submit(
        request,
        form,
        action,
        template="corridors/scenario_form.html",
        success=lambda s: reverse("corridors:scenario", args=[s.key]),
        message=_("The scenario was stored and run."),
        aliases={"project_ids": "projects"},
    )


def scenario_detail(request: HttpRequest, key: str) -> HttpResponse:
    scenario = selectors.scenario_get(viewer=request.user, key=key)
    ran = doors.attempt(None, lambda _data: selectors.scenario_run(scenario=scenario, viewer=request.user))
    me = person(request.user)
    names = {n.id: localized(n, "name") for n in selectors.nodes_by_id().values()}
    return render(
        request,
        "corridors/scenario_detail.html",
        {
            "scenario": scenario,
            "run": ran.result,
            "error": ran.message,
            "projects": selectors.projects_seen(scenario=scenario, viewer=request.user),
            "edit_labels": EDIT_LABELS,
            "names": names,
            "is_author": me is not None and scenario.author_id == me.pk,
        },
        status=200 if ran.ok else ran.status,
    )


@login_required
@require_POST
def scenario_share(request: HttpRequest, key: str) -> HttpResponse:
    scenario = services.scenario_share(actor=request.user, key=key)
    messages.success(request, _("The scenario is now shared: everyone can see it."))
    return HttpResponseRedirect(reverse("corridors:scenario", args=[scenario.key]))
