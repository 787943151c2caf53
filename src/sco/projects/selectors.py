"""Every read on projects, scoped to the viewer, with a bounded number of queries."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

from django.db.models import Prefetch, Q, QuerySet, prefetch_related_objects

from sco.core import fragments, search, sql
from sco.core.pagination import BadCursor, KeysetPage, cursor_for, cursor_read, keyset_page
from sco.core.users import Viewer, signed_in
from sco.projects import lifecycle
from sco.projects.errors import InvitationNotFound, ProjectNotFound
from sco.projects.models import (
    Appraisal,
    Attachment,
    Comment,
    Follow,
    Invitation,
    InvitationStatus,
    Participation,
    ParticipationRole,
    Project,
    ProjectQuerySet,
    ProjectVersion,
)
from sco.projects.versions import Change, diff

SORTS: dict[str, tuple[str, ...]] = {
    "updated": ("-updated_at", "-pk"),
    "title": ("title_en", "pk"),
    "cost": ("total_cost", "pk"),
    "-cost": ("-total_cost", "pk"),
    "created": ("-created_at", "-pk"),
}
# Sorts whose fields are never empty (NULL) go page to page by keyset (core.pagination); the cost sorts and a
# search's best-match order go by page number, and their counts stop at COUNT_CAP.
KEYSET_SORTS = ("updated", "created", "title")
# "relevance" orders a search by the engine's rank (core.search.ranked); without a query it is "updated".
SEARCH_KIND = "project"
SEARCH_TITLES = ("title_en", "title_ru", "title_zh")
SEARCH_TEXTS = ("summary_en", "summary_ru", "summary_zh", "sponsor_name")


@dataclass(frozen=True)
class ProjectFilters:
    status: str = ""
    sector: str = ""
    host_state: str = ""  # ISO alpha-2
    q: str = ""
    sort: str = "updated"


def participations_prefetch() -> Prefetch[Any]:
    return Prefetch(
        "participations", queryset=Participation.objects.select_related("state").order_by("role", "state__name_en")
    )


# Past this many, a list's count reads "10,000+": counting further would cost as much as the table is large.
COUNT_CAP = 10_000


def project_list(
    *, viewer: Viewer, filters: ProjectFilters | None = None, count_cap: int | None = COUNT_CAP
) -> QuerySet[Project]:
    """The projects the viewer may see, filtered and ordered; ``count()`` stops at ``count_cap`` (None: exact)."""
    filters = filters or ProjectFilters()
    qs = Project.objects.visible_to(viewer)
    if count_cap is not None:
        qs = qs.with_count_cap(count_cap)
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.sector:
        # A parent sector also finds its sub-sectors ("transport" finds "transport.rail").
        qs = qs.filter(Q(sector=filters.sector) | Q(sector__startswith=f"{filters.sector}."))
    if filters.host_state:
        qs = qs.filter(
            pk__in=Participation.objects.filter(
                state__code=filters.host_state.upper(), role=ParticipationRole.HOST
            ).values("project_id")
        )
    text = filters.q.strip()
    if text and filters.sort == "relevance":
        return (
            search.ranked(qs, SEARCH_KIND, text)
            .select_related("sponsor_state")
            .prefetch_related(participations_prefetch())
        )
    if text:
        qs = cast(ProjectQuerySet, search.matching(qs, SEARCH_KIND, text))
    order = SORTS.get(filters.sort, SORTS["updated"])
    return qs.select_related("sponsor_state").prefetch_related(participations_prefetch()).order_by(*order)


def keyset_order(filters: ProjectFilters) -> tuple[str, ...] | None:
    """The ordering `project_list` gives these filters when its pages may go by keyset; None when by page number."""
    if filters.q.strip() and filters.sort == "relevance":
        return None
    sort = filters.sort if filters.sort in SORTS else "updated"  # as project_list orders
    return SORTS[sort] if sort in KEYSET_SORTS else None


def keyset_after(projects: QuerySet[Project], filters: ProjectFilters, size: int, after: str) -> KeysetPage[Project]:
    """The page of the list after a cursor (keyset: page 400 costs what page 2 does); a cursor for an order that
    goes by page number, or one not ours, is a field error on `after`."""
    order = keyset_order(filters)
    if order is None:
        raise BadCursor(field_errors={"after": [str(BadCursor.message_template)]})
    return keyset_page(projects, order, size, cursor_read(after, model=Project, order=order))


@dataclass
class ProjectPage:
    rows: list[Project]
    number: int
    count: int  # an AtLeast past the cap
    next: str | None  # a cursor, when the order allows one


def project_page(*, viewer: Viewer, filters: ProjectFilters, size: int, page: int = 1, after: str = "") -> ProjectPage:
    """One page of the projects the viewer may see: after a cursor, or by number (one row more is read to know
    whether a page follows, and its cursor is handed out)."""
    projects = project_list(viewer=viewer, filters=filters)
    count = projects.count()
    if after:
        keyed = keyset_after(projects, filters, size, after)
        return ProjectPage(keyed.rows, keyed.number, count, keyed.next)
    order = keyset_order(filters)
    offset = (page - 1) * size
    rows = list(projects[offset : offset + size + 1])
    following = cursor_for(rows[size - 1], order, page=page + 1) if len(rows) > size and order is not None else None
    return ProjectPage(rows[:size], page, count, following)


def project_get(*, viewer: Any, project_id: int, related: bool = True) -> Project:
    """One project the viewer may see; with ``related=False`` only its own row (one prepared query, ``sql.get``, the
    cheapest to build and to run), the rest loaded when needed (``project_related``)."""
    # The row by its id first (building the whole rule's query costs more than reading the row); ``project_seen``
    # asks the whole rule only of a project not everyone sees.
    if related:
        projects = Project.objects.select_related("sponsor_state", "created_by")
        project = next(iter(projects.filter(pk=project_id).order_by()[:1]), None)
    else:
        project = sql.get(Project, "id", project_id)
    if project is None:
        raise ProjectNotFound()
    project = project_seen(viewer=viewer, project=project, related=related)
    if related:
        project_related(project)
    return project


def project_seen(*, viewer: Any, project: Project, related: bool = False) -> Project:
    """``project``, a row just read by its id (alone, or joined to a row of another part's that belongs to it), if
    the viewer may see it, else ``ProjectNotFound``: a public project past its draft is seen by everyone; any other
    is read again through the rule, which answers for this viewer."""
    from sco.projects.audience import seen_by_everyone

    if seen_by_everyone(project):
        return project
    projects = Project.objects.all()
    if related:
        projects = projects.select_related("sponsor_state", "created_by")
    found = next(iter(projects.visible_to(viewer).filter(pk=project.pk).order_by()[:1]), None)
    if found is None:
        raise ProjectNotFound()
    return found


def project_related(project: Project) -> Project:
    """Load a project's participations (with their states) and goals; what is loaded already is not read again."""
    prefetch_related_objects([project], participations_prefetch(), "goals")
    return project


def comment_list(*, viewer: Any, project: Project) -> list[Comment]:
    """The discussion, oldest first, replies under their parent (the caller nests them)."""
    return list(
        Comment.objects.filter(project=project)
        .select_related("author", "on_behalf_of", "hidden_by")
        .prefetch_related("mentions")
        .order_by("created_at", "pk")
    )


def comment_get(*, viewer: Any, project: Project, comment_id: int) -> Comment:
    comment = Comment.objects.filter(project=project, pk=comment_id).select_related("project").first()
    if comment is None:
        raise ProjectNotFound()
    return comment


def version_list(*, viewer: Any, project: Project) -> list[ProjectVersion]:
    return list(ProjectVersion.objects.filter(project=project).order_by("number"))


def version_diff(
    *, viewer: Any, project: Project, a: int, b: int
) -> tuple[ProjectVersion, ProjectVersion, list[Change]]:
    versions = {v.number: v for v in ProjectVersion.objects.filter(project=project, number__in=[a, b])}
    if a not in versions or b not in versions:
        raise ProjectNotFound()
    from sco.projects.services import VERSION_FIELDS

    return versions[a], versions[b], diff(versions[a].data, versions[b].data, order=VERSION_FIELDS)


def attachment_list(*, viewer: Any, project: Project) -> list[Attachment]:
    return list(Attachment.objects.filter(project=project).order_by("uploaded_at", "pk"))


def attachment_get(*, viewer: Any, project: Project, attachment_id: int) -> Attachment:
    attachment = Attachment.objects.filter(project=project, pk=attachment_id).first()
    if attachment is None:
        raise ProjectNotFound()
    return attachment


def appraisal_get(*, viewer: Any, project: Project) -> Appraisal | None:
    return Appraisal.objects.filter(project=project).first()


def next_steps(*, viewer: Any, project: Project) -> list[lifecycle.Transition]:
    from sco.projects.permissions import roles_on

    return list(lifecycle.next_steps(status=lifecycle.Status(project.status), roles=roles_on(viewer, project)))


# Which projects a person follows: kept per person (sco.core.fragments) under a version every follow or unfollow
# replaces (apps.py connects Follow), so a project page reads it with no query.
FOLLOWS = "projects.follows"


def followed_ids(*, viewer: Any) -> frozenset[int]:
    """The ids of the projects the viewer follows (none for anonymous visitors)."""
    if not signed_in(viewer):
        return frozenset()

    def read() -> frozenset[int]:
        return frozenset(Follow.objects.filter(user=viewer).values_list("project_id", flat=True))

    return fragments.cached(FOLLOWS, viewer, read, extra="ids", timeout=3600)


def open_questions_count(*, project: Project) -> int:
    return Comment.objects.filter(
        project=project, kind="question", answered_at__isnull=True, hidden_at__isnull=True
    ).count()


def questions_awaiting(*, viewer: Any) -> list[Comment]:
    """Open questions to the sponsor on projects sponsored by a state the viewer acts for."""
    from sco.members.permissions import states_acted_for

    states = states_acted_for(viewer)
    if not states:
        return []
    return list(
        Comment.objects.filter(
            kind="question",
            answered_at__isnull=True,
            hidden_at__isnull=True,
            project__sponsor_state__in=states,
        )
        .select_related("project")
        .order_by("created_at", "pk")[:20]
    )


def invitation_list(*, viewer: Any, project: Project) -> list[Invitation]:
    """The invitations on a project the viewer may see: all of them for its sponsor's delegates and the
    Secretariat, those addressed to a state the viewer acts for otherwise."""
    from sco.members.permissions import is_secretariat, may_act_for, state_ids_acted_for

    qs = Invitation.objects.filter(project=project).select_related("state", "invited_by", "answered_by")
    if not (is_secretariat(viewer) or may_act_for(viewer, project.sponsor_state)):
        qs = qs.filter(state_id__in=state_ids_acted_for(viewer))
    return list(qs.order_by("-invited_at", "-pk"))


def invitation_get(*, viewer: Any, project: Project, invitation_id: int) -> Invitation:
    for invitation in invitation_list(viewer=viewer, project=project):
        if invitation.pk == invitation_id:
            return invitation
    raise InvitationNotFound()


def invitations_awaiting(*, viewer: Any) -> list[Invitation]:
    """Invitations a state the viewer acts for has not answered yet, on projects the viewer may see."""
    from sco.members.permissions import state_ids_acted_for

    states = state_ids_acted_for(viewer)
    if not states:
        return []
    return list(
        Invitation.objects.filter(
            state_id__in=states,
            status=InvitationStatus.PENDING,
            project__in=Project.objects.visible_to(viewer).values("pk"),
        )
        .select_related("project", "project__sponsor_state", "state")
        .order_by("invited_at", "pk")[:20]
    )
