"""The JSON door for investment projects: thin over services and selectors."""

from typing import Any

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse
from django.utils import timezone
from ninja import File, Form, Query, Router, Status
from ninja.files import UploadedFile

from sco.core import api as core_api
from sco.core.errors import InvalidInput, NotAuthenticated, NotFound
from sco.core.pagination import MAX_PAGE
from sco.members import selectors as members_selectors
from sco.projects import cache as project_cache
from sco.projects import oc4ids, open_data, selectors, services
from sco.projects.appraisal import IrrResult, appraise
from sco.projects.models import AtLeast, Comment
from sco.projects.schemas import (
    AppraisalIn,
    AppraisalOut,
    AttachmentOut,
    ChangeOut,
    CommentIn,
    CommentOut,
    HideIn,
    InvitationAnswerIn,
    JoinIn,
    ProjectIn,
    ProjectInvitationIn,
    ProjectInvitationOut,
    ProjectOut,
    ProjectPageOut,
    ScreeningIn,
    StepOut,
    TransitionIn,
    VersionOut,
)

router = Router(tags=["projects"])


def _user(request: HttpRequest) -> Any:
    if not request.user.is_authenticated:
        raise NotAuthenticated()
    return request.user


@router.get("/", response=ProjectPageOut, summary="Projects you may see, filtered and sorted")
def list_projects(
    request: HttpRequest,
    status: str = "",
    sector: str = "",
    host_state: str = "",
    q: str = "",
    sort: str = "updated",
    page: int = Query(1, ge=1, le=MAX_PAGE, description="Page number, from 1."),
    page_size: int = Query(settings.NINJA_PAGINATION_PER_PAGE, ge=1, le=settings.NINJA_PAGINATION_MAX_PER_PAGE_SIZE),
    after: str = Query(
        "",
        max_length=500,
        description="The `next` of the page before: the page after it (keyset; `page` is then not read).",
    ),
) -> Any:
    def serialised() -> bytes:
        return core_api.serialised(
            request, ProjectPageOut, _list_page(request, status, sector, host_state, q, sort, page, page_size, after)
        )

    if project_cache.cacheable(request.user):
        # Anonymous callers share one serialised page per query string (see sco.projects.cache).
        key = project_cache.key("api", request.GET.urlencode())
        content = cache.get(key)
        if content is None:
            content = serialised()
            cache.set(key, content, project_cache.TIMEOUT)
    else:
        # Callers of one audience (the same states, the Secretariat) share one (sco.projects.audience).
        content = project_cache.for_audience(request.user, "api", request.GET.urlencode(), serialised)
    return core_api.json_answer(content)


def _list_page(
    request: HttpRequest,
    status: str,
    sector: str,
    host_state: str,
    q: str,
    sort: str,
    page: int,
    page_size: int,
    after: str,
) -> dict[str, Any]:
    filters = selectors.ProjectFilters(status=status, sector=sector, host_state=host_state, q=q, sort=sort)
    found = selectors.project_page(viewer=request.user, filters=filters, size=page_size, page=page, after=after)
    count, page, items, following = found.count, found.number, found.rows, found.next
    pages = max(1, -(-count // page_size), page)
    return {
        "items": items,
        "count": count,
        "count_capped": isinstance(count, AtLeast),
        "page": page,
        "page_size": page_size,
        "pages": pages,
        "next": following,
    }


@router.post("/", response={201: ProjectOut}, summary="Draft a new project (you must act for the sponsoring state)")
def create_project(request: HttpRequest, payload: ProjectIn) -> Any:
    project = services.project_create(actor=_user(request), data=services.ProjectData(**payload.dict()))
    return Status(201, selectors.project_get(viewer=request.user, project_id=project.pk))


@router.get("/oc4ids.json", summary="OC4IDS 0.9 project package of every public project", include_in_schema=True)
def oc4ids_package(request: HttpRequest) -> HttpResponse:
    data = open_data.oc4ids_package(base_url=request.build_absolute_uri("/")[:-1], published=timezone.now())
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False})


@router.get("/export.csv", summary="The public projects as CSV (OC4IDS fields, flattened)")
def export_csv(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="sco-projects.csv"'
    oc4ids.write_csv(
        open_data.oc4ids_package(base_url=request.build_absolute_uri("/")[:-1], published=timezone.now()), response
    )
    return response


@router.get("/{project_id}", response=ProjectOut, summary="One project")
def get_project(request: HttpRequest, project_id: int) -> Any:
    return selectors.project_get(viewer=request.user, project_id=project_id)


@router.put("/{project_id}", response=ProjectOut, summary="Edit a draft or returned project (sponsor)")
def update_project(request: HttpRequest, project_id: int, payload: ProjectIn) -> Any:
    project = selectors.project_get(viewer=request.user, project_id=project_id)
    services.project_update(actor=_user(request), project=project, data=services.ProjectData(**payload.dict()))
    return selectors.project_get(viewer=request.user, project_id=project_id)


def _steps(request: HttpRequest, project: Any) -> list[dict[str, Any]]:
    return [
        {
            "name": t.name,
            "label": services.transition_label(t.name),
            "target": t.target.value,
            "checks": [c.value for c in t.checks],
        }
        for t in selectors.next_steps(viewer=request.user, project=project)
    ]


@router.get("/{project_id}/next-steps", response=list[StepOut], summary="Steps you could take from here")
def next_steps(request: HttpRequest, project_id: int) -> Any:
    project = selectors.project_get(viewer=request.user, project_id=project_id)
    return _steps(request, project)


@router.post(
    "/{project_id}/transitions",
    response=ProjectOut,
    summary="Take a lifecycle step",
    description="An illegal step answers 409 problem+json with `errors.allowed_transitions` and "
    "`errors.failed_checks`.",
)
def transition(request: HttpRequest, project_id: int, payload: TransitionIn) -> Any:
    project = selectors.project_get(viewer=request.user, project_id=project_id)
    services.project_transition(actor=_user(request), project=project, name=payload.name, reason=payload.reason)
    return selectors.project_get(viewer=request.user, project_id=project_id)


@router.post("/{project_id}/participations", response={201: ProjectOut}, summary="A state joins the project")
def join(request: HttpRequest, project_id: int, payload: JoinIn) -> Any:
    project = selectors.project_get(viewer=request.user, project_id=project_id)
    if not payload.state:  # an empty code: a field error, not a server error
        raise InvalidInput(field_errors={"state": [str(forms.Field.default_error_messages["required"])]})
    state = members_selectors.state_get(code=payload.state, field="state")
    services.participation_join(actor=_user(request), project=project, state=state)
    return Status(201, selectors.project_get(viewer=request.user, project_id=project_id))


@router.get("/{project_id}/invitations", response=list[ProjectInvitationOut], summary="Invitations to take part")
def invitations(request: HttpRequest, project_id: int) -> Any:
    project = selectors.project_get(viewer=request.user, project_id=project_id)
    return selectors.invitation_list(viewer=request.user, project=project)


@router.post(
    "/{project_id}/invitations",
    response={201: ProjectInvitationOut},
    summary="The sponsor invites a state to take part",
    description="The state takes part only once one of its delegates accepts (`.../invitations/{id}/answer`).",
)
def invite(request: HttpRequest, project_id: int, payload: ProjectInvitationIn) -> Any:
    project = selectors.project_get(viewer=request.user, project_id=project_id)
    state = members_selectors.state_get(code=payload.state, field="state")
    return Status(201, services.invitation_send(actor=_user(request), project=project, state=state))


@router.post(
    "/{project_id}/invitations/{invitation_id}/answer",
    response=ProjectInvitationOut,
    summary="A delegate of the invited state accepts or declines",
)
def answer_invitation(request: HttpRequest, project_id: int, invitation_id: int, payload: InvitationAnswerIn) -> Any:
    project = selectors.project_get(viewer=request.user, project_id=project_id)
    invitation = selectors.invitation_get(viewer=request.user, project=project, invitation_id=invitation_id)
    return services.invitation_answer(actor=_user(request), invitation=invitation, accept=payload.accept)


@router.put("/{project_id}/screening", response=ProjectOut, summary="Tick the screening checklist (Secretariat)")
def screening(request: HttpRequest, project_id: int, payload: ScreeningIn) -> Any:
    project = selectors.project_get(viewer=request.user, project_id=project_id)
    services.screening_update(actor=_user(request), project=project, checklist=payload.checklist)
    return selectors.project_get(viewer=request.user, project_id=project_id)


def _irr(result: IrrResult) -> dict[str, Any]:
    return {"kind": result.kind.value, "roots": list(result.roots), "sign_changes": result.sign_changes}


def appraisal_out(appraisal: Any) -> dict[str, Any]:
    result = appraise(services.table_for(appraisal))

    def ind(i: Any) -> dict[str, Any]:
        return {
            "fnpv": i.fnpv,
            "firr": _irr(i.firr),
            "enpv": i.enpv,
            "eirr": _irr(i.eirr),
            "bcr": i.bcr,
            "payback_years": i.payback_years,
            "discounted_payback_years": i.discounted_payback_years,
        }

    sv = result.switching
    return {
        "currency": appraisal.currency,
        "financial_rate": appraisal.financial_rate,
        "social_rate": appraisal.social_rate,
        "rows": appraisal.rows,
        "notes": appraisal.notes,
        "base": ind(result.base),
        "sensitivity": {k.value: ind(v) for k, v in result.sensitivity.items()},
        "switching_values": sv.__dict__ if sv else {},
    }


@router.get("/{project_id}/appraisal", response=AppraisalOut, summary="Cash flows and indicators")
def get_appraisal(request: HttpRequest, project_id: int) -> Any:
    project = selectors.project_get(viewer=request.user, project_id=project_id)
    appraisal = selectors.appraisal_get(viewer=request.user, project=project)
    if appraisal is None or not appraisal.rows:
        raise NotFound()
    return appraisal_out(appraisal)


@router.put("/{project_id}/appraisal", response=AppraisalOut, summary="Record the cash-flow table and rates")
def put_appraisal(request: HttpRequest, project_id: int, payload: AppraisalIn) -> Any:
    project = selectors.project_get(viewer=request.user, project_id=project_id)
    appraisal = services.appraisal_save(
        actor=_user(request),
        project=project,
        financial_rate=payload.financial_rate,
        social_rate=payload.social_rate,
        rows=[r.dict() for r in payload.rows],
        notes=payload.notes,
    )
    return appraisal_out(appraisal)


@router.get("/{project_id}/versions", response=list[VersionOut], summary="Every submitted version")
def versions(request: HttpRequest, project_id: int) -> Any:
    project = selectors.project_get(viewer=request.user, project_id=project_id)
    return selectors.version_list(viewer=request.user, project=project)


@router.get("/{project_id}/versions/diff", response=list[ChangeOut], summary="Field-by-field difference")
def version_diff(request: HttpRequest, project_id: int, a: int, b: int) -> Any:
    project = selectors.project_get(viewer=request.user, project_id=project_id)
    return [c.__dict__ for c in selectors.version_diff(viewer=request.user, project=project, a=a, b=b)[2]]


def comment_out(comment: Comment, *, viewer: Any) -> dict[str, Any]:
    from sco.members.permissions import is_secretariat

    hidden = comment.hidden_at is not None
    return {
        "id": comment.pk,
        "parent": comment.parent_id,
        "kind": comment.kind,
        "language": comment.language,
        "author": str(comment.author),
        "on_behalf_of": comment.on_behalf_of.code if comment.on_behalf_of else None,
        "body": comment.body if not hidden or is_secretariat(viewer) else None,
        "mentions": [s.code for s in comment.mentions.all()],
        "created_at": comment.created_at,
        "answered_at": comment.answered_at,
        "hidden": hidden,
        "hidden_reason": comment.hidden_reason,
    }


@router.get("/{project_id}/comments", response=list[CommentOut], summary="The discussion, oldest first")
def comments(request: HttpRequest, project_id: int) -> Any:
    project = selectors.project_get(viewer=request.user, project_id=project_id)
    return [comment_out(c, viewer=request.user) for c in selectors.comment_list(viewer=request.user, project=project)]


@router.post("/{project_id}/comments", response={201: CommentOut}, summary="Comment, ask the sponsor, or answer")
def post_comment(request: HttpRequest, project_id: int, payload: CommentIn) -> Any:
    project = selectors.project_get(viewer=request.user, project_id=project_id)
    parent = (
        selectors.comment_get(viewer=request.user, project=project, comment_id=payload.parent)
        if payload.parent
        else None
    )
    mentions = members_selectors.states_get(codes=payload.mentions, field="mentions")
    comment = services.comment_post(
        actor=_user(request),
        project=project,
        body=payload.body,
        language=payload.language,
        kind=payload.kind,
        parent=parent,
        on_behalf_of=members_selectors.state_get_or_none(code=payload.on_behalf_of, field="on_behalf_of"),
        mentions=mentions,
    )
    return Status(201, comment_out(comment, viewer=request.user))


@router.post("/{project_id}/comments/{comment_id}/hide", response=CommentOut, summary="Hide a comment (Secretariat)")
def hide_comment(request: HttpRequest, project_id: int, comment_id: int, payload: HideIn) -> Any:
    project = selectors.project_get(viewer=request.user, project_id=project_id)
    comment = selectors.comment_get(viewer=request.user, project=project, comment_id=comment_id)
    return comment_out(
        services.comment_hide(actor=_user(request), comment=comment, reason=payload.reason), viewer=request.user
    )


def attachment_out(request: HttpRequest, a: Any) -> dict[str, Any]:
    return {
        "id": a.pk,
        "document_type": a.document_type,
        "title": a.title,
        "media_type": a.media_type,
        "size": a.size,
        "sha256": a.sha256,
        "uploaded_at": a.uploaded_at,
        "url": request.build_absolute_uri(reverse("projects:attachment", args=[a.project_id, a.pk])),
    }


@router.get("/{project_id}/attachments", response=list[AttachmentOut], summary="Attachments")
def attachments(request: HttpRequest, project_id: int) -> Any:
    project = selectors.project_get(viewer=request.user, project_id=project_id)
    return [attachment_out(request, a) for a in selectors.attachment_list(viewer=request.user, project=project)]


@router.post("/{project_id}/attachments", response={201: AttachmentOut}, summary="Upload a PDF, image or office file")
def upload(
    request: HttpRequest,
    project_id: int,
    file: File[UploadedFile],
    document_type: Form[str],
    title: Form[str] = "",
) -> Any:
    project = selectors.project_get(viewer=request.user, project_id=project_id)
    content = file.read(services.ATTACHMENT_MAX_BYTES + 1)
    attachment = services.attachment_add(
        actor=_user(request),
        project=project,
        content=content,
        filename=file.name or "file",
        document_type=document_type,
        title=title,
    )
    return Status(201, attachment_out(request, attachment))


@router.post("/{project_id}/follow", response={204: None}, summary="Follow the project (notifications)")
def follow(request: HttpRequest, project_id: int) -> Any:
    project = selectors.project_get(viewer=request.user, project_id=project_id)
    services.follow_set(actor=_user(request), project=project, following=True)
    return Status(204, None)


@router.delete("/{project_id}/follow", response={204: None}, summary="Stop following")
def unfollow(request: HttpRequest, project_id: int) -> Any:
    project = selectors.project_get(viewer=request.user, project_id=project_id)
    services.follow_set(actor=_user(request), project=project, following=False)
    return Status(204, None)
