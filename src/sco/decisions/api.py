"""The JSON door to decision procedures: thin, over the same services and selectors as the pages."""

import datetime as dt
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router, Status
from ninja.pagination import paginate

from sco.core import api as core_api
from sco.core.api import signed_in
from sco.core.errors import NotFound
from sco.core.pagination import MAX_PAGE, AtLeast, ScoPagination
from sco.decisions import cache, selectors, services, subjects
from sco.decisions.consensus import Status as OutcomeStatus
from sco.decisions.errors import SubjectNotDecidable
from sco.decisions.models import Decision, Position, PositionChange
from sco.decisions.schemas import (
    DecisionDetailOut,
    DecisionOpenIn,
    DecisionPageOut,
    ExtendIn,
    PositionChangeOut,
    PositionIn,
    PositionOut,
)
from sco.members import selectors as members_selectors

router = Router(tags=["decisions"])


def _codes(codes: dict[int, str], state_ids: frozenset[int]) -> list[str]:
    return sorted(code for pk, code in codes.items() if pk in state_ids)


def decision_out(decision: Decision, *, now: dt.datetime) -> dict[str, Any]:
    outcome = selectors.decision_outcome(decision=decision, now=now)
    codes = {s.pk: s.code for s in decision.eligible_states.all()}  # once: each .all() builds a queryset
    subject = decision.subject
    return {
        "id": decision.pk,
        "title": decision.title,
        "titles": {"en": decision.title_en, "ru": decision.title_ru, "zh": decision.title_zh},
        "subject": {
            "type": f"{decision.subject_type.app_label}.{decision.subject_type.model}",
            "id": decision.subject_id,
            "label": subjects.subject_label(subject),
            "url": subjects.subject_url(subject),
        },
        "body": decision.body.code,
        "rule": decision.rule,
        "concerned_state": decision.concerned_state.code if decision.concerned_state else None,
        "opened_at": decision.opened_at,
        "deadline": decision.deadline,
        "closed_at": decision.closed_at,
        "outcome": {
            "status": outcome.status.value,
            "stored": decision.status != OutcomeStatus.OPEN,
            "closes_at": outcome.closes_at,
            "objecting": _codes(codes, outcome.objecting),
            "silent": _codes(codes, outcome.silent),
        },
    }


def position_out(position: Position | PositionChange) -> dict[str, Any]:
    return {
        "id": position.pk,
        "state": position.state.code,
        "kind": position.kind,
        "text": position.text,
        "recorded_by": str(position.recorded_by),
        "recorded_at": position.recorded_at,
    }


def decision_detail_out(request: HttpRequest, decision: Decision, *, now: dt.datetime) -> dict[str, Any]:
    rows = selectors.position_rows(viewer=request.user, decision=decision)
    return {
        **decision_out(decision, now=now),
        "states": [
            {
                "state": row.state.code,
                "name": row.state.name,
                "counts": row.counts,
                "position": position_out(row.position) if row.position else None,
            }
            for row in rows
        ],
    }


@router.get("/", response=DecisionPageOut, summary="Decision procedures I may see, newest first")
def list_decisions(
    request: HttpRequest,
    status: OutcomeStatus | None = None,
    body: str | None = None,
    subject_type: str | None = None,
    subject_id: int | None = None,
    page: int = Query(1, ge=1, le=MAX_PAGE, description="Page number, from 1."),
    page_size: int = Query(settings.NINJA_PAGINATION_PER_PAGE, ge=1, le=settings.NINJA_PAGINATION_MAX_PER_PAGE_SIZE),
) -> Any:
    """`status` filters on the outcome as it stands now (a procedure past its deadline reads as decided).

    The page is kept, serialised, for the viewer's visibility class (decisions/cache.py)."""

    def answer() -> bytes:
        return core_api.serialised(
            request, DecisionPageOut, _list_page(request, status, body, subject_type, subject_id, page, page_size)
        )

    content = cache.kept_page(request.user, request.GET.urlencode(), answer)
    return core_api.json_answer(content)


def _list_page(
    request: HttpRequest,
    status: OutcomeStatus | None,
    body: str | None,
    subject_type: str | None,
    subject_id: int | None,
    page: int,
    page_size: int,
) -> dict[str, Any]:
    now = timezone.now()
    found: Any = []
    subject = None
    if subject_type is not None and subject_id is not None:
        kind = subjects.kind_for(subject_type)
        subject = kind.model._default_manager.filter(pk=subject_id).first() if kind else None
    if subject_type is None or subject_id is None or subject is not None:
        qs = selectors.decision_list(
            viewer=request.user,
            status=status.value if status else None,
            body=members_selectors.body_get(code=body) if body else None,
            subject=subject,
            now=now,
        )
        found = _Mapped(selectors.outcome_rows(qs), lambda d: decision_out(d, now=now), cap=selectors.COUNT_CAP)
    return ScoPagination().paginate_queryset(found, ScoPagination.Input(page=page, page_size=page_size))


class _Mapped:
    """A queryset seen through a function, so pagination slices (and counts) in the database before mapping. With a
    `cap`, the count stops there (an `AtLeast`): each row counted is a visibility probe, so an exact count would cost
    as much as the table is large."""

    def __init__(self, qs: Any, fn: Any, *, cap: int | None = None) -> None:
        self.qs, self.fn, self.cap = qs, fn, cap

    def __len__(self) -> int:
        return int(self.total())

    def total(self) -> int:
        if self.cap is None:
            return int(self.qs.count())
        found = int(self.qs.order_by().values("pk")[: self.cap + 1].count())
        return AtLeast(self.cap) if found > self.cap else found

    def __getitem__(self, key: slice) -> list[Any]:
        return [self.fn(obj) for obj in self.qs[key]]


@router.get("/{decision_id}", response=DecisionDetailOut, summary="One procedure, with every state's position")
def get_decision(request: HttpRequest, decision_id: int) -> Any:
    decision = selectors.decision_get(viewer=request.user, decision_id=decision_id)
    return decision_detail_out(request, decision, now=timezone.now())


@router.get(
    "/{decision_id}/history",
    response=list[PositionChangeOut],
    summary="Every recording of a position, oldest first",
)
@paginate
def position_history(request: HttpRequest, decision_id: int) -> Any:
    decision = selectors.decision_get(viewer=request.user, decision_id=decision_id)
    return _Mapped(selectors.position_history(viewer=request.user, decision=decision), position_out)


@router.post(
    "/{decision_id}/positions",
    response={201: PositionOut},
    summary="Record or change a state's position (someone who may act for that state in the body)",
)
def record_position(request: HttpRequest, decision_id: int, payload: PositionIn) -> Any:
    actor = signed_in(request)
    decision = selectors.decision_for_write(viewer=actor, decision_id=decision_id)
    state = members_selectors.state_get(code=payload.state, field="state")
    position = services.position_record(
        actor=actor, decision=decision, state=state, kind=payload.kind, text=payload.text
    )
    return Status(201, position_out(position))


@router.post("/", response={201: DecisionDetailOut}, summary="Open a procedure (the chair or the Secretariat)")
def open_decision(request: HttpRequest, payload: DecisionOpenIn) -> Any:
    actor = signed_in(request)
    kind = subjects.kind_for(payload.subject_type)
    if kind is None:
        raise SubjectNotDecidable()
    subject = kind.visible(actor, kind.model._default_manager.filter(pk=payload.subject_id)).first()
    if subject is None:
        raise NotFound()
    concerned = members_selectors.state_get_or_none(code=payload.concerned_state, field="concerned_state")
    decision = services.decision_open(
        actor=actor,
        subject=subject,
        body=members_selectors.body_get(code=payload.body),
        rule=payload.rule,
        deadline=payload.deadline,
        title_en=payload.title_en,
        title_ru=payload.title_ru,
        title_zh=payload.title_zh,
        concerned_state=concerned,
    )
    decision = selectors.decision_get(viewer=actor, decision_id=decision.pk)
    return Status(201, decision_detail_out(request, decision, now=timezone.now()))


@router.post("/{decision_id}/extend", response=DecisionDetailOut, summary="Move the deadline later")
def extend_decision(request: HttpRequest, decision_id: int, payload: ExtendIn) -> Any:
    actor = signed_in(request)
    decision = selectors.decision_for_write(viewer=actor, decision_id=decision_id)
    services.decision_extend(actor=actor, decision=decision, deadline=payload.deadline)
    decision = selectors.decision_get(viewer=actor, decision_id=decision_id)
    return decision_detail_out(request, decision, now=timezone.now())


@router.post("/{decision_id}/close", response=DecisionDetailOut, summary="Close now and store the outcome")
def close_decision(request: HttpRequest, decision_id: int) -> Any:
    actor = signed_in(request)
    decision = selectors.decision_for_write(viewer=actor, decision_id=decision_id)
    services.decision_close(actor=actor, decision=decision)
    decision = selectors.decision_get(viewer=actor, decision_id=decision_id)
    return decision_detail_out(request, decision, now=timezone.now())
