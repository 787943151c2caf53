"""A project's page: the parts shared by everyone who may see it (cached per revision) and the viewer's own."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from sco.core import doors, fragments, hooks
from sco.core.fragments import viewer_stamp
from sco.core.users import active, signed_in
from sco.members import permissions as members_permissions
from sco.members.models import State
from sco.projects import cache as project_cache
from sco.projects import charts, lifecycle, selectors, services
from sco.projects.appraisal import appraise
from sco.projects.lifecycle import Role
from sco.projects.models import CommentKind, ParticipationRole, Project, Visibility
from sco.projects.permissions import roles_on
from sco.projects.views.common import HtmxHttpRequest, _project

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
    acts_for = members_permissions.states_acted_for(user) if signed_in(user) else []
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
    if not signed_in(user):
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
    context["following"] = project.pk in selectors.followed_ids(viewer=user)
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
    if not (request.GET.get("a") and request.GET.get("b")):
        body = _person_body(request, project) if signed_in(request.user) else _anonymous_body(request, project)
        return render(
            request, "projects/detail.html", {"project": project, "body": body, "panels": _panels(request, project)}
        )
    # Two versions compared: rendered for this request alone.
    context = _viewer_context(request, project, _parts(request, project))
    context["panels"] = _panels(request, project)
    context["parts"] = {**context["parts"], "versions": ""}
    context["versions"] = selectors.version_list(viewer=request.user, project=project)
    a, b = request.GET["a"], request.GET["b"]
    done = (
        doors.attempt(
            None, lambda _data: selectors.version_diff(viewer=request.user, project=project, a=int(a), b=int(b))
        )
        if a.isdigit() and b.isdigit()
        else None
    )
    if done is not None and done.ok and done.result is not None:
        va, vb, changes = done.result
        context.update({"diff_a": va, "diff_b": vb, "changes": [(_field_label(c.field), c) for c in changes]})
    else:
        context["diff_error"] = _("Choose two existing versions.")
    return render(request, "projects/detail.html", context)


def _anonymous_body(request: HtmxHttpRequest, project: Project) -> str:
    """An anonymous visitor's page body: no form and nothing of their own, so the whole of it is shared."""

    def build() -> dict[str, Any]:
        parts = _parts(request, project)
        body = render_to_string("projects/partials/_detail_body.html", _viewer_context(request, project, parts))
        return {"body": body, "valid_until": parts["valid_until"]}

    return str(project_cache.rendered(project_cache.page_key(project, "anonymous"), build)["body"])


def _person_body(request: HtmxHttpRequest, project: Project) -> str:
    """A signed-in person's page body, kept for them alone under the key of the project's shared parts (its
    revision, last save, the lists' generation, the day, language and zone), whether the account is active, the
    permission facts' version (their mandates: roles, states, bodies) and whether they follow it; built again when
    an open decision's deadline comes. Its forms carry a random mark where the CSRF token goes, replaced by this
    request's token: a kept body never holds a token (a new session's secret would refuse an old one)."""
    user = request.user
    following = project.pk in selectors.followed_ids(viewer=user)  # per person, kept: no query
    said = [viewer_stamp(user), str(active(user)), members_permissions.facts_version(), str(following)]
    variant = "person:" + ":".join(said)

    def build() -> dict[str, Any]:
        parts = _parts(request, project)
        context = _viewer_context(request, project, parts)
        context["csrf_token"] = mark = fragments.csrf_mark()  # {% csrf_token %} prints it; replaced on each read
        body = render_to_string("projects/partials/_detail_body.html", context, request=request)
        return {"body": body, "mark": mark, "valid_until": parts["valid_until"]}

    bundle = project_cache.rendered(project_cache.page_key(project, variant), build)
    return mark_safe(fragments.with_csrf(bundle["body"], bundle["mark"], request))


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


@require_GET
def versions(request: HtmxHttpRequest, project_id: int) -> HttpResponse:
    project = _project(request, project_id)
    return redirect(f"/projects/{project.pk}/?a={request.GET.get('a', '')}&b={request.GET.get('b', '')}#versions")


@require_GET
def attachment(request: HtmxHttpRequest, project_id: int, attachment_id: int) -> FileResponse:
    """Always a download, never rendered: a fixed content type from our own sniffing, nosniff, and a sandbox."""
    project = _project(request, project_id)
    item = selectors.attachment_get(viewer=request.user, project=project, attachment_id=attachment_id)
    response = FileResponse(
        item.file.open("rb"),
        content_type=item.media_type,
        as_attachment=True,
        filename=item.original_name or f"attachment-{item.pk}",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
