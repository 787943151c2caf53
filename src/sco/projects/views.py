"""HTML pages for investment projects: thin over services and selectors. HTMX posts answer with a fragment;
a refused form answers 422 with the fragment and its errors (base.html tells htmx to swap 422)."""

from __future__ import annotations

from dataclasses import fields
from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import FieldDoesNotExist
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from django_htmx.middleware import HtmxDetails

from sco.core import hooks
from sco.core.errors import NotFound, ScoError
from sco.core.models import User
from sco.members import permissions as members_permissions
from sco.members.models import State
from sco.projects import cache as project_cache
from sco.projects import charts, lifecycle, oc4ids, selectors, services
from sco.projects.appraisal import appraise
from sco.projects.lifecycle import Role
from sco.projects.models import CommentKind, ParticipationRole, Project, ProjectStatus, Visibility
from sco.projects.permissions import roles_on

PAGE_SIZES = (10, 20, 50, 100)


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


def _actor(request: HttpRequest) -> User:
    """The person asking; an anonymous one is refused by the service's own permission question."""
    return cast(User, request.user)


def _project(request: HtmxHttpRequest, project_id: int, *, related: bool = True) -> Project:
    try:
        return selectors.project_get(viewer=request.user, project_id=project_id, related=related)
    except NotFound as exc:
        raise Http404 from exc


@require_GET
def index(request: HtmxHttpRequest) -> HttpResponse:
    fragment = "projects/partials/_results.html" if request.htmx else "projects/partials/_index_body.html"
    if project_cache.cacheable(request.user):
        # Anonymous visitors share one rendering per query string (no CSRF token, no name in it).
        key = project_cache.key("htmx" if request.htmx else "page", request.GET.urlencode())
        body = cache.get(key)
        if body is None:
            body = render_to_string(fragment, _index_context(request), request=request)
            cache.set(key, body, project_cache.TIMEOUT)
        body = mark_safe(body)
    else:
        body = render_to_string(fragment, _index_context(request), request=request)
    if request.htmx:
        return HttpResponse(body)
    return render(request, "projects/index.html", {"body": body})


def _index_context(request: HtmxHttpRequest) -> dict[str, Any]:
    filters = selectors.ProjectFilters(
        status=request.GET.get("status", ""),
        sector=request.GET.get("sector", ""),
        host_state=request.GET.get("host_state", ""),
        q=request.GET.get("q", "")[:200],
        # A search is shown best match first unless the visitor chose another order.
        sort=request.GET.get("sort") or ("relevance" if request.GET.get("q", "").strip() else "updated"),
    )
    try:
        size = int(request.GET.get("size", "20"))
    except ValueError:
        size = 20
    size = size if size in PAGE_SIZES else 20
    page = Paginator(selectors.project_list(viewer=request.user, filters=filters), size).get_page(
        request.GET.get("page")
    )
    return {
        "page": page,
        "rows": _rows(page),
        "filters": filters,
        "size": size,
        "sizes": PAGE_SIZES,
        "statuses": ProjectStatus.choices,
        "sectors": _sector_choices(),
        "states": State.objects.members_on(timezone.localdate()).order_by("name_en"),
        "sorts": [
            ("relevance", _("Best match")),
            ("updated", _("Recently updated")),
            ("title", _("Title")),
            ("-cost", _("Cost, highest first")),
            ("cost", _("Cost, lowest first")),
            ("created", _("Newest")),
        ],
        "querystring": _querystring(request),
    }


def _rows(page: Any) -> list[dict[str, Any]]:
    """The list's cells, worked out here once rather than through template lookups 50 times over."""
    from django.utils.formats import number_format

    from sco.core.i18n import localized

    sectors = dict(_sector_choices())
    statuses = dict(ProjectStatus.choices)
    rows = []
    for p in page:
        cost = (
            f"{number_format(p.total_cost, decimal_pos=0, force_grouping=True)} {p.currency}"
            if p.total_cost is not None
            else None
        )
        rows.append(
            {
                "pk": p.pk,
                "title": localized(p, "title"),
                "illustrative": p.is_illustrative,
                "sponsor": p.sponsor_name,
                "sponsor_state": localized(p.sponsor_state, "name"),
                "status": statuses.get(p.status, p.status),
                "sector": _(sectors.get(p.sector, p.sector)),
                "hosts": ", ".join(localized(x.state, "name") for x in p.participations.all() if x.role == "host"),
                "cost": cost,
                "estimate": p.cost_is_estimate,
                "updated": p.updated_at,
            }
        )
    return rows


def _querystring(request: HtmxHttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def _sector_choices() -> list[tuple[str, str]]:
    from sco.projects.models import SECTOR_CHOICES

    return SECTOR_CHOICES


PARTS = (
    "facts",
    "attachments",
    "sources",
    "versions",
    "discussion",
    "reply_options",
    "mention_options",
    "appraisal",
    "decision",
)


def _shared_context(request: HtmxHttpRequest, project: Project) -> dict[str, Any]:
    """What everyone who may see the project sees alike: the facts, attachments, versions, discussion (as the
    delegations see it), appraisal and the decision's table of positions (without a form)."""
    from sco.projects import decision_bridge

    selectors.project_related(project)
    comments = selectors.comment_list(viewer=request.user, project=project)
    appraisal = selectors.appraisal_get(viewer=request.user, project=project)
    decision = decision_bridge.context(request, project, with_form=False)
    return {
        "project": project,
        "hosts": [p for p in project.participations.all() if p.role == ParticipationRole.HOST],
        "participants": [p for p in project.participations.all() if p.role == ParticipationRole.PARTICIPANT],
        "threads": _threads(comments),
        "open_questions": sum(1 for c in comments if c.is_open_question),
        "is_secretariat": False,
        "appraisal": appraisal,
        "appraisal_view": _appraisal_view(appraisal) if appraisal and appraisal.rows else None,
        "versions": selectors.version_list(viewer=request.user, project=project),
        "attachments": selectors.attachment_list(viewer=request.user, project=project),
        "decision": decision,
        "deciders": (
            decision_bridge.deciders(project)
            if decision is None and project.status in lifecycle.BEFORE_DECISION
            else []
        ),
        "decided_by_participants": project.visibility == Visibility.PARTICIPANTS,
        "states": State.objects.members_on(timezone.localdate()).order_by("name_en"),
    }


def _parts(request: HtmxHttpRequest, project: Project) -> dict[str, Any]:
    """The page's shared parts, rendered once per revision of the project."""

    def build() -> dict[str, Any]:
        shared = _shared_context(request, project)
        decision = shared["decision"]
        templates = {name: f"projects/partials/_{name}.html" for name in PARTS}
        templates["discussion"] = "projects/partials/_comment_list.html"
        parts: dict[str, Any] = {name: render_to_string(template, shared) for name, template in templates.items()}
        if decision:
            parts["decision_head"] = render_to_string("projects/partials/_decision_head.html", shared)
            parts["decision_table"] = render_to_string("decisions/partials/_positions_table.html", decision)
        parts.update(
            {
                "open_questions": shared["open_questions"],
                "has_appraisal": shared["appraisal_view"] is not None,
                "decision_open": bool(decision and decision["is_open"]),
                "valid_until": decision["decision"].deadline if decision and decision["is_open"] else None,
            }
        )
        return parts

    return project_cache.rendered(project_cache.page_key(project), build)


def _viewer_context(request: HtmxHttpRequest, project: Project, parts: dict[str, Any]) -> dict[str, Any]:
    """What depends on who is looking: next steps, forms (each with its CSRF token), the Secretariat's view of
    hidden comments, the position form of an open decision."""
    user = request.user
    roles = roles_on(user, project)
    is_secretariat = Role.SECRETARIAT in roles
    is_sponsor = Role.SPONSOR in roles
    acts_for = members_permissions.states_acted_for(user) if user.is_authenticated else []
    context: dict[str, Any] = {
        "project": project,
        "parts": parts,
        "roles": roles,
        "is_sponsor": is_sponsor,
        "is_secretariat": is_secretariat,
        "steps": [
            {
                "name": t.name,
                "label": services.transition_label(t.name),
                "needs_reason": "reason_given" in t.checks,
                "note": _deciders_note(project) if t.name == "refer_to_decision" else "",
            }
            for t in selectors.next_steps(viewer=user, project=project)
        ],
        "acts_for": acts_for,
        "open_questions": parts["open_questions"],
        "comment_kinds": CommentKind.choices,
        "comment_languages": [("en", "English"), ("ru", "Русский"), ("zh-hans", "中文")],
        "document_types": [
            ("feasibilityStudy", _("Feasibility study")),
            ("environmentalImpact", _("Environmental impact assessment")),
            ("costBenefitAnalysis", _("Cost-benefit analysis")),
            ("projectScope", _("Project scope")),
        ],
    }
    if not user.is_authenticated:
        return context
    participating = {p.state_id for p in project.participations.all()}
    context["may_join"] = [s for s in acts_for if s.pk not in participating]
    invitations = selectors.invitation_list(viewer=user, project=project)
    mine = {s.pk for s in acts_for}
    context["invitations"] = invitations
    context["invitations_to_answer"] = [i for i in invitations if i.status == "pending" and i.state_id in mine]
    if is_sponsor and project.status != "draft" and project.status not in lifecycle.TERMINAL:
        pending = {i.state_id for i in invitations if i.status == "pending"}
        context["may_invite"] = [
            s
            for s in State.objects.members_on(timezone.localdate()).order_by("name_en")
            if s.pk not in participating and s.pk not in pending and s.pk != project.sponsor_state_id
        ]
    context["following"] = project.follows.filter(user=user).exists()
    if is_secretariat:
        # The Secretariat reads hidden comments and moderates: its discussion is rendered for it alone.
        context["threads"] = _threads(selectors.comment_list(viewer=user, project=project))
        context["parts"] = parts = {**parts, "discussion": "", "reply_options": ""}
        state = services.screening_state(project)
        context["screening_items"] = [
            (item, services.screening_label(item), state[item], item in services.ATTACHED_ITEMS)
            for item in services.SCREENING_CHECKLIST
        ]
    if is_sponsor or is_secretariat:
        context["appraisal"] = selectors.appraisal_get(viewer=user, project=project)
    if parts["decision_open"]:
        from sco.projects import decision_bridge

        # The table of positions is shared; the form offers the states this viewer may record for.
        form = decision_bridge.form_context(request, project) if "decision_table" in parts else None
        if form is not None:
            context["decision"] = form
            context["parts"] = {**parts, "decision": ""}
        elif "decision_table" not in parts:  # the whole page rendered afresh (_detail_context)
            context["decision"] = decision_bridge.context(request, project)
    return context


def _deciders_note(project: Project) -> str:
    """Said beside the referral, before it is made: who will decide."""
    from sco.core.i18n import localized
    from sco.projects import decision_bridge

    names = ", ".join(localized(s, "name") for s in decision_bridge.deciders(project))
    return _("Decided by consensus of: %(states)s") % {"states": names}


def _detail_context(request: HtmxHttpRequest, project: Project) -> dict[str, Any]:
    """The whole page's context rendered afresh (answers to HTMX writes)."""
    shared = _shared_context(request, project)
    decision = shared["decision"]
    parts = {"open_questions": shared["open_questions"], "decision_open": bool(decision and decision["is_open"])}
    viewer = _viewer_context(request, project, parts)
    viewer.pop("parts")  # nothing is taken from the cache: every part renders from this context
    return {**shared, **viewer}


def _threads(comments: list[Any]) -> list[dict[str, Any]]:
    children: dict[int | None, list[Any]] = {}
    for c in comments:
        children.setdefault(c.parent_id, []).append(c)

    def walk(parent: int | None, depth: int) -> list[dict[str, Any]]:
        out = []
        for c in children.get(parent, []):
            out.append({"comment": c, "depth": min(depth, 4)})
            out.extend(walk(c.pk, depth + 1))
        return out

    return walk(None, 0)


def _appraisal_view(appraisal: Any) -> dict[str, Any]:
    result = appraise(services.table_for(appraisal))
    rows = []
    for r, fin, eco in zip(result.table.rows, result.table.financial_net, result.table.economic_net, strict=True):
        rows.append({"row": r, "financial_net": fin, "economic_net": eco})
    scenarios = [(name, services.scenario_label(name), ind) for name, ind in result.sensitivity.items()]
    return {
        "result": result,
        "rows": rows,
        "scenarios": scenarios,
        "chart": charts.cash_flow_svg(result.table, title=_("Yearly cash flows")),
        "financial_pct": appraisal.financial_rate * 100,
        "social_pct": appraisal.social_rate * 100,
    }


@require_GET
def detail(request: HtmxHttpRequest, project_id: int) -> HttpResponse:
    project = _project(request, project_id, related=False)
    comparing = bool(request.GET.get("a") and request.GET.get("b"))
    if not request.user.is_authenticated and not comparing:
        # An anonymous visitor's page has no form and nothing of its own: the whole of it is shared.
        def build() -> dict[str, Any]:
            parts = _parts(request, project)
            body = render_to_string("projects/partials/_detail_body.html", _viewer_context(request, project, parts))
            return {"body": body, "valid_until": parts["valid_until"]}

        body = project_cache.rendered(project_cache.page_key(project, "anonymous"), build)["body"]
        return render(
            request, "projects/detail.html", {"project": project, "body": body, "panels": _panels(request, project)}
        )
    context = _viewer_context(request, project, _parts(request, project))
    context["panels"] = _panels(request, project)
    if comparing:
        context["parts"] = {**context["parts"], "versions": ""}
        context["versions"] = selectors.version_list(viewer=request.user, project=project)
        try:
            va, vb, changes = selectors.version_diff(
                viewer=request.user, project=project, a=int(request.GET["a"]), b=int(request.GET["b"])
            )
            context.update({"diff_a": va, "diff_b": vb, "changes": [(_field_label(c.field), c) for c in changes]})
        except (ValueError, NotFound):
            context["diff_error"] = _("Choose two existing versions.")
    return render(request, "projects/detail.html", context)


def _panels(request: HtmxHttpRequest, project: Project) -> list[str]:
    """Sections other parts add to a project page (financing, corridors): ``hooks.register("project_panel")`` with
    ``fn(request, project) -> str | None``. They are rendered per request, outside the page's shared cache, so each
    part answers for its own cost and its own visibility rules."""
    return [mark_safe(html) for fn in hooks.get("project_panel") if (html := fn(request, project))]


def _field_label(name: str) -> str:
    special = {"host_states": _("Host states"), "participating_states": _("Participating states")}
    if name in special:
        return str(special[name])
    try:
        field = Project._meta.get_field(name)
    except FieldDoesNotExist:  # a field a later version no longer has: show its name
        return name
    return str(getattr(field, "verbose_name", name))


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
        try:
            project = services.project_create(actor=_actor(request), data=data)
        except ScoError as exc:
            status = 422 if exc.field_errors else exc.status
            errors = exc.field_errors or {"form": [exc.message]}
            return render(request, "projects/form.html", _form_context(request, data, errors, None), status=status)
        messages.success(request, _("The draft is saved."))
        return _go(request, project)
    acts_for = members_permissions.states_acted_for(request.user)
    data = services.ProjectData(sponsor_state=acts_for[0].code if acts_for else "")
    return render(request, "projects/form.html", _form_context(request, data, {}, None))


@login_required
def edit(request: HtmxHttpRequest, project_id: int) -> HttpResponse:
    project = _project(request, project_id)
    if request.method == "POST":
        data = _form_data(request)
        try:
            services.project_update(actor=_actor(request), project=project, data=data)
        except ScoError as exc:
            status = 422 if exc.field_errors else exc.status
            errors = exc.field_errors or {"form": [exc.message]}
            return render(request, "projects/form.html", _form_context(request, data, errors, project), status=status)
        messages.success(request, _("The changes are saved."))
        return _go(request, project)
    snapshot = services.snapshot(project)
    data = services.ProjectData(
        **{k: ("" if v is None else v) for k, v in snapshot.items() if k in services.ProjectData.__dataclass_fields__}  # type: ignore[arg-type]
    )
    return render(request, "projects/form.html", _form_context(request, data, {}, project))


@login_required
@require_POST
def step(request: HtmxHttpRequest, project_id: int) -> HttpResponse:
    project = _project(request, project_id)
    name = request.POST.get("name", "")
    try:
        services.project_transition(
            actor=_actor(request), project=project, name=name, reason=request.POST.get("reason", "")
        )
    except ScoError as exc:
        messages.error(request, exc.message)
        response = redirect("projects:detail", project_id=project.pk)
        return response
    messages.success(request, _("Done: %(step)s.") % {"step": services.transition_label(name)})
    return redirect("projects:detail", project_id=project.pk)


@login_required
@require_POST
def join(request: HtmxHttpRequest, project_id: int) -> HttpResponse:
    project = _project(request, project_id)
    state = State.objects.filter(code=request.POST.get("state", "")).first()
    try:
        if state is None:
            raise NotFound()
        services.participation_join(actor=_actor(request), project=project, state=state)
        messages.success(request, _("%(state)s now takes part in the project.") % {"state": state.name})
    except ScoError as exc:
        messages.error(request, exc.message)
    return redirect("projects:detail", project_id=project.pk)


@login_required
@require_POST
def invite(request: HtmxHttpRequest, project_id: int) -> HttpResponse:
    """The sponsor invites a state; a refusal escapes to the door kit's error page with its status (409, 403)."""
    project = _project(request, project_id)
    state = State.objects.filter(code=request.POST.get("state", "")).first()
    if state is None:
        raise NotFound()
    services.invitation_send(actor=_actor(request), project=project, state=state)
    messages.success(request, _("%(state)s is invited; it takes part once a delegate accepts.") % {"state": state.name})
    return redirect(reverse("projects:detail", args=[project.pk]) + "#participation")


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
    return redirect(reverse("projects:detail", args=[project.pk]) + "#participation")


@login_required
@require_POST
def screening(request: HtmxHttpRequest, project_id: int) -> HttpResponse:
    project = _project(request, project_id)
    checklist = {item: request.POST.get(item) == "on" for item in services.JUDGED_ITEMS}
    try:
        services.screening_update(actor=_actor(request), project=project, checklist=checklist)
        messages.success(request, _("The screening checklist is saved."))
    except ScoError as exc:
        messages.error(request, exc.message)
    return redirect("projects:detail", project_id=project.pk)


@login_required
@require_POST
def comments(request: HtmxHttpRequest, project_id: int) -> HttpResponse:
    """Posting a comment re-renders the discussion in place (HTMX), or redirects without JavaScript."""
    project = _project(request, project_id)
    post = request.POST
    errors: dict[str, list[str]] = {}
    try:
        parent = None
        if post.get("parent"):
            parent = selectors.comment_get(viewer=request.user, project=project, comment_id=int(post["parent"]))
        on_behalf = (
            State.objects.filter(code=post.get("on_behalf_of", "")).first() if post.get("on_behalf_of") else None
        )
        services.comment_post(
            actor=_actor(request),
            project=project,
            body=post.get("body", ""),
            language=post.get("language", ""),
            kind=post.get("kind", CommentKind.COMMENT),
            parent=parent,
            on_behalf_of=on_behalf,
            mentions=list(State.objects.filter(code__in=post.getlist("mentions"))),
        )
    except (ScoError, ValueError) as exc:
        errors = getattr(exc, "field_errors", None) or {"__all__": [getattr(exc, "message", str(exc))]}
    if not request.htmx:
        for field_errors in errors.values():
            for e in field_errors:
                messages.error(request, e)
        return redirect("projects:detail", project_id=project.pk)
    context = _detail_context(request, _project(request, project_id))
    context["comment_errors"] = errors
    context["draft"] = post if errors else {}
    return render(request, "projects/partials/_discussion.html", context, status=422 if errors else 200)


@login_required
@require_POST
def hide_comment(request: HtmxHttpRequest, project_id: int, comment_id: int) -> HttpResponse:
    project = _project(request, project_id)
    try:
        comment = selectors.comment_get(viewer=request.user, project=project, comment_id=comment_id)
        services.comment_hide(actor=_actor(request), comment=comment, reason=request.POST.get("reason", ""))
    except ScoError as exc:
        messages.error(request, exc.message)
    if request.htmx:
        return render(request, "projects/partials/_discussion.html", _detail_context(request, project))
    return redirect("projects:detail", project_id=project.pk)


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
    try:
        services.appraisal_save(
            actor=_actor(request),
            project=project,
            financial_rate=request.POST.get("financial_rate", ""),
            social_rate=request.POST.get("social_rate", ""),
            rows=_rows_from_post(request),
            notes=request.POST.get("notes", ""),
        )
        messages.success(request, _("The appraisal is saved."))
    except ScoError as exc:
        for field_errors in (exc.field_errors or {"": [exc.message]}).values():
            for e in field_errors:
                messages.error(request, e)
    return redirect(f"/projects/{project.pk}/#appraisal")


@require_GET
def versions(request: HtmxHttpRequest, project_id: int) -> HttpResponse:
    project = _project(request, project_id)
    return redirect(f"/projects/{project.pk}/?a={request.GET.get('a', '')}&b={request.GET.get('b', '')}#versions")


@login_required
@require_POST
def upload(request: HtmxHttpRequest, project_id: int) -> HttpResponse:
    project = _project(request, project_id)
    uploaded = request.FILES.get("file")
    try:
        content = uploaded.read(services.ATTACHMENT_MAX_BYTES + 1) if uploaded else b""
        services.attachment_add(
            actor=_actor(request),
            project=project,
            content=content,
            filename=(uploaded.name or "") if uploaded else "",
            document_type=request.POST.get("document_type", ""),
            title=request.POST.get("title", ""),
        )
        messages.success(request, _("The file is attached."))
    except ScoError as exc:
        for field_errors in (exc.field_errors or {"": [exc.message]}).values():
            for e in field_errors:
                messages.error(request, e)
    return redirect("projects:detail", project_id=project.pk)


@require_GET
def attachment(request: HtmxHttpRequest, project_id: int, attachment_id: int) -> FileResponse:
    """Always a download, never rendered: a fixed content type from our own sniffing, nosniff, and a sandbox."""
    project = _project(request, project_id)
    try:
        item = selectors.attachment_get(viewer=request.user, project=project, attachment_id=attachment_id)
    except NotFound as exc:
        raise Http404 from exc
    response = FileResponse(
        item.file.open("rb"),
        content_type=item.media_type,
        as_attachment=True,
        filename=item.original_name or f"attachment-{item.pk}",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@login_required
@require_POST
def follow(request: HtmxHttpRequest, project_id: int) -> HttpResponse:
    project = _project(request, project_id)
    services.follow_set(actor=_actor(request), project=project, following=request.POST.get("follow") == "1")
    return redirect("projects:detail", project_id=project.pk)


@require_GET
def open_data(request: HtmxHttpRequest) -> HttpResponse:
    """The index of the open data: what is published, in which formats, and under which standard."""
    return render(request, "projects/open_data.html", {"count": selectors.public_projects().count()})


@require_GET
def oc4ids_json(request: HtmxHttpRequest) -> HttpResponse:
    data = selectors.oc4ids_package(base_url=request.build_absolute_uri("/")[:-1], published=timezone.now())
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 1})


@require_GET
def csv_export(request: HtmxHttpRequest) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="sco-projects.csv"'
    oc4ids.write_csv(
        selectors.oc4ids_package(base_url=request.build_absolute_uri("/")[:-1], published=timezone.now()), response
    )
    return response
