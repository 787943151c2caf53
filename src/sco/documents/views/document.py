"""A document's page and the forms posted from it: texts, circulation, relations, adoption, signatures,
reservations and commitments. A refused form shows the page again with its errors (core.doors)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django import forms as django_forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sco.core.errors import InvalidInput
from sco.core.http import ScoRequest, SignedInRequest
from sco.documents import adoption, errors, forms, permissions, selectors, services
from sco.documents.concordance import AppliedAmendment
from sco.documents.models import TREATY_KINDS, Document, Language, Status
from sco.documents.views.common import act


def detail(request: ScoRequest, document_id: int) -> HttpResponse:
    document = selectors.document_get(viewer=request.user, document_id=document_id)
    return _page(request, document)


def _page(
    request: ScoRequest | SignedInRequest, document: Document, *, status: int = 200, **bound: django_forms.Form
) -> HttpResponse:
    """The document's page; `bound` are the forms to show as posted (with their errors) instead of empty ones."""
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
        areas = document.areas.all()
        context["commitment_form"] = forms.CommitmentForm(initial={"area": areas[0].area} if areas else None)
    context.update(adoption.page_context(viewer=request.user, document=document))
    if context.get("may_put_to_adoption"):
        deadline = timezone.localtime() + timedelta(days=7)
        context["adoption_form"] = forms.AdoptionForm(initial={"deadline": deadline.replace(microsecond=0)})
    for name, form in bound.items():
        if name in context:
            context[name] = form
    return render(request, "documents/detail.html", context, status=status)


def _owed_choices(behind: dict[str, list[AppliedAmendment]]) -> list[tuple[int, str]]:
    return [
        (a.id, _("%(language)s text: the amendment to paragraph %(n)s of the %(from)s text")
         % {"language": Language(language).label, "n": a.paragraph_number, "from": Language(a.language).label})
        for language, amendments in sorted(behind.items()) for a in amendments
    ]  # fmt: skip


def _back(document: Document, anchor: str = "") -> str:
    url = reverse("documents:detail", args=[document.pk])
    return f"{url}#{anchor}" if anchor else url


def _on_page(
    request: SignedInRequest,
    document: Document,
    form: django_forms.Form | None,
    action: Any,
    *,
    message: Any,
    anchor: str = "",
    form_name: str = "",
    success: Any = None,
) -> HttpResponse:
    """`act` for a form of the document's page: back to the page (at `anchor`), or the page again with the form."""
    bound = {form_name: form} if form is not None and form_name else {}
    return act(
        request,
        form,
        action,
        success=success or (lambda _result: _back(document, anchor)),
        message=message,
        page=lambda status: _page(request, document, status=status, **bound),
    )


@login_required
@require_POST
def upload(request: SignedInRequest, document_id: int) -> HttpResponse:
    document = selectors.document_get(viewer=request.user, document_id=document_id)
    owed = _owed_choices(selectors.texts_out_of_step(document=document))
    form = forms.TextForm(request.POST, request.FILES, owed=owed)

    def store(d: dict[str, Any]) -> Any:
        upload_file = d.get("file")
        return services.text_version_add(
            actor=request.user,
            document=document,
            language=d["language"],
            content=d.get("content") if not upload_file else None,
            data=upload_file.read(int(settings.SCO_MAX_UPLOAD_BYTES) + 1) if upload_file else None,
            file_name=upload_file.name if upload_file else "",
            authentic=d.get("authentic"),
            note=d.get("note") or "",
            carries=d.get("carries") or [],
        )

    return _on_page(
        request, document, form, store, form_name="text_form",
        message=lambda version: _("Version %(n)s of the text was stored.") % {"n": version.number},
        success=lambda version: reverse("documents:text", args=[document.pk, version.text.language]),
    )  # fmt: skip


@login_required
@require_POST
def circulate(request: SignedInRequest, document_id: int) -> HttpResponse:
    document = selectors.document_get(viewer=request.user, document_id=document_id)
    return _on_page(
        request, document, None, lambda _d: services.document_circulate(actor=request.user, document=document),
        message=_("The draft was circulated to the delegations."),
    )  # fmt: skip


@login_required
@require_POST
def relate(request: SignedInRequest, document_id: int) -> HttpResponse:
    document = selectors.document_get(viewer=request.user, document_id=document_id)

    def relate(d: dict[str, Any]) -> Any:
        target = selectors.document_get(viewer=request.user, document_id=d["target"])
        return services.document_relate(actor=request.user, source=document, target=target, kind=d["kind"])

    return _on_page(
        request, document, forms.RelationForm(request.POST), relate, form_name="relation_form", message=_("Recorded.")
    )


@login_required
@require_POST
def put_to_adoption(request: SignedInRequest, document_id: int) -> HttpResponse:
    document = selectors.document_get(viewer=request.user, document_id=document_id)
    return _on_page(
        request, document, forms.AdoptionForm(request.POST),
        lambda d: adoption.document_put_to_adoption(actor=request.user, document=document, **d),
        form_name="adoption_form", anchor="adoption", message=_("The adoption procedure is open."),
    )  # fmt: skip


@login_required
@require_POST
def close_procedure(request: SignedInRequest, document_id: int, decision_id: int) -> HttpResponse:
    """Stores the outcome of the document's adoption procedure (the decisions part decides it)."""
    from sco.decisions import selectors as decisions
    from sco.decisions import services as decision_services

    document = selectors.document_get(viewer=request.user, document_id=document_id)
    decision = decisions.decision_get(viewer=request.user, decision_id=decision_id)
    if decision.subject_id != document.pk:
        raise errors.DocumentNotFound()
    return _on_page(
        request, document, None, lambda _d: decision_services.decision_close(actor=request.user, decision=decision),
        anchor="adoption",
        message=lambda closed: _("The procedure is closed: %(status)s.") % {"status": closed.get_status_display()},
    )  # fmt: skip


@login_required
@require_POST
def participation(request: SignedInRequest, document_id: int) -> HttpResponse:
    document = selectors.document_get(viewer=request.user, document_id=document_id)
    return _on_page(
        request, document, forms.ParticipationForm(request.POST),
        lambda d: services.participation_record(actor=request.user, document=document, **d),
        form_name="participation_form", anchor="participants", message=_("Recorded."),
    )  # fmt: skip


@login_required
@require_POST
def reservation(request: SignedInRequest, document_id: int) -> HttpResponse:
    document = selectors.document_get(viewer=request.user, document_id=document_id)

    def add(d: dict[str, Any]) -> Any:
        p = selectors.participation_of(document=document, state=d["state"])
        if p is None:
            raise InvalidInput(field_errors={"state": [_("Record the state's signature first.")]})
        return services.reservation_add(
            actor=request.user, participation=p, kind=d["kind"], text=d["text"], made_on=d["made_on"]
        )

    return _on_page(
        request, document, forms.ReservationForm(request.POST), add,
        form_name="reservation_form", anchor="participants", message=_("Recorded."),
    )  # fmt: skip


@login_required
@require_POST
def commitment_create(request: SignedInRequest, document_id: int) -> HttpResponse:
    document = selectors.document_get(viewer=request.user, document_id=document_id)
    return _on_page(
        request, document, forms.CommitmentForm(request.POST),
        lambda d: services.commitment_create(
            actor=request.user, document=document, **{**d, "states": list(d["states"]), "bodies": list(d["bodies"])}
        ),
        form_name="commitment_form", anchor="commitments", message=_("The commitment was recorded."),
    )  # fmt: skip
