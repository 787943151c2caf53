"""A text's pages: one version with its paragraphs and proposals, the forms posted from it (propose, decide,
apply), and the difference between two versions."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django import forms as django_forms
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sco.core.http import ScoRequest, SignedInRequest
from sco.documents import forms, permissions, selectors, services
from sco.documents.models import DocumentText, Proposal, Status
from sco.documents.views.common import act


def text(request: ScoRequest, document_id: int, lang: str) -> HttpResponse:
    text_obj = selectors.text_get(viewer=request.user, document_id=document_id, language=lang)
    number = request.GET.get("v")
    return _page(request, text_obj, number=int(number) if number and number.isdigit() else None)


def _page(
    request: ScoRequest | SignedInRequest,
    text_obj: DocumentText,
    *,
    number: int | None = None,
    status: int = 200,
    proposal_form: django_forms.Form | None = None,
) -> HttpResponse:
    version = selectors.version_get(text=text_obj, number=number)
    document = text_obj.document
    proposals = selectors.proposal_list(version=version)
    by_paragraph: dict[int, list[Proposal]] = defaultdict(list)
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
    if states and proposal_form is None:
        proposal_form = forms.ProposalForm(
            states=states, initial={"languages": selectors.authentic_languages(document=document)}
        )
    context = {
        "document": document,
        "text": text_obj,
        "version": version,
        "versions": selectors.version_list(text=text_obj),
        "paragraphs": paragraphs,
        "is_current": is_current,
        "proposal_form": proposal_form if states else None,
        "is_secretariat": is_sec,
        "decision_form": forms.DecisionForm() if is_sec else None,
        "pending_applicable": any(
            p.status in ("accepted", "merged") and p.result_version_id is None for p in proposals
        ),
    }
    return render(request, "documents/text.html", context, status=status)


def _back(text_obj: DocumentText) -> str:
    return reverse("documents:text", args=[text_obj.document_id, text_obj.language])


@login_required
@require_POST
def propose(request: SignedInRequest, document_id: int, lang: str) -> HttpResponse:
    text_obj = selectors.text_get(viewer=request.user, document_id=document_id, language=lang)
    states = permissions.states_acted_for(request.user, body=text_obj.document.body)
    form = forms.ProposalForm(request.POST, states=states)
    return act(
        request,
        form,
        lambda d: services.proposal_submit(actor=request.user, version=selectors.version_get(text=text_obj), **d),
        success=lambda _proposal: _back(text_obj),
        message=_("Your proposal was recorded."),
        page=lambda status: _page(request, text_obj, status=status, proposal_form=form),
    )


@login_required
@require_POST
def decide(request: SignedInRequest, proposal_id: int) -> HttpResponse:
    proposal = selectors.proposal_get(viewer=request.user, proposal_id=proposal_id)
    text_obj = proposal.version.text
    # One decision form is drawn for every pending proposal: its errors are said above the page.
    return act(
        request,
        forms.DecisionForm(request.POST),
        lambda d: services.proposal_decide(actor=request.user, proposal=proposal, **d),
        success=lambda _proposal: _back(text_obj),
        message=_("The proposal was decided."),
        page=lambda status: _page(request, text_obj, status=status),
        inline=False,
    )


@login_required
@require_POST
def apply(request: SignedInRequest, document_id: int, lang: str) -> HttpResponse:
    text_obj = selectors.text_get(viewer=request.user, document_id=document_id, language=lang)
    note = request.POST.get("note", "")
    return act(
        request,
        None,
        lambda _d: services.version_from_proposals(actor=request.user, text=text_obj, note=note),
        success=lambda _version: _back(text_obj),
        message=lambda version: _("Version %(n)s was made from the amendments.") % {"n": version.number},
        page=lambda status: _page(request, text_obj, status=status),
    )


def diff(request: ScoRequest, document_id: int, lang: str) -> HttpResponse:
    text_obj = selectors.text_get(viewer=request.user, document_id=document_id, language=lang)
    versions = selectors.version_list(text=text_obj)
    try:
        new = int(request.GET.get("new") or versions[0].number)
        old = int(request.GET.get("old") or max(1, new - 1))
    except (ValueError, IndexError):
        new = old = 1
    a = selectors.version_get(text=text_obj, number=old)
    b = selectors.version_get(text=text_obj, number=new)
    context: dict[str, Any] = {
        "document": text_obj.document, "text": text_obj, "old": a, "new": b,
        "diff": selectors.version_diff(old=a, new=b), "versions": versions,
    }  # fmt: skip
    return render(request, "documents/diff.html", context)
