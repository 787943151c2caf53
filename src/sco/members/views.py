from __future__ import annotations

import datetime as dt

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from sco.core import doors
from sco.core.errors import InvalidInput
from sco.core.http import ScoRequest
from sco.members import permissions, selectors, services
from sco.members.demo_facts import PARTNERS_NOT_YET_RECORDED
from sco.members.forms import DelegateForm
from sco.members.models import Role, State, StatusKind


def state_list(request: ScoRequest) -> HttpResponse:
    """Statuses on `?on=YYYY-MM-DD` (today by default), as the API answers them."""
    asked = request.GET.get("on", "").strip()
    on = permissions.today()
    if asked:
        try:
            on = dt.date.fromisoformat(asked)
        except ValueError as exc:
            raise InvalidInput(field_errors={"on": [_("Enter a date as YYYY-MM-DD.")]}) from exc
    rows = selectors.state_rows(on=on)
    groups = [(kind.label, [r for r in rows if r.status and r.status.status == kind.value]) for kind in StatusKind]
    return render(
        request,
        "members/state_list.html",
        {"groups": groups, "on": on, "partners_not_recorded": PARTNERS_NOT_YET_RECORDED},
    )


def state_detail(request: ScoRequest, code: str) -> HttpResponse:
    state = selectors.state_get(code=code)  # an unknown code is the 404 page (core.doors)
    form = _delegate_form_for(request, state)
    status = 200
    if form is not None and request.method == "POST":
        done = doors.attempt(
            form,
            lambda data: services.mandate_grant(
                actor=request.user,
                user=data["username"],
                role=Role.DELEGATE,
                state=state,
                bodies=list(data["bodies"]),
                start=data["start"],
                end=data["end"],
            ),
        )
        if done.ok:
            form = DelegateForm()
        else:
            status = done.status
    elif request.method == "POST":
        status = 403
    on = permissions.today()
    context = {
        "state": state,
        "status": selectors.status_on(state, on),
        "chairmanships": [c for c in selectors.chairmanship_list() if c.state_id == state.pk],
        "mandates": selectors.mandate_list(viewer=request.user, state=state, on=on),
        "form": form,
        "forbidden": request.method == "POST" and form is None,
    }
    template = "members/partials/_delegation.html" if request.htmx else "members/state_detail.html"
    return render(request, template, context, status=status)


def _delegate_form_for(request: ScoRequest, state: State) -> DelegateForm | None:
    if not permissions.may_manage_delegation(request.user, state):
        return None
    return DelegateForm(request.POST or None)


def chairmanships(request: ScoRequest) -> HttpResponse:
    current = selectors.chairmanship_current()
    return render(
        request,
        "members/chairmanships.html",
        {"chairmanships": selectors.chairmanship_list(), "current": current, "summits": selectors.summit_list()},
    )


def bodies(request: ScoRequest) -> HttpResponse:
    return render(
        request, "members/bodies.html", {"bodies": selectors.body_list(), "institutions": selectors.institution_list()}
    )
