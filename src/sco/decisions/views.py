"""The HTML door: a list of procedures, a page per procedure, and the HTMX table of positions with its form."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sco.core import doors
from sco.core.http import ScoRequest, actor
from sco.decisions import contract, selectors, services, subjects
from sco.decisions.consensus import Status
from sco.decisions.forms import ExtendForm, PositionForm
from sco.decisions.models import Decision, StatusChoice
from sco.members import selectors as members_selectors
from sco.members.permissions import is_chair, is_secretariat

HtmxHttpRequest = ScoRequest
_actor = actor


def _get(request: HttpRequest, decision_id: int) -> Decision:
    """The procedure, if the viewer may see it (a NotFound becomes the 404 page: core.doors)."""
    return selectors.decision_get(viewer=request.user, decision_id=decision_id)


def decision_list(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    status = request.GET.get("status") or None
    if status not in {s.value for s in Status}:
        status = None
    page = Paginator(selectors.decision_list(viewer=request.user, status=status, now=now), 25).get_page(
        request.GET.get("page")
    )
    rows = [(d, d.outcome(now=now), subjects.subject_label(d.subject)) for d in page]
    return render(
        request,
        "decisions/decision_list.html",
        {"page": page, "rows": rows, "status": status, "statuses": StatusChoice.choices},
    )


def decision_detail(
    request: HttpRequest,
    decision_id: int,
    *,
    extend_form: ExtendForm | None = None,
    position_form: PositionForm | None = None,
    status: int = 200,
) -> HttpResponse:
    decision = _get(request, decision_id)
    now = timezone.now()
    context = contract.positions_context(request.user, decision, now=now, form=position_form)
    may_manage = is_secretariat(request.user) or is_chair(request.user)
    subject = decision.subject
    context.update(
        {
            "subject_label": subjects.subject_label(subject),
            "subject_url": subjects.subject_url(subject),
            "history": list(selectors.position_history(viewer=request.user, decision=decision)[:200]),
            "may_manage": may_manage and decision.status == StatusChoice.OPEN,
            "extend_form": extend_form or ExtendForm(),
        }
    )
    return render(request, "decisions/decision_detail.html", context, status=status)


@require_POST
def position_record(request: HtmxHttpRequest, decision_id: int) -> HttpResponse:
    decision = _get(request, decision_id)
    if not request.user.is_authenticated:
        return HttpResponse(status=401)
    now = timezone.now()
    mine = [row.state for row in selectors.position_rows(viewer=request.user, decision=decision) if row.may_record]
    form = PositionForm(request.POST, states=mine)
    done = doors.attempt(
        form,
        lambda data: services.position_record(
            actor=_actor(request),
            decision=decision,
            state=members_selectors.state_get(code=data["state"], field="state"),
            kind=data["kind"],
            text=data["text"],
            now=now,
        ),
    )
    # htmx swaps only 422 (one rule for form errors); a refusal of permission stays a 403.
    status = 200 if done.ok else (done.status if done.status == 403 or not request.htmx else 422)
    saved = done.ok
    if saved:
        if not request.htmx:
            messages.success(request, _("The position is recorded."))
            return redirect("decisions:detail", decision_id=decision.pk)
        decision = _get(request, decision_id)
    if not request.htmx:
        return decision_detail(request, decision_id, position_form=form, status=status)
    context = contract.positions_context(request.user, decision, now=now, form=None if saved else form)
    context["saved"] = saved
    return render(request, "decisions/partials/_positions.html", context, status=status)


@require_POST
def decision_extend(request: HttpRequest, decision_id: int) -> HttpResponse:
    decision = _get(request, decision_id)
    form = ExtendForm(request.POST)

    def extend(data: dict[str, Any]) -> Decision:
        deadline = data["deadline"]
        if timezone.is_naive(deadline):
            deadline = timezone.make_aware(deadline, dt.UTC)
        return services.decision_extend(actor=_actor(request), decision=decision, deadline=deadline)

    done = doors.attempt(form, extend)
    if not done.ok:
        return decision_detail(request, decision_id, extend_form=form, status=done.status)
    messages.success(request, _("The deadline is extended."))
    return HttpResponseRedirect(reverse("decisions:detail", args=[decision.pk]))


@require_POST
def decision_close(request: HttpRequest, decision_id: int) -> HttpResponse:
    decision = _get(request, decision_id)
    done = doors.attempt(None, lambda data: services.decision_close(actor=_actor(request), decision=decision))
    if not done.ok or done.result is None:
        messages.error(request, done.message)
        return decision_detail(request, decision_id, status=done.status)
    closed = done.result
    messages.success(request, _("The procedure is closed: %(outcome)s.") % {"outcome": closed.get_status_display()})
    return HttpResponseRedirect(reverse("decisions:detail", args=[closed.pk]))
