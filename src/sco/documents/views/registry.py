"""The registry's own pages: the list and search, a new draft, the implementation dashboard, a report form."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from sco.core import doors, fragments
from sco.core.http import ScoRequest, SignedInRequest
from sco.documents import charts, forms, permissions, search, selectors, services
from sco.documents.models import Area, Document, ReportStatus
from sco.documents.selectors import DocumentFilters

PAGE_SIZE = 20
RESULTS = "documents.results"  # a kept fragment (core.fragments), renewed by every write of a document or a body


def _filters(form: forms.SearchForm) -> DocumentFilters:
    d = form.cleaned_data if form.is_valid() else {}
    return DocumentFilters(
        kind=d.get("kind") or "",
        body=d.get("body") or "",
        area=d.get("area") or "",
        year=d.get("year"),
        status=d.get("status") or "",
    )


def index(request: ScoRequest) -> HttpResponse:
    def parts() -> dict[str, str]:
        form = forms.SearchForm(request.GET or None)
        filters = _filters(form)
        page = form.cleaned_data.get("page") or 1 if form.is_valid() else 1
        q = form.cleaned_data.get("q", "").strip() if form.is_valid() else ""
        query = request.GET.copy()
        query.pop("page", None)
        context: dict[str, Any] = {"q": q, "query_string": query.urlencode()}
        if q:
            found = search.document_search(viewer=request.user, query=q, filters=filters, page=page)
            context.update(
                hits=found.hits, count=found.count, more=found.more, page=found.page, pages=found.pages, searching=True
            )
        else:
            qs = selectors.document_list(viewer=request.user, filters=filters)
            count = qs.count()
            pages = max(1, -(-count // PAGE_SIZE))
            shown = min(page, pages)
            documents = list(qs[(shown - 1) * PAGE_SIZE : shown * PAGE_SIZE])
            context.update(documents=documents, count=count, page=shown, pages=pages, searching=False)
        return {
            "results": render_to_string("documents/partials/_results.html", context, request=request),
            "form": render_to_string("documents/partials/_search_form.html", {"form": form, "q": q}, request=request),
        }

    # The search form and its results are the same for everyone who sees the same documents (permissions.audience)
    # and asks the same, until a document or a body is written: kept per audience and query string (core.fragments),
    # so a request that finds them reads neither the bodies nor the index.
    extra = f"{permissions.audience(request.user)}:{request.GET.urlencode()}"
    kept = fragments.cached(RESULTS, None, parts, extra=extra, timeout=300)
    if doors.is_htmx(request):
        return HttpResponse(mark_safe(kept["results"]))
    context = {
        "search_form": mark_safe(kept["form"]),
        "results": mark_safe(kept["results"]),
        "is_secretariat": permissions.is_secretariat(request.user),
    }
    return render(request, "documents/index.html", context)


@login_required
def create(request: SignedInRequest) -> HttpResponse:
    form = forms.DocumentForm(request.POST or None)

    def create(d: dict[str, Any]) -> Document:
        return services.document_create(
            actor=request.user,
            kind=d["kind"],
            title_en=d["title_en"],
            title_ru=d["title_ru"],
            title_zh=d["title_zh"],
            reference_number=d["reference_number"],
            body=d["body"],
            valid_from_year=d["valid_from_year"],
            valid_to_year=d["valid_to_year"],
            areas=d["areas"],
            parties=list(d["parties"]),
            eif_rule=d["eif_rule"],
            eif_count=d["eif_count"],
            eif_days=d["eif_days"] or 0,
            sources=d["sources"],
        )

    return doors.submit(
        request,
        form,
        create,
        template="documents/form.html",
        success=lambda document: reverse("documents:detail", args=[document.pk]),
        message=_("The draft was created."),
    )


@login_required
def report(request: SignedInRequest, commitment_id: int) -> HttpResponse:
    commitment = selectors.commitment_get(viewer=request.user, commitment_id=commitment_id)
    responsible = {s.pk for s in commitment.states.all()}
    states = [s for s in permissions.states_acted_for(request.user) if s.pk in responsible]
    form = forms.ReportForm(request.POST or None, states=states)
    rows = selectors.commitment_rows(viewer=request.user, document=commitment.document)
    row = next(r for r in rows if r.commitment.pk == commitment.pk)
    return doors.submit(
        request,
        form,
        lambda d: services.report_file(actor=request.user, commitment=commitment, **d),
        template="documents/report.html",
        context={"commitment": commitment, "row": row, "states": states},
        success=lambda _report: reverse("documents:dashboard"),
        message=_("Your report was filed."),
    )


def dashboard(request: ScoRequest) -> HttpResponse:
    d = selectors.dashboard(viewer=request.user)

    def bars(tallies: list[selectors.Tally]) -> list[charts.Bar]:
        return [
            charts.Bar(
                t.label,
                [
                    charts.Segment(_("Completed"), t.completed, "seg-done"),
                    charts.Segment(_("Overdue"), t.overdue, "seg-overdue"),
                    charts.Segment(_("Open"), max(0, t.total - t.completed - t.overdue), "seg-open"),
                ],
            )
            for t in tallies
        ]

    context = {
        "d": d,
        "chart_documents": charts.stacked_bars(bars(d.by_document), title=_("Commitments by document")),
        "chart_states": charts.stacked_bars(bars(d.by_state), title=_("Commitments by state")),
        "chart_areas": charts.stacked_bars(bars(d.by_area), title=_("Commitments by area")),
        "report_statuses": [(s, label, d.status_counts.get(s, 0)) for s, label in ReportStatus.choices]
        + [("no_report", _("No report yet"), d.status_counts.get("no_report", 0))],
        "areas": dict(Area.choices),
    }
    return render(request, "documents/dashboard.html", context)
