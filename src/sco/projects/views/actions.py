"""The buttons of a project page: steps, participation, screening, discussion, appraisal, attachments, follow.

Each one calls its service through the door kit (`doors.act`): a refusal is shown as a message on the page it
goes back to, or, for the discussion's HTMX form, as the re-rendered fragment with 422.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sco.core import doors
from sco.members import selectors as members_selectors
from sco.projects import selectors, services
from sco.projects.models import CommentKind
from sco.projects.views.common import HtmxHttpRequest, _actor, _project
from sco.projects.views.page import _detail_context


def _back(project_id: int, anchor: str = "") -> HttpResponse:
    return redirect(reverse("projects:detail", args=[project_id]) + (f"#{anchor}" if anchor else ""))


@login_required
@require_POST
def step(request: HtmxHttpRequest, project_id: int) -> HttpResponse:
    project = _project(request, project_id)
    name = request.POST.get("name", "")
    doors.act(
        request,
        lambda: services.project_transition(
            actor=_actor(request), project=project, name=name, reason=request.POST.get("reason", "")
        ),
        message=_("Done: %(step)s.") % {"step": services.transition_label(name)},
    )
    return _back(project.pk)


@login_required
@require_POST
def join(request: HtmxHttpRequest, project_id: int) -> HttpResponse:
    project = _project(request, project_id)

    def action() -> str:
        state = members_selectors.state_get(code=request.POST.get("state", ""), field="state")
        services.participation_join(actor=_actor(request), project=project, state=state)
        return _("%(state)s now takes part in the project.") % {"state": state.name}

    doors.act(request, action, message=lambda text: text)
    return _back(project.pk)


@login_required
@require_POST
def invite(request: HtmxHttpRequest, project_id: int) -> HttpResponse:
    """The sponsor invites a state; a refusal escapes to the door kit's error page with its status (409, 403)."""
    project = _project(request, project_id)
    state = members_selectors.state_get(code=request.POST.get("state", ""), field="state")
    services.invitation_send(actor=_actor(request), project=project, state=state)
    messages.success(request, _("%(state)s is invited; it takes part once a delegate accepts.") % {"state": state.name})
    return _back(project.pk, "participation")


@login_required
@require_POST
def answer_invitation(request: HtmxHttpRequest, project_id: int, invitation_id: int) -> HttpResponse:
    """A delegate of the invited state accepts or declines."""
    project = _project(request, project_id)
    invitation = selectors.invitation_get(viewer=request.user, project=project, invitation_id=invitation_id)
    accept = request.POST.get("answer") == "accept"
    services.invitation_answer(actor=_actor(request), invitation=invitation, accept=accept)
    text = _("%(state)s now takes part in the project.") if accept else _("%(state)s declined the invitation.")
    messages.success(request, text % {"state": invitation.state.name})
    return _back(project.pk, "participation")


@login_required
@require_POST
def screening(request: HtmxHttpRequest, project_id: int) -> HttpResponse:
    project = _project(request, project_id)
    checklist = {item: request.POST.get(item) == "on" for item in services.JUDGED_ITEMS}
    doors.act(
        request,
        lambda: services.screening_update(actor=_actor(request), project=project, checklist=checklist),
        message=_("The screening checklist is saved."),
    )
    return _back(project.pk)


@login_required
@require_POST
def comments(request: HtmxHttpRequest, project_id: int) -> HttpResponse:
    """Posting a comment re-renders the discussion in place (HTMX), or redirects without JavaScript."""
    project = _project(request, project_id)
    post = request.POST

    def action() -> object:
        parent_id = post.get("parent", "")
        parent = (
            selectors.comment_get(viewer=request.user, project=project, comment_id=int(parent_id))
            if parent_id.isdigit()
            else None
        )
        return services.comment_post(
            actor=_actor(request),
            project=project,
            body=post.get("body", ""),
            language=post.get("language", ""),
            kind=post.get("kind", CommentKind.COMMENT),
            parent=parent,
            on_behalf_of=members_selectors.state_get_or_none(code=post.get("on_behalf_of"), field="on_behalf_of"),
            mentions=members_selectors.states_get(codes=post.getlist("mentions"), field="mentions"),
        )

    if not request.htmx:
        doors.act(request, action, field_errors=True)
        return _back(project.pk)
    done = doors.attempt(None, lambda _data: action())
    errors = {} if done.ok else (dict(done.field_errors) or {"__all__": [done.message]})
    context = _detail_context(request, _project(request, project_id))
    context["comment_errors"] = errors
    context["draft"] = post if errors else {}
    return render(request, "projects/partials/_discussion.html", context, status=422 if errors else 200)


@login_required
@require_POST
def hide_comment(request: HtmxHttpRequest, project_id: int, comment_id: int) -> HttpResponse:
    project = _project(request, project_id)

    def action() -> None:
        comment = selectors.comment_get(viewer=request.user, project=project, comment_id=comment_id)
        services.comment_hide(actor=_actor(request), comment=comment, reason=request.POST.get("reason", ""))

    doors.act(request, action)
    if request.htmx:
        return render(request, "projects/partials/_discussion.html", _detail_context(request, project))
    return _back(project.pk)


def _rows_from_post(request: HtmxHttpRequest) -> list[dict[str, str]]:
    """The table arrives as lines "year, capex, opex, revenues, economic benefits" (one year per line)."""
    rows = []
    for line in request.POST.get("rows", "").splitlines():
        cells = [c.strip() for c in line.replace(";", ",").replace("\t", ",").split(",")]
        if not any(cells):
            continue
        cells += [""] * (5 - len(cells))
        rows.append(dict(zip(("year", "capex", "opex", "revenues", "economic_benefits"), cells[:5], strict=True)))
    return rows


@login_required
@require_POST
def appraisal(request: HtmxHttpRequest, project_id: int) -> HttpResponse:
    project = _project(request, project_id)
    doors.act(
        request,
        lambda: services.appraisal_save(
            actor=_actor(request),
            project=project,
            financial_rate=request.POST.get("financial_rate", ""),
            social_rate=request.POST.get("social_rate", ""),
            rows=_rows_from_post(request),
            notes=request.POST.get("notes", ""),
        ),
        message=_("The appraisal is saved."),
        field_errors=True,
    )
    return _back(project.pk, "appraisal")


@login_required
@require_POST
def upload(request: HtmxHttpRequest, project_id: int) -> HttpResponse:
    project = _project(request, project_id)
    uploaded = request.FILES.get("file")
    content = uploaded.read(services.ATTACHMENT_MAX_BYTES + 1) if uploaded else b""
    doors.act(
        request,
        lambda: services.attachment_add(
            actor=_actor(request),
            project=project,
            content=content,
            filename=(uploaded.name or "") if uploaded else "",
            document_type=request.POST.get("document_type", ""),
            title=request.POST.get("title", ""),
        ),
        message=_("The file is attached."),
        field_errors=True,
    )
    return _back(project.pk)


@login_required
@require_POST
def follow(request: HtmxHttpRequest, project_id: int) -> HttpResponse:
    project = _project(request, project_id)
    services.follow_set(actor=_actor(request), project=project, following=request.POST.get("follow") == "1")
    return _back(project.pk)
