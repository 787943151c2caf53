"""The HTML pages: thin views over the same services and selectors as the API."""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sco.core.errors import NotAuthenticated, NotFound, NotPermitted, ScoError
from sco.core.forms import add_service_errors
from sco.documents import charts, forms, permissions, search, selectors, services
from sco.documents.models import TREATY_KINDS, Area, Document, Language, ReportStatus, Status
from sco.documents.selectors import DocumentFilters

PAGE_SIZE = 20


def html_errors(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Not found (or not visible) is a 404 page; not permitted a 403; not signed in goes to the login page."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except NotFound as exc:
            raise Http404(exc.message) from exc
        except NotAuthenticated:
            return redirect_to_login(request.get_full_path())
        except NotPermitted as exc:
            raise PermissionDenied(exc.message) from exc

    return wrapper


def _filters(form: forms.SearchForm) -> DocumentFilters:
    d = form.cleaned_data if form.is_valid() else {}
    return DocumentFilters(
        kind=d.get("kind") or "",
        body=d.get("body") or "",
        area=d.get("area") or "",
        year=d.get("year"),
        status=d.get("status") or "",
    )


@html_errors
def index(request: HttpRequest) -> HttpResponse:
    form = forms.SearchForm(request.GET or None)
    filters = _filters(form)
    page = form.cleaned_data.get("page") or 1 if form.is_valid() else 1
    q = form.cleaned_data.get("q", "").strip() if form.is_valid() else ""
    context: dict[str, Any] = {"form": form, "q": q}
    if q:
        result = search.document_search(viewer=request.user, query=q, filters=filters, page=page)
        context.update(
            hits=result.hits, count=result.count, more=result.more, page=result.page, pages=result.pages, searching=True
        )
    else:
        qs = selectors.document_list(viewer=request.user, filters=filters)
        count = qs.count()
        pages = max(1, -(-count // PAGE_SIZE))
        page = min(page, pages)
        documents = list(qs[(page - 1) * PAGE_SIZE : page * PAGE_SIZE])
        context.update(documents=documents, count=count, page=page, pages=pages, searching=False)
    context["is_secretariat"] = permissions.is_secretariat(request.user)
    query = request.GET.copy()
    query.pop("page", None)
    context["query_string"] = query.urlencode()
    template = "documents/partials/_results.html" if getattr(request, "htmx", False) else "documents/index.html"
    return render(request, template, context)


@html_errors
def detail(request: HttpRequest, document_id: int) -> HttpResponse:
    document = selectors.document_get(viewer=request.user, document_id=document_id)
    is_sec = permissions.is_secretariat(request.user)
    texts = selectors.document_texts(document=document)
    behind = selectors.texts_out_of_step(document=document)
    for t in texts:
        t.owes = behind.get(t.language, [])  # type: ignore[attr-defined]
    context: dict[str, Any] = {
        "document": document,
        "texts": texts,
        "out_of_step": bool(behind),
        "is_secretariat": is_sec,
        "is_treaty": document.kind in TREATY_KINDS,
        "commitment_rows": selectors.commitment_rows(viewer=request.user, document=document),
        "text_form": forms.TextForm(owed=_owed_choices(behind)),
        # Not "languages": base.html's language switcher sets that name for the rest of the page.
        "export_languages": ["en", "ru", "zh"],
    }
    if is_sec:
        context["relation_form"] = forms.RelationForm()
    if document.kind in TREATY_KINDS:
        context["participants"] = selectors.participant_table(document=document)
        context["participation_form"] = forms.ParticipationForm()
        context["reservation_form"] = forms.ReservationForm()
    if is_sec and document.status in (Status.ADOPTED, Status.SIGNED, Status.IN_FORCE):
        context["commitment_form"] = forms.CommitmentForm(initial={"area": document.areas.all()[0].area}
                                                          if document.areas.all() else None)  # fmt: skip
    context.update(_adoption_context(request, document))
    if context.get("may_put_to_adoption"):
        from datetime import timedelta

        from django.utils import timezone

        deadline = timezone.localtime() + timedelta(days=7)
        context["adoption_form"] = forms.AdoptionForm(initial={"deadline": deadline.replace(microsecond=0)})
    return render(request, "documents/detail.html", context)


def _owed_choices(behind: dict[str, list[Any]]) -> list[tuple[int, str]]:
    return [
        (a.id, _("%(language)s text: the amendment to paragraph %(n)s of the %(from)s text")
         % {"language": Language(language).label, "n": a.paragraph_number, "from": Language(a.language).label})
        for language, amendments in sorted(behind.items()) for a in amendments
    ]  # fmt: skip


def _adoption_context(request: HttpRequest, document: Document) -> dict[str, Any]:
    from sco.documents import adoption

    return adoption.page_context(viewer=request.user, document=document)


@html_errors
@login_required
def create(request: HttpRequest) -> HttpResponse:
    form = forms.DocumentForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            d = form.cleaned_data
            try:
                document = services.document_create(
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
                messages.success(request, _("The draft was created."))
                return redirect("documents:detail", document_id=document.pk)
            except ScoError as exc:
                add_service_errors(form, exc)
        status = 422
    return render(request, "documents/form.html", {"form": form}, status=status)


def _back(document_id: int, anchor: str = "") -> HttpResponse:
    response = redirect("documents:detail", document_id=document_id)
    if anchor:
        response["Location"] += f"#{anchor}"
    return response


def _fail(request: HttpRequest, exc: ScoError) -> None:
    detail = "; ".join(f"{e}" for errs in exc.field_errors.values() for e in errs)
    messages.error(request, f"{exc.message} {detail}".strip())


@html_errors
@login_required
@require_POST
def upload(request: HttpRequest, document_id: int) -> HttpResponse:
    document = selectors.document_get(viewer=request.user, document_id=document_id)
    owed = _owed_choices(selectors.texts_out_of_step(document=document))
    form = forms.TextForm(request.POST, request.FILES, owed=owed)
    if not form.is_valid():
        for errs in form.errors.values():
            for e in errs:
                messages.error(request, str(e))
        return _back(document_id, "texts")
    d = form.cleaned_data
    upload_file = d.get("file")
    try:
        version = services.text_version_add(
            actor=request.user,
            document=document,
            language=d["language"],
            content=d.get("content") if not upload_file else None,
            data=upload_file.read(services_max_bytes() + 1) if upload_file else None,
            file_name=upload_file.name if upload_file else "",
            authentic=d.get("authentic"),
            note=d.get("note") or "",
            carries=d.get("carries") or [],
        )
    except ScoError as exc:
        _fail(request, exc)
        return _back(document_id, "texts")
    messages.success(request, _("Version %(n)s of the text was stored.") % {"n": version.number})
    return redirect("documents:text", document_id=document_id, lang=d["language"])


def services_max_bytes() -> int:
    return int(settings.SCO_MAX_UPLOAD_BYTES)


@html_errors
@login_required
@require_POST
def circulate(request: HttpRequest, document_id: int) -> HttpResponse:
    document = selectors.document_get(viewer=request.user, document_id=document_id)
    try:
        services.document_circulate(actor=request.user, document=document)
        messages.success(request, _("The draft was circulated to the delegations."))
    except ScoError as exc:
        _fail(request, exc)
    return _back(document_id)


@html_errors
def text(request: HttpRequest, document_id: int, lang: str) -> HttpResponse:
    text_obj = selectors.text_get(viewer=request.user, document_id=document_id, language=lang)
    number = request.GET.get("v")
    version = selectors.version_get(text=text_obj, number=int(number) if number and number.isdigit() else None)
    document = text_obj.document
    proposals = selectors.proposal_list(version=version)
    by_paragraph: dict[int, list[Any]] = defaultdict(list)
    for p in proposals:
        by_paragraph[p.paragraph_number].append(p)
    paragraphs = [(p, by_paragraph.get(p.number, [])) for p in selectors.paragraphs_of(version=version)]
    is_current = text_obj.current_version_id == version.pk
    states = (
        permissions.states_acted_for(request.user, body=document.body)
        if document.status == Status.UNDER_NEGOTIATION and is_current
        else []
    )
    is_sec = permissions.is_secretariat(request.user)
    return render(
        request,
        "documents/text.html",
        {
            "document": document,
            "text": text_obj,
            "version": version,
            "versions": selectors.version_list(text=text_obj),
            "paragraphs": paragraphs,
            "is_current": is_current,
            "proposal_form": forms.ProposalForm(
                states=states, initial={"languages": selectors.authentic_languages(document=document)}
            )
            if states
            else None,
            "is_secretariat": is_sec,
            "decision_form": forms.DecisionForm() if is_sec else None,
            "pending_applicable": any(
                p.status in ("accepted", "merged") and p.result_version_id is None for p in proposals
            ),
        },
    )


@html_errors
@login_required
@require_POST
def propose(request: HttpRequest, document_id: int, lang: str) -> HttpResponse:
    text_obj = selectors.text_get(viewer=request.user, document_id=document_id, language=lang)
    states = permissions.states_acted_for(request.user, body=text_obj.document.body)
    form = forms.ProposalForm(request.POST, states=states)
    if form.is_valid():
        d = form.cleaned_data
        try:
            services.proposal_submit(
                actor=request.user,
                version=selectors.version_get(text=text_obj),
                paragraph_number=d["paragraph_number"],
                kind=d["kind"],
                state=d["state"],
                comment=d["comment"],
                proposed_text=d["proposed_text"],
                languages=d["languages"],
            )
            messages.success(request, _("Your proposal was recorded."))
        except ScoError as exc:
            _fail(request, exc)
    else:
        for errs in form.errors.values():
            for e in errs:
                messages.error(request, str(e))
    return redirect("documents:text", document_id=document_id, lang=lang)


@html_errors
@login_required
@require_POST
def decide(request: HttpRequest, proposal_id: int) -> HttpResponse:
    proposal = selectors.proposal_get(viewer=request.user, proposal_id=proposal_id)
    form = forms.DecisionForm(request.POST)
    text_obj = proposal.version.text
    if form.is_valid():
        try:
            services.proposal_decide(actor=request.user, proposal=proposal, **form.cleaned_data)
            messages.success(request, _("The proposal was decided."))
        except ScoError as exc:
            _fail(request, exc)
    return redirect("documents:text", document_id=text_obj.document_id, lang=text_obj.language)


@html_errors
@login_required
@require_POST
def apply(request: HttpRequest, document_id: int, lang: str) -> HttpResponse:
    text_obj = selectors.text_get(viewer=request.user, document_id=document_id, language=lang)
    try:
        version = services.version_from_proposals(actor=request.user, text=text_obj, note=request.POST.get("note", ""))
        messages.success(request, _("Version %(n)s was made from the amendments.") % {"n": version.number})
    except ScoError as exc:
        _fail(request, exc)
    return redirect("documents:text", document_id=document_id, lang=lang)


@html_errors
def diff(request: HttpRequest, document_id: int, lang: str) -> HttpResponse:
    text_obj = selectors.text_get(viewer=request.user, document_id=document_id, language=lang)
    versions = selectors.version_list(text=text_obj)
    try:
        new = int(request.GET.get("new") or versions[0].number)
        old = int(request.GET.get("old") or max(1, new - 1))
    except (ValueError, IndexError):
        new = old = 1
    a = selectors.version_get(text=text_obj, number=old)
    b = selectors.version_get(text=text_obj, number=new)
    return render(
        request,
        "documents/diff.html",
        {"document": text_obj.document, "text": text_obj, "old": a, "new": b,
         "diff": selectors.version_diff(old=a, new=b), "versions": versions},
    )  # fmt: skip


@html_errors
@login_required
@require_POST
def participation(request: HttpRequest, document_id: int) -> HttpResponse:
    document = selectors.document_get(viewer=request.user, document_id=document_id)
    form = forms.ParticipationForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        try:
            services.participation_record(
                actor=request.user,
                document=document,
                state=d["state"],
                signed_on=d["signed_on"],
                signatory=d["signatory"],
                consent_kind=d["consent_kind"],
                consent_on=d["consent_on"],
                notified_on=d["notified_on"],
            )
            messages.success(request, _("Recorded."))
        except ScoError as exc:
            _fail(request, exc)
    else:
        messages.error(request, _("Check the dates."))
    return _back(document_id, "participants")


@html_errors
@login_required
@require_POST
def reservation(request: HttpRequest, document_id: int) -> HttpResponse:
    document = selectors.document_get(viewer=request.user, document_id=document_id)
    form = forms.ReservationForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        p = selectors.participation_of(document=document, state=d["state"])
        if p is None:
            messages.error(request, _("Record the state's signature first."))
        else:
            try:
                services.reservation_add(
                    actor=request.user, participation=p, kind=d["kind"], text=d["text"], made_on=d["made_on"]
                )
                messages.success(request, _("Recorded."))
            except ScoError as exc:
                _fail(request, exc)
    return _back(document_id, "participants")


@html_errors
@login_required
@require_POST
def commitment_create(request: HttpRequest, document_id: int) -> HttpResponse:
    document = selectors.document_get(viewer=request.user, document_id=document_id)
    form = forms.CommitmentForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        try:
            services.commitment_create(
                actor=request.user, document=document, **{**d, "states": list(d["states"]), "bodies": list(d["bodies"])}
            )
            messages.success(request, _("The commitment was recorded."))
        except ScoError as exc:
            _fail(request, exc)
    else:
        for errs in form.errors.values():
            for e in errs:
                messages.error(request, str(e))
    return _back(document_id, "commitments")


@html_errors
@login_required
def report(request: HttpRequest, commitment_id: int) -> HttpResponse:
    commitment = selectors.commitment_get(viewer=request.user, commitment_id=commitment_id)
    responsible = {s.pk for s in commitment.states.all()}
    states = [s for s in permissions.states_acted_for(request.user) if s.pk in responsible]
    form = forms.ReportForm(request.POST or None, states=states)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.report_file(actor=request.user, commitment=commitment, **form.cleaned_data)
                messages.success(request, _("Your report was filed."))
                return redirect("documents:dashboard")
            except ScoError as exc:
                add_service_errors(form, exc)
        status = 422
    rows = selectors.commitment_rows(viewer=request.user, document=commitment.document)
    row = next(r for r in rows if r.commitment.pk == commitment.pk)
    return render(
        request, "documents/report.html", {"commitment": commitment, "row": row, "form": form, "states": states},
        status=status,
    )  # fmt: skip


@html_errors
def dashboard(request: HttpRequest) -> HttpResponse:
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


@html_errors
@login_required
@require_POST
def put_to_adoption(request: HttpRequest, document_id: int) -> HttpResponse:
    from sco.documents import adoption

    document = selectors.document_get(viewer=request.user, document_id=document_id)
    form = forms.AdoptionForm(request.POST)
    if form.is_valid():
        try:
            adoption.document_put_to_adoption(actor=request.user, document=document, **form.cleaned_data)
            messages.success(request, _("The adoption procedure is open."))
        except ScoError as exc:
            _fail(request, exc)
    else:
        for errs in form.errors.values():
            for e in errs:
                messages.error(request, str(e))
    return _back(document_id, "adoption")


@html_errors
@login_required
@require_POST
def close_procedure(request: HttpRequest, document_id: int, decision_id: int) -> HttpResponse:
    """Stores the outcome of the document's adoption procedure (the decisions part decides it)."""
    from sco.decisions import selectors as decisions
    from sco.decisions import services as decision_services

    document = selectors.document_get(viewer=request.user, document_id=document_id)
    decision = decisions.decision_get(viewer=request.user, decision_id=decision_id)
    if decision.subject_id != document.pk:
        raise Http404()
    try:
        decision = decision_services.decision_close(actor=request.user, decision=decision)  # type: ignore[arg-type]
        messages.success(request, _("The procedure is closed: %(status)s.") % {"status": decision.get_status_display()})
    except ScoError as exc:
        _fail(request, exc)
    return _back(document_id, "adoption")


@html_errors
@login_required
@require_POST
def relate(request: HttpRequest, document_id: int) -> HttpResponse:
    document = selectors.document_get(viewer=request.user, document_id=document_id)
    form = forms.RelationForm(request.POST)
    if form.is_valid():
        try:
            target = selectors.document_get(viewer=request.user, document_id=form.cleaned_data["target"])
            services.document_relate(actor=request.user, source=document, target=target, kind=form.cleaned_data["kind"])
            messages.success(request, _("Recorded."))
        except ScoError as exc:
            _fail(request, exc)
    else:
        for errs in form.errors.values():
            for e in errs:
                messages.error(request, str(e))
    return _back(document_id)
