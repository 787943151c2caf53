"""Pages of the financing part: thin doors over the selectors and services."""

from __future__ import annotations

import csv
import io
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sco.core import fragments
from sco.core.doors import submit
from sco.core.errors import NotAuthenticated
from sco.core.http import ScoRequest, SignedInRequest
from sco.core.i18n import localized
from sco.core.models import User
from sco.core.users import signed_in
from sco.financing import cache, iati, permissions, selectors, services
from sco.financing.codes import is_currency
from sco.financing.forms import BallotForm, EntryForm, RatesForm, ReverseForm, TrancheForm, VoteForm
from sco.financing.models import Shareholding
from sco.members import permissions as members
from sco.members.selectors import state_get, states_get
from sco.projects.models import Project

# The institutions page's fragment (core.fragments), renewed when an institution, a status, a share or a state (their
# names) is written: financing.apps connects it.
INSTITUTIONS = "financing.institutions"


def _tranche_label(view: selectors.TrancheView) -> str:
    t = view.tranche
    return f"#{t.pk} {t.institution.name_en}: {t.instrument} {t.amount:,.2f} {t.currency}"


def _set_choices(form: Any, choices: list[tuple[int, str]]) -> None:
    form.fields["tranche"].choices = choices


def _choices(form: Any) -> list[Any]:
    return list(form.fields["tranche"].choices)


def _project_context(request: ScoRequest | SignedInRequest, project_id: int, **forms: Any) -> dict[str, Any]:
    f = selectors.financing_for(viewer=request.user, project_id=project_id)
    user = request.user
    mine = members.institution_ids_acted_for(user)
    my_tranches = [v for v in f.tranches if v.tranche.institution_id in mine]
    entry_form = forms.get("entry_form") or EntryForm(
        prefix="e", initial={"currency": my_tranches[0].tranche.currency if my_tranches else ""}
    )
    _set_choices(entry_form, [(v.tranche.pk, _tranche_label(v)) for v in my_tranches])
    vote_form = forms.get("vote_form") or VoteForm(prefix="v")
    _set_choices(vote_form, [(v.tranche.pk, _tranche_label(v)) for v in my_tranches if v.tranche.needs_board_approval])
    state_ids = members.state_ids_acted_for(user) if signed_in(user) else set()
    ballots: dict[int, list[Shareholding]] = {}
    for vote, _outcome in f.votes:
        if vote.status != "open":
            continue
        voted = {b.holding_id for b in vote.ballots.all()}
        ballots[vote.pk] = [
            h
            for h in Shareholding.objects.filter(
                institution_id=vote.tranche.institution_id, state_id__in=state_ids
            ).select_related("state")
            if h.pk not in voted
        ]
    reversed_ids = {e.reverses_id for e in f.entries if e.reverses_id}
    return {
        "f": f,
        "project": f.project,
        "may_propose": permissions.may_propose_plan(user, f.project),
        "tranche_form": forms.get("tranche_form") or TrancheForm(prefix="t", initial={"currency": f.project.currency}),
        "entry_form": entry_form if my_tranches else None,
        "vote_form": vote_form if _choices(vote_form) else None,
        "may_reverse": {
            e.pk
            for e in f.entries
            if e.tranche.institution_id in mine and not e.reverses_id and e.pk not in reversed_ids
        },
        "vote_rows": [
            (vote, round(float(outcome.yes_share) * 100, 1), ballots.get(vote.pk, [])) for vote, outcome in f.votes
        ],
        "reverse_error": forms.get("reverse_error"),
        "series": f.series,
    }


def project_page(request: ScoRequest, project_id: int) -> HttpResponse:
    return render(request, "financing/project.html", _project_context(request, project_id))


def _to_tab(project_id: int, anchor: str = "") -> str:
    return reverse("financing:project", args=[project_id]) + anchor


@login_required
def tranche_add_page(request: SignedInRequest, project_id: int) -> HttpResponse:
    project = selectors.financing_for(viewer=request.user, project_id=project_id).project
    form = TrancheForm(request.POST or None, prefix="t")

    def action(cd: dict[str, Any]) -> Any:
        return services.tranche_add(
            actor=request.user,
            project=project,
            data=services.TrancheData(
                institution=cd["institution"],
                instrument=cd["instrument"],
                currency=cd["currency"],
                amount=cd["amount"],
                concessional=cd["concessional"],
                tenor_months=cd["tenor_months"],
                grace_months=cd["grace_months"],
                rate_kind=cd["rate_kind"] or "",
                fixed_rate=cd["fixed_rate"] or None,
                base_rate=cd["base_rate"],
                margin_bps=cd["margin_bps"],
                listing_venue=cd["listing_venue"],
                needs_board_approval=cd["needs_board_approval"],
            ),
        )

    return submit(
        request,
        form,
        action,
        template="financing/project.html",
        context=_project_context(request, project_id, tranche_form=form),
        success=lambda t: _to_tab(project_id, "#plan"),
        message=_("The tranche is added to the plan."),
    )


@login_required
def entry_record_page(request: SignedInRequest, project_id: int) -> HttpResponse:
    form = EntryForm(request.POST or None, prefix="e")
    context = _project_context(request, project_id, entry_form=form)
    tranches = {v.tranche.pk: v.tranche for v in context["f"].tranches}

    def action(cd: dict[str, Any]) -> Any:
        return services.entry_record(
            actor=request.user,
            tranche=tranches[cd["tranche"]],
            kind=cd["kind"],
            amount=cd["amount"],
            currency=cd["currency"],
            value_date=cd["value_date"],
            note=cd["note"],
            flag_excess=cd["flag_excess"],
            internal=cd["internal"],
        )

    return submit(
        request,
        form,
        action,
        template="financing/project.html",
        context=context,
        success=lambda e: _to_tab(project_id, "#ledger"),
        message=_("The entry is recorded in the ledger."),
    )


@login_required
@require_POST
def entry_reverse_page(request: SignedInRequest, entry_id: int) -> HttpResponse:
    entry = selectors.entry_get(viewer=request.user, entry_id=entry_id)
    form = ReverseForm(request.POST)
    project_id = entry.plan.project_id
    return submit(
        request,
        form,
        lambda cd: services.entry_reverse(actor=request.user, entry=entry, reason=cd["reason"]),
        template="financing/project.html",
        context=_project_context(request, project_id, reverse_error=entry.pk),
        success=lambda e: _to_tab(project_id, "#ledger"),
        message=_("The entry is reversed."),
    )


@login_required
def vote_open_page(request: SignedInRequest, project_id: int) -> HttpResponse:
    form = VoteForm(request.POST or None, prefix="v")
    context = _project_context(request, project_id, vote_form=form)
    tranches = {v.tranche.pk: v.tranche for v in context["f"].tranches}
    return submit(
        request,
        form,
        lambda cd: services.board_vote_open(
            actor=request.user, tranche=tranches[cd["tranche"]], rule=cd["rule"], reserved_matter=cd["reserved_matter"]
        ),
        template="financing/project.html",
        context=context,
        success=lambda v: _to_tab(project_id, "#votes"),
        message=_("The board vote is open."),
    )


@login_required
@require_POST
def ballot_page(request: SignedInRequest, vote_id: int) -> HttpResponse:
    vote = selectors.vote_get(viewer=request.user, vote_id=vote_id)
    project_id = vote.tranche.plan.project_id
    form = BallotForm(request.POST)

    def action(cd: dict[str, Any]) -> Any:
        state = state_get(code=request.POST.get("state", ""), field="state")
        return services.ballot_cast(actor=request.user, vote=vote, state=state, choice=cd["choice"])

    return submit(
        request,
        form,
        action,
        template="financing/project.html",
        context=_project_context(request, project_id),
        success=lambda b: _to_tab(project_id, "#votes"),
        message=_("The ballot is cast."),
    )


@login_required
@require_POST
def vote_close_page(request: SignedInRequest, vote_id: int) -> HttpResponse:
    vote = selectors.vote_get(viewer=request.user, vote_id=vote_id)
    services.board_vote_close(actor=request.user, vote=vote)
    return HttpResponseRedirect(_to_tab(vote.tranche.plan.project_id, "#votes"))


def project_panel(request: ScoRequest, project: Project) -> str | None:
    """The financing section on a project page: the headline figures and a link to the full tab."""
    if project.status not in services.FINANCEABLE:
        return None

    def build() -> str:
        f = selectors.financing_for(viewer=request.user, project_id=project.pk)
        return render_to_string("financing/partials/_panel.html", {"f": f}, request=request)

    # Kept for everyone who sees the same financing (every anonymous visitor alike; a person under their states and
    # institutions: ``cache.viewer_key``) until a financing write or a new revision of the project, so the cached
    # project page stays at a few queries.
    key = f"panel:{project.pk}:{project.revision}:{get_language()}"
    return cache.per_viewer(request.user, key, build)


def _sector_labels() -> dict[str, str]:
    return {str(k): str(v) for k, v in Project._meta.get_field("sector").choices or []}


def index(request: ScoRequest) -> HttpResponse:
    """The pipeline dashboard: the funding gap across approved projects by sector and by host state. Its body is
    rendered once for everyone who sees the same financing (``cache.per_viewer``) and kept until the next write."""
    currency = (request.GET.get("currency") or "USD").upper()
    if not is_currency(currency):
        currency = "USD"

    def body() -> str:
        p = selectors.pipeline(viewer=request.user, currency=currency)
        sectors = _sector_labels()
        states = {s.code: s for s in states_get(codes=[r.key for r in p.by_host], field="host")}
        chart = {
            "currency": currency,
            "labels": [sectors.get(r.key, r.key) for r in p.by_sector],
            "gap": [float(r.gap) if r.gap is not None else None for r in p.by_sector],
            "committed": [float(r.committed.amount) if r.committed.amount is not None else None for r in p.by_sector],
        }
        context = {"p": p, "sectors": sectors, "states": states, "chart": chart, "currency": currency}
        return str(render_to_string("financing/partials/_index_body.html", context, request=request))

    html = cache.per_viewer(request.user, f"page:index:{currency}:{get_language()}", body)
    return render(request, "financing/index.html", {"body": mark_safe(html)})


def institutions_page(request: ScoRequest) -> HttpResponse:
    """Every institution with its dated, sourced statuses: the same for everyone, rendered once (``INSTITUTIONS``)."""

    def body() -> str:
        context = {"institutions": selectors.institution_list()}
        return str(render_to_string("financing/partials/_institutions_body.html", context, request=request))

    html = fragments.cached(INSTITUTIONS, None, body, extra=members.today().isoformat(), timeout=3600)
    return render(request, "financing/institutions.html", {"body": mark_safe(html)})


def institution_page(request: ScoRequest, code: str) -> HttpResponse:
    """An institution's statuses, shares and portfolio; the body is kept as the pipeline's is."""

    def page() -> dict[str, str]:
        portfolio = selectors.portfolio(viewer=request.user, code=code)
        context = {"portfolio": portfolio, "view": portfolio.institution}
        body = render_to_string("financing/partials/_institution_body.html", context, request=request)
        return {"name": localized(portfolio.institution.institution, "name"), "body": str(body)}

    found = cache.per_viewer(request.user, f"page:institution:{code}:{get_language()}", page)
    context = {"title": found["name"], "body": mark_safe(found["body"])}
    return render(request, "financing/institution.html", context)


def rates_page(request: ScoRequest) -> HttpResponse:
    user = request.user
    is_secretariat = signed_in(user) and members.is_secretariat(user)
    form = RatesForm(request.POST or None, request.FILES or None)
    context = {
        "rates": selectors.rate_list(),
        "imports": selectors.rate_imports(),
        "form": form if is_secretariat else None,
    }
    if request.method != "POST":
        return render(request, "financing/rates.html", context)

    def action(cd: dict[str, Any]) -> Any:
        upload = cd["file"]
        text = upload.read().decode("utf-8-sig", errors="replace")
        if not isinstance(user, User):
            raise NotAuthenticated()
        return services.rates_import(
            actor=user,
            rows=csv.DictReader(io.StringIO(text)),
            source=cd["source"],
            file_name=upload.name,
        )

    return submit(
        request,
        form,
        action,
        template="financing/rates.html",
        context=context,
        success=lambda b: reverse("financing:rates"),
        message=lambda b: _("%(n)s rates imported.") % {"n": b.row_count},
    )


def iati_export(request: ScoRequest) -> HttpResponse:
    """IATI 2.03 activities of the public projects' financing (public entries only), a page of ``iati.PAGE_SIZE``
    projects per file (``?page=N``); the Link header names the next and previous pages."""
    return iati_response(request, reverse("financing:iati"))


def iati_response(request: ScoRequest, path: str) -> HttpResponse:
    page = iati.activities_page(
        base_url=request.build_absolute_uri("/").rstrip("/"), page=iati.page_number(request.GET.get("page"))
    )
    response = HttpResponse(page.body, content_type="application/xml; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="sco-financing-iati-{page.page}.xml"'
    links = []
    if page.page < page.pages:
        links.append(f'<{request.build_absolute_uri(path)}?page={page.page + 1}>; rel="next"')
    if page.page > 1:
        links.append(f'<{request.build_absolute_uri(path)}?page={page.page - 1}>; rel="prev"')
    if links:
        response["Link"] = ", ".join(links)
    response["X-Total-Pages"] = str(page.pages)
    return response
