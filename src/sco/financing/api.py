"""The JSON door of the financing part: thin over services and selectors."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router, Status
from ninja.pagination import paginate

from sco.core.errors import NotAuthenticated
from sco.core.models import User
from sco.core.users import signed_in
from sco.financing import fx, iati, selectors, services
from sco.financing.codes import INSTRUMENT_CODES, Instrument, is_currency
from sco.financing.errors import FinancingInvalid
from sco.financing.models import ExchangeRate
from sco.financing.schemas import (
    BallotIn,
    EntryIn,
    EntryOut,
    FinancingInstitutionOut,
    FinancingOut,
    PipelineOut,
    PortfolioOut,
    RateOut,
    ReverseIn,
    TrancheIn,
    TrancheOut,
    VoteIn,
    VoteOut,
)
from sco.members.selectors import state_get

router = Router(tags=["financing"])


def _user(request: HttpRequest) -> User:
    user = request.user
    if not signed_in(user) or not isinstance(user, User):
        raise NotAuthenticated()
    return user


def _total(t: fx.Total) -> dict[str, Any]:
    return {"currency": t.currency, "amount": t.amount, "missing_rates": list(t.missing)}


def _institution(v: selectors.InstitutionView) -> dict[str, Any]:
    current = v.current
    return {
        "code": v.institution.code,
        "name": v.institution.name,
        "kind": v.institution.kind,
        "current_status": current.status if current else None,
        "statuses": [{"status": s.status, "on": s.on, "note": s.note, "source": s.source} for s in v.statuses],
        "shares": [
            {
                "holder": h.holder,
                "state": h.state.code if h.state else None,
                "share": h.share,
                "as_of": h.as_of,
                "source": h.source,
            }
            for h in v.shareholdings
        ],
    }


def _tranche(v: selectors.TrancheView) -> dict[str, Any]:
    t = v.tranche
    codes = INSTRUMENT_CODES[Instrument(t.instrument)]
    return {
        "id": t.pk,
        "institution": t.institution.code,
        "instrument": t.instrument,
        "currency": t.currency,
        "amount": t.amount,
        "concessional": t.concessional,
        "tenor_months": t.tenor_months,
        "grace_months": t.grace_months,
        "rate_kind": t.rate_kind,
        "fixed_rate": t.fixed_rate,
        "base_rate": t.base_rate,
        "margin_bps": t.margin_bps,
        "listing_venue": t.listing_venue,
        "needs_board_approval": t.needs_board_approval,
        "approved": t.approved_at is not None,
        "share_of_cost": v.share_of_cost,
        "totals": v.totals,
        "iati_finance_type": codes.iati_finance_type,
        "oc4ids_type": codes.oc4ids_type,
    }


def _entry(e: Any) -> dict[str, Any]:
    return {
        "id": e.pk,
        "seq": e.seq,
        "tranche": e.tranche_id,
        "institution": e.tranche.institution.code,
        "kind": e.kind,
        "value_date": e.value_date,
        "currency": e.currency,
        "amount": e.amount,
        "reverses": e.reverses_id,
        "excess_flagged": e.excess_flagged,
        "internal": e.internal,
        "note": e.note,
        "digest": e.digest,
    }


def _financing(f: selectors.ProjectFinancing) -> dict[str, Any]:
    return {
        "project": f.project.pk,
        "currency": f.currency,
        "cost": f.cost,
        "committed": _total(f.committed),
        "disbursed": _total(f.disbursed),
        "gap": f.gap,
        "financial_close": f.closed,
        "illustrative": bool(f.plan and f.plan.is_illustrative),
        "tranches": [_tranche(v) for v in f.tranches],
        "entries": [_entry(e) for e in f.entries],
        "votes": [
            {
                "id": vote.pk,
                "tranche": vote.tranche_id,
                "rule": vote.rule,
                "status": vote.status,
                "yes_share": float(outcome.yes_share),
                "ballots": {b.holding.holder: b.choice for b in vote.ballots.all()},
            }
            for vote, outcome in f.votes
        ],
    }


@router.get(
    "/institutions", response=list[FinancingInstitutionOut], summary="Institutions with their dated, sourced statuses"
)
def institutions(request: HttpRequest) -> Any:
    return [_institution(v) for v in selectors.institution_list()]


@router.get("/institutions/{code}/portfolio", response=PortfolioOut, summary="An institution's portfolio")
def portfolio(request: HttpRequest, code: str) -> Any:
    p = selectors.portfolio(viewer=request.user, code=code)
    return {
        "institution": _institution(p.institution),
        "count": p.count,
        "by_currency": p.by_currency,
        "rows": [
            {
                "tranche": r.tranche.pk,
                "project": r.tranche.plan.project_id,
                "instrument": r.tranche.instrument,
                "currency": r.tranche.currency,
                "amount": r.tranche.amount,
                "committed": r.committed,
                "disbursed": r.disbursed,
            }
            for r in p.rows
        ],
    }


@router.get("/pipeline", response=PipelineOut, summary="The funding gap by sector and host state")
def pipeline(request: HttpRequest, currency: str = "USD") -> Any:
    code = currency.strip().upper()
    if not is_currency(code):
        raise FinancingInvalid(
            field_errors={"currency": [_("“%(code)s” is not an ISO 4217 currency code.") % {"code": currency}]}
        )
    p = selectors.pipeline(viewer=request.user, currency=code)

    def row(r: selectors.PipelineRow) -> dict[str, Any]:
        return {
            "key": r.key,
            "projects": r.projects,
            "cost": _total(r.cost),
            "committed": _total(r.committed),
            "gap": r.gap,
        }

    return {
        "currency": p.currency,
        "on": p.on,
        "total": row(p.total),
        "by_sector": [row(r) for r in p.by_sector],
        "by_host": [row(r) for r in p.by_host],
    }


@router.get("/projects/{project_id}", response=FinancingOut, summary="A project's plan, ledger, votes and totals")
def project_financing(request: HttpRequest, project_id: int) -> Any:
    return _financing(selectors.financing_for(viewer=request.user, project_id=project_id))


@router.post("/projects/{project_id}/tranches", response={201: TrancheOut}, summary="Ask an institution for a tranche")
def add_tranche(request: HttpRequest, project_id: int, payload: TrancheIn) -> Any:
    project = selectors.financing_for(viewer=request.user, project_id=project_id).project
    data = payload.dict()
    data["institution"] = selectors.financier_get(code=payload.institution, field="institution")
    tranche = services.tranche_add(actor=_user(request), project=project, data=services.TrancheData(**data))
    return Status(201, _tranche(selectors.TrancheView(tranche, {})))


@router.post("/tranches/{tranche_id}/entries", response={201: EntryOut}, summary="Record a ledger entry")
def record_entry(request: HttpRequest, tranche_id: int, payload: EntryIn) -> Any:
    tranche = selectors.tranche_get(viewer=request.user, tranche_id=tranche_id)
    entry = services.entry_record(actor=_user(request), tranche=tranche, **payload.dict())
    return Status(201, _entry(entry))


@router.post("/entries/{entry_id}/reversal", response={201: EntryOut}, summary="Reverse an entry (a new entry)")
def reverse_entry(request: HttpRequest, entry_id: int, payload: ReverseIn) -> Any:
    entry = selectors.entry_get(viewer=request.user, entry_id=entry_id)
    reversal = services.entry_reverse(actor=_user(request), entry=entry, **payload.dict())
    return Status(201, _entry(reversal))


@router.post("/tranches/{tranche_id}/votes", response={201: VoteOut}, summary="Put a tranche to the board's vote")
def open_vote(request: HttpRequest, tranche_id: int, payload: VoteIn) -> Any:
    tranche = selectors.tranche_get(viewer=request.user, tranche_id=tranche_id)
    vote = services.board_vote_open(
        actor=_user(request), tranche=tranche, rule=payload.rule, reserved_matter=payload.reserved_matter
    )
    return Status(
        201,
        {
            "id": vote.pk,
            "tranche": tranche.pk,
            "rule": vote.rule,
            "status": vote.status,
            "yes_share": 0.0,
            "ballots": {},
        },
    )


@router.post("/votes/{vote_id}/ballots", response={201: VoteOut}, summary="Cast a state's ballot (final)")
def cast_ballot(request: HttpRequest, vote_id: int, payload: BallotIn) -> Any:
    vote = selectors.vote_get(viewer=request.user, vote_id=vote_id)
    state = state_get(code=payload.state, field="state")
    services.ballot_cast(actor=_user(request), vote=vote, state=state, choice=payload.choice)
    vote.refresh_from_db()
    outcome = services.vote_outcome(vote)
    return Status(
        201,
        {
            "id": vote.pk,
            "tranche": vote.tranche_id,
            "rule": vote.rule,
            "status": vote.status,
            "yes_share": float(outcome.yes_share),
            "ballots": {b.holding.holder: b.choice for b in vote.ballots.select_related("holding")},
        },
    )


@router.get("/rates", response=list[RateOut], summary="The exchange-rate table, with each rate's source")
@paginate
def rates(request: HttpRequest) -> Any:
    return [
        {"base": r.base, "quote": r.quote, "on": r.on, "rate": r.rate, "source": r.batch.source}
        for r in ExchangeRate.objects.select_related("batch").order_by("base", "quote", "on", "pk")
    ]


@router.get("/iati.xml", summary="IATI 2.03 activities of the public projects' financing, one page per file")
def iati_xml(request: HttpRequest, page: int = 1) -> HttpResponse:
    found = iati.activities_page(
        base_url=request.build_absolute_uri("/")[:-1], page=iati.page_number(str(page)), now=timezone.now()
    )
    response = HttpResponse(found.body, content_type="application/xml; charset=utf-8")
    if found.page < found.pages:
        response["Link"] = f'<{request.build_absolute_uri(request.path)}?page={found.page + 1}>; rel="next"'
    response["X-Total-Pages"] = str(found.pages)
    return response
